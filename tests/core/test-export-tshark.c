/* test-export-tshark.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pcapng export as Wireshark reads it: real traffic through the core
 * (the workbench's own client and server, python3 peers), exported, then
 * `tshark -q -z follow,tcp,raw,0` reassembles each direction byte for
 * byte as the log has it, and `tshark -r` finds nothing malformed.  A
 * 40 kB HTTP exchange between the workbench's client and server, a 1 MB
 * stream read in many recv() calls, a reset, and UDP over IPv4 and IPv6;
 * the HTTP exchange over IPv6 too. */

#define G_LOG_DOMAIN "test-export-tshark"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-export.h"
#include "sb-listener.h"
#include "sb-payload.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define HTTP_BODY_LEN 40000
#define STREAM_LEN    (1024 * 1024)

/* Exports @capture to a pcapng in a temporary folder; returns its path. */
static char *
export_pcapng (SbCapture *capture)
{
  g_autofree char *dir = g_dir_make_tmp ("test-export-tshark-XXXXXX", NULL);
  char *path = g_build_filename (dir, "capture.pcapng", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_export_to_file (capture, SB_EXPORT_PCAPNG, "all", file, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static void
remove_export (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* Runs tshark to its end; its output, which can be long lines of hex, is
 * not echoed into the test's TAP stream. */
static char *
run_tshark (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);

  return out;
}

/* `tshark -r`: a line per packet, none of them malformed. */
static char *
read_packets (const char *path)
{
  const char *argv[] = { "tshark", "-n", "-r", path, NULL };
  char *text = run_tshark (argv);

  guint n_lines = 0;

  for (const char *p = text; *p != '\0'; p++)
    n_lines += *p == '\n';
  g_test_message ("tshark read %u packets from %s", n_lines, path);
  g_assert_null (strstr (text, "Malformed"));
  g_assert_null (strstr (text, "malformed"));

  return text;
}

static guint
count_packets (const char *path,
               const char *filter)
{
  const char *argv[] = { "tshark", "-n", "-r", path, "-Y", filter, NULL };
  g_autofree char *text = run_tshark (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += lines[i][0] != '\0';

  return n;
}

/* `tshark -q -z follow,tcp,raw,N`: the bytes node 0 (the opener) sent,
 * lines flush left, and node 1's, indented by a tab. */
static void
follow_stream (const char  *path,
               guint        stream,
               GByteArray  *from_opener,
               GByteArray  *from_acceptor)
{
  g_autofree char *follow = g_strdup_printf ("follow,tcp,raw,%u", stream);
  const char *argv[] = { "tshark", "-n", "-r", path, "-q", "-z", follow, NULL };
  g_autofree char *text = run_tshark (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_data = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean indented = line[0] == '\t';
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (g_str_has_prefix (line, "Node 1:"))
        {
          in_data = TRUE;
          continue;
        }
      if (!in_data || line[0] == '=' || line[0] == '\0')
        continue;

      bytes = sb_payload_parse_hex (line + indented, NULL, &error);
      g_assert_no_error (error);
      g_byte_array_append (indented ? from_acceptor : from_opener,
                           g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  g_assert_true (in_data);
}

static GBytes *
collect (SbCapture   *capture,
         guint        socket_id,
         SbEventKind  kind)
{
  g_autoptr(GBytes) with_nul = sb_test_collect_payload (capture, socket_id, kind);

  return g_bytes_new_from_bytes (with_nul, 0, g_bytes_get_size (with_nul));
}

static void
assert_bytes (GByteArray *actual,
              GBytes     *expected)
{
  g_assert_cmpmem (actual->data, actual->len,
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static guint
socket_of (SbCapture   *capture,
           SbSide       side,
           SbEventKind  kind)
{
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info) && info.side == side && info.kind == kind)
        return info.socket_id;
    }
  g_assert_not_reached ();
}

/* The workbench's client asks its own server; the answer is 40 kB.
 * Over IPv4 or IPv6 (@data, the address), which the export writes as
 * packets of that version. */
static void
test_http (gconstpointer data)
{
  const char *host = data;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) served = NULL;
  static const char get[] = "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n";
  g_autoptr(GBytes) request = g_bytes_new_static (get, strlen (get));
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: "
                                              "application/octet-stream\r\nContent-Length: ");
  g_autoptr(GBytes) response_bytes = NULL;
  g_autoptr(GByteArray) from_client = g_byte_array_new ();
  g_autoptr(GByteArray) from_server = g_byte_array_new ();
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) answered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *packets = NULL;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &served);
  g_assert_true (sb_listener_listen (listener, host, 0, 5, &error));
  g_assert_no_error (error);
  sb_stream_connect (client, host, sb_listener_get_port (listener));
  sb_test_wait_until (served != NULL && sb_stream_get_state (client) == SB_STREAM_CONNECTED,
                      "the connection");

  g_assert_true (sb_stream_send (client, request, &error));
  sb_test_wait_until (sb_stream_get_bytes_received (served) == g_bytes_get_size (request),
                      "the request");
  g_string_append_printf (response, "%u\r\n\r\n", HTTP_BODY_LEN);
  for (guint i = 0; i < HTTP_BODY_LEN; i++)
    g_string_append_c (response, (char) (i * 31 + i / 256));
  response_bytes = g_bytes_new (response->str, response->len);
  g_assert_true (sb_stream_send (served, response_bytes, &error));
  sb_test_wait_until (sb_stream_get_bytes_received (client) == response->len, "the response");
  g_assert_true (sb_stream_shutdown_write (client, &error));
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_EOF) == 1, "the server's eof");
  sb_stream_close (served);
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_EOF) == 2, "the client's eof");
  sb_stream_close (client);
  sb_capture_flush (capture);

  path = export_pcapng (capture);
  packets = read_packets (path);
  follow_stream (path, 0, from_client, from_server);
  sent = collect (capture, socket_of (capture, SB_SIDE_CLIENT, SB_EVENT_SEND), SB_EVENT_SEND);
  answered = collect (capture, socket_of (capture, SB_SIDE_SERVER, SB_EVENT_SEND), SB_EVENT_SEND);
  g_assert_cmpuint (g_bytes_get_size (answered), ==, response->len);
  assert_bytes (from_client, sent);
  assert_bytes (from_server, answered);
  assert_bytes (from_server, response_bytes);
  /* One connection, though both of its ends are in the log. */
  g_assert_cmpuint (count_packets (path, "tcp.flags.syn == 1 && tcp.flags.ack == 0"), ==, 1);
  g_assert_cmpuint (count_packets (path, "tcp.flags.fin == 1"), ==, 2);
  g_assert_cmpuint (count_packets (path, "http.request.method == \"GET\""), ==, 1);
  g_assert_cmpuint (count_packets (path, "http.response.code == 200"), ==, 1);
  g_assert_cmpuint (count_packets (path, "tcp.analysis.flags && !tcp.analysis.window_update"),
                    ==, 0);
  /* Every packet of the IP version of @host. */
  g_assert_cmpuint (count_packets (path, strchr (host, ':') != NULL ? "ip" : "ipv6"), ==, 0);
  g_assert_cmpuint (count_packets (path, strchr (host, ':') != NULL ? "ipv6" : "ip"), >, 0);
  remove_export (path);
}

/* 1 MB from a python3 client, read 4 kB at a time. */
static void
test_stream (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) served = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GByteArray) from_client = g_byte_array_new ();
  g_autoptr(GByteArray) from_server = g_byte_array_new ();
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *size = g_strdup_printf ("%u", STREAM_LEN);
  g_autofree char *digest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *expected_line = NULL;
  const char *line;

  sb_listener_set_receive_size (listener, 4096);
  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &served);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", sb_listener_get_port (listener));
  peer = sb_test_peer_spawn ("bulk-sender.py", "127.0.0.1", port, size, NULL);
  line = sb_test_peer_wait_line (peer, "sent ");
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_EOF) == 1, "the empty read");
  sb_stream_close (served);
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  sb_capture_flush (capture);

  received = collect (capture, sb_stream_get_socket_id (served), SB_EVENT_RECV);
  g_assert_cmpuint (g_bytes_get_size (received), ==, STREAM_LEN);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), >=, STREAM_LEN / 4096);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, received);
  expected_line = g_strdup_printf ("sent %u %s", STREAM_LEN, digest);
  g_assert_cmpstr (line, ==, expected_line);

  path = export_pcapng (capture);
  packets = read_packets (path);
  follow_stream (path, 0, from_client, from_server);
  assert_bytes (from_client, received);
  g_assert_cmpuint (from_server->len, ==, 0);
  remove_export (path);
}

/* The peer says "bye" and resets: its RST is in the export. */
static void
test_reset (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("reset-server.py", "bye", NULL);
  g_autoptr(GBytes) hello = g_bytes_new_static ("hello", 5);
  g_autoptr(GByteArray) from_client = g_byte_array_new ();
  g_autoptr(GByteArray) from_server = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *packets = NULL;
  const char *line = sb_test_peer_wait_line (peer, "port ");
  guint64 port = 0;

  g_assert_true (g_ascii_string_to_unsigned (line + 5, 10, 1, 65535, &port, NULL));
  sb_stream_connect (client, "127.0.0.1", (guint16) port);
  sb_test_wait_until (sb_stream_get_state (client) == SB_STREAM_CONNECTED, "the connect");
  g_assert_true (sb_stream_send (client, hello, &error));
  sb_test_peer_write (peer, "go on\n");
  sb_test_peer_wait_line (peer, "reset");
  sb_test_wait_until (sb_stream_get_state (client) == SB_STREAM_PEER_LEFT, "the reset");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RESET), ==, 1);
  sb_capture_flush (capture);

  path = export_pcapng (capture);
  packets = read_packets (path);
  follow_stream (path, 0, from_client, from_server);
  g_assert_cmpmem (from_client->data, from_client->len, "hello", 5);
  g_assert_cmpmem (from_server->data, from_server->len, "bye", 3);
  g_assert_cmpuint (count_packets (path, "tcp.flags.reset == 1"), ==, 1);
  g_assert_cmpuint (count_packets (path, "tcp.flags.fin == 1"), ==, 0);
  remove_export (path);
}

/* A python3 peer sends "ping" to the workbench's UDP server, which
 * answers "pong"; the export has both with their real tuples. */
static void
test_udp (gconstpointer data)
{
  const char *host = data;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", host, NULL);
  g_autoptr(GBytes) pong = g_bytes_new_static ("pong", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *expected = NULL;
  gboolean v6 = strchr (host, ':') != NULL;
  const char *ip_src = v6 ? "ipv6.src" : "ip.src";
  const char *ip_dst = v6 ? "ipv6.dst" : "ip.dst";
  guint16 peer_port = 0;
  g_autofree char *peer_tuple = sb_test_peer_wait_tuple (peer, &peer_port);
  guint16 server_port;

  g_assert_nonnull (strstr (peer_tuple, host));
  sb_datagram_set_auto_receive (server, TRUE);
  g_assert_true (sb_datagram_open (server, host, 0, &error));
  g_assert_no_error (error);
  server_port = sb_datagram_get_port (server);
  sb_test_peer_writef (peer, "a sendto %u ping\n", server_port);
  sb_test_peer_wait_line (peer, "a sent");
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_RECVFROM) == 1, "the ping");
  g_assert_true (sb_datagram_send_to (server, host, peer_port, pong, &error));
  g_assert_no_error (error);
  sb_test_peer_write (peer, "b recv 100\n");
  sb_test_peer_wait_line (peer, "b 4 b'pong'");
  sb_capture_flush (capture);

  path = export_pcapng (capture);
  packets = read_packets (path);
  {
    const char *argv[] = { "tshark", "-n", "-r", path, "-T", "fields", "-e", ip_src,
                           "-e", "udp.srcport", "-e", ip_dst, "-e", "udp.dstport",
                           "-e", "udp.payload", NULL };

    fields = run_tshark (argv);
  }
  expected = g_strdup_printf ("%s\t%u\t%s\t%u\t70696e67\n%s\t%u\t%s\t%u\t706f6e67",
                              host, peer_port, host, server_port,
                              host, server_port, host, peer_port);
  g_assert_cmpstr (g_strchomp (fields), ==, expected);
  g_assert_cmpuint (count_packets (path, "udp"), ==, 2);
  sb_test_peer_free (g_steal_pointer (&peer));
  remove_export (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/export-tshark/http-40k", "127.0.0.1", test_http);
  g_test_add_data_func ("/export-tshark/http-40k-ipv6", "::1", test_http);
  g_test_add_func ("/export-tshark/stream-1m", test_stream);
  g_test_add_func ("/export-tshark/reset", test_reset);
  g_test_add_data_func ("/export-tshark/udp-ipv4", "127.0.0.1", test_udp);
  g_test_add_data_func ("/export-tshark/udp-ipv6", "::1", test_udp);

  return g_test_run ();
}
