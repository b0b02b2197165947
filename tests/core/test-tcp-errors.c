/* test-tcp-errors.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tcp-errors"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-socket-util.h"
#include "sb-stream.h"
#include "sb-test-util.h"

static gboolean
is_settled (SbStream *stream)
{
  SbStreamState state = sb_stream_get_state (stream);

  return state != SB_STREAM_RESOLVING && state != SB_STREAM_CONNECTING;
}

static void
connect_and_wait (SbStream   *stream,
                  const char *host,
                  guint16     port)
{
  sb_stream_connect (stream, host, port);
  sb_test_wait_until (is_settled (stream), "the connect to finish");
}

static guint16
peer_port (SbTestPeer *peer)
{
  const char *line = sb_test_peer_wait_line (peer, "port ");

  return (guint16) g_ascii_strtoull (line + strlen ("port "), NULL, 10);
}

static void
test_refused (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *message = NULL;
  guint16 port = sb_test_free_port ("127.0.0.1");
  SbEventInfo info;

  connect_and_wait (stream, "127.0.0.1", port);

  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_FAILED);
  expected = g_strdup_printf ("C1 socket AF_INET, SOCK_STREAM\n"
                              "C1 connect started ('127.0.0.1', %u)\n"
                              "C1 connect refused ECONNREFUSED ('127.0.0.1', %u)\n"
                              "C1 close\n", port, port);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);

  g_assert_true (sb_capture_get_info (capture, 2, &info));
  g_assert_cmpint (info.detail, ==, SB_CONNECT_REFUSED);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, ECONNREFUSED);

  message = g_strdup_printf ("Could not connect to 127.0.0.1 port %u: "
                             "nothing is listening on that port (ECONNREFUSED)", port);
  g_assert_cmpstr (sb_stream_get_error_message (stream), ==, message);
  g_assert_null (sb_stream_get_local_tuple (stream));
  g_assert_false (sb_stream_state_is_open (sb_stream_get_state (stream)));
}

/* Every address the name resolves to is tried, each with its own socket. */
static void
test_refused_localhost (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *events = NULL;
  g_auto(GStrv) addresses = NULL;
  g_autofree char *bare = NULL;
  guint16 port = sb_test_free_port ("127.0.0.1");
  const char *list;
  SbEventInfo info;

  connect_and_wait (stream, "localhost", port);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_FAILED);

  g_assert_true (sb_capture_get_info (capture, 0, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESOLVE);
  g_assert_cmpint (info.result, >=, 1);
  g_assert_true (g_str_has_prefix (info.note, "localhost: "));
  g_assert_true (g_str_has_suffix (info.note, " (tried in this order)"));
  list = info.note + strlen ("localhost: ");
  bare = g_strndup (list, strlen (list) - strlen (" (tried in this order)"));
  addresses = g_strsplit (bare, ", ", -1);
  g_assert_cmpuint (g_strv_length (addresses), ==, info.result);
  g_test_message ("localhost is %s", list);

  g_string_append_printf (expected, "C1 resolve %" G_GINT64_FORMAT " %s\n",
                          info.result, info.note);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (addresses[i]);
      g_autofree char *tuple = NULL;
      guint id = i + 1;

      g_assert_nonnull (inet);
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
        tuple = g_strdup_printf ("('%s', %u, 0, 0)", addresses[i], port);
      else
        tuple = g_strdup_printf ("('%s', %u)", addresses[i], port);

      /* Only the last address's refusal fails the connection. */
      g_string_append_printf (expected,
                              "C%u socket %s, SOCK_STREAM\n"
                              "C%u connect started %s\n"
                              "C%u connect %s ECONNREFUSED %s\n"
                              "C%u close\n",
                              id, g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                                  ? "AF_INET6" : "AF_INET",
                              id, tuple,
                              id, addresses[i + 1] != NULL ? "next-address" : "refused", tuple,
                              id);
    }

  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected->str);
  g_assert_cmpuint (sb_stream_get_socket_id (stream), ==, info.result);
}

/* The listener is on 127.0.0.1 only: addresses before it are refused,
 * then the connection is made to 127.0.0.1. */
static void
test_localhost_fallback (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GError) error = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *resolve_note = NULL;
  guint n_before = 0;
  SbEventInfo info;

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  connect_and_wait (stream, "localhost", sb_listener_get_port (listener));
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  peer = g_strdup_printf ("('127.0.0.1', %u)", sb_listener_get_port (listener));
  g_assert_cmpstr (sb_stream_get_peer_tuple (stream), ==, peer);

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind == SB_EVENT_RESOLVE)
        resolve_note = g_strdup (info.note);
    }
  g_assert_nonnull (resolve_note);
  /* Each address listed before 127.0.0.1 was tried and refused. */
  for (const char *p = strstr (resolve_note, ": ") + 2; !g_str_has_prefix (p, "127.0.0.1");
       p = strstr (p, ", ") + 2)
    n_before++;
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_CONNECT), ==,
                    2 * n_before + 2);
  /* The listener is socket 1; each attempt has a socket of its own. */
  g_assert_cmpuint (sb_stream_get_socket_id (stream), ==, 2 + n_before);
}

static void
test_unresolvable (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  SbEventInfo info;

  connect_and_wait (stream, "nosuch.invalid", 80);

  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_FAILED);
  g_assert_true (g_str_has_prefix (sb_stream_get_error_message (stream),
                                   "Could not resolve 'nosuch.invalid': "));
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 1);
  g_assert_true (sb_capture_get_info (capture, 0, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESOLVE);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_true (g_str_has_prefix (info.note, "nosuch.invalid: "));
}

/* A SYN that nobody answers: the accept queue of a backlog-0 listener is
 * full after one connection, so the kernel drops the next SYN. */
static void
test_timeout (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) first = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) second = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *event = NULL;
  guint n;

  sb_listener_set_auto_accept (listener, FALSE);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 0, &error));
  g_assert_no_error (error);

  connect_and_wait (first, "127.0.0.1", sb_listener_get_port (listener));
  g_assert_cmpint (sb_stream_get_state (first), ==, SB_STREAM_CONNECTED);

  sb_stream_set_connect_timeout (second, 300);
  connect_and_wait (second, "127.0.0.1", sb_listener_get_port (listener));
  g_assert_cmpint (sb_stream_get_state (second), ==, SB_STREAM_FAILED);

  tuple = g_strdup_printf ("('127.0.0.1', %u)", sb_listener_get_port (listener));
  n = sb_capture_get_n_recorded (capture);
  event = sb_test_describe_event (capture, n - 2);
  expected = g_strdup_printf ("C%u connect timed-out ETIMEDOUT %s",
                              sb_stream_get_socket_id (second), tuple);
  g_assert_cmpstr (event, ==, expected);
  g_free (event);
  event = sb_test_describe_event (capture, n - 1);
  g_free (expected);
  expected = g_strdup_printf ("C%u close", sb_stream_get_socket_id (second));
  g_assert_cmpstr (event, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("Could not connect to 127.0.0.1 port %u: "
                              "the peer did not answer in time (ETIMEDOUT)",
                              sb_listener_get_port (listener));
  g_assert_cmpstr (sb_stream_get_error_message (second), ==, expected);

  /* The first connection waits in the backlog. */
  g_assert_true (sb_listener_get_pending (listener));
}

static void
test_port_in_use (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) first = sb_listener_new (capture);
  g_autoptr(SbListener) second = sb_listener_new (capture);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *note = NULL;
  guint16 port;
  SbEventInfo info;

  g_assert_true (sb_listener_listen (first, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = sb_listener_get_port (first);

  g_assert_false (sb_listener_listen (second, "127.0.0.1", port, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  message = g_strdup_printf ("Port %u is already in use (EADDRINUSE)", port);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (sb_listener_get_error_message (second), ==, message);
  g_assert_cmpint (sb_listener_get_state (second), ==, SB_LISTENER_FAILED);
  g_assert_cmpint (sb_listener_get_state (first), ==, SB_LISTENER_LISTENING);

  expected = g_strdup_printf ("S1 socket AF_INET, SOCK_STREAM\n"
                              "S1 bind ('127.0.0.1', %u)\n"
                              "S1 listen 5\n"
                              "S2 socket AF_INET, SOCK_STREAM\n"
                              "S2 error EADDRINUSE\n"
                              "S2 close\n", port);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);

  g_assert_true (sb_capture_get_info (capture, 4, &info));
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, EADDRINUSE);
  note = g_strdup_printf ("bind ('127.0.0.1', %u): "
                          "the address is already in use by another socket", port);
  g_assert_cmpstr (info.note, ==, note);

  /* Once the port is free again, the same listener works. */
  sb_listener_stop (first);
  g_clear_error (&error);
  g_assert_true (sb_listener_listen (second, "127.0.0.1", port, 5, &error));
  g_assert_no_error (error);
  g_assert_null (sb_listener_get_error_message (second));
  g_assert_cmpint (sb_listener_get_state (second), ==, SB_LISTENER_LISTENING);
}

static void
test_bad_address (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  g_assert_false (sb_listener_listen (listener, "not-an-address", 8080, 5, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==,
                   "'not-an-address' is not an IP address: use 127.0.0.1, ::1, 0.0.0.0 or ::");
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_FAILED);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, "S1 error EINVAL\n");
}

/* The peer sends "Hello" and closes with SO_LINGER (1, 0): RST. */
static void
test_reset_by_peer (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("reset-server.py", "Hello", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  guint16 port = peer_port (peer);
  SbEventInfo info;

  connect_and_wait (stream, "127.0.0.1", port);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  sb_test_peer_write (peer, "go on\n");
  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_PEER_LEFT, "the reset");
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);

  expected = g_strdup_printf ("C1 socket AF_INET, SOCK_STREAM\n"
                              "C1 connect started ('127.0.0.1', %u)\n"
                              "C1 connect established ('127.0.0.1', %u)\n"
                              "C1 recv 5/1024 b'Hello'\n"
                              "C1 reset ECONNRESET\n"
                              "C1 close\n", port, port);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);
  g_assert_true (sb_capture_get_info (capture, 4, &info));
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, ECONNRESET);
  g_assert_cmpstr (info.note, ==, "recv: the peer reset the connection");
  g_assert_cmpstr (sb_stream_get_error_message (stream), ==,
                   "The peer left: it reset the connection (ECONNRESET in recv())");
  g_assert_cmpuint (sb_stream_get_bytes_received (stream), ==, 5);

  /* Nothing more can be sent, and nothing is recorded for trying. */
  g_assert_false (sb_stream_send (stream, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpstr (error->message, ==, "The peer left: the connection is closed");
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 6);

  sb_stream_close (stream);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
}

/* The peer accepts and resets before the main loop sees the connect
 * complete: the connect is established, then reset. */
static void
test_reset_before_connect_seen (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("reset-server.py", "Hello", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  guint16 port = peer_port (peer);

  sb_stream_connect (stream, "127.0.0.1", port);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTING);

  /* Without iterating the main loop: the kernel completes the handshake. */
  sb_test_peer_write (peer, "go on\n");
  sb_test_peer_wait_exit_blocking (peer);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTING);

  sb_test_wait_until (is_settled (stream), "the connect to finish");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
  expected = g_strdup_printf ("C1 socket AF_INET, SOCK_STREAM\n"
                              "C1 connect started ('127.0.0.1', %u)\n"
                              "C1 connect established ('127.0.0.1', %u)\n"
                              "C1 reset ECONNRESET\n"
                              "C1 close\n", port, port);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);
  g_assert_cmpstr (sb_stream_get_error_message (stream), ==,
                   "The peer left: it reset the connection (ECONNRESET in connect())");
}

static gboolean
tcp_state_is (SbStream   *stream,
              const char *state)
{
  sb_stream_refresh (stream);

  return g_strcmp0 (sb_stream_get_tcp_state (stream), state) == 0;
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* send() into a connection the peer has reset: an event, not a crash
 * (SIGPIPE would kill the test). */
static void
test_send_into_reset (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("reset-server.py", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("data", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *event = NULL;
  guint16 port = peer_port (peer);
  guint tick;
  guint n;
  SbEventInfo info;

  sb_stream_set_auto_receive (stream, FALSE);
  connect_and_wait (stream, "127.0.0.1", port);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  sb_test_peer_write (peer, "go on\n");
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);

  /* Nobody polls this socket: look at the kernel's state until the RST
   * has arrived. */
  tick = g_timeout_add (10, tick_cb, NULL);
  sb_test_wait_until (tcp_state_is (stream, "CLOSE"), "the RST to arrive");
  g_source_remove (tick);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);

  g_assert_false (sb_stream_send (stream, bytes, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
  g_assert_cmpuint (sb_stream_get_bytes_sent (stream), ==, 0);
  g_assert_cmpuint (sb_stream_get_bytes_queued (stream), ==, 0);

  n = sb_capture_get_n_recorded (capture);
  g_assert_true (sb_capture_get_info (capture, n - 2, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESET);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_true (info.errnum == ECONNRESET || info.errnum == EPIPE);
  g_assert_true (g_str_has_prefix (info.note, "send: "));
  g_assert_true (g_str_has_suffix (info.note, "; 4 queued bytes were not sent"));
  g_assert_cmpstr (error->message, ==, sb_stream_get_error_message (stream));
  event = sb_test_describe_event (capture, n - 1);
  g_assert_cmpstr (event, ==, "C1 close");
}

/* Our own reset: SO_LINGER 0 and close; the server side sees ECONNRESET. */
static void
test_reset_by_us (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *event = NULL;
  g_autofree char *expected = NULL;
  guint n;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  connect_and_wait (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (server != NULL, "the accept");

  sb_stream_reset (client);
  g_assert_cmpint (sb_stream_get_state (client), ==, SB_STREAM_CLOSED);
  n = sb_capture_get_n_recorded (capture);
  event = sb_test_describe_event (capture, n - 1);
  expected = g_strdup_printf ("C%u close abort", sb_stream_get_socket_id (client));
  g_assert_cmpstr (event, ==, expected);

  sb_test_wait_until (sb_stream_get_state (server) == SB_STREAM_PEER_LEFT, "the reset to arrive");
  g_free (event);
  event = sb_test_describe_event (capture, sb_capture_get_n_recorded (capture) - 2);
  g_free (expected);
  expected = g_strdup_printf ("S%u reset ECONNRESET", sb_stream_get_socket_id (server));
  g_assert_cmpstr (event, ==, expected);
}

/* The peer closed (we are in CLOSE_WAIT); what we send then is answered
 * with RST, and the next send() fails with EPIPE, which would raise
 * SIGPIPE and kill the process without MSG_NOSIGNAL. */
static void
test_broken_pipe (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(GBytes) first = g_bytes_new_static ("a", 1);
  g_autoptr(GBytes) second = g_bytes_new_static ("b", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *event = NULL;
  g_autofree char *expected = NULL;
  guint tick;
  guint n;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  connect_and_wait (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (server != NULL, "the accept");

  sb_stream_close (server);
  sb_test_wait_until (sb_stream_get_state (client) == SB_STREAM_PEER_CLOSED, "the empty read");

  g_assert_true (sb_stream_send (client, first, &error));
  g_assert_no_error (error);
  tick = g_timeout_add (10, tick_cb, NULL);
  sb_test_wait_until (tcp_state_is (client, "CLOSE"), "the RST to arrive");
  g_source_remove (tick);

  g_assert_false (sb_stream_send (client, second, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sb_stream_get_state (client), ==, SB_STREAM_PEER_LEFT);
  g_assert_cmpuint (sb_stream_get_bytes_sent (client), ==, 1);

  n = sb_capture_get_n_recorded (capture);
  event = sb_test_describe_event (capture, n - 2);
  expected = g_strdup_printf ("C%u reset EPIPE", sb_stream_get_socket_id (client));
  g_assert_cmpstr (event, ==, expected);
  g_assert_cmpstr (sb_stream_get_error_message (client), ==,
                   "The peer left: the connection was already gone (EPIPE in send())");
}

static void
test_errno_names (void)
{
  g_autofree char *description = sb_errno_describe (ECONNREFUSED);

  g_assert_cmpstr (sb_errno_get_name (ECONNRESET), ==, "ECONNRESET");
  g_assert_cmpstr (sb_errno_get_name (EADDRINUSE), ==, "EADDRINUSE");
  g_assert_cmpstr (sb_errno_get_explanation (EADDRINUSE), ==,
                   "the address is already in use by another socket");
  g_assert_cmpstr (description, ==, "nothing is listening on that port (ECONNREFUSED)");
  g_assert_cmpstr (sb_tcp_state_get_name (1), ==, "ESTABLISHED");
  g_assert_cmpstr (sb_tcp_state_get_name (8), ==, "CLOSE_WAIT");
  g_assert_null (sb_tcp_state_get_name (99));
  g_assert_cmpstr (sb_stream_state_to_string (SB_STREAM_WRITE_SHUT), ==, "sending shut down");
  g_assert_true (sb_stream_state_is_open (SB_STREAM_PEER_CLOSED));
  g_assert_false (sb_stream_state_is_open (SB_STREAM_PEER_LEFT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/errors/names", test_errno_names);
  g_test_add_func ("/tcp/errors/refused", test_refused);
  g_test_add_func ("/tcp/errors/refused-localhost", test_refused_localhost);
  g_test_add_func ("/tcp/errors/localhost-fallback", test_localhost_fallback);
  g_test_add_func ("/tcp/errors/unresolvable", test_unresolvable);
  g_test_add_func ("/tcp/errors/timeout", test_timeout);
  g_test_add_func ("/tcp/errors/port-in-use", test_port_in_use);
  g_test_add_func ("/tcp/errors/bad-address", test_bad_address);
  g_test_add_func ("/tcp/errors/reset-by-peer", test_reset_by_peer);
  g_test_add_func ("/tcp/errors/send-into-reset", test_send_into_reset);
  g_test_add_func ("/tcp/errors/reset-before-connect-seen", test_reset_before_connect_seen);
  g_test_add_func ("/tcp/errors/reset-by-us", test_reset_by_us);
  g_test_add_func ("/tcp/errors/broken-pipe", test_broken_pipe);

  return g_test_run ();
}
