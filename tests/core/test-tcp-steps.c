/* test-tcp-steps.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One call per step: socket(), bind(), listen() on the server side and
 * getaddrinfo(), socket(), connect() on the client side, each its own
 * event; a failed bind() that keeps its socket; an address that refuses
 * before the next one connects. */

#define G_LOG_DOMAIN "test-tcp-steps"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

static guint16
peer_port (SbTestPeer *peer)
{
  const char *line = sb_test_peer_wait_line (peer, "port ");

  return (guint16) g_ascii_strtoull (line + strlen ("port "), NULL, 10);
}

/* The events recorded since @from, one line each. */
static char *
describe_since (SbCapture *capture,
                guint      from)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_autofree char *line = sb_test_describe_event (capture, i);

      g_string_append_printf (out, "%s\n", line);
    }

  return g_string_free (out, FALSE);
}

/* The index of the first client event from @from on, which must exist. */
static guint
next_client_event (SbCapture   *capture,
                   guint        from,
                   SbEventInfo *info)
{
  for (guint i = from; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_assert_true (sb_capture_get_info (capture, i, info));
      if (info->side == SB_SIDE_CLIENT)
        return i;
    }

  g_error ("no client event after %u", from);
}

static gboolean
is_settled (SbStream *stream)
{
  SbStreamState state = sb_stream_get_state (stream);

  return state != SB_STREAM_RESOLVING && state != SB_STREAM_CONNECTING;
}

/* socket(), bind(), listen(): one event each, in order; then a python
 * client connects and is accepted. */
static void
test_listener_steps (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) connection = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *port_text = NULL;
  guint16 port;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &connection);

  g_assert_true (sb_listener_open_socket (listener, "127.0.0.1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_OPEN);
  events = describe_since (capture, 0);
  g_assert_cmpstr (events, ==, "S1 socket AF_INET, SOCK_STREAM\n");
  g_clear_pointer (&events, g_free);

  g_assert_true (sb_listener_bind (listener, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_BOUND);
  port = sb_listener_get_port (listener);
  g_assert_cmpuint (port, >, 0);
  tuple = g_strdup_printf ("('127.0.0.1', %u)", port);
  g_assert_cmpstr (sb_listener_get_local_tuple (listener), ==, tuple);
  events = describe_since (capture, 1);
  expected = g_strdup_printf ("S1 bind %s\n", tuple);
  g_assert_cmpstr (events, ==, expected);
  g_clear_pointer (&events, g_free);

  g_assert_true (sb_listener_start_listening (listener, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_LISTENING);
  events = describe_since (capture, 2);
  g_assert_cmpstr (events, ==, "S1 listen 3\n");
  g_clear_pointer (&events, g_free);

  port_text = g_strdup_printf ("%u", port);
  peer = sb_test_peer_spawn ("exercise-client.py", "127.0.0.1", port_text, NULL);
  sb_test_wait_until (connection != NULL && sb_stream_get_bytes_received (connection) == 11,
                      "Hello World");
  sb_stream_close (connection);
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);

  sb_listener_stop (listener);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_IDLE);
  g_assert_cmpuint (sb_test_count_events (capture, 1, SB_EVENT_CLOSE), ==, 1);
}

/* A socket made by socket() is closed by stop() before bind(). */
static void
test_listener_stop_after_socket (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  g_assert_true (sb_listener_open_socket (listener, "::1", &error));
  g_assert_no_error (error);
  sb_listener_stop (listener);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_IDLE);

  events = describe_since (capture, 0);
  g_assert_cmpstr (events, ==,
                   "S1 socket AF_INET6, SOCK_STREAM\n"
                   "S1 close\n");
}

/* bind() to a port a python3 socket holds: the error is recorded, the
 * socket stays open (no close event), and bind() can be tried again. */
static void
test_bind_in_use (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) holder = sb_test_peer_spawn ("port-holder.py", "127.0.0.1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *message = NULL;
  guint16 port = peer_port (holder);
  SbEventInfo info;

  g_assert_true (sb_listener_open_socket (listener, "127.0.0.1", &error));
  g_assert_no_error (error);

  g_assert_false (sb_listener_bind (listener, "127.0.0.1", port, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  message = g_strdup_printf ("Port %u is already in use (EADDRINUSE)", port);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (sb_listener_get_error_message (listener), ==, message);
  g_clear_error (&error);

  /* Still a socket, still waiting for bind(). */
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_OPEN);
  events = describe_since (capture, 0);
  g_assert_cmpstr (events, ==,
                   "S1 socket AF_INET, SOCK_STREAM\n"
                   "S1 error EADDRINUSE\n");
  g_clear_pointer (&events, g_free);
  g_assert_true (sb_capture_get_info (capture, 1, &info));
  g_assert_cmpint (info.result, ==, -1);

  /* The port is free again: the same socket binds it. */
  sb_test_peer_write (holder, "close\n");
  sb_test_peer_wait_line (holder, "closed");
  g_assert_true (sb_listener_bind (listener, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  g_assert_null (sb_listener_get_error_message (listener));
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_BOUND);
  g_assert_cmpuint (sb_listener_get_port (listener), ==, port);

  g_assert_true (sb_listener_start_listening (listener, 5, &error));
  g_assert_no_error (error);
  sb_listener_stop (listener);

  events = describe_since (capture, 2);
  expected = g_strdup_printf ("S1 bind ('127.0.0.1', %u)\n"
                              "S1 listen 5\n"
                              "S1 close\n", port);
  g_assert_cmpstr (events, ==, expected);
}

/* getaddrinfo(), socket(), connect(): one event each (connect: started,
 * then established). */
static void
test_stream_steps (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) server = sb_test_peer_spawn ("exercise-server.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  guint16 port = peer_port (server);

  sb_stream_resolve (stream, "127.0.0.1", port);
  sb_test_wait_until (sb_stream_get_state (stream) != SB_STREAM_RESOLVING, "getaddrinfo()");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_RESOLVED);
  events = describe_since (capture, 0);
  g_assert_cmpstr (events, ==, "C1 resolve 1 127.0.0.1: 127.0.0.1 (tried in this order)\n");
  g_clear_pointer (&events, g_free);

  g_assert_true (sb_stream_open_socket (stream, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_SOCKET_OPEN);
  g_assert_true (sb_stream_state_is_open (SB_STREAM_SOCKET_OPEN));
  events = describe_since (capture, 1);
  g_assert_cmpstr (events, ==, "C1 socket AF_INET, SOCK_STREAM\n");
  g_clear_pointer (&events, g_free);

  sb_stream_connect_socket (stream);
  sb_test_wait_until (is_settled (stream), "connect()");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  events = describe_since (capture, 2);
  expected = g_strdup_printf ("C1 connect started ('127.0.0.1', %u)\n"
                              "C1 connect established ('127.0.0.1', %u)\n", port, port);
  g_assert_cmpstr (events, ==, expected);

  sb_stream_close (stream);
  sb_test_peer_wait_line (server, "recv b''");
}

/* A socket made by socket() is closed before connect(). */
static void
test_stream_close_after_socket (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  sb_stream_resolve (stream, "::1", 9);
  sb_test_wait_until (sb_stream_get_state (stream) != SB_STREAM_RESOLVING, "getaddrinfo()");
  g_assert_true (sb_stream_open_socket (stream, &error));
  g_assert_no_error (error);
  sb_stream_close (stream);
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CLOSED);

  events = describe_since (capture, 0);
  g_assert_cmpstr (events, ==,
                   "C1 resolve 1 ::1: ::1 (tried in this order)\n"
                   "C1 socket AF_INET6, SOCK_STREAM\n"
                   "C1 close\n");
}

/* The addresses "localhost" resolves to; the test needs two or more. */
static GStrv
resolve_localhost (SbCapture *capture,
                   SbStream  *stream,
                   guint16    port)
{
  const char *prefix = "localhost: ";
  const char *suffix = " (tried in this order)";
  g_autofree char *list = NULL;
  SbEventInfo info;
  GStrv addresses;

  sb_stream_resolve (stream, "localhost", port);
  sb_test_wait_until (sb_stream_get_state (stream) != SB_STREAM_RESOLVING, "getaddrinfo()");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_RESOLVED);
  g_assert_true (sb_capture_get_info (capture, sb_capture_get_n_recorded (capture) - 1, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESOLVE);
  g_assert_true (g_str_has_prefix (info.note, prefix));
  g_assert_true (g_str_has_suffix (info.note, suffix));
  list = g_strndup (info.note + strlen (prefix),
                    strlen (info.note) - strlen (prefix) - strlen (suffix));
  addresses = g_strsplit (list, ", ", -1);
  /* GResolver answers "localhost" itself with ::1 and 127.0.0.1. */
  g_assert_cmpuint (g_strv_length (addresses), >=, 2);

  return addresses;
}

/* Step by step: the first address of "localhost" refuses, the state comes
 * back to RESOLVED with a neutral event, and the next socket()/connect()
 * reach the listener on the last address. */
static void
test_refused_then_next_steps (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) addresses = NULL;
  guint n, last;
  guint16 port;
  SbEventInfo info;

  /* Find a port free on every address: listen on 127.0.0.1 first, then
   * resolve, then move the listener to the last address if needed. */
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = sb_listener_get_port (listener);

  addresses = resolve_localhost (capture, stream, port);
  last = g_strv_length (addresses) - 1;
  if (g_strcmp0 (addresses[last], "127.0.0.1") != 0)
    {
      sb_listener_stop (listener);
      g_assert_true (sb_listener_listen (listener, addresses[last], port, 5, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i <= last; i++)
    {
      g_autofree char *event = NULL;

      g_assert_true (sb_stream_open_socket (stream, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_SOCKET_OPEN);
      n = sb_capture_get_n_recorded (capture);
      sb_stream_connect_socket (stream);
      sb_test_wait_until (is_settled (stream), "connect()");

      n = next_client_event (capture, n, &info);
      g_assert_cmpint (info.kind, ==, SB_EVENT_CONNECT);
      g_assert_cmpint (info.detail, ==, SB_CONNECT_STARTED);
      n = next_client_event (capture, n + 1, &info);
      g_assert_cmpint (info.kind, ==, SB_EVENT_CONNECT);
      event = sb_test_describe_event (capture, n);
      g_test_message ("%s", event);

      if (i < last)
        {
          /* Refused, and a normal step: more addresses are left. */
          g_assert_cmpint (info.detail, ==, SB_CONNECT_NEXT_ADDRESS);
          g_assert_cmpint (info.errnum, ==, ECONNREFUSED);
          g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_RESOLVED);
          g_assert_null (sb_stream_get_error_message (stream));
          next_client_event (capture, n + 1, &info);
          g_assert_cmpint (info.kind, ==, SB_EVENT_CLOSE);
        }
      else
        {
          g_assert_cmpint (info.detail, ==, SB_CONNECT_ESTABLISHED);
          g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
        }
    }

  g_assert_null (sb_stream_get_error_message (stream));
  sb_stream_close (stream);
}

/* In one go, the same: neutral refusals, then connected. */
static void
test_refused_then_next_connect (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GError) error = NULL;
  guint refused = 0, established = 0;

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);

  sb_stream_connect (stream, "localhost", sb_listener_get_port (listener));
  sb_test_wait_until (is_settled (stream), "the connect to finish");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  g_assert_null (sb_stream_get_error_message (stream));

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind != SB_EVENT_CONNECT || info.detail == SB_CONNECT_STARTED)
        continue;
      /* No SB_CONNECT_REFUSED: that is the connection's failure. */
      g_assert_cmpint (info.detail, !=, SB_CONNECT_REFUSED);
      if (info.detail == SB_CONNECT_NEXT_ADDRESS)
        refused++;
      else if (info.detail == SB_CONNECT_ESTABLISHED)
        established++;
    }

  /* 127.0.0.1 is not the first address GResolver gives for localhost. */
  g_assert_cmpuint (refused, >=, 1);
  g_assert_cmpuint (established, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/steps/listener", test_listener_steps);
  g_test_add_func ("/tcp/steps/listener-stop-after-socket", test_listener_stop_after_socket);
  g_test_add_func ("/tcp/steps/bind-in-use", test_bind_in_use);
  g_test_add_func ("/tcp/steps/stream", test_stream_steps);
  g_test_add_func ("/tcp/steps/stream-close-after-socket", test_stream_close_after_socket);
  g_test_add_func ("/tcp/steps/refused-then-next", test_refused_then_next_steps);
  g_test_add_func ("/tcp/steps/refused-then-next-connect", test_refused_then_next_connect);

  return g_test_run ();
}
