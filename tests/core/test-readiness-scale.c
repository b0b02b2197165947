/* test-readiness-scale.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two thousand real loopback connections into the core's SbListener, from
 * a python3 peer in its own process: each is registered once, idle
 * main-loop iterations neither poll nor dispatch any of them, and the
 * refresh visits the live ones only.  Work is counted, never timed. */

#define G_LOG_DOMAIN "test-readiness-scale"

#include "config.h"

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-fd-limit.h"
#include "sb-listener.h"
#include "sb-readiness.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define N_CONNECTIONS 2000
#define N_IDLE_TICKS  50

/* Opens the connections, says so, holds them until a line on stdin. */
static const char peer_code[] =
  "import resource, socket, sys\n"
  "port, count = int(sys.argv[1]), int(sys.argv[2])\n"
  "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
  "resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))\n"
  "conns = [socket.create_connection(('127.0.0.1', port)) for i in range(count)]\n"
  "print('connected', len(conns), flush=True)\n"
  "sys.stdin.readline()\n"
  "for s in conns:\n"
  "    s.close()\n"
  "print('closed', flush=True)\n";

/* What the main context hands to poll(): the descriptors of every source
 * that polls one. */
static GPollFunc real_poll;
static guint n_polls;
static guint max_nfds;

static int
counting_poll (GPollFD *fds,
               guint    nfds,
               int      timeout)
{
  n_polls++;
  max_nfds = MAX (max_nfds, nfds);

  return real_poll (fds, nfds, timeout);
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

static void
count_accepted_cb (SbListener *listener,
                   SbStream   *stream,
                   guint      *n_accepted)
{
  (*n_accepted)++;
}

static void
test_idle_connections (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *count = g_strdup_printf ("%d", N_CONNECTIONS);
  SbReadinessStats before, after;
  GListModel *connections;
  guint64 limit = sb_fd_limit_raise ();
  guint n_accepted = 0;
  guint ticks = 0;
  guint tick_id;

  if (limit < N_CONNECTIONS + 200)
    {
      g_autofree char *why = g_strdup_printf ("the descriptor limit is %" G_GUINT64_FORMAT,
                                              limit);

      g_test_skip (why);
      return;
    }

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 4096, &error));
  g_assert_no_error (error);
  g_signal_connect (listener, "accepted", G_CALLBACK (count_accepted_cb), &n_accepted);
  port = g_strdup_printf ("%u", sb_listener_get_port (listener));

  sb_readiness_get_stats (&before);
  {
    const char *argv[] = { "/usr/bin/python3", "-u", "-c", peer_code, port, count, NULL };

    peer = sb_test_peer_spawnv (argv);
  }
  sb_test_peer_wait_line (peer, "connected");
  sb_test_wait_until (n_accepted == N_CONNECTIONS, "every connection accepted");
  sb_readiness_get_stats (&after);

  /* Each accepted socket registered once; the listener's own watch stayed. */
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, N_CONNECTIONS);
  g_assert_cmpuint (after.registered_fds - before.registered_fds, ==, N_CONNECTIONS);
  g_assert_cmpuint (after.epoll_ctl_calls - before.epoll_ctl_calls, ==, N_CONNECTIONS);

  /* Idle: iterations woken by a timer poll a handful of descriptors and
   * dispatch no socket. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  sb_readiness_get_stats (&before);
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, counting_poll);
  tick_id = g_timeout_add (1, tick_cb, &ticks);
  sb_test_wait_until (ticks >= N_IDLE_TICKS, "the idle ticks");
  g_source_remove (tick_id);
  g_main_context_set_poll_func (NULL, real_poll);
  sb_readiness_get_stats (&after);

  g_test_message ("%u polls of at most %u descriptors, %" G_GUINT64_FORMAT " dispatches",
                  n_polls, max_nfds, after.dispatch_calls - before.dispatch_calls);
  g_assert_cmpuint (n_polls, >=, N_IDLE_TICKS);
  g_assert_cmpuint (max_nfds, <, 16);
  g_assert_cmpuint (after.dispatch_calls, ==, before.dispatch_calls);
  g_assert_cmpuint (after.watches_dispatched, ==, before.watches_dispatched);
  g_assert_cmpuint (after.epoll_wait_calls, ==, before.epoll_wait_calls);
  g_assert_cmpuint (after.epoll_ctl_calls, ==, before.epoll_ctl_calls);

  /* The refresh reads none of the idle connections: their input is
   * watched, nothing is queued or waiting. */
  connections = sb_listener_get_connections (listener);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, N_CONNECTIONS);
  g_assert_cmpuint (sb_listener_refresh (listener), ==, 0);
  g_assert_cmpuint (sb_listener_get_n_live (listener), ==, N_CONNECTIONS);

  /* Unwatched (no automatic receive), a connection is read each time. */
  for (guint i = 0; i < 40; i += 4)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i);

      sb_stream_set_auto_receive (stream, FALSE);
    }
  g_assert_cmpuint (sb_listener_refresh (listener), ==, 10);

  /* Found by socket id; after a reset (RST: the kernel forgets at once)
   * a connection is read once more, then leaves the refresh's set. */
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i);

      g_assert_true (sb_listener_find_connection (listener, sb_stream_get_socket_id (stream))
                     == stream);
      if (i % 4 != 0)
        sb_stream_reset (stream);
    }
  g_assert_null (sb_listener_find_connection (listener, G_MAXUINT));
  g_assert_cmpuint (sb_listener_refresh (listener), ==, N_CONNECTIONS * 3 / 4 + 10);
  g_assert_cmpuint (sb_listener_get_n_live (listener), ==, N_CONNECTIONS / 4);
  g_assert_cmpuint (sb_listener_refresh (listener), ==, 10);

  /* The reset ones keep their final figures. */
  {
    g_autoptr(SbStream) stream = g_list_model_get_item (connections, 1);

    g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CLOSED);
    g_assert_false (sb_stream_needs_refresh (stream));
  }

  sb_test_peer_write (peer, "close\n");
  sb_test_peer_wait_line (peer, "closed");
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  sb_listener_stop (listener);
  for (guint i = 0; i < N_CONNECTIONS; i += 4)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i);

      sb_stream_close (stream);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/readiness-scale/idle-connections", test_idle_connections);

  return g_test_run ();
}
