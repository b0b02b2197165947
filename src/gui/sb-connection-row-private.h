/* sb-connection-row-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-connection-row.h"
#include "sb-stream.h"
#include "sb-throttle.h"

G_BEGIN_DECLS

typedef enum
{
  PART_PEER,
  PART_STATE,
  PART_TCP,
  PART_IN,
  PART_OUT,
  N_PARTS
} Part;

struct _SbConnectionRow
{
  GtkWidget     parent_instance;

  /* What the row shows, drawn by itself: a burst of connections binds a
   * list's worth of rows (GtkListView keeps two hundred) with each batch,
   * and GtkLabels cost that many widgets, style nodes and measures. */
  char         *texts[N_PARTS];
  char         *label;             /* the accessible label: the texts, in order */
  const char   *description;       /* the accessible description: the TCP state explained */
  PangoLayout  *layouts[N_PARTS];  /* made when drawn, dropped when the text changes */
  GdkRectangle  areas[N_PARTS];    /* where each part was drawn, for its tooltip */
  const char   *tone_color;        /* the state pill's named colour (interned), or NULL */
  gboolean      summary;           /* the first line only */

  /* of the fonts, for the font they were taken for */
  PangoFontDescription *font;
  PangoFontDescription *peer_font;
  PangoFontDescription *state_font;
  PangoFontDescription *detail_font;  /* the line below: TCP state, bytes in and out */
  int           peer_height;     /* pixels */
  int           state_height;
  int           detail_height;
  int           peer_char_width;  /* pango units */
  int           state_char_width;

  /* owned */
  SbStream     *stream;
  SbThrottle    counter_throttle;
};

/* sb-connection-row-draw.c: drawing, measuring (from the fonts alone) and
 * tooltips; sets the class's snapshot, measure, get_request_mode and
 * query_tooltip. */
void     _sb_connection_row_class_draw_init (GtkWidgetClass  *widget_class);
void     _sb_connection_row_clear_layouts   (SbConnectionRow *self);
void     _sb_connection_row_clear_fonts     (SbConnectionRow *self);
/* Takes the fonts' measures again when the font changed (a zoom, a new
 * system font); returns whether it did. */
gboolean _sb_connection_row_update_metrics  (SbConnectionRow *self);

G_END_DECLS
