/* sb-bench-window.h — the window benchmarks' start
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For an "activate" handler run after the application's own: the window
 * it opened, at the projector's 1024x768, with @start called once a
 * second later, when the window has mapped and settled. */
GtkWindow *sb_bench_window_start (GApplication *app,
                                  GSourceFunc   start,
                                  gpointer      data);

G_END_DECLS
