/* test-listener-batch.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A burst of connections reaches the connections model in batches: 150
 * connections waiting in the accept queue when Auto-accept comes on are
 * accepted in one dispatch after another, 64 at most each, and each batch
 * is one items-changed (list views pay per change).  Each accepted signal
 * still comes once per connection, in order, with the connection already
 * in the model.  The first turn takes every waiting connection from the
 * kernel's queue (sb-listener-drain.c): when the first batch reaches the
 * model, the kernel's queue is empty, so that a burst never finds it full
 * while the window works through the batches.
 */

#define G_LOG_DOMAIN "test-listener-batch"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"
#include "sb-types.h"

#define N_CONNECTIONS 150

typedef struct
{
  GListModel *model;
  SbListener *listener;
  guint       queue_at_first;  /* the kernel's queue at the first batch */
  guint       changes;
  guint       accepted;
  gboolean    in_order;
} Counts;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  guint limit;

  if (counts->changes++ == 0)
    g_assert_true (sb_listener_read_accept_queue (counts->listener, &counts->queue_at_first,
                                                  &limit));
}

static void
accepted_cb (SbListener *listener,
             SbStream   *connection,
             Counts     *counts)
{
  g_autoptr(SbStream) at = g_list_model_get_item (counts->model, counts->accepted);

  if (at != connection)
    counts->in_order = FALSE;
  counts->accepted++;
}

static void
test_batches (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("connected %u", N_CONNECTIONS);
  g_autofree char *wait = g_strdup_printf ("wait %u 30\n", N_CONNECTIONS);
  Counts counts = { NULL, NULL, G_MAXUINT, 0, 0, TRUE };
  guint batches = (N_CONNECTIONS + SB_MAX_CALLS_PER_DISPATCH - 1) / SB_MAX_CALLS_PER_DISPATCH;

  sb_listener_set_auto_accept (listener, FALSE);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 4 * N_CONNECTIONS, &error));
  g_assert_no_error (error);

  peer = sb_test_conn_burst_spawn (sb_listener_get_port (listener), N_CONNECTIONS);
  sb_test_peer_write (peer, wait);
  g_assert_cmpstr (sb_test_peer_wait_line (peer, "connected"), ==, expected);
  sb_test_wait_until (sb_test_accept_queue_is (listener, N_CONNECTIONS),
                      "every connection queued");

  counts.model = sb_listener_get_connections (listener);
  counts.listener = listener;
  g_signal_connect (counts.model, "items-changed", G_CALLBACK (items_changed_cb), &counts);
  g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), &counts);

  sb_listener_set_auto_accept (listener, TRUE);
  sb_test_wait_until (counts.accepted == N_CONNECTIONS, "every connection accepted");

  g_assert_cmpuint (g_list_model_get_n_items (counts.model), ==, N_CONNECTIONS);
  g_test_message ("%u connections: %u items-changed; %u left in the kernel's queue at the "
                  "first", N_CONNECTIONS, counts.changes, counts.queue_at_first);
  g_assert_cmpuint (counts.changes, ==, batches);
  g_assert_cmpuint (counts.queue_at_first, ==, 0);
  g_assert_true (counts.in_order);

  g_signal_handlers_disconnect_by_data (counts.model, &counts);
  g_signal_handlers_disconnect_by_data (listener, &counts);
  sb_listener_stop (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listener-batch/batches", test_batches);

  return g_test_run ();
}
