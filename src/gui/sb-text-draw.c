/* sb-text-draw.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text-draw"

#include "config.h"

#include "sb-text-draw.h"

int
sb_text_line_height (PangoContext               *context,
                     const PangoFontDescription *font,
                     int                        *char_width)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);
  int height = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_height (metrics),
                                       pango_font_metrics_get_ascent (metrics) +
                                       pango_font_metrics_get_descent (metrics)));

  if (char_width != NULL)
    *char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                       pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  return height;
}

void
sb_text_snapshot_at (GtkSnapshot   *snapshot,
                     PangoLayout   *layout,
                     int            x,
                     int            y,
                     const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}
