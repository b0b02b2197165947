/* test-udp.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbDatagram against python3 and socat peers over 127.0.0.1 and ::1. */

#define G_LOG_DOMAIN "test-udp"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-datagram-peer.h"
#include "sb-endpoint.h"
#include "sb-event.h"
#include "sb-ladder.h"
#include "sb-socket-util.h"
#include "sb-test-util.h"
#include "sb-transcript.h"
#include "sb-workbench.h"

static const char *
family_host (gconstpointer data)
{
  return GPOINTER_TO_INT (data) == G_SOCKET_FAMILY_IPV6 ? "::1" : "127.0.0.1";
}

static guint
last_index (SbCapture *capture)
{
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), >, 0);

  return sb_capture_get_n_recorded (capture) - 1;
}

static char *
describe_last (SbCapture *capture)
{
  return sb_test_describe_event (capture, last_index (capture));
}

static SbDatagram *
open_server (SbCapture  *capture,
             const char *host)
{
  g_autoptr(GError) error = NULL;
  SbDatagram *server = sb_datagram_new (capture, SB_SIDE_SERVER);

  g_assert_true (sb_datagram_open (server, host, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_datagram_get_state (server), ==, SB_DATAGRAM_BOUND);
  g_assert_cmpuint (sb_datagram_get_port (server), !=, 0);

  return server;
}

/* Both directions, the sender's tuple with every datagram, the peers list. */
static void
test_exchange (gconstpointer data)
{
  const char *host = family_host (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, host);
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", host, NULL);
  g_autoptr(SbDatagramPeer) row = NULL;
  g_autoptr(GBytes) pong = g_bytes_new_static ("pong", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *line = NULL;
  guint16 port, server_port = sb_datagram_get_port (server);
  const char *reply;

  tuple = sb_test_peer_wait_tuple (peer, &port);

  /* python3 → server */
  sb_test_peer_writef (peer, "a sendto %u ping\n", server_port);
  sb_test_peer_wait_line (peer, "a sent 4");
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");

  expected = g_strdup_printf ("S1 socket %s\n"
                              "S1 bind %s\n"
                              "S1 recvfrom 4/1024 %s b'ping'\n",
                              sb_socket_type_describe (GPOINTER_TO_INT (data),
                                                       G_SOCKET_TYPE_DATAGRAM),
                              sb_datagram_get_local_tuple (server), tuple);
  events = sb_test_describe_capture (capture);
  g_assert_cmpstr (events, ==, expected);

  g_assert_cmpuint (g_list_model_get_n_items (sb_datagram_get_peers (server)), ==, 1);
  row = g_list_model_get_item (sb_datagram_get_peers (server), 0);
  g_assert_cmpstr (sb_datagram_peer_get_tuple (row), ==, tuple);
  g_assert_cmpstr (sb_datagram_peer_get_host (row), ==, host);
  g_assert_cmpuint (sb_datagram_peer_get_port (row), ==, port);
  g_assert_cmpuint (sb_datagram_peer_get_datagrams (row), ==, 1);
  g_assert_cmpuint (sb_datagram_peer_get_bytes (row), ==, 4);

  /* server → python3, a reply to the sender */
  g_assert_true (sb_datagram_send_to (server, host, port, pong, &error));
  g_assert_no_error (error);
  g_clear_pointer (&line, g_free);
  line = describe_last (capture);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("S1 sendto 4/4 %s b'pong'", tuple);
  g_assert_cmpstr (line, ==, expected);

  sb_test_peer_writef (peer, "b recv 100\n");
  reply = sb_test_peer_wait_line (peer, "b ");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("b 4 b'pong' %s", sb_datagram_get_local_tuple (server));
  g_assert_cmpstr (reply, ==, expected);

  /* The client side: sendto() with no bind, the kernel picks the port. */
  g_assert_true (sb_datagram_open_socket (client, host, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_OPEN);
  g_assert_true (sb_datagram_send_to (client, host, port, pong, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_BOUND);
  g_assert_cmpuint (sb_datagram_get_port (client), !=, 0);

  sb_test_peer_writef (peer, "c recv 100\n");
  reply = sb_test_peer_wait_line (peer, "c ");
  g_clear_pointer (&expected, g_free);
  /* getsockname() of a socket the kernel bound says 0.0.0.0 (or ::), the
   * sender's address says which address the datagram left from. */
  g_assert_true (g_str_has_prefix (sb_datagram_get_local_tuple (client),
                                   GPOINTER_TO_INT (data) == G_SOCKET_FAMILY_IPV6
                                   ? "('::', " : "('0.0.0.0', "));
  expected = g_strdup_printf ("c 4 b'pong' ('%s', %u%s)", host, sb_datagram_get_port (client),
                              GPOINTER_TO_INT (data) == G_SOCKET_FAMILY_IPV6 ? ", 0, 0" : "");
  g_assert_cmpstr (reply, ==, expected);

  sb_test_peer_writef (peer, "d reply hello back\n");
  sb_test_peer_wait_line (peer, "d sent 10");
  sb_test_wait_until (sb_datagram_get_datagrams_received (client) == 1, "the reply");
  g_clear_pointer (&line, g_free);
  line = describe_last (capture);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("C2 recvfrom 10/1024 %s b'hello back'", tuple);
  g_assert_cmpstr (line, ==, expected);
}

/* Stop and Listen again: the new socket's counts and peers start at zero. */
static void
test_counts_per_socket (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, "127.0.0.1");
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);
  sb_test_peer_writef (peer, "a sendto %u ping\n", sb_datagram_get_port (server));
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");
  g_assert_cmpuint (g_list_model_get_n_items (sb_datagram_get_peers (server)), ==, 1);

  sb_datagram_close (server);
  g_assert_true (sb_datagram_open (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_datagram_get_datagrams_received (server), ==, 0);
  g_assert_cmpuint (sb_datagram_get_bytes_received (server), ==, 0);
  g_assert_cmpuint (sb_datagram_get_kernel_drops (server), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sb_datagram_get_peers (server)), ==, 0);

  sb_test_peer_writef (peer, "b sendto %u pong!\n", sb_datagram_get_port (server));
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the pong");
  g_assert_cmpuint (sb_datagram_get_bytes_received (server), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (sb_datagram_get_peers (server)), ==, 1);
}

/* socat as a sender: its datagram arrives whole, with its tuple. */
static void
test_socat (gconstpointer data)
{
  const char *host = family_host (data);
  gboolean v6 = GPOINTER_TO_INT (data) == G_SOCKET_FAMILY_IPV6;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, host);
  g_autoptr(SbTestPeer) socat = NULL;
  g_autofree char *address = NULL;
  g_autofree char *source = NULL;
  g_autoptr(SbDatagramPeer) row = NULL;
  SbEventInfo info;

  address = g_strdup_printf (v6 ? "UDP6-SENDTO:[%s]:%u" : "UDP4-SENDTO:%s:%u",
                             host, sb_datagram_get_port (server));
  source = g_strdup ("SYSTEM:printf hello-from-socat");
  {
    const char *argv[] = { "socat", "-u", source, address, NULL };

    socat = sb_test_peer_spawnv (argv);
  }

  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "socat's datagram");
  g_assert_cmpint (sb_test_peer_wait_exit (socat), ==, 0);

  g_assert_true (sb_capture_get_info (capture, last_index (capture), &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RECVFROM);
  g_assert_cmpint (info.result, ==, strlen ("hello-from-socat"));
  g_assert_true (g_str_has_prefix (info.note, v6 ? "('::1', " : "('127.0.0.1', "));
  row = g_list_model_get_item (sb_datagram_get_peers (server), 0);
  g_assert_cmpstr (sb_datagram_peer_get_tuple (row), ==, info.note);
  g_assert_cmpuint (sb_datagram_peer_get_bytes (row), ==, 16);
}

/* A datagram longer than the buffer: kept truncated, its real length recorded. */
static void
test_truncated (gconstpointer data)
{
  const char *host = family_host (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, host);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", host, NULL);
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(SbEvent) event = NULL;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);
  sb_datagram_set_receive_size (server, 8);

  sb_test_peer_writef (peer, "a sendto %u abcdefghijklmnopqrst\n", sb_datagram_get_port (server));
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the long datagram");

  line = describe_last (capture);
  expected = g_strdup_printf ("S1 recvfrom 20/8 %s b'abcdefgh'", tuple);
  g_assert_cmpstr (line, ==, expected);
  g_assert_cmpuint (sb_datagram_get_bytes_received (server), ==, 20);

  event = sb_event_new (capture, last_index (capture));
  summary = sb_event_dup_summary (event);
  g_assert_nonnull (strstr (summary, "truncated"));
}

/* A zero-length datagram is a real datagram, not an end of file. */
static void
test_empty (gconstpointer data)
{
  const char *host = family_host (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, host);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", host, NULL);
  g_autoptr(SbEvent) event = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *python = NULL;
  guint16 port;

  tuple = sb_test_peer_wait_tuple (peer, &port);
  sb_test_peer_writef (peer, "a sendto %u\n", sb_datagram_get_port (server));
  sb_test_peer_wait_line (peer, "a sent 0");
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the empty datagram");

  line = describe_last (capture);
  expected = g_strdup_printf ("S1 recvfrom 0/1024 %s b''", tuple);
  g_assert_cmpstr (line, ==, expected);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_EOF), ==, 0);
  g_assert_cmpint (sb_datagram_get_state (server), ==, SB_DATAGRAM_BOUND);

  /* The socket goes on receiving after it. */
  sb_test_peer_writef (peer, "b sendto %u after\n", sb_datagram_get_port (server));
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 2, "the next datagram");

  event = sb_event_new (capture, last_index (capture) - 1);
  summary = sb_event_dup_summary (event);
  g_assert_nonnull (strstr (summary, "empty datagram"));
  python = sb_event_dup_python (event);
  g_assert_nonnull (strstr (python, "b''"));
}

/* A UDP port nothing is bound to right now. */
static guint16
free_udp_port (const char *host)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (host);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* connect()ed UDP: the ICMP port unreachable comes back as ECONNREFUSED on
 * the next call, here the next send(). */
static void
test_connected_refused_send (gconstpointer data)
{
  const char *host = family_host (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (host);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  guint16 port = free_udp_port (host);

  address = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (address);

  sb_datagram_set_auto_receive (client, FALSE);
  g_assert_true (sb_datagram_open_socket (client, host, &error));
  g_assert_true (sb_datagram_connect (client, host, port, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_datagram_get_peer_tuple (client), ==, tuple);
  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);
  /* Loopback answers before sendto() returns; a second try covers a slow ICMP. */
  if (sb_datagram_send (client, ping, &error))
    {
      g_usleep (100 * 1000);
      g_assert_false (sb_datagram_send (client, ping, &error));
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_SENDTO), >=, 2);
  events = describe_last (capture);
  expected = g_strdup_printf ("C1 sendto -1/4 ECONNREFUSED %s b'ping' connected", tuple);
  g_assert_cmpstr (events, ==, expected);
  g_assert_nonnull (strstr (sb_datagram_get_error_message (client), "ECONNREFUSED"));
  g_assert_cmpint (sb_datagram_get_error_errno (client), ==, ECONNREFUSED);
}

/* The same refusal, found by the automatic recvfrom(). */
static void
test_connected_refused_receive (gconstpointer data)
{
  const char *host = family_host (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  guint16 port = free_udp_port (host);
  SbEventInfo info;

  g_assert_true (sb_datagram_open_socket (client, host, &error));
  g_assert_true (sb_datagram_connect (client, host, port, &error));
  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);

  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_RECVFROM) == 1,
                      "the refusal");
  g_assert_true (sb_capture_get_info (capture, last_index (capture), &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RECVFROM);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, ECONNREFUSED);
  g_assert_cmpuint (sb_datagram_get_datagrams_received (client), ==, 0);
  /* What the client pane reads to say it was the peer's host answering. */
  g_assert_cmpint (sb_datagram_get_error_errno (client), ==, ECONNREFUSED);

  /* The socket stays usable: the next send() goes out, and the refusal
   * is no longer the last word. */
  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);
  g_assert_null (sb_datagram_get_error_message (client));
  g_assert_cmpint (sb_datagram_get_error_errno (client), ==, 0);
}

/* 65,507 bytes is the largest UDP datagram over IPv4; one more is EMSGSIZE. */
static void
test_emsgsize (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, "127.0.0.1");
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autofree guint8 *buffer = g_malloc0 (65508);
  g_autoptr(GBytes) largest = g_bytes_new_static (buffer, 65507);
  g_autoptr(GBytes) too_long = g_bytes_new_static (buffer, 65508);
  g_autoptr(GError) error = NULL;
  guint16 port = sb_datagram_get_port (server);
  SbEventInfo info;

  sb_datagram_set_receive_size (server, 65536);
  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));

  g_assert_true (sb_datagram_send_to (client, "127.0.0.1", port, largest, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "65,507 bytes");
  g_assert_true (sb_capture_get_info (capture, last_index (capture), &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RECVFROM);
  g_assert_cmpint (info.result, ==, 65507);
  g_assert_cmpuint (info.payload_len, ==, 65507);

  g_assert_false (sb_datagram_send_to (client, "127.0.0.1", port, too_long, &error));
  g_assert_error (error, G_IO_ERROR, g_io_error_from_errno (EMSGSIZE));
  g_assert_true (sb_capture_get_info (capture, last_index (capture), &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_SENDTO);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, EMSGSIZE);
  g_assert_cmpuint (info.requested, ==, 65508);
  g_assert_nonnull (strstr (sb_datagram_get_error_message (client), "EMSGSIZE"));
}

/* A broadcast address needs SO_BROADCAST: EACCES without it. */
static void
test_broadcast (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  guint16 port = free_udp_port ("127.0.0.1");

  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));

  /* The broadcast address of loopback's 127.0.0.0/8. */
  g_assert_false (sb_datagram_send_to (client, "127.255.255.255", port, ping, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  line = describe_last (capture);
  expected = g_strdup_printf ("C1 sendto -1/4 EACCES ('127.255.255.255', %u) b'ping'", port);
  g_assert_cmpstr (line, ==, expected);
  g_assert_nonnull (strstr (sb_datagram_get_error_message (client), "SO_BROADCAST"));

  g_assert_true (sb_datagram_set_broadcast (client, TRUE, &error));
  g_assert_true (sb_datagram_send_to (client, "127.255.255.255", port, ping, &error));
  g_assert_no_error (error);
}

/* Whether the last event is the datagram "end". */
static gboolean
last_is_end (SbCapture *capture)
{
  g_autoptr(GBytes) payload = NULL;
  SbEventInfo info;

  if (sb_capture_get_n_recorded (capture) == 0
      || !sb_capture_get_info (capture, last_index (capture), &info)
      || info.kind != SB_EVENT_RECVFROM || info.result != 3)
    return FALSE;

  payload = sb_capture_dup_payload (capture, last_index (capture));

  return memcmp (g_bytes_get_data (payload, NULL), "end", 3) == 0;
}

/* A flood at a tiny SO_RCVBUF: every datagram is received or counted as
 * dropped by the kernel, exactly. */
static void
flood (gconstpointer data,
       guint         receive_size)
{
  const char *host = family_host (data);
  const guint count = 20000;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, host);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", host, NULL);
  g_autoptr(GError) error = NULL;
  guint ends;
  guint64 received, dropped, dropped_in_events = 0;
  guint recvfrom_events = 0;
  guint16 port;
  g_autofree char *tuple = sb_test_peer_wait_tuple (peer, &port);

  sb_datagram_set_receive_size (server, receive_size);
  g_assert_true (sb_datagram_set_receive_buffer (server, 2048, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_datagram_get_receive_buffer (server), <, 16384);
  g_test_message ("SO_RCVBUF is %u", sb_datagram_get_receive_buffer (server));

  sb_test_peer_writef (peer, "a flood %u %u 64\n", sb_datagram_get_port (server), count);
  sb_test_peer_wait_line (peer, "a sent");

  /* Drops are reported with the next datagram received: a last datagram
   * "end" brings the final count.  While the queue is still full it may be
   * dropped too; then another goes, and each is counted as sent. */
  for (ends = 1; ; ends++)
    {
      gint64 until = g_get_monotonic_time () + 500 * 1000;
      g_autofree char *command = g_strdup_printf ("e%u sendto %u end\n", ends,
                                                  sb_datagram_get_port (server));
      g_autofree char *sent = g_strdup_printf ("e%u sent", ends);

      g_assert_cmpuint (ends, <, 20);
      sb_test_peer_write (peer, command);
      sb_test_peer_wait_line (peer, sent);
      while (!last_is_end (capture) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      if (last_is_end (capture))
        break;
    }

  received = sb_datagram_get_datagrams_received (server);
  dropped = sb_datagram_get_kernel_drops (server);
  g_test_message ("sent %u + %u, received %" G_GUINT64_FORMAT ", dropped %" G_GUINT64_FORMAT,
                  count, ends, received, dropped);

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      sb_capture_get_info (capture, i, &info);
      if (info.kind == SB_EVENT_ERROR && info.errnum == ENOBUFS)
        dropped_in_events += info.detail;
      if (info.kind != SB_EVENT_RECVFROM)
        continue;
      recvfrom_events++;
      dropped_in_events += info.detail;
      g_assert_cmpstr (info.note, ==, tuple);
    }

  g_assert_cmpuint (dropped, >, 0);
  g_assert_cmpuint (received + dropped, ==, count + ends);
  g_assert_cmpuint (recvfrom_events, ==, received);
  g_assert_cmpuint (dropped_in_events, ==, dropped);

  /* The last datagram brought the whole count: the kernel has no more. */
  sb_datagram_refresh (server);
  g_assert_cmpuint (sb_datagram_get_kernel_drops (server), ==, dropped);
}

/* Drops found by sb_datagram_refresh(), with no datagram after them:
 * nothing is received while the flood lasts, then the queue is read. */
static void
test_refresh_drops (void)
{
  const guint count = 2000;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, "127.0.0.1");
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *python = NULL;
  g_autoptr(SbEvent) event = NULL;
  guint64 dropped;
  guint events_before;
  guint16 port;
  SbEventInfo info;

  tuple = sb_test_peer_wait_tuple (peer, &port);
  sb_datagram_set_auto_receive (server, FALSE);
  g_assert_true (sb_datagram_set_receive_buffer (server, 2048, &error));

  sb_test_peer_writef (peer, "a flood %u %u 64\n", sb_datagram_get_port (server), count);
  sb_test_peer_wait_line (peer, "a sent");

  sb_datagram_refresh (server);
  dropped = sb_datagram_get_kernel_drops (server);
  g_test_message ("dropped %" G_GUINT64_FORMAT " of %u", dropped, count);
  g_assert_cmpuint (dropped, >, 0);
  g_assert_cmpuint (dropped, <, count);
  g_assert_true (sb_capture_get_info (capture, last_index (capture), &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_ERROR);
  g_assert_cmpint (info.errnum, ==, ENOBUFS);
  g_assert_cmpuint (info.detail, ==, dropped);
  g_assert_true (sb_capture_is_kernel_drops (capture, &info));
  g_assert_cmpstr (sb_event_info_call_name (&info), ==, "error");
  /* The same error on a TCP socket (an accept() out of buffers) is a
   * failure, not drops. */
  info.socket_id = sb_capture_new_socket_id (capture);
  g_assert_false (sb_capture_is_kernel_drops (capture, &info));
  event = sb_event_new (capture, last_index (capture));
  python = sb_event_dup_python (event);
  g_assert_nonnull (strstr (python, "the kernel dropped"));
  {
    /* What happened, not a failure of ours. */
    g_autofree char *summary = sb_event_dup_summary (event);
    g_autofree char *expected = g_strdup_printf ("the kernel dropped %" G_GUINT64_FORMAT
                                                 " datagrams: the receive buffer was full "
                                                 "(no call failed: the kernel counts them)",
                                                 dropped);

    g_assert_cmpstr (summary, ==, expected);
  }

  /* What the queue held is read now; no drop is counted twice. */
  sb_datagram_set_auto_receive (server, TRUE);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) + dropped >= count,
                      "the queue to be read");
  events_before = sb_capture_get_n_recorded (capture);
  sb_datagram_refresh (server);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, events_before);
  g_assert_cmpuint (sb_datagram_get_kernel_drops (server), ==, dropped);
  g_assert_cmpuint (sb_datagram_get_datagrams_received (server) + dropped, ==, count);
}

/* recvmmsg() in batches, the default. */
static void
test_flood (gconstpointer data)
{
  flood (data, 1024);
}

/* One recvfrom() per datagram, for receive sizes past recvmmsg()'s. */
static void
test_flood_single (gconstpointer data)
{
  flood (data, 128 * 1024);
}

/* Runs @argv on @text written to a temporary file (its name replaces the
 * "FILE" argument); fails the test with its output when it fails. */
static void
assert_tool_accepts (const char *text,
                     const char *suffix,
                     const char *argv0,
                     const char *arg1)
{
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("test-udp-XXXXXX", &path, &error);
  g_autofree char *named = NULL;
  int status = 0;

  g_assert_no_error (error);
  close (fd);
  named = g_strconcat (path, suffix, NULL);
  g_assert_true (g_file_set_contents (named, text, -1, &error));
  {
    const char *argv[] = { argv0, arg1, "-std=gnu11", "-Wall", "-Wextra", "-Werror",
                           "-fsyntax-only", named, NULL };
    const char *py[] = { argv0, arg1, "py_compile", named, NULL };

    g_spawn_sync (NULL, (char **) (g_str_equal (argv0, "python3") ? py : argv), NULL,
                  G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed on\n%s\n%s", argv0, text, err);
  g_unlink (named);
  g_unlink (path);
}

/* The transcript, the script and the C program speak UDP. */
static void
test_transcript (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = open_server (capture, "127.0.0.1");
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *script = NULL;
  g_autofree char *client_script = NULL;
  g_autofree char *program = NULL;
  g_autofree char *client_program = NULL;
  g_autofree char *line = NULL;
  guint16 port = sb_datagram_get_port (server);

  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));
  g_assert_true (sb_datagram_send_to (client, "127.0.0.1", port, ping, &error));
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");
  g_assert_true (sb_datagram_connect (client, "127.0.0.1", port, &error));
  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 2, "the second ping");

  text = sb_transcript_dup_text (capture);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "server = socket(AF_INET, SOCK_DGRAM)\n"));
  line = g_strdup_printf ("client.sendto(b'ping', ('127.0.0.1', %u))  # → 4\n", port);
  g_assert_nonnull (strstr (text, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("data, addr = server.recvfrom(1024)  # data == b'ping', addr == %s\n",
                          sb_datagram_get_local_tuple (client));
  g_assert_nonnull (strstr (text, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("client.connect(('127.0.0.1', %u))\nclient.send(b'ping')  # → 4\n",
                          port);
  g_assert_nonnull (strstr (text, line));

  /* Lines that run are not comments. */
  script = sb_transcript_dup_script (capture, SB_SIDE_SERVER);
  g_assert_nonnull (strstr (script, "\nserver = socket(AF_INET, SOCK_DGRAM)\n"));
  g_assert_nonnull (strstr (script, "\ndata, addr = server.recvfrom(1024)"));
  g_assert_null (strstr (script, "SO_REUSEADDR"));
  client_script = sb_transcript_dup_script (capture, SB_SIDE_CLIENT);
  g_assert_nonnull (strstr (client_script, "\nclient.connect(("));
  g_assert_nonnull (strstr (client_script, "\nclient.send(b'ping')"));
  assert_tool_accepts (script, ".py", "python3", "-m");
  assert_tool_accepts (client_script, ".py", "python3", "-m");

  program = sb_transcript_dup_c_program (capture, SB_SIDE_SERVER);
  client_program = sb_transcript_dup_c_program (capture, SB_SIDE_CLIENT);
  g_test_message ("%s", client_program);
  g_assert_nonnull (strstr (program, "server = socket (AF_INET, SOCK_DGRAM, 0);"));
  g_assert_nonnull (strstr (program, "recvfrom (server, buf, 1024, 0, (struct sockaddr *) &addr, "
                                    "&addrlen);"));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("send_to (client, \"ping\", 4, \"127.0.0.1\", \"%u\");", port);
  g_assert_nonnull (strstr (client_program, line));
  g_assert_nonnull (strstr (client_program, "send (client, \"ping\", 4, 0);"));
  assert_tool_accepts (program, ".c", "cc", "-xc");
  assert_tool_accepts (client_program, ".c", "cc", "-xc");

  /* The ladder draws no handshake for UDP's connect(): only the two
   * datagrams (more in test-ladder). */
  {
    g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    sb_test_wait_until (sb_ladder_get_n_rows (ladder) == sb_capture_get_n_recorded (capture),
                        "the ladder to catch up");
    g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), ==, 2);
    first = sb_ladder_dup_arrow_label (ladder, 0);
    second = sb_ladder_dup_arrow_label (ladder, 1);
    g_assert_cmpstr (first, ==, "sendto 4 bytes → recvfrom 4 bytes");
    g_assert_cmpstr (second, ==, "send 4 bytes → recvfrom 4 bytes");
  }
}

/* The workbench has a UDP socket object on each side, sharing its capture. */
static void
test_workbench (void)
{
  g_autoptr(SbWorkbench) workbench = sb_workbench_new ();
  SbDatagram *server = sb_workbench_get_udp_server (workbench);
  SbDatagram *client = sb_workbench_get_udp_client (workbench);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sb_datagram_get_side (server), ==, SB_SIDE_SERVER);
  g_assert_cmpint (sb_datagram_get_side (client), ==, SB_SIDE_CLIENT);
  g_assert_cmpint (sb_datagram_get_state (server), ==, SB_DATAGRAM_IDLE);
  g_assert_cmpuint (sb_datagram_get_receive_buffer (server), ==, 0);

  g_assert_true (sb_datagram_open (server, "::1", 0, &error));
  g_assert_cmpuint (sb_datagram_get_receive_buffer (server), >, 0);
  g_assert_true (sb_datagram_open_socket (client, "::1", &error));
  g_assert_true (sb_datagram_send_to (client, "[::1]", sb_datagram_get_port (server), ping,
                                      &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");
  g_assert_cmpuint (sb_test_count_events (sb_workbench_get_capture (workbench), 0,
                                          SB_EVENT_RECVFROM), ==, 1);

  /* Not an IP address: recorded, the socket stays. */
  g_assert_false (sb_datagram_send_to (client, "no such host", 9, ping, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (sb_datagram_get_state (client), ==, SB_DATAGRAM_BOUND);
  g_clear_error (&error);

  /* Port 0 is no destination: the kernel says EINVAL, recorded as such. */
  g_assert_false (sb_datagram_send_to (client, "::1", 0, ping, &error));
  g_assert_error (error, G_IO_ERROR, g_io_error_from_errno (EINVAL));
  {
    g_autofree char *line = describe_last (sb_workbench_get_capture (workbench));

    g_assert_cmpstr (line, ==, "C2 sendto -1/4 EINVAL ('::1', 0, 0, 0) b'ping'");
  }
}

int
main (int   argc,
      char *argv[])
{
  gconstpointer v4 = GINT_TO_POINTER (G_SOCKET_FAMILY_IPV4);
  gconstpointer v6 = GINT_TO_POINTER (G_SOCKET_FAMILY_IPV6);

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/udp/ipv4/exchange", v4, test_exchange);
  g_test_add_data_func ("/udp/ipv6/exchange", v6, test_exchange);
  g_test_add_data_func ("/udp/ipv4/socat", v4, test_socat);
  g_test_add_data_func ("/udp/ipv6/socat", v6, test_socat);
  g_test_add_data_func ("/udp/ipv4/truncated", v4, test_truncated);
  g_test_add_data_func ("/udp/ipv6/truncated", v6, test_truncated);
  g_test_add_data_func ("/udp/ipv4/empty", v4, test_empty);
  g_test_add_data_func ("/udp/ipv6/empty", v6, test_empty);
  g_test_add_data_func ("/udp/ipv4/connected-refused-send", v4, test_connected_refused_send);
  g_test_add_data_func ("/udp/ipv6/connected-refused-send", v6, test_connected_refused_send);
  g_test_add_data_func ("/udp/ipv4/connected-refused-receive", v4,
                        test_connected_refused_receive);
  g_test_add_data_func ("/udp/ipv6/connected-refused-receive", v6,
                        test_connected_refused_receive);
  g_test_add_func ("/udp/emsgsize", test_emsgsize);
  g_test_add_func ("/udp/broadcast-eacces", test_broadcast);
  g_test_add_func ("/udp/transcript", test_transcript);
  g_test_add_func ("/udp/workbench", test_workbench);
  g_test_add_func ("/udp/counts-per-socket", test_counts_per_socket);
  g_test_add_func ("/udp/refresh-drops", test_refresh_drops);
  g_test_add_data_func ("/udp/ipv4/flood", v4, test_flood);
  g_test_add_data_func ("/udp/ipv6/flood", v6, test_flood);
  g_test_add_data_func ("/udp/ipv4/flood-single", v4, test_flood_single);

  return g_test_run ();
}
