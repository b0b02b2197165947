/* sb-bench-window.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#include "config.h"

#include "sb-bench-window.h"

GtkWindow *
sb_bench_window_start (GApplication *app,
                       GSourceFunc   start,
                       gpointer      data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  gtk_window_set_default_size (window, 1024, 768);
  /* Give the window a second to map and settle, as a person would. */
  g_timeout_add (1000, start, data);

  return window;
}
