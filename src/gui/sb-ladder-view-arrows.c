/* sb-ladder-view-arrows.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadderView: the arrows in view as child buttons, recycled as the view
 * scrolls, so that the accessibility tree always holds the arrows on
 * screen (GTK 4.8 exposes nothing but widgets): each is named for what it
 * joins, "send 11 bytes → recv 11 bytes" (UDP: "sendto 4 bytes → recvfrom 4
 * bytes", "sendto 4 bytes → lost"), and shows the bytes.  Buttons
 * come and go from a tick callback, never from inside the allocation. */

#define G_LOG_DOMAIN "sb-ladder-view"

#include "config.h"

#include "sb-ladder-view-private.h"

/* Characters of a preview on an arrow; the label may show fewer. */
#define PREVIEW_CHARS 40

static void
arrow_clicked_cb (GtkButton    *button,
                  SbLadderView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sb-arrow")) - 1;
  SbLadderArrow arrow;

  if (!sb_ladder_get_arrow (self->ladder, index, &arrow))
    return;

  sb_ladder_view_set_selected_index (self, arrow.from_event != SB_LADDER_NONE ? arrow.from_event
                                                                              : arrow.to_event);
}

static GtkWidget *
take_button (SbLadderView *self)
{
  GtkWidget *button;
  GtkWidget *label;

  if (self->spare_buttons->len > 0)
    return g_ptr_array_steal_index_fast (self->spare_buttons, self->spare_buttons->len - 1);

  button = gtk_button_new ();
  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "ladder-arrow");
  g_signal_connect (button, "clicked", G_CALLBACK (arrow_clicked_cb), self);

  return g_object_ref_sink (button);
}

static void
release_button (SbLadderView *self,
                GtkWidget    *button)
{
  g_ptr_array_add (self->spare_buttons, g_object_ref (button));
  gtk_widget_unparent (button);
}

static void
show_arrow (SbLadderView *self,
            GtkWidget    *button,
            guint         index)
{
  static const char * const kinds[] = { "client", "server", "fin", "rst", "lost" };
  g_autofree char *preview = sb_ladder_dup_arrow_preview (self->ladder, index, PREVIEW_CHARS);
  g_autofree char *label = sb_ladder_dup_arrow_label (self->ladder, index);
  SbLadderArrow arrow;
  SbLadderLifeline from;
  const char *kind = kinds[0];

  sb_ladder_get_arrow (self->ladder, index, &arrow);
  if (arrow.kind == SB_LADDER_ARROW_FIN)
    kind = kinds[2];
  else if (arrow.kind == SB_LADDER_ARROW_RST)
    kind = kinds[3];
  else if (arrow.kind == SB_LADDER_ARROW_LOST)
    kind = kinds[4];
  else if (sb_ladder_get_lifeline (self->ladder, arrow.from_lifeline, &from)
           && from.side == SB_SIDE_SERVER)
    kind = kinds[1];

  if (!gtk_widget_has_css_class (button, kind))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        gtk_widget_remove_css_class (button, kinds[i]);
      gtk_widget_add_css_class (button, kind);
    }

  g_object_set_data (G_OBJECT (button), "sb-arrow", GUINT_TO_POINTER (index + 1));
  gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), preview);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Whether the label of @arrow, placed above its middle, is in view. */
static gboolean
label_in_view (SbLadderView        *self,
               const SbLadderArrow *arrow)
{
  double x, y, max_width;
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  _sb_ladder_view_arrow_anchor (self, arrow, &x, &y, &max_width);

  /* Above the arrow, or below it right under the header. */
  return y >= self->header_height && y + self->line_height <= height;
}

/* One button per arrow whose label is in view, and no others. */
void
_sb_ladder_view_sync_buttons (SbLadderView *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) recycled = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint first, last;
  gboolean added = FALSE;
  guint n_recycled;

  if (self->ladder != NULL && _sb_ladder_view_visible_rows (self, &first, &last))
    {
      g_array_set_size (self->scratch, 0);
      sb_ladder_find_arrows (self->ladder, first, last, self->scratch);
      for (guint i = 0; i < self->scratch->len; i++)
        {
          guint index = g_array_index (self->scratch, guint, i);
          SbLadderArrow arrow;

          sb_ladder_get_arrow (self->ladder, index, &arrow);
          if (label_in_view (self, &arrow))
            g_hash_table_add (wanted, GUINT_TO_POINTER (index + 1));
        }
    }

  /* Buttons of arrows gone from view take the new arrows first, without
   * leaving the widget tree: a jump then costs no reparenting. */
  g_hash_table_iter_init (&iter, self->buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (wanted, key))
      {
        g_ptr_array_add (recycled, value);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->buttons, key))
      {
        GtkWidget *button;

        if (recycled->len > 0)
          button = g_ptr_array_steal_index_fast (recycled, recycled->len - 1);
        else
          {
            button = take_button (self);
            gtk_widget_set_parent (button, GTK_WIDGET (self));
            g_object_unref (button);
          }
        show_arrow (self, button, GPOINTER_TO_UINT (key) - 1);
        g_hash_table_insert (self->buttons, key, button);
        added = TRUE;
      }

  n_recycled = recycled->len;

  for (guint i = 0; i < recycled->len; i++)
    release_button (self, g_ptr_array_index (recycled, i));

  /* New buttons need a place.  Not otherwise: each allocation queues a
   * sync, and an allocation from every sync kept a frame going at every
   * vblank while the view showed, idle. */
  if (added || n_recycled > 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
sync_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  self->sync_tick = 0;
  _sb_ladder_view_sync_buttons (self);

  return G_SOURCE_REMOVE;
}

void
_sb_ladder_view_queue_sync (SbLadderView *self)
{
  if (self->sync_tick == 0)
    self->sync_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), sync_tick_cb, NULL, NULL);
}

void
_sb_ladder_view_release_buttons (SbLadderView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->buttons);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    release_button (self, value);
  g_hash_table_remove_all (self->buttons);
}

void
_sb_ladder_view_place_buttons (SbLadderView *self,
                               int           width)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *button = value;
      SbLadderArrow arrow;
      double x, y, max_width;
      int w, h, min_w;

      if (!sb_ladder_get_arrow (self->ladder, GPOINTER_TO_UINT (key) - 1, &arrow))
        continue;

      _sb_ladder_view_arrow_anchor (self, &arrow, &x, &y, &max_width);
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &w, NULL, NULL);
      w = MAX (min_w, (int) MIN (w, max_width));
      gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, w, &h, NULL, NULL, NULL);
      /* Centred above the arrow (over it where the header would hide
       * it), but never past the view's edges. */
      x = CLAMP (x - w / 2.0, 0, MAX (0, width - w));
      y = MAX (y - h - 1, self->header_height + 1);
      gtk_widget_size_allocate (button, &(GtkAllocation) { (int) x, (int) y, w, h }, -1);
    }
}
