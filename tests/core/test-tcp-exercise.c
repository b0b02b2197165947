/* test-tcp-exercise.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tcp-exercise"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"
#include "sb-workbench.h"

static void
send_text (SbStream   *stream,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_stream_send (stream, bytes, &error));
  g_assert_no_error (error);
}

/* Exercise 1.2 with Sockbench as the server and a python client. */
static void
run_exercise_server (const char *address,
                     const char *family)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) connection = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *out = NULL;
  const char *local;
  guint16 port;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &connection);

  g_assert_true (sb_listener_listen (listener, address, 0, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_LISTENING);
  port = sb_listener_get_port (listener);
  g_assert_cmpuint (port, >, 0);

  port_text = g_strdup_printf ("%u", port);
  peer = sb_test_peer_spawn ("exercise-client.py", address, port_text, NULL);

  /* s.recv(1024) on our side: "Hello World" */
  sb_test_wait_until (connection != NULL && sb_stream_get_bytes_received (connection) == 11,
                      "Hello World");
  g_assert_cmpint (sb_stream_get_state (connection), ==, SB_STREAM_CONNECTED);
  g_assert_cmpint (sb_stream_get_side (connection), ==, SB_SIDE_SERVER);
  g_assert_cmpuint (g_list_model_get_n_items (sb_listener_get_connections (listener)), ==, 1);

  send_text (connection, "Hello Yourself");
  sb_test_peer_wait_line (peer, "recv b'Hello Yourself'");

  send_text (connection, "Goodbye");
  sb_stream_close (connection);
  g_assert_cmpint (sb_stream_get_state (connection), ==, SB_STREAM_CLOSED);

  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);

  /* What python saw, and the address it connected from. */
  local = sb_test_peer_wait_line (peer, "local ") + strlen ("local ");
  out = sb_test_peer_dup_stdout (peer);
  expected = g_strdup_printf ("local %s\n"
                              "sent 11\n"
                              "recv b'Hello Yourself'\n"
                              "recv b'Goodbye'\n"
                              "recv b''", local);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (sb_stream_get_peer_tuple (connection), ==, local);
  g_assert_cmpstr (sb_stream_get_local_tuple (connection), ==,
                   sb_listener_get_local_tuple (listener));

  /* The exact capture. */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("S1 socket %s, SOCK_STREAM\n"
                              "S1 bind %s\n"
                              "S1 listen 5\n"
                              "S2 accept %s\n"
                              "S2 recv 11/1024 b'Hello World'\n"
                              "S2 send 14/14 b'Hello Yourself'\n"
                              "S2 send 7/7 b'Goodbye'\n"
                              "S2 close\n",
                              family, sb_listener_get_local_tuple (listener), local);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);

  g_assert_cmpuint (sb_stream_get_bytes_received (connection), ==, 11);
  g_assert_cmpuint (sb_stream_get_bytes_sent (connection), ==, 21);
  g_assert_cmpuint (sb_stream_get_bytes_queued (connection), ==, 0);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, 32);

  sb_listener_stop (listener);
  g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_IDLE);
}

static void
test_exercise_server (void)
{
  run_exercise_server ("127.0.0.1", "AF_INET");
}

static void
test_exercise_server_ipv6 (void)
{
  g_autoptr(GSocket) probe = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM,
                                           G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

  if (probe == NULL || !g_socket_bind (probe, any, FALSE, NULL))
    {
      g_test_skip ("no IPv6 loopback here");
      return;
    }

  run_exercise_server ("::1", "AF_INET6");
}

/* The listener's own tuple for IPv6 is Python's 4-tuple. */
static void
test_listener_tuples (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (sb_listener_listen (listener, "localhost", 0, 1, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("('127.0.0.1', %u)", sb_listener_get_port (listener));
  g_assert_cmpstr (sb_listener_get_local_tuple (listener), ==, expected);
  sb_listener_stop (listener);

  g_assert_true (sb_listener_listen (listener, "", 0, 1, &error));
  g_assert_no_error (error);
  g_free (expected);
  expected = g_strdup_printf ("('0.0.0.0', %u)", sb_listener_get_port (listener));
  g_assert_cmpstr (sb_listener_get_local_tuple (listener), ==, expected);
  sb_listener_stop (listener);
}

/* Exercise 1.2 with Sockbench as the client of a python server. */
static void
test_exercise_client (void)
{
  g_autoptr(SbWorkbench) workbench = sb_workbench_new ();
  SbCapture *capture = sb_workbench_get_capture (workbench);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("exercise-server.py", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *out = NULL;
  g_autofree char *peer_tuple = NULL;
  const char *port_line;
  SbStream *client;
  guint64 port;

  port_line = sb_test_peer_wait_line (peer, "port ");
  port = g_ascii_strtoull (port_line + strlen ("port "), NULL, 10);
  g_assert_cmpuint (port, >, 0);

  client = sb_workbench_connect (workbench, "127.0.0.1", port);
  g_assert_true (client == sb_workbench_get_client (workbench));
  sb_test_wait_until (sb_stream_get_state (client) != SB_STREAM_CONNECTING
                      && sb_stream_get_state (client) != SB_STREAM_RESOLVING, "connect");
  g_assert_cmpint (sb_stream_get_state (client), ==, SB_STREAM_CONNECTED);
  peer_tuple = g_strdup_printf ("('127.0.0.1', %u)", (guint) port);
  g_assert_cmpstr (sb_stream_get_peer_tuple (client), ==, peer_tuple);
  g_assert_cmpstr (sb_stream_get_tcp_state (client), ==, "ESTABLISHED");

  send_text (client, "Hello World");
  sb_test_wait_until (sb_stream_get_bytes_received (client) == 14, "Hello Yourself");
  sb_test_peer_write (peer, "go on\n");
  sb_test_wait_until (sb_stream_get_state (client) == SB_STREAM_PEER_CLOSED, "the empty read");

  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  out = sb_test_peer_dup_stdout (peer);
  expected = g_strdup_printf ("port %u\n"
                              "accepted %s\n"
                              "recv b'Hello World'\n"
                              "sent 14\n"
                              "sent 7\n"
                              "closed",
                              (guint) port, sb_stream_get_local_tuple (client));
  g_assert_cmpstr (out, ==, expected);

  sb_stream_refresh (client);
  g_assert_cmpstr (sb_stream_get_tcp_state (client), ==, "CLOSE_WAIT");
  g_assert_cmpuint (sb_stream_get_bytes_available (client), ==, 0);
  g_assert_cmpuint (sb_stream_get_bytes_received (client), ==, 21);
  g_assert_cmpuint (sb_stream_get_bytes_sent (client), ==, 11);

  /* We may still send after the peer's eof, as TCP allows; we close. */
  sb_stream_close (client);
  g_assert_cmpint (sb_stream_get_state (client), ==, SB_STREAM_CLOSED);
  g_assert_null (sb_stream_get_tcp_state (client));

  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("C1 socket AF_INET, SOCK_STREAM\n"
                              "C1 connect started %s\n"
                              "C1 connect established %s\n"
                              "C1 send 11/11 b'Hello World'\n"
                              "C1 recv 14/1024 b'Hello Yourself'\n"
                              "C1 recv 7/1024 b'Goodbye'\n"
                              "C1 eof\n"
                              "C1 close\n",
                              peer_tuple, peer_tuple);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);
}

/* A new connect replaces the client and closes the old one. */
static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_workbench_replaces_client (void)
{
  g_autoptr(SbWorkbench) workbench = sb_workbench_new ();
  SbListener *server = sb_workbench_get_server (workbench);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStream) first = NULL;
  guint notifications = 0;
  guint16 port;

  g_signal_connect (workbench, "notify::client", G_CALLBACK (notify_count_cb), &notifications);

  g_assert_true (sb_listener_listen (server, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = sb_listener_get_port (server);

  first = g_object_ref (sb_workbench_connect (workbench, "127.0.0.1", port));
  sb_test_wait_until (sb_stream_get_state (first) == SB_STREAM_CONNECTED, "first connect");
  g_assert_cmpuint (notifications, ==, 1);

  sb_workbench_connect (workbench, "127.0.0.1", port);
  g_assert_cmpuint (notifications, ==, 2);
  g_assert_true (sb_workbench_get_client (workbench) != first);
  g_assert_cmpint (sb_stream_get_state (first), ==, SB_STREAM_CLOSED);
  sb_test_wait_until (sb_stream_get_state (sb_workbench_get_client (workbench))
                      == SB_STREAM_CONNECTED, "second connect");

  /* Both connections arrived at the server; the first one saw the close. */
  sb_test_wait_until (g_list_model_get_n_items (sb_listener_get_connections (server)) == 2,
                      "two accepts");
  {
    g_autoptr(SbStream) accepted = g_list_model_get_item (sb_listener_get_connections (server), 0);

    sb_test_wait_until (sb_stream_get_state (accepted) == SB_STREAM_PEER_CLOSED,
                        "eof on the first accepted connection");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/exercise/server", test_exercise_server);
  g_test_add_func ("/tcp/exercise/server-ipv6", test_exercise_server_ipv6);
  g_test_add_func ("/tcp/exercise/client", test_exercise_client);
  g_test_add_func ("/tcp/listener/tuples", test_listener_tuples);
  g_test_add_func ("/tcp/workbench/replaces-client", test_workbench_replaces_client);

  return g_test_run ();
}
