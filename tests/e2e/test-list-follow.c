/* test-list-follow.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SbListFollow on a real GtkListView in a window: a message above the
 * list hides (the list grows) in the same frame as new rows arrive, as
 * when Raise Disk Limit is clicked and reading resumes; the list moves
 * its own value down then, and must go on following.  Scrolling up as a
 * user does still stops following.
 */

#define G_LOG_DOMAIN "test-list-follow"

#include "config.h"

#include <gtk/gtk.h>

#include "sb-list-follow.h"
#include "sb-widget-test-util.h"

typedef struct
{
  GtkStringList     *rows;
  GtkWidget         *window;
  GtkWidget         *message;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  SbListFollow       follow;
} Fixture;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkStringObject *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (row));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  sb_list_follow_items_changed (&fixture->follow, g_list_model_get_n_items (model), added);
}

static void
append_rows (Fixture *fixture,
             guint    n)
{
  guint first = g_list_model_get_n_items (G_LIST_MODEL (fixture->rows));

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *text = g_strdup_printf ("row %u", i);

      gtk_string_list_append (fixture->rows, text);
    }
}

/* The newest row is in view: the adjustment is at its end. */
static gboolean
at_bottom (Fixture *fixture)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (fixture->scroller);

  g_test_message ("value %.0f, page %.0f, upper %.0f, following %d",
                  gtk_adjustment_get_value (adj), gtk_adjustment_get_page_size (adj),
                  gtk_adjustment_get_upper (adj),
                  sb_list_follow_is_following (&fixture->follow));
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
         >= gtk_adjustment_get_upper (adj) - 2.0;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkWidget *box;

  fixture->rows = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (fixture->rows)));
  fixture->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection),
                                                         g_object_ref (factory)));
  fixture->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (fixture->scroller, GTK_WIDGET (fixture->list_view));
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->scroller), TRUE);

  fixture->message = gtk_label_new ("Capture full");
  gtk_widget_set_size_request (fixture->message, -1, 60);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), fixture->message);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->scroller));
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 300, 300);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);

  sb_list_follow_init (&fixture->follow, fixture->list_view, fixture->scroller, NULL, NULL);
  g_signal_connect (fixture->rows, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sb_widget_test_wait_frames (fixture->window, 5);
  sb_list_follow_map (&fixture->follow, GTK_WIDGET (fixture->list_view));

  /* Many more rows than fit, followed to the last. */
  append_rows (fixture, 200);
  sb_widget_test_wait_frames (fixture->window, 10);
  g_assert_true (sb_list_follow_is_following (&fixture->follow));
  g_assert_true (at_bottom (fixture));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->rows, fixture);
  sb_list_follow_clear (&fixture->follow);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->rows);
}

/* The message hides and rows arrive before the next frame: the list
 * grows and moves its value down; the view still follows to the end. */
static void
test_list_grows_as_rows_arrive (Fixture       *fixture,
                                gconstpointer  data)
{
  gtk_widget_set_visible (fixture->message, FALSE);
  append_rows (fixture, 3);
  sb_widget_test_wait_frames (fixture->window, 10);
  g_assert_true (sb_list_follow_is_following (&fixture->follow));
  g_assert_true (at_bottom (fixture));

  /* And it goes on following what comes later. */
  gtk_widget_set_visible (fixture->message, TRUE);
  sb_widget_test_wait_frames (fixture->window, 5);
  append_rows (fixture, 20);
  sb_widget_test_wait_frames (fixture->window, 10);
  g_assert_true (sb_list_follow_is_following (&fixture->follow));
  g_assert_true (at_bottom (fixture));
}

/* Scrolling up, as with the wheel or the scroll bar, stops following:
 * new rows leave the view where it is. */
static void
test_scrolling_up_stops (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (fixture->scroller);
  double value = gtk_adjustment_get_value (adj) - 100;

  gtk_adjustment_set_value (adj, value);
  g_assert_false (sb_list_follow_is_following (&fixture->follow));
  append_rows (fixture, 20);
  sb_widget_test_wait_frames (fixture->window, 10);
  g_assert_false (sb_list_follow_is_following (&fixture->follow));
  g_assert_false (at_bottom (fixture));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), value, 2.0);

  /* Back at the bottom: following again. */
  sb_list_follow_jump (&fixture->follow);
  sb_widget_test_wait_frames (fixture->window, 10);
  g_assert_true (sb_list_follow_is_following (&fixture->follow));
  g_assert_true (at_bottom (fixture));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/list-follow/list-grows-as-rows-arrive", Fixture, NULL,
              fixture_setup, test_list_grows_as_rows_arrive, fixture_teardown);
  g_test_add ("/list-follow/scrolling-up-stops", Fixture, NULL,
              fixture_setup, test_scrolling_up_stops, fixture_teardown);

  return g_test_run ();
}
