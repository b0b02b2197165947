/* test-tcp-flow.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tcp-flow"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define BIG_SIZE (8 * 1024 * 1024)

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
available_is (SbStream *stream,
              guint     n)
{
  sb_stream_refresh (stream);

  return sb_stream_get_bytes_available (stream) == n;
}

static gboolean
tcp_state_is (SbStream   *stream,
              const char *name)
{
  sb_stream_refresh (stream);

  return g_strcmp0 (sb_stream_get_tcp_state (stream), name) == 0;
}

static void
send_text (SbStream   *stream,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_stream_send (stream, bytes, &error));
  g_assert_no_error (error);
}

static void
receive_one (SbStream *stream)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_stream_receive (stream, &error));
  g_assert_no_error (error);
}

static char *
last_event (SbCapture *capture)
{
  return sb_test_describe_event (capture, sb_capture_get_n_recorded (capture) - 1);
}

/* Auto-accept off: a connection waits in the backlog until accept_one(). */
static void
test_manual_accept (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) first = NULL;
  g_autoptr(SbTestPeer) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *event = NULL;
  GListModel *connections = sb_listener_get_connections (listener);
  const char *local;

  sb_listener_set_auto_accept (listener, FALSE);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", sb_listener_get_port (listener));

  first = sb_test_peer_spawn ("exercise-client.py", "127.0.0.1", port_text, "first", NULL);
  local = sb_test_peer_wait_line (first, "local ") + strlen ("local ");
  sb_test_wait_until (sb_listener_get_pending (listener), "a pending connection");
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 0);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 3);

  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  g_assert_false (sb_listener_get_pending (listener));
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  expected = g_strdup_printf ("S2 accept %s", local);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, expected);

  second = sb_test_peer_spawn ("exercise-client.py", "127.0.0.1", port_text, "second", NULL);
  sb_test_wait_until (sb_listener_get_pending (listener), "a second pending connection");
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);

  /* Each connection received its own client's bytes. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i);
      guint64 size = i == 0 ? 5 : 6;

      sb_test_wait_until (sb_stream_get_bytes_received (stream) == size, "the message");
      sb_stream_close (stream);
    }
  g_assert_cmpint (sb_test_peer_wait_exit (first), ==, 0);
  g_assert_cmpint (sb_test_peer_wait_exit (second), ==, 0);

  /* accept_one() with nothing waiting accepts the next one to arrive. */
  g_assert_true (sb_listener_accept_one (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);
  g_clear_pointer (&second, sb_test_peer_free);
  second = sb_test_peer_spawn ("exercise-client.py", "127.0.0.1", port_text, "third", NULL);
  sb_test_wait_until (g_list_model_get_n_items (connections) == 3, "the third accept");
  g_assert_false (sb_listener_get_pending (listener));
  {
    g_autoptr(SbStream) stream = g_list_model_get_item (connections, 2);

    sb_test_wait_until (sb_stream_get_bytes_received (stream) == 5, "the message");
    sb_stream_close (stream);
  }
  g_assert_cmpint (sb_test_peer_wait_exit (second), ==, 0);

  /* Turning auto-accept back on accepts what waits. */
  sb_listener_stop (listener);
  g_assert_false (sb_listener_accept_one (listener, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
}

/* Auto-receive off: one sb_stream_receive() is one recv(receive-size). */
static void
test_manual_receive (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *event = NULL;
  guint n, tick;

  sb_listener_set_auto_receive (listener, FALSE);
  sb_listener_set_receive_size (listener, 5);
  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);

  sb_stream_connect (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (server != NULL && sb_stream_get_state (client) == SB_STREAM_CONNECTED,
                      "the connection");
  g_assert_false (sb_stream_get_auto_receive (server));
  g_assert_cmpuint (sb_stream_get_receive_size (server), ==, 5);

  send_text (client, "Hello World");
  tick = g_timeout_add (10, tick_cb, NULL);
  sb_test_wait_until (available_is (server, 11), "11 bytes waiting");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), ==, 0);

  receive_one (server);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, "S3 recv 5/5 b'Hello'");
  g_assert_cmpuint (sb_stream_get_bytes_available (server), ==, 6);
  g_assert_cmpuint (sb_stream_get_bytes_received (server), ==, 5);

  receive_one (server);
  receive_one (server);
  g_clear_pointer (&event, g_free);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, "S3 recv 1/5 b'd'");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), ==, 3);
  g_assert_cmpuint (sb_stream_get_bytes_available (server), ==, 0);

  /* Nothing waiting: one recv() that would block, recorded as such; it
   * does not wait, and no recv() happens when bytes arrive later. */
  n = sb_capture_get_n_recorded (capture);
  receive_one (server);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n + 1);
  g_clear_pointer (&event, g_free);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, "S3 recv -1/5 EAGAIN b''");
  send_text (client, "0123456789");
  sb_test_wait_until (available_is (server, 10), "10 bytes waiting");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), ==, 4);
  receive_one (server);
  g_clear_pointer (&event, g_free);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, "S3 recv 5/5 b'01234'");
  g_assert_cmpuint (sb_stream_get_bytes_available (server), ==, 5);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), ==, 5);

  /* The peer's close is seen by the next recv, as the empty read. */
  sb_stream_close (client);
  sb_test_wait_until (tcp_state_is (server, "CLOSE_WAIT"), "CLOSE_WAIT");
  receive_one (server);
  receive_one (server);
  sb_test_wait_until (sb_stream_get_state (server) == SB_STREAM_PEER_CLOSED, "the empty read");
  g_source_remove (tick);
  g_clear_pointer (&event, g_free);
  event = last_event (capture);
  g_assert_cmpstr (event, ==, "S3 eof");
  g_assert_cmpuint (sb_stream_get_bytes_received (server), ==, 21);
  g_assert_false (sb_stream_receive (server, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
}

/* 8 MiB to a peer that reads only after a while: the kernel takes what
 * fits, the rest waits for G_IO_OUT; every call has its own event. */
static void
test_big_send (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  guint8 *buffer;
  guint64 offered = BIG_SIZE;
  guint n_send = 0;
  guint n;

  buffer = g_malloc (BIG_SIZE);
  for (gsize i = 0; i < BIG_SIZE; i++)
    buffer[i] = (guint8) ((i * 7 + (i >> 12)) & 0xff);
  data = g_bytes_new_take (buffer, BIG_SIZE);
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", sb_listener_get_port (listener));
  peer = sb_test_peer_spawn ("slow-reader.py", "127.0.0.1", port_text, "0.5", NULL);
  sb_test_wait_until (server != NULL, "the accept");

  g_assert_true (sb_stream_send (server, data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_stream_get_bytes_queued (server), >, 0);
  g_assert_cmpuint (sb_stream_get_bytes_queued (server) + sb_stream_get_bytes_sent (server),
                    ==, BIG_SIZE);

  /* Shut down once everything is sent. */
  g_assert_true (sb_stream_shutdown_write (server, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_stream_get_state (server), ==, SB_STREAM_CONNECTED);

  sb_test_wait_until (sb_stream_get_state (server) == SB_STREAM_BOTH_SHUT, "eof after the data");
  g_assert_cmpuint (sb_stream_get_bytes_queued (server), ==, 0);
  g_assert_cmpuint (sb_stream_get_bytes_sent (server), ==, BIG_SIZE);

  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  expected = g_strdup_printf ("connected\nreceived %u %s", BIG_SIZE, checksum);
  out = sb_test_peer_dup_stdout (peer);
  g_assert_cmpstr (out, ==, expected);

  /* Each send() recorded with its own return value and what it was offered. */
  n = sb_capture_get_n_recorded (capture);
  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;

      sb_capture_get_info (capture, i, &info);
      if (info.kind != SB_EVENT_SEND)
        continue;

      g_assert_cmpuint (info.requested, ==, offered);
      g_assert_cmpint (info.result, >, 0);
      g_assert_cmpint (info.result, <=, info.requested);
      g_assert_cmpuint (info.payload_len, ==, info.result);
      offered -= info.result;
      n_send++;
    }
  g_assert_cmpuint (offered, ==, 0);
  g_assert_cmpuint (n_send, >=, 2);
  g_test_message ("8 MiB took %u send() calls", n_send);

  sent = sb_test_collect_payload (capture, sb_stream_get_socket_id (server), SB_EVENT_SEND);
  g_assert_true (g_bytes_equal (sent, data));

  /* shutdown after the last send, then the peer's eof. */
  {
    g_autofree char *shutdown = sb_test_describe_event (capture, n - 2);
    g_autofree char *eof = sb_test_describe_event (capture, n - 1);
    SbEventInfo info;

    g_assert_cmpstr (shutdown, ==, "S2 shutdown write");
    sb_capture_get_info (capture, n - 2, &info);
    g_assert_cmpstr (info.note, ==, "after the send queue drained");
    g_assert_cmpstr (eof, ==, "S2 eof");
  }

  /* Nothing more can be sent. */
  g_assert_false (sb_stream_send (server, data, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
}

static void
bytes_received_cb (SbStream   *stream,
                   GParamSpec *pspec,
                   GArray     *seen)
{
  guint64 received = sb_stream_get_bytes_received (stream);

  g_array_append_val (seen, received);
}

/* A flood is read in bounded batches, each followed by one notification. */
static void
test_bounded_dispatch (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GError) error = NULL;
  char flood[700];
  guint tick;

  sb_listener_set_auto_receive (listener, FALSE);
  sb_listener_set_receive_size (listener, 1);
  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  sb_stream_connect (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (server != NULL && sb_stream_get_state (client) == SB_STREAM_CONNECTED,
                      "the connection");

  memset (flood, 'x', sizeof flood);
  flood[sizeof flood - 1] = '\0';
  send_text (client, flood);
  tick = g_timeout_add (10, tick_cb, NULL);
  sb_test_wait_until (available_is (server, sizeof flood - 1), "the flood to arrive");
  g_source_remove (tick);

  g_signal_connect (server, "notify::bytes-received", G_CALLBACK (bytes_received_cb), seen);
  sb_stream_set_auto_receive (server, TRUE);
  sb_test_wait_until (sb_stream_get_bytes_received (server) == sizeof flood - 1, "the flood");

  g_assert_cmpuint (sb_test_count_events (capture, sb_stream_get_socket_id (server),
                                          SB_EVENT_RECV), ==, sizeof flood - 1);
  /* At most SB_MAX_RECVS_PER_DISPATCH calls per batch (fewer when a batch
   * hits its time limit on a loaded machine), one notification each. */
  g_assert_cmpuint (seen->len, >=, (sizeof flood - 1 + SB_MAX_RECVS_PER_DISPATCH - 1)
                                   / SB_MAX_RECVS_PER_DISPATCH);
  for (guint i = 0; i < seen->len; i++)
    {
      guint64 before = i == 0 ? 0 : g_array_index (seen, guint64, i - 1);
      guint64 now = g_array_index (seen, guint64, i);

      g_assert_cmpuint (now, >, before);
      g_assert_cmpuint (now - before, <=, SB_MAX_RECVS_PER_DISPATCH);
    }
  g_assert_cmpuint (g_array_index (seen, guint64, seen->len - 1), ==, sizeof flood - 1);
}

static char *
python_of (SbCapture *capture,
           guint      index)
{
  g_autoptr(SbEvent) event = sb_event_new (capture, index);

  return sb_event_dup_python (event);
}

/* Clearing the capture with connections open, as Clear Log does: they keep
 * their socket ids and counters, their next calls start the new record,
 * and sockets made after the clear get ids and names of their own. */
static void
test_clear_while_connected (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) second = NULL;
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbStream) server2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *python = NULL;
  g_autofree char *expected = NULL;
  GListModel *connections = sb_listener_get_connections (listener);
  guint client_id, server_id;

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  sb_stream_connect (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (g_list_model_get_n_items (connections) == 1
                      && sb_stream_get_state (client) == SB_STREAM_CONNECTED,
                      "the connection");
  server = g_list_model_get_item (connections, 0);
  client_id = sb_stream_get_socket_id (client);
  server_id = sb_stream_get_socket_id (server);
  g_assert_cmpuint (client_id, !=, server_id);

  send_text (client, "Hello World");
  sb_test_wait_until (sb_stream_get_bytes_received (server) == 11, "Hello World");
  sb_capture_clear (capture);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 0);

  /* The counters say what crossed the socket, not what the log holds. */
  g_assert_cmpuint (sb_stream_get_bytes_sent (client), ==, 11);
  g_assert_cmpuint (sb_stream_get_bytes_received (server), ==, 11);
  g_assert_cmpuint (sb_stream_get_socket_id (client), ==, client_id);
  g_assert_cmpuint (sb_stream_get_socket_id (server), ==, server_id);

  send_text (server, "Hello Yourself");
  sb_test_wait_until (sb_stream_get_bytes_received (client) == 14, "Hello Yourself");
  log = sb_test_describe_capture (capture);
  expected = g_strdup_printf ("S%u send 14/14 b'Hello Yourself'\n"
                              "C%u recv 14/%u b'Hello Yourself'\n",
                              server_id, client_id, sb_stream_get_receive_size (client));
  g_assert_cmpstr (log, ==, expected);
  g_assert_cmpuint (sb_stream_get_bytes_sent (server), ==, 14);
  g_assert_cmpuint (sb_stream_get_bytes_received (server), ==, 11);
  python = python_of (capture, 0);
  g_assert_true (g_str_has_prefix (python, "conn.send("));

  /* A new connection after the clear: new ids, and it is conn2, not conn. */
  second = sb_stream_new (capture, SB_SIDE_CLIENT);
  sb_stream_connect (second, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (g_list_model_get_n_items (connections) == 2
                      && sb_stream_get_state (second) == SB_STREAM_CONNECTED,
                      "the second connection");
  server2 = g_list_model_get_item (connections, 1);
  g_assert_cmpuint (sb_stream_get_socket_id (second), >, MAX (client_id, server_id));
  g_assert_cmpuint (sb_stream_get_socket_id (server2), >, MAX (client_id, server_id));
  g_assert_cmpuint (sb_stream_get_socket_id (server2), !=, sb_stream_get_socket_id (second));
  g_assert_cmpuint (sb_capture_get_connection_number (capture, server_id), ==, 1);
  g_assert_cmpuint (sb_capture_get_connection_number (capture,
                                                      sb_stream_get_socket_id (server2)), ==, 2);

  send_text (server2, "Goodbye");
  sb_test_wait_until (sb_stream_get_bytes_received (second) == 7, "Goodbye");
  g_clear_pointer (&python, g_free);
  python = python_of (capture, sb_capture_get_n_recorded (capture) - 2);
  g_assert_true (g_str_has_prefix (python, "conn2.send("));
  g_assert_cmpuint (sb_test_count_events (capture, sb_stream_get_socket_id (server2),
                                          SB_EVENT_SEND), ==, 1);
  g_assert_cmpuint (sb_test_count_events (capture, server_id, SB_EVENT_SEND), ==, 1);

  sb_stream_close (client);
  sb_stream_close (second);
  sb_test_wait_until (sb_stream_get_state (server) == SB_STREAM_PEER_CLOSED
                      && sb_stream_get_state (server2) == SB_STREAM_PEER_CLOSED,
                      "both empty reads");
  g_assert_cmpuint (sb_test_count_events (capture, server_id, SB_EVENT_EOF), ==, 1);
  g_assert_cmpuint (sb_test_count_events (capture, sb_stream_get_socket_id (server2),
                                          SB_EVENT_EOF), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/flow/manual-accept", test_manual_accept);
  g_test_add_func ("/tcp/flow/manual-receive", test_manual_receive);
  g_test_add_func ("/tcp/flow/big-send", test_big_send);
  g_test_add_func ("/tcp/flow/bounded-dispatch", test_bounded_dispatch);
  g_test_add_func ("/tcp/flow/clear-while-connected", test_clear_while_connected);

  return g_test_run ();
}
