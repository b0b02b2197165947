/* test-listener-queue.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The listener's accept queue as TCP_INFO gives it: listen(2) with
 * nothing accepting and five python clients fills it with three (Linux
 * queues one more than the backlog) and it reads full; accept() makes
 * room; stopped, it reads nothing.
 */

#define G_LOG_DOMAIN "test-listener-queue"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-test-util.h"

static void
test_is_full (void)
{
  g_assert_false (sb_listener_accept_queue_is_full (0, 0));
  g_assert_true (sb_listener_accept_queue_is_full (1, 0));
  g_assert_false (sb_listener_accept_queue_is_full (5, 5));
  g_assert_true (sb_listener_accept_queue_is_full (6, 5));
}

static void
test_full (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  guint length = G_MAXUINT;
  guint limit = G_MAXUINT;

  g_assert_false (sb_listener_read_accept_queue (listener, &length, &limit));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpuint (limit, ==, 0);
  g_assert_false (sb_listener_get_accept_queue_full (listener));

  sb_listener_set_auto_accept (listener, FALSE);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 2, &error));
  g_assert_no_error (error);
  g_assert_true (sb_listener_read_accept_queue (listener, &length, &limit));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpuint (limit, ==, 2);
  g_assert_false (sb_listener_get_accept_queue_full (listener));

  peer = sb_test_conn_burst_spawn (sb_listener_get_port (listener), 5);
  sb_test_peer_write (peer, "wait 3 10\n");
  /* At least that many: a SYN answered while the queue still had room
   * completes on the client's side even when its last ACK then finds the
   * queue full (and is dropped). */
  g_assert_cmpuint (g_ascii_strtoull (sb_test_peer_wait_line (peer, "connected")
                                      + strlen ("connected "), NULL, 10), >=, 3);

  sb_test_wait_until (sb_test_accept_queue_is (listener, 3), "three in the queue");
  g_assert_true (sb_listener_read_accept_queue (listener, NULL, &limit));
  g_assert_cmpuint (limit, ==, 2);
  g_assert_true (sb_listener_get_accept_queue_full (listener));

  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  /* accept() re-reads the queue: the figures are current at once. */
  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, 2);
  g_assert_false (sb_listener_get_accept_queue_full (listener));

  sb_listener_stop (listener);
  g_assert_false (sb_listener_get_accept_queue_full (listener));
  g_assert_false (sb_listener_read_accept_queue (listener, &length, &limit));
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpuint (limit, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listener-queue/is-full", test_is_full);
  g_test_add_func ("/listener-queue/full", test_full);

  return g_test_run ();
}
