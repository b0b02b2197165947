/* sb-ladder-view-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-ladder.h"
#include "sb-ladder-view.h"

G_BEGIN_DECLS

/* A column is at least this many characters wide: four lifelines fit
 * beside the inspector at 1024×768 and 150 %. */
#define SB_LADDER_MIN_COLUMN_CHARS 12

/* SbLadderView is split by concern: sb-ladder-view.c (the widget,
 * scrolling, selection, input), sb-ladder-view-arrows.c (the arrows in
 * view as child buttons), sb-ladder-view-catch-up.c (building the rows
 * while shown) and sb-ladder-view-draw.c (geometry and the snapshot). */
struct _SbLadderView
{
  GtkWidget            parent_instance;

  /* owned */
  SbCapture           *capture;
  SbLadder            *ladder;
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  GHashTable          *buttons;        /* arrow index → GtkButton, parented */
  GPtrArray           *spare_buttons;  /* unparented, for reuse */
  GArray              *scratch;        /* guint, for lookups */
  GtkProgressBar      *progress;       /* weak: over the scroller, while catching up */
  GtkLabel            *progress_label; /* weak: above it, what it says */

  GtkScrollablePolicy  hscroll_policy;
  GtkScrollablePolicy  vscroll_policy;
  guint                selected;
  guint                sync_tick;
  guint                catch_up_tick;  /* while the ladder has events waiting */
  guint                keep_rows;      /* while hidden */

  /* following the newest row, as the List does */
  gboolean             following;
  double               last_value;
  gboolean             configuring;
  gboolean             reveal_selected;  /* selected while hidden: scroll to it when shown */

  /* of the font, taken when the pango context changed */
  guint                context_serial;
  int                  line_height;
  int                  char_width;
  int                  row_height;
  int                  header_height;
  int                  column_width;
};

/* sb-ladder-view-arrows.c */
/* One button per arrow whose label is in view, and no others. */
void     _sb_ladder_view_sync_buttons    (SbLadderView        *self);
/* The same at the next frame's update, before its layout. */
void     _sb_ladder_view_queue_sync      (SbLadderView        *self);
void     _sb_ladder_view_release_buttons (SbLadderView        *self);
/* Allocates each button over its arrow's middle, for a view @width wide. */
void     _sb_ladder_view_place_buttons   (SbLadderView        *self,
                                          int                  width);

/* sb-ladder-view-catch-up.c */
/* Takes in a batch of the waiting events now and the rest a batch per
 * frame, while mapped. */
void       _sb_ladder_view_catch_up          (SbLadderView *self);
void       _sb_ladder_view_stop_catching_up  (SbLadderView *self);
/* The bar over the scroller that says how far it got (hidden meanwhile). */
GtkWidget *_sb_ladder_view_new_progress      (SbLadderView *self);

/* sb-ladder-view-draw.c */
/* Takes the font's measures again when it changed; returns whether. */
gboolean _sb_ladder_view_update_metrics (SbLadderView        *self);
guint    _sb_ladder_view_n_columns      (SbLadderView        *self);
/* Rows at least partly in view, or FALSE when none. */
gboolean _sb_ladder_view_visible_rows   (SbLadderView        *self,
                                         guint               *first,
                                         guint               *last);
/* The row at @y (widget coordinates), or SB_LADDER_NONE. */
guint    _sb_ladder_view_row_at         (SbLadderView        *self,
                                         double               y);
/* Where the label of @arrow goes: its middle point, and the width it may take. */
void     _sb_ladder_view_arrow_anchor   (SbLadderView        *self,
                                         const SbLadderArrow *arrow,
                                         double              *x,
                                         double              *y,
                                         double              *max_width);
double   _sb_ladder_view_row_center     (SbLadderView        *self,
                                         guint                row);
void     _sb_ladder_view_snapshot       (GtkWidget           *widget,
                                         GtkSnapshot         *snapshot);

G_END_DECLS
