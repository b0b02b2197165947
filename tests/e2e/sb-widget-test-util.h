/* sb-widget-test-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget-level tests (test-*.c in this folder) share: finding
 * widgets in a window, letting it paint, saving it as a PNG.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sb_widget_test_load_style  (void);
void sb_widget_test_collect     (GtkWidget  *root,
                                 GType       type,
                                 GPtrArray  *found);
void sb_widget_test_wait_frames (GtkWidget  *widget,
                                 guint       n);
void sb_widget_test_save_png    (GtkWidget  *window,
                                 const char *path);

G_END_DECLS
