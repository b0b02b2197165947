/* sb-ladder-view-catch-up.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadderView: catching up.  The ladder (sb_ladder_new_lazy()) takes in
 * events only while the view shows, SB_LADDER_VIEW_BATCH at once and then
 * per frame, so that showing it over millions of events never holds the
 * window; a bar over it says how far it got.  Hidden, it keeps its rows and
 * takes in nothing: switching back and forth redoes no work, and behind
 * the List the diagram costs no memory per event. */

#define G_LOG_DOMAIN "sb-ladder-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-ladder-view-private.h"

static void
update_progress (SbLadderView *self)
{
  guint waiting = self->ladder != NULL ? sb_ladder_get_n_waiting (self->ladder) : 0;
  guint rows = self->ladder != NULL ? sb_ladder_get_n_rows (self->ladder) : 0;
  g_autofree char *text = NULL;

  if (self->progress == NULL)
    return;

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->progress)),
                          self->catch_up_tick != 0 && waiting > 0);
  if (self->catch_up_tick == 0 || waiting == 0)
    return;

  /* Translators: the ladder diagram is being built, %u of %u events. */
  text = g_strdup_printf (_("Drawing the diagram: %u of %u events"), rows, rows + waiting);
  if (self->progress_label != NULL)
    gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress, (double) rows / (rows + waiting));
}

void
_sb_ladder_view_stop_catching_up (SbLadderView *self)
{
  if (self->catch_up_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->catch_up_tick);
  self->catch_up_tick = 0;
  update_progress (self);
}

static gboolean
catch_up_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  if (self->ladder == NULL || sb_ladder_catch_up (self->ladder, SB_LADDER_VIEW_BATCH) == 0)
    {
      self->catch_up_tick = 0;
      update_progress (self);
      return G_SOURCE_REMOVE;
    }

  update_progress (self);

  return G_SOURCE_CONTINUE;
}

void
_sb_ladder_view_catch_up (SbLadderView *self)
{
  if (self->ladder == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || self->catch_up_tick != 0 || sb_ladder_get_n_waiting (self->ladder) == 0)
    return;

  if (sb_ladder_catch_up (self->ladder, SB_LADDER_VIEW_BATCH) > 0)
    {
      self->catch_up_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), catch_up_tick_cb,
                                                          NULL, NULL);
      update_progress (self);
    }
}

GtkWidget *
_sb_ladder_view_new_progress (SbLadderView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *progress = gtk_progress_bar_new ();

  /* In the middle, while the diagram is being built. */
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, 320, -1);
  gtk_widget_set_hexpand (progress, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), progress);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (progress),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_widget_set_visible (box, FALSE);

  g_set_weak_pointer (&self->progress, GTK_PROGRESS_BAR (progress));
  g_set_weak_pointer (&self->progress_label, GTK_LABEL (label));

  return box;
}
