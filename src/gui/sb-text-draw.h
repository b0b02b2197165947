/* sb-text-draw.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the rows that draw their own text share (the event log's and the
 * connections'): a list keeps two hundred of them, so they size
 * themselves from their fonts, never from their texts, and lay a text out
 * only when they draw it. */

/* Pixels from the top of one line of @font (NULL: @context's own) to the
 * next; *@char_width (may be NULL) receives the wider of its average
 * character and digit, in pango units. */
int  sb_text_line_height    (PangoContext               *context,
                             const PangoFontDescription *font,
                             int                        *char_width);

/* Appends @layout to @snapshot with its top left corner at (@x, @y). */
void sb_text_snapshot_at    (GtkSnapshot                *snapshot,
                             PangoLayout                *layout,
                             int                         x,
                             int                         y,
                             const GdkRGBA              *color);

G_END_DECLS
