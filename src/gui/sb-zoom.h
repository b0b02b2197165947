/* sb-zoom.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sb_zoom_load   (GtkCssProvider *css,
                     int             zoom);
void sb_zoom_follow (GtkWidget      *window,
                     GSettings      *settings);

G_END_DECLS
