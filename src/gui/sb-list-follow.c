/* sb-list-follow.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-list-follow"

#include "config.h"

#include "sb-list-follow.h"

static void
notify_changed (SbListFollow *follow)
{
  if (follow->changed != NULL)
    follow->changed (follow->data);
}

static gboolean
is_at_bottom (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
         >= gtk_adjustment_get_upper (adj) - 2.0;
}

static void
scroll_to_newest (SbListFollow *follow)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (follow->list_view));
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (follow->list_view), "list.scroll-to-item", "u", n - 1);
}

/* Only the user moving up stops following.  The list moves the value
 * itself when its size or its rows change (a message above it hides and
 * new rows arrive in the same frame: the value drops and the bottom is
 * out of sight); that comes with "changed", in the layout phase, and
 * does not count. */
static void
value_changed_cb (GtkAdjustment *adj,
                  SbListFollow  *follow)
{
  double value = gtk_adjustment_get_value (adj);

  if (is_at_bottom (adj))
    follow->following = TRUE;
  else if (value < follow->last_value && !follow->layout_changed)
    follow->following = FALSE;
  follow->last_value = value;
  notify_changed (follow);
}

/* The list learns the height of new rows only when it lays them out;
 * then a following view goes on to the very end, after the window's
 * layout, within the same frame. */
static void
adjustment_changed_cb (GtkAdjustment *adj,
                       SbListFollow  *follow)
{
  follow->layout_changed = TRUE;
  if (follow->following && !is_at_bottom (adj))
    follow->stick_pending = TRUE;
}

static void
frame_layout_cb (GdkFrameClock *clock,
                 SbListFollow  *follow)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (follow->scroller);

  /* What moves the value from now until the next layout is the user. */
  follow->layout_changed = FALSE;
  if (!follow->stick_pending)
    return;

  follow->stick_pending = FALSE;
  if (follow->following && !is_at_bottom (adj))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj)
                                   - gtk_adjustment_get_page_size (adj));
}

void
sb_list_follow_init (SbListFollow      *follow,
                     GtkListView       *list_view,
                     GtkScrolledWindow *scroller,
                     void             (*changed) (gpointer data),
                     gpointer           data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

  g_return_if_fail (follow != NULL);
  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  follow->list_view = list_view;
  follow->scroller = scroller;
  follow->changed = changed;
  follow->data = data;
  follow->following = TRUE;

  /* The adjustment lives as long as the scrolled window, which the owner
   * keeps until its dispose. */
  g_signal_connect (adj, "value-changed", G_CALLBACK (value_changed_cb), follow);
  g_signal_connect (adj, "changed", G_CALLBACK (adjustment_changed_cb), follow);
}

void
sb_list_follow_map (SbListFollow *follow,
                    GtkWidget    *widget)
{
  g_return_if_fail (follow != NULL);

  sb_list_follow_unmap (follow);
  follow->layout_changed = FALSE;
  follow->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  follow->layout_handler = g_signal_connect_after (follow->frame_clock, "layout",
                                                   G_CALLBACK (frame_layout_cb), follow);
}

void
sb_list_follow_unmap (SbListFollow *follow)
{
  g_return_if_fail (follow != NULL);

  if (follow->frame_clock != NULL)
    g_clear_signal_handler (&follow->layout_handler, follow->frame_clock);
  g_clear_object (&follow->frame_clock);
}

void
sb_list_follow_items_changed (SbListFollow *follow,
                              guint         n_items,
                              guint         added)
{
  g_return_if_fail (follow != NULL);

  /* A cleared list has nothing to be behind on: what comes next is followed. */
  if (n_items == 0)
    {
      follow->following = TRUE;
      follow->last_value = 0;
    }

  if (follow->following && added > 0)
    scroll_to_newest (follow);
  notify_changed (follow);
}

void
sb_list_follow_jump (SbListFollow *follow)
{
  g_return_if_fail (follow != NULL);

  follow->following = TRUE;
  scroll_to_newest (follow);
  notify_changed (follow);
}

void
sb_list_follow_stop (SbListFollow *follow)
{
  g_return_if_fail (follow != NULL);

  follow->following = FALSE;
  notify_changed (follow);
}

gboolean
sb_list_follow_is_following (SbListFollow *follow)
{
  g_return_val_if_fail (follow != NULL, FALSE);

  return follow->following;
}

void
sb_list_follow_clear (SbListFollow *follow)
{
  g_return_if_fail (follow != NULL);

  sb_list_follow_unmap (follow);
  if (follow->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (follow->scroller),
                                          follow);
  follow->scroller = NULL;
  follow->list_view = NULL;
}
