/* test-tcp-kernel.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What waits in the kernel and the kernel's TCP state, against python3
 * peers (peers/command-peer.py): the accept queue, bytes waiting and
 * unacknowledged, CLOSE_WAIT and CLOSE, TIME_WAIT after our close, a
 * recv() that would block, and what the peer sees of Reset and Close. */

#define G_LOG_DOMAIN "test-tcp-kernel"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <netinet/tcp.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-listener.h"
#include "sb-sock-diag.h"
#include "sb-stream.h"
#include "sb-tcp-state.h"
#include "sb-test-util.h"

#define PEER "command-peer.py"
#define BIG_SIZE (1024 * 1024)

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
accept_queue_is (SbListener *listener,
                 guint       n)
{
  sb_listener_refresh (listener);

  return sb_listener_get_accept_queue (listener) == n;
}

static gboolean
available_is (SbStream *stream,
              guint     n)
{
  sb_stream_refresh (stream);

  return sb_stream_get_bytes_available (stream) == n;
}

static gboolean
unacknowledged_is (SbStream *stream,
                   guint     n)
{
  sb_stream_refresh (stream);

  return sb_stream_get_bytes_unacknowledged (stream) == n;
}

static gboolean
tcp_state_is (SbStream   *stream,
              const char *name)
{
  sb_stream_refresh (stream);

  return g_strcmp0 (sb_stream_get_tcp_state (stream), name) == 0;
}

/* Sends "TAG COMMAND" to @peer and returns what it printed after "TAG ". */
static const char *
peer_do (SbTestPeer *peer,
         const char *tag,
         const char *command)
{
  g_autofree char *line = g_strdup_printf ("%s %s\n", tag, command);
  g_autofree char *prefix = g_strdup_printf ("%s ", tag);

  sb_test_peer_write (peer, line);

  return sb_test_peer_wait_line (peer, prefix) + strlen (prefix);
}

static char *
last_event (SbCapture *capture)
{
  return sb_test_describe_event (capture, sb_capture_get_n_recorded (capture) - 1);
}

/* A listener on 127.0.0.1 (auto-accept as given) and a python client
 * connected to it. */
static SbTestPeer *
connect_peer (SbListener *listener,
              const char *rcvbuf)
{
  g_autofree char *port = g_strdup_printf ("%u", sb_listener_get_port (listener));
  SbTestPeer *peer;

  peer = sb_test_peer_spawn (PEER, "connect", "127.0.0.1", port, rcvbuf, NULL);
  sb_test_peer_wait_line (peer, "local ");

  return peer;
}

static SbListener *
listen_here (SbCapture *capture,
             gboolean   auto_accept,
             gboolean   auto_receive,
             SbStream **accepted)
{
  g_autoptr(GError) error = NULL;
  SbListener *listener = sb_listener_new (capture);

  sb_listener_set_auto_accept (listener, auto_accept);
  sb_listener_set_auto_receive (listener, auto_receive);
  if (accepted != NULL)
    g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), accepted);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);

  return listener;
}

/* Two clients connected, none accepted: the accept queue reads 2 of 5;
 * one accept_one() takes exactly one of them. */
static void
test_accept_queue (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = listen_here (capture, FALSE, TRUE, NULL);
  g_autoptr(SbTestPeer) first = NULL;
  g_autoptr(SbTestPeer) second = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *connections = sb_listener_get_connections (listener);
  guint tick = g_timeout_add (10, tick_cb, NULL);

  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, 0);
  g_assert_cmpuint (sb_listener_get_accept_queue_limit (listener), ==, 5);

  first = connect_peer (listener, NULL);
  second = connect_peer (listener, NULL);
  sb_test_wait_until (accept_queue_is (listener, 2), "two connections in the accept queue");
  g_assert_cmpuint (sb_listener_get_accept_queue_limit (listener), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 0);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 0);

  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 1);
  /* accept_one() re-reads the queue itself. */
  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, 1);

  /* Nothing else is accepted by itself. */
  sb_test_run_for_ms (300);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_assert_true (accept_queue_is (listener, 1));

  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);
  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, 0);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 2);

  sb_listener_stop (listener);
  g_assert_cmpuint (sb_listener_get_accept_queue_limit (listener), ==, 0);
  g_source_remove (tick);
}

/* Bytes waiting are what python sent; bytes unacknowledged grow while the
 * peer does not read and never exceed what send() took. */
static void
test_bytes_in_kernel (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbListener) listener = listen_here (capture, TRUE, FALSE, &server);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = g_malloc (BIG_SIZE);
  g_autofree char *drain = g_strdup_printf ("drain %u", BIG_SIZE);
  guint tick = g_timeout_add (10, tick_cb, NULL);
  guint unacknowledged;

  peer = connect_peer (listener, "4096");
  sb_test_wait_until (server != NULL, "the accept");

  g_assert_cmpstr (peer_do (peer, "s1", "send Hello World"), ==, "sent 11");
  sb_test_wait_until (available_is (server, 11), "11 bytes waiting");
  g_assert_cmpuint (sb_stream_get_bytes_received (server), ==, 0);
  g_assert_cmpstr (peer_do (peer, "s2", "send abc"), ==, "sent 3");
  sb_test_wait_until (available_is (server, 14), "14 bytes waiting");

  for (gsize i = 0; i < BIG_SIZE; i++)
    data[i] = i % 251;
  big = g_bytes_new_take (g_steal_pointer (&data), BIG_SIZE);
  g_assert_true (sb_stream_send (server, big, &error));
  g_assert_no_error (error);
  sb_test_run_for_ms (300);

  sb_stream_refresh (server);
  unacknowledged = sb_stream_get_bytes_unacknowledged (server);
  g_test_message ("sent %" G_GUINT64_FORMAT ", queued %" G_GUINT64_FORMAT
                  ", unacknowledged %u",
                  sb_stream_get_bytes_sent (server), sb_stream_get_bytes_queued (server),
                  unacknowledged);
  g_assert_cmpuint (unacknowledged, >, 0);
  g_assert_cmpuint (unacknowledged, <=, sb_stream_get_bytes_sent (server));
  g_assert_cmpuint (sb_stream_get_bytes_sent (server) + sb_stream_get_bytes_queued (server),
                    ==, BIG_SIZE);

  g_assert_cmpstr (peer_do (peer, "d1", drain), ==, "drained 1048576");
  sb_test_wait_until (sb_stream_get_bytes_sent (server) == BIG_SIZE, "everything sent");
  sb_test_wait_until (unacknowledged_is (server, 0), "everything acknowledged");
  g_assert_true (available_is (server, 14));
  g_source_remove (tick);
}

/* The peer's shutdown(SHUT_WR) puts us in CLOSE_WAIT; after our own
 * shutdown the peer reads b'' and we are in CLOSE with the socket open. */
static void
test_close_wait (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbListener) listener = listen_here (capture, TRUE, FALSE, &server);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  peer = connect_peer (listener, NULL);
  sb_test_wait_until (server != NULL, "the accept");
  sb_test_wait_until (tcp_state_is (server, "ESTABLISHED"), "ESTABLISHED");

  g_assert_cmpstr (peer_do (peer, "w1", "shut_wr"), ==, "shut");
  sb_test_wait_until (tcp_state_is (server, "CLOSE_WAIT"), "CLOSE_WAIT");
  g_assert_nonnull (sb_tcp_state_explain ("CLOSE_WAIT"));

  g_assert_true (sb_stream_shutdown_write (server, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (peer_do (peer, "r1", "recv"), ==, "b''");
  sb_test_wait_until (tcp_state_is (server, "CLOSE"), "CLOSE");
  g_assert_true (sb_stream_state_is_open (sb_stream_get_state (server)));
  g_assert_cmpstr (sb_tcp_state_explain ("CLOSE"), ==,
                   "the connection is over: both directions shut down, or the peer reset it; "
                   "the socket is still open");

  sb_stream_close (server);
  g_test_message ("after close: %s", sb_stream_get_tcp_state (server));
  g_assert_null (sb_stream_get_tcp_state (server));
  g_source_remove (tick);
}

static guint16
tuple_port (const char *tuple)
{
  const char *comma = strrchr (tuple, ',');
  guint port = 0;

  g_assert_nonnull (comma);
  g_assert_cmpint (sscanf (comma + 1, " %u", &port), ==, 1);

  return port;
}

/* Our client closes first: the fd is gone, the kernel keeps the 4-tuple
 * in TIME_WAIT, and the sock_diag look-up finds it. */
static void
test_time_wait (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn (PEER, "listen", NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GSocketAddress) nobody = NULL;
  const char *after_close;
  guint16 port;
  int state = -1;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  port = (guint16) g_ascii_strtoull (sb_test_peer_wait_line (peer, "port ") + 5, NULL, 10);
  sb_stream_connect (client, "127.0.0.1", port);
  sb_test_wait_until (sb_stream_get_state (client) == SB_STREAM_CONNECTED, "the connection");
  sb_test_peer_wait_line (peer, "accepted ");
  local = g_inet_socket_address_new (loopback, tuple_port (sb_stream_get_local_tuple (client)));
  remote = g_inet_socket_address_new (loopback, port);
  g_assert_cmpint (sb_sock_diag_lookup_tcp (local, remote, &state), ==, SB_SOCK_DIAG_FOUND);
  g_assert_cmpint (state, ==, TCP_ESTABLISHED);

  sb_stream_close (client);
  after_close = sb_stream_get_tcp_state (client);
  g_test_message ("right after close(): %s", after_close);
  g_assert_true (g_strcmp0 (after_close, "FIN_WAIT1") == 0
                 || g_strcmp0 (after_close, "FIN_WAIT2") == 0);

  /* The peer sees our FIN as b'', then closes its side. */
  g_assert_cmpstr (peer_do (peer, "r1", "recv"), ==, "b''");
  g_assert_cmpstr (peer_do (peer, "c1", "close"), ==, "closed");
  sb_test_wait_until (tcp_state_is (client, "TIME_WAIT"), "TIME_WAIT");
  g_assert_cmpint (sb_stream_get_state (client), ==, SB_STREAM_CLOSED);
  g_assert_cmpint (sb_sock_diag_lookup_tcp (local, remote, &state), ==, SB_SOCK_DIAG_FOUND);
  g_assert_cmpint (state, ==, TCP_TIME_WAIT);
  g_assert_nonnull (sb_tcp_state_explain ("TIME_WAIT"));

  /* What one look-up costs (each refresh makes one per closed connection
   * the kernel still holds). */
  {
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < 1000; i++)
      g_assert_cmpint (sb_sock_diag_lookup_tcp (local, remote, NULL), ==, SB_SOCK_DIAG_FOUND);
    g_test_message ("sock_diag look-up: %.1f us each",
                    (g_get_monotonic_time () - start) / 1000.0);
  }

  /* A 4-tuple the kernel does not know. */
  nobody = g_inet_socket_address_new (loopback, sb_test_free_port ("127.0.0.1"));
  g_assert_cmpint (sb_sock_diag_lookup_tcp (nobody, remote, NULL), ==, SB_SOCK_DIAG_GONE);
  g_source_remove (tick);
}

/* With nothing waiting, Receive makes one recv() that would block and
 * says so; it does not wait for data. */
static void
test_receive_would_block (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbListener) listener = listen_here (capture, TRUE, FALSE, &server);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(SbEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *summary = NULL;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  guint n;

  peer = connect_peer (listener, NULL);
  sb_test_wait_until (server != NULL, "the accept");

  n = sb_capture_get_n_recorded (capture);
  g_assert_true (sb_stream_receive (server, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n + 1);
  described = last_event (capture);
  expected = g_strdup_printf ("S%u recv -1/1024 EAGAIN b''", sb_stream_get_socket_id (server));
  g_assert_cmpstr (described, ==, expected);
  event = sb_event_new (capture, n);
  summary = sb_event_dup_summary (event);
  g_assert_cmpstr (summary, ==, "recv(1024) would block: nothing is waiting (EAGAIN)");
  g_assert_cmpint (sb_stream_get_state (server), ==, SB_STREAM_CONNECTED);
  g_assert_null (sb_stream_get_error_message (server));

  /* No recv() is left waiting for the next bytes. */
  g_assert_cmpstr (peer_do (peer, "s1", "send abcde"), ==, "sent 5");
  sb_test_wait_until (available_is (server, 5), "5 bytes waiting");
  sb_test_run_for_ms (200);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n + 1);

  g_assert_true (sb_stream_receive (server, &error));
  g_assert_no_error (error);
  g_clear_pointer (&described, g_free);
  g_clear_pointer (&expected, g_free);
  described = last_event (capture);
  expected = g_strdup_printf ("S%u recv 5/1024 b'abcde'", sb_stream_get_socket_id (server));
  g_assert_cmpstr (described, ==, expected);
  g_assert_cmpuint (sb_stream_get_bytes_available (server), ==, 0);
  g_source_remove (tick);
}

/* Reset reaches a python peer as ConnectionResetError, Close as b''. */
static void
test_reset_and_close_seen_by_peer (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbListener) listener = listen_here (capture, TRUE, TRUE, &server);
  g_autoptr(SbTestPeer) peer = NULL;

  peer = connect_peer (listener, NULL);
  sb_test_wait_until (server != NULL, "the accept");
  sb_stream_reset (server);
  g_assert_cmpstr (peer_do (peer, "r1", "recv"), ==, "ConnectionResetError");
  g_clear_object (&server);
  g_clear_pointer (&peer, sb_test_peer_free);

  peer = connect_peer (listener, NULL);
  sb_test_wait_until (server != NULL, "the second accept");
  sb_stream_close (server);
  g_assert_cmpstr (peer_do (peer, "r2", "recv"), ==, "b''");
  g_clear_object (&server);
  g_clear_pointer (&peer, sb_test_peer_free);

  /* Shut down sending is a FIN too. */
  peer = connect_peer (listener, NULL);
  sb_test_wait_until (server != NULL, "the third accept");
  g_assert_true (sb_stream_shutdown_write (server, NULL));
  g_assert_cmpstr (peer_do (peer, "r3", "recv"), ==, "b''");
  g_assert_cmpstr (peer_do (peer, "s3", "send still open"), ==, "sent 10");
  sb_test_wait_until (sb_stream_get_bytes_received (server) == 10, "the peer's bytes");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/kernel/accept-queue", test_accept_queue);
  g_test_add_func ("/tcp/kernel/bytes-in-kernel", test_bytes_in_kernel);
  g_test_add_func ("/tcp/kernel/close-wait", test_close_wait);
  g_test_add_func ("/tcp/kernel/time-wait", test_time_wait);
  g_test_add_func ("/tcp/kernel/receive-would-block", test_receive_would_block);
  g_test_add_func ("/tcp/kernel/reset-and-close-seen-by-peer", test_reset_and_close_seen_by_peer);

  return g_test_run ();
}
