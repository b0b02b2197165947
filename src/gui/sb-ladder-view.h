/* sb-ladder-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-ladder.h"
#include "sb-types.h"

G_BEGIN_DECLS

/* Events the ladder takes in per frame while it catches up. */
#define SB_LADDER_VIEW_BATCH 20000
/* Rows a hidden view keeps (about 44 bytes each): past that, hiding it
 * drops them, and showing it again builds them anew, with the progress. */
#define SB_LADDER_VIEW_KEEP_ROWS 1000000

#define SB_TYPE_LADDER_VIEW (sb_ladder_view_get_type ())

G_DECLARE_FINAL_TYPE (SbLadderView, sb_ladder_view, SB, LADDER_VIEW, GtkWidget)

/* The log as a sequence diagram: one row per event, time going down, a
 * lifeline per socket, arrows from each send to the recv calls that got
 * its bytes.  A GtkScrollable: put it in a GtkScrolledWindow.  Only the
 * rows in view are drawn; each arrow in view is a child button whose
 * accessible name says what it joins ("send 11 bytes → recv 11 bytes").
 *
 * Property "capture" (SbCapture *, read-write).
 * Property "selected-index" (guint, the capture index of the selected
 * event or GTK_INVALID_LIST_POSITION; read-write, shared with the List). */

GtkWidget  *sb_ladder_view_new                (void);
/* A scrolled window holding a new ladder view, which *@view receives, in
 * an overlay that shows how far the diagram is built while it catches up. */
GtkWidget  *sb_ladder_view_new_scrolled       (SbLadderView **view);
SbCapture  *sb_ladder_view_get_capture        (SbLadderView  *self);
void        sb_ladder_view_set_capture        (SbLadderView  *self,
                                               SbCapture     *capture);
/* The diagram (transfer none), NULL without a capture.  Its rows are
 * built only while the view shows (mapped), SB_LADDER_VIEW_BATCH events
 * at once and then per frame; hidden, it keeps them (up to keep-rows)
 * and takes in nothing until it shows again (sb_ladder_new_lazy()). */
SbLadder   *sb_ladder_view_get_ladder         (SbLadderView  *self);
/* SB_LADDER_VIEW_KEEP_ROWS unless changed (tests). */
guint       sb_ladder_view_get_keep_rows      (SbLadderView  *self);
void        sb_ladder_view_set_keep_rows      (SbLadderView  *self,
                                               guint          keep_rows);
guint       sb_ladder_view_get_selected_index (SbLadderView  *self);
void        sb_ladder_view_set_selected_index (SbLadderView  *self,
                                               guint          index);

G_END_DECLS
