/* test-progress-dialog.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress dialog of Save Session, Open Session and Export: it shows
 * how far the work is, Cancel (or closing it, as Escape does) cancels the
 * work, and whoever keeps it learns when it is gone.
 */

#define G_LOG_DOMAIN "test-progress-dialog"

#include "config.h"

#include <adwaita.h>

#include "sb-pane-util.h"

typedef struct
{
  GtkWidget    *window;
  GtkWidget    *dialog;
  GCancellable *cancellable;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->cancellable = g_cancellable_new ();
  sb_progress_dialog_show (&fixture->dialog, GTK_WINDOW (fixture->window), "Saving “a”",
                           NULL, "Saving “a”", fixture->cancellable);
  g_assert_nonnull (fixture->dialog);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sb_progress_dialog_close (&fixture->dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->cancellable);
}

static void
wait_gone (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (fixture->dialog != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The bar and the body say how far it is. */
static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *bar = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (fixture->dialog));

  sb_progress_dialog_update (fixture->dialog, 0.25, "25 % of 1.1 GB written");
  g_assert_true (GTK_IS_PROGRESS_BAR (bar));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0.25);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (fixture->dialog)), ==,
                   "25 % of 1.1 GB written");
  sb_progress_dialog_update (fixture->dialog, 0.5, NULL);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0.5);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (fixture->dialog)), ==,
                   "25 % of 1.1 GB written");
  g_assert_false (g_cancellable_is_cancelled (fixture->cancellable));
}

/* Cancel cancels the work. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (fixture->dialog), "cancel");
  g_assert_true (g_cancellable_is_cancelled (fixture->cancellable));
}

/* Closing the dialog (Escape) cancels the work too, and the one who keeps
 * the dialog sees it gone. */
static void
test_close_cancels (Fixture       *fixture,
                    gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_true (g_cancellable_is_cancelled (fixture->cancellable));
  wait_gone (fixture);
  g_assert_null (fixture->dialog);
}

/* Work that ends closes the dialog without cancelling anything. */
static void
test_done_closes (Fixture       *fixture,
                  gconstpointer  data)
{
  sb_progress_dialog_close (&fixture->dialog);
  g_assert_null (fixture->dialog);
  g_assert_false (g_cancellable_is_cancelled (fixture->cancellable));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/progress-dialog/update", Fixture, NULL,
              fixture_setup, test_update, fixture_teardown);
  g_test_add ("/progress-dialog/cancel", Fixture, NULL,
              fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/progress-dialog/close-cancels", Fixture, NULL,
              fixture_setup, test_close_cancels, fixture_teardown);
  g_test_add ("/progress-dialog/done-closes", Fixture, NULL,
              fixture_setup, test_done_closes, fixture_teardown);

  return g_test_run ();
}
