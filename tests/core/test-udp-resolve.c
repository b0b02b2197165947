/* test-udp-resolve.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbDatagram to a host name (sb-datagram-resolve.h) and the client's bad
 * input, against python3 UDP peers on 127.0.0.1. */

#define G_LOG_DOMAIN "test-udp-resolve"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-datagram-resolve.h"
#include "sb-socket-util.h"
#include "sb-test-util.h"
#include "sb-transcript.h"

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the main loop until the call finished; returns its result. */
static gboolean
send_to_host (SbDatagram  *datagram,
              const char  *host,
              guint16      port,
              GBytes      *payload,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_datagram_send_to_host_async (datagram, host, port, payload, NULL, done_cb, &result);
  sb_test_wait_until (result != NULL, "sendto() to a host");

  return sb_datagram_send_to_host_finish (datagram, result, error);
}

static gboolean
connect_host (SbDatagram  *datagram,
              const char  *host,
              guint16      port,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_datagram_connect_host_async (datagram, host, port, NULL, done_cb, &result);
  sb_test_wait_until (result != NULL, "connect() to a host");

  return sb_datagram_connect_host_finish (datagram, result, error);
}

static char *
describe (SbCapture *capture,
          guint      index)
{
  g_assert_cmpuint (index, <, sb_capture_get_n_recorded (capture));

  return sb_test_describe_event (capture, index);
}

/* localhost by name: one resolve event, then socket() (AF_INET, its id the
 * resolve's) and sendto() of 127.0.0.1; the python3 receiver gets exactly
 * the bytes, and its reply comes back with its tuple. */
static void
test_sendto_localhost (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping\r\n", 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  const char *reply;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);

  g_assert_true (send_to_host (client, "localhost", port, ping, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_BOUND);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 3);

  line = describe (capture, 0);
  g_assert_true (g_str_has_prefix (line, "C1 resolve "));
  g_assert_nonnull (strstr (line, " localhost: "));
  g_assert_nonnull (strstr (line, "127.0.0.1"));
  g_clear_pointer (&line, g_free);
  line = describe (capture, 1);
  g_assert_cmpstr (line, ==, "C1 socket AF_INET, SOCK_DGRAM");
  g_clear_pointer (&line, g_free);
  line = describe (capture, 2);
  expected = g_strdup_printf ("C1 sendto 6/6 %s b'ping\\r\\n'", tuple);
  g_assert_cmpstr (line, ==, expected);

  sb_test_peer_write (peer, "a recv 100\n");
  reply = sb_test_peer_wait_line (peer, "a ");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("a 6 b'ping\\r\\n' ('127.0.0.1', %u)",
                              sb_datagram_get_port (client));
  g_assert_cmpstr (reply, ==, expected);

  sb_test_peer_write (peer, "b reply pong\n");
  sb_test_wait_until (sb_datagram_get_datagrams_received (client) == 1, "the reply");
  g_clear_pointer (&line, g_free);
  line = describe (capture, sb_capture_get_n_recorded (capture) - 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("C1 recvfrom 4/1024 %s b'pong'", tuple);
  g_assert_cmpstr (line, ==, expected);

  /* The transcript: the lookup as a comment, then the exercise's calls. */
  text = sb_transcript_dup_text (capture);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "# getaddrinfo('localhost', None) → "));
  g_assert_nonnull (strstr (text, "client = socket(AF_INET, SOCK_DGRAM)\n"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("client.sendto(b'ping\\r\\n', ('127.0.0.1', %u))  # → 6\n", port);
  g_assert_nonnull (strstr (text, expected));
  g_assert_true (strstr (text, "getaddrinfo") < strstr (text, "client = socket("));

  /* Again by name: the socket stays, the lookup is made again. */
  g_assert_true (send_to_host (client, "localhost", port, ping, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_SOCKET), ==, 1);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RESOLVE), ==, 2);
}

/* An address needs no lookup: no resolve event. */
static void
test_sendto_numeric (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "::1", NULL);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);

  g_assert_true (send_to_host (client, "::1", port, ping, &error));
  g_assert_no_error (error);
  events = sb_test_describe_capture (capture);
  expected = g_strdup_printf ("C1 socket AF_INET6, SOCK_DGRAM\n"
                              "C1 sendto 4/4 %s b'ping'\n", tuple);
  g_assert_cmpstr (events, ==, expected);
}

/* A name that does not resolve: a specific error, a failed resolve event,
 * no socket. */
static void
test_no_such_name (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  SbEventInfo info;

  g_assert_false (send_to_host (client, "nosuch.invalid", 9999, ping, &error));
  g_assert_true (error != NULL && error->domain == G_RESOLVER_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "“nosuch.invalid” does not resolve: "));
  g_assert_cmpuint (strlen (error->message), >,
                    strlen ("“nosuch.invalid” does not resolve: "));
  g_assert_cmpstr (sb_datagram_get_error_message (client), ==, error->message);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_IDLE);

  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 1);
  g_assert_true (sb_capture_get_info (capture, 0, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESOLVE);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_true (g_str_has_prefix (info.note, "nosuch.invalid: "));

  /* connect() the same. */
  g_clear_error (&error);
  g_assert_false (connect_host (client, "nosuch.invalid", 9999, &error));
  g_assert_true (error != NULL && error->domain == G_RESOLVER_ERROR);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_IDLE);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_SOCKET), ==, 0);
}

/* connect() by name, then send() and the reply; the refusal of a port
 * nobody has comes back as ECONNREFUSED. */
static void
test_connect_localhost (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  const char *reply;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);

  g_assert_true (connect_host (client, "localhost", port, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_CONNECTED);
  g_assert_cmpstr (sb_datagram_get_peer_tuple (client), ==, tuple);
  /* connect() chose the local address: no longer 0.0.0.0. */
  g_assert_true (g_str_has_prefix (sb_datagram_get_local_tuple (client), "('127.0.0.1', "));

  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);
  sb_test_peer_write (peer, "a recv 100\n");
  reply = sb_test_peer_wait_line (peer, "a ");
  expected = g_strdup_printf ("a 4 b'ping' %s", sb_datagram_get_local_tuple (client));
  g_assert_cmpstr (reply, ==, expected);

  sb_test_peer_write (peer, "b reply pong\n");
  sb_test_wait_until (sb_datagram_get_datagrams_received (client) == 1, "the reply");

  /* The peer goes: its port answers with ICMP port unreachable, on the
   * next call (the automatic recvfrom(), or a send() when it comes first). */
  g_clear_pointer (&peer, sb_test_peer_free);
  for (guint i = 0; i < 100 && sb_test_count_events (capture, 0, SB_EVENT_RECVFROM) < 2; i++)
    {
      if (!sb_datagram_send (client, ping, &error))
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
          break;
        }
      g_usleep (20 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_nonnull (strstr (sb_datagram_get_error_message (client), "ECONNREFUSED"));
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_CONNECTED);
}

/* A host of the other family than the socket's fails before any call. */
static void
test_wrong_family (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));
  n = sb_capture_get_n_recorded (capture);

  g_assert_false (send_to_host (client, "::1", 9999, ping, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "AF_INET"));
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n);
}

/* Port 0 is no destination: the kernel says EINVAL, recorded. */
static void
test_port_zero (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  SbEventInfo info;

  g_assert_false (send_to_host (client, "127.0.0.1", 0, ping, &error));
  g_assert_error (error, G_IO_ERROR, g_io_error_from_errno (EINVAL));
  g_assert_true (sb_capture_get_info (capture, sb_capture_get_n_recorded (capture) - 1, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_SENDTO);
  g_assert_cmpint (info.errnum, ==, EINVAL);
}

/* The empty datagram by name: a real, zero-length datagram. */
static void
test_empty (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  const char *reply;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);
  g_assert_true (send_to_host (client, "localhost", port, empty, &error));
  g_assert_no_error (error);

  sb_test_peer_write (peer, "a recv 100\n");
  reply = sb_test_peer_wait_line (peer, "a ");
  expected = g_strdup_printf ("a 0 b'' ('127.0.0.1', %u)", sb_datagram_get_port (client));
  g_assert_cmpstr (reply, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/udp-resolve/sendto-localhost", test_sendto_localhost);
  g_test_add_func ("/udp-resolve/sendto-numeric", test_sendto_numeric);
  g_test_add_func ("/udp-resolve/no-such-name", test_no_such_name);
  g_test_add_func ("/udp-resolve/connect-localhost", test_connect_localhost);
  g_test_add_func ("/udp-resolve/wrong-family", test_wrong_family);
  g_test_add_func ("/udp-resolve/port-zero", test_port_zero);
  g_test_add_func ("/udp-resolve/empty", test_empty);

  return g_test_run ();
}
