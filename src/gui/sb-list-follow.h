/* sb-list-follow.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps a GtkListView in a GtkScrolledWindow on its newest row while rows
 * arrive, as the event log does: following stops when the user scrolls up
 * and starts again at the bottom; the list's own re-estimates while rows
 * arrive do not count.  @changed (may be NULL) runs when following starts
 * or stops, to show or hide a "Jump to newest" button. */
typedef struct
{
  GtkListView       *list_view;
  GtkScrolledWindow *scroller;
  void             (*changed) (gpointer data);
  gpointer           data;

  gboolean           following;
  double             last_value;
  gboolean           stick_pending;
  gboolean           layout_changed;  /* "changed" since the last layout */
  GdkFrameClock     *frame_clock;
  gulong             layout_handler;
} SbListFollow;

void     sb_list_follow_init          (SbListFollow      *follow,
                                       GtkListView       *list_view,
                                       GtkScrolledWindow *scroller,
                                       void             (*changed) (gpointer data),
                                       gpointer           data);
/* From the owner's map and unmap: the frame clock's layout phase. */
void     sb_list_follow_map           (SbListFollow      *follow,
                                       GtkWidget         *widget);
void     sb_list_follow_unmap         (SbListFollow      *follow);
/* For the owner's dispose, before the scrolled window goes. */
void     sb_list_follow_clear         (SbListFollow      *follow);
/* From the owner's items-changed handler of the list's model. */
void     sb_list_follow_items_changed (SbListFollow      *follow,
                                       guint              n_items,
                                       guint              added);
void     sb_list_follow_jump          (SbListFollow      *follow);
void     sb_list_follow_stop          (SbListFollow      *follow);
gboolean sb_list_follow_is_following  (SbListFollow      *follow);

G_END_DECLS
