/* test-export.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exports (sb-export.h) of a log with TCP and UDP, binary payloads,
 * a payload larger than a TCP segment, a failure and a reset: the JSON
 * parses back with json-glib to every event and payload byte; the text
 * has a line per event; the pcapng's blocks are well formed and its
 * segments carry each direction's bytes in order.  tshark's reading of
 * the pcapng of real traffic: test-export-tshark.c. */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-export.h"
#include "sb-payload.h"

#define BIG_LEN 150000

typedef struct
{
  SbCapture *capture;
  guint      listener, conn, client, udp_server, udp_client;
  char      *dir;
} Fixture;

static guint
record (SbCapture    *capture,
        SbSide        side,
        guint         socket_id,
        SbEventKind   kind,
        int           detail,
        gint64        result,
        int           errnum,
        gsize         requested,
        const char   *note,
        const guint8 *payload,
        gsize         len)
{
  SbEventInfo info = { kind, side, socket_id, detail, result, errnum, requested, note, };

  return sb_capture_append (capture, &info, payload, len);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  SbCapture *c = sb_capture_new ();
  static const guint8 hello[] = "Hello World";
  static const guint8 reply[] = "HTTP/1.0 200 OK\r\n\r\n";
  guint8 binary[256];
  g_autofree guint8 *big = g_malloc (BIG_LEN);

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guint8) i;
  for (guint i = 0; i < BIG_LEN; i++)
    big[i] = (guint8) (i * 7 + i / 251);

  fx->capture = c;
  fx->listener = sb_capture_new_socket_id (c);
  record (c, SB_SIDE_SERVER, fx->listener, SB_EVENT_SOCKET, 0, 3, 0, 0, "AF_INET, SOCK_STREAM",
          NULL, 0);
  record (c, SB_SIDE_SERVER, fx->listener, SB_EVENT_BIND, 0, 0, 0, 0, "('127.0.0.1', 5000)",
          NULL, 0);
  record (c, SB_SIDE_SERVER, fx->listener, SB_EVENT_LISTEN, 0, 0, 0, 5, NULL, NULL, 0);

  fx->client = sb_capture_new_socket_id (c);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_SOCKET, 0, 4, 0, 0, "AF_INET, SOCK_STREAM",
          NULL, 0);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_CONNECT, SB_CONNECT_STARTED, 0, 0, 0,
          "('127.0.0.1', 5000)", NULL, 0);
  sb_capture_set_local_tuple (c, fx->client, "('127.0.0.1', 40000)");
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_CONNECT, SB_CONNECT_ESTABLISHED, 0, 0, 0,
          "('127.0.0.1', 5000)", NULL, 0);
  fx->conn = sb_capture_new_socket_id (c);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_ACCEPT, 0, 5, 0, 0, "('127.0.0.1', 40000)",
          NULL, 0);

  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_SEND, 0, 11, 0, 11, NULL, hello, 11);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_RECV, 0, 11, 0, 1024, NULL, hello, 11);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_SEND, 0, 256, 0, 256, NULL, binary, 256);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_RECV, 0, 256, 0, 1024, NULL, binary, 256);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_SEND, 0, 19, 0, 19, NULL, reply, 19);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_SEND, 0, BIG_LEN, 0, BIG_LEN, NULL, big,
          BIG_LEN);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_RECV, 0, 19, 0, 65536, NULL, reply, 19);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_SHUTDOWN, SB_SHUTDOWN_WRITE, 0, 0, 0, NULL,
          NULL, 0);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_EOF, 0, 0, 0, 1024, NULL, NULL, 0);
  record (c, SB_SIDE_SERVER, fx->conn, SB_EVENT_CLOSE, SB_CLOSE_ABORT, 0, 0, 0, NULL, NULL, 0);
  record (c, SB_SIDE_CLIENT, fx->client, SB_EVENT_RESET, 0, -1, ECONNRESET, 0,
          "recv: connection reset by peer", NULL, 0);
  record (c, SB_SIDE_CLIENT, 0, SB_EVENT_ERROR, 0, -1, EADDRINUSE, 0, "bind failed", NULL, 0);

  fx->udp_server = sb_capture_new_socket_id (c);
  record (c, SB_SIDE_SERVER, fx->udp_server, SB_EVENT_SOCKET, 0, 6, 0, 0, "AF_INET6, SOCK_DGRAM",
          NULL, 0);
  sb_capture_set_local_tuple (c, fx->udp_server, "('::1', 6000, 0, 0)");
  record (c, SB_SIDE_SERVER, fx->udp_server, SB_EVENT_BIND, 0, 0, 0, 0, "('::1', 6000, 0, 0)",
          NULL, 0);
  record (c, SB_SIDE_SERVER, fx->udp_server, SB_EVENT_RECVFROM, 0, 4, 0, 2048,
          "('::1', 7000, 0, 0)", (const guint8 *) "ping", 4);
  record (c, SB_SIDE_SERVER, fx->udp_server, SB_EVENT_SENDTO, SB_SENDTO_ADDRESSED, 4, 0, 4,
          "('::1', 7000, 0, 0)", (const guint8 *) "pong", 4);
  sb_capture_flush (c);

  fx->dir = g_dir_make_tmp ("test-export-XXXXXX", NULL);
  g_assert_nonnull (fx->dir);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_object_unref (fx->capture);
}

static GBytes *
export_to_bytes (Fixture        *fx,
                 SbExportFormat  format,
                 const char     *scope)
{
  g_autofree char *path = g_build_filename (fx->dir, "export", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (sb_export_to_file (fx->capture, format, scope, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));

  return g_bytes_new_take (contents, len);
}

static void
assert_payload_equal (GBytes       *expected,
                      const guint8 *data,
                      gsize         len)
{
  if (expected == NULL)
    g_assert_cmpuint (len, ==, 0);
  else
    g_assert_cmpmem (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected), data, len);
}

static void
test_json (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_to_bytes (fx, SB_EXPORT_JSON, "all");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *events;
  guint n = sb_capture_get_n_recorded (fx->capture);

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "sockbench-log-1");
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      g_autoptr(GBytes) payload = sb_capture_dup_payload (fx->capture, i);
      g_autoptr(GBytes) from_text = NULL;
      g_autofree guint8 *decoded = NULL;
      gsize decoded_len = 0;
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (fx->capture, i, &info));
      g_assert_cmpint (json_object_get_int_member (event, "index"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (event, "kind"), ==,
                       sb_event_kind_to_string (info.kind));
      g_assert_cmpstr (json_object_get_string_member (event, "side"), ==,
                       sb_side_to_string (info.side));
      g_assert_cmpint (json_object_get_int_member (event, "socket"), ==, info.socket_id);
      g_assert_cmpint (json_object_get_int_member (event, "result"), ==, info.result);
      g_assert_cmpint (json_object_get_int_member (event, "time_us"), ==, info.mono_us);
      g_assert_cmpint (json_object_get_int_member (event, "wall_time_us"), ==, info.wall_us);
      g_assert_cmpstr (json_object_get_string_member_with_default (event, "note", NULL), ==,
                       info.note);
      if (info.errnum != 0)
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (event,
                                                                                    "error"),
                                                     "errno"), ==, info.errnum);
      else
        g_assert_true (json_object_get_null_member (event, "error"));

      decoded = g_base64_decode (json_object_get_string_member (event, "payload_base64"),
                                 &decoded_len);
      assert_payload_equal (payload, decoded, decoded_len);
      from_text = sb_payload_parse_escaped (json_object_get_string_member (event, "payload_text"),
                                            NULL, &error);
      g_assert_no_error (error);
      assert_payload_equal (payload, g_bytes_get_data (from_text, NULL),
                            g_bytes_get_size (from_text));
      g_assert_cmpint (json_object_get_int_member (event, "payload_length"), ==,
                       payload != NULL ? g_bytes_get_size (payload) : 0);
    }

  /* The accepted connection's addresses: its peer, and the listener's. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 6),
                                                  "local"), ==, "('127.0.0.1', 5000)");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 6),
                                                  "peer"), ==, "('127.0.0.1', 40000)");
}

static void
test_text (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_to_bytes (fx, SB_EXPORT_TEXT, "all");
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = sb_capture_get_n_recorded (fx->capture);
  guint line = 1;

  g_assert_true (g_str_has_prefix (lines[0], "# Sockbench log"));
  /* A line per event with its summary, then its payload's lines. */
  for (guint i = 0; i < n; i++, line++)
    {
      g_autoptr(SbEvent) event = sb_event_new (fx->capture, i);
      g_autofree char *summary = sb_event_dup_summary (event);

      g_assert_nonnull (lines[line]);
      g_assert_true (g_str_has_suffix (lines[line], summary));
      g_assert_true (g_str_has_prefix (lines[line], "0."));
      while (lines[line + 1] != NULL && g_str_has_prefix (lines[line + 1], "    "))
        line++;
    }
  g_assert_cmpstr (lines[line], ==, "");
  g_assert_null (lines[line + 1]);

  g_assert_nonnull (strstr (text, "  client  client (#2)  send() took 11 of 11 bytes\n"
                                  "    Hello World\n"));
  g_assert_nonnull (strstr (text, "    HTTP/1.0 200 OK\\r\\n\n    \\r\\n\n"));
}

/* The pcapng's segments, reassembled by direction: (ip, port) of the
 * sender as "a:p" → bytes. */
typedef struct
{
  guint       n_packets;
  guint       n_syn, n_fin, n_rst, n_udp;
  guint       n_comments;
  guint       linktype;
  GHashTable *streams;
} Pcapng;

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* In the file's (the host's) byte order. */
static guint32
host32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, 4);
  return value;
}

static guint16
host16 (const guint8 *p)
{
  guint16 value;

  memcpy (&value, p, 2);
  return value;
}

static void
read_packet (Pcapng       *pcap,
             const guint8 *p,
             gsize         len,
             GHashTable   *next_seq)
{
  gboolean v6 = (p[0] >> 4) == 6;
  gsize ip_len = v6 ? 40 : (p[0] & 0xF) * 4;
  guint8 protocol = v6 ? p[6] : p[9];
  const guint8 *t = p + ip_len;
  g_autofree char *key = NULL;
  GByteArray *stream;
  gsize header;
  guint32 seq;

  g_assert_cmpuint (len, >=, ip_len + 8);
  if (protocol == 17)
    {
      pcap->n_udp++;
      return;
    }
  g_assert_cmpuint (protocol, ==, 6);
  header = (t[12] >> 4) * 4;
  key = g_strdup_printf ("%s:%u", v6 ? "6" : "4", (t[0] << 8) | t[1]);
  seq = be32 (t + 4);
  pcap->n_syn += (t[13] & 0x02) != 0;
  pcap->n_fin += (t[13] & 0x01) != 0;
  pcap->n_rst += (t[13] & 0x04) != 0;
  if (t[13] & 0x02)
    {
      g_hash_table_insert (next_seq, g_strdup (key), GUINT_TO_POINTER (seq + 1));
      return;
    }
  /* In order, without gaps or overlaps. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (next_seq, key)), ==, seq);
  g_hash_table_insert (next_seq, g_strdup (key),
                       GUINT_TO_POINTER (seq + (len - ip_len - header) + !!(t[13] & 0x01)));
  g_assert_cmpuint (len - ip_len - header, <=, 65495);
  stream = g_hash_table_lookup (pcap->streams, key);
  if (stream == NULL)
    g_hash_table_insert (pcap->streams, g_strdup (key), stream = g_byte_array_new ());
  g_byte_array_append (stream, t + header, len - ip_len - header);
}

static void
read_pcapng (GBytes *bytes,
             Pcapng *pcap)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GHashTable) next_seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize offset = 0;

  memset (pcap, 0, sizeof *pcap);
  pcap->streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_byte_array_unref);
  g_assert_cmpuint (len, >=, 28);
  g_assert_cmphex (host32 (data), ==, 0x0A0D0D0A);
  g_assert_cmphex (host32 (data + 8), ==, 0x1A2B3C4D);

  while (offset < len)
    {
      guint32 type, block_len, caplen;

      g_assert_cmpuint (len - offset, >=, 12);
      type = host32 (data + offset);
      block_len = host32 (data + offset + 4);
      g_assert_cmpuint (block_len % 4, ==, 0);
      g_assert_cmpuint (block_len, <=, len - offset);
      g_assert_cmpmem (data + offset + 4, 4, data + offset + block_len - 4, 4);
      if (type == 1)
        pcap->linktype = host16 (data + offset + 8);
      else if (type == 6)
        {
          const guint8 *options;

          caplen = host32 (data + offset + 20);
          read_packet (pcap, data + offset + 28, caplen, next_seq);
          options = data + offset + 28 + ((caplen + 3) & ~3u);
          if (options < data + offset + block_len - 4 && host16 (options) == 1)
            pcap->n_comments++;
          pcap->n_packets++;
        }
      offset += block_len;
    }
}

static GBytes *
collect (SbCapture   *capture,
         guint        socket_id,
         SbEventKind  kind)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint n = sb_capture_get_n_recorded (capture);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) payload = NULL;
      SbEventInfo info;

      if (!sb_capture_get_info (capture, i, &info) || info.socket_id != socket_id
          || info.kind != kind)
        continue;
      payload = sb_capture_dup_payload (capture, i);
      if (payload != NULL)
        g_byte_array_append (out, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
assert_stream (Pcapng     *pcap,
               const char *key,
               GBytes     *expected)
{
  GByteArray *stream = g_hash_table_lookup (pcap->streams, key);

  g_assert_nonnull (stream);
  g_assert_cmpmem (stream->data, stream->len, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
}

static void
test_pcapng (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_to_bytes (fx, SB_EXPORT_PCAPNG, "all");
  g_autoptr(GBytes) sent = collect (fx->capture, fx->client, SB_EVENT_SEND);
  g_autoptr(GBytes) answered = collect (fx->capture, fx->conn, SB_EVENT_SEND);
  Pcapng pcap;

  read_pcapng (bytes, &pcap);
  g_assert_cmpuint (pcap.linktype, ==, 101);
  /* One connection, not two: the client and its accepted end are paired. */
  g_assert_cmpuint (pcap.n_syn, ==, 2);
  /* The client's shutdown; the abort is a RST, once, though both ends
   * logged it. */
  g_assert_cmpuint (pcap.n_fin, ==, 1);
  g_assert_cmpuint (pcap.n_rst, ==, 1);
  /* ping from the peer, pong from the server */
  g_assert_cmpuint (pcap.n_udp, ==, 2);
  assert_stream (&pcap, "4:40000", sent);
  assert_stream (&pcap, "4:5000", answered);
  /* 3 handshake + 2 + 1 + 3 (BIG_LEN in segments) + FIN + RST + 2 UDP */
  g_assert_cmpuint (pcap.n_packets, ==, 3 + 2 + 1 + 3 + 1 + 1 + 2);
  g_assert_cmpuint (pcap.n_comments, ==, 1 + 2 + 2 + 1 + 1 + 2);
  g_hash_table_unref (pcap.streams);
}

static void
test_scope (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *scope = sb_export_scope_for_connection (fx->conn);
  g_autoptr(GBytes) bytes = export_to_bytes (fx, SB_EXPORT_JSON, scope);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbExport) export = NULL;
  JsonArray *events;
  guint expected = 0;

  for (guint i = 0; i < sb_capture_get_n_recorded (fx->capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (fx->capture, i, &info));
      expected += info.socket_id == fx->conn || info.socket_id == fx->client;
    }

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "events");
  g_assert_cmpuint (json_array_get_length (events), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      gint64 socket = json_object_get_int_member (json_array_get_object_element (events, i),
                                                  "socket");

      g_assert_true (socket == fx->conn || socket == fx->client);
    }

  export = sb_export_new (fx->capture, SB_EXPORT_JSON, "connection:999", &error);
  g_assert_null (export);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  export = sb_export_new (fx->capture, SB_EXPORT_JSON, "selection", &error);
  g_assert_null (export);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "selection"));
}

/* A cancelled export, or one into a folder that is not there, leaves the
 * file as it was and nothing beside it. */
static void
test_atomic (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "kept.json", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-folder", "x.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SbExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  gboolean done = FALSE;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "before", -1, NULL));

  export = sb_export_new (fx->capture, SB_EXPORT_PCAPNG, "all", &error);
  g_assert_no_error (error);
  g_assert_true (sb_export_start (export, file, cancellable, &error));
  while (!done)
    g_assert_true (sb_export_step (export, 0, &done, cancellable, &error));
  g_assert_cmpuint (sb_export_get_n_written (export), ==,
                    sb_capture_get_n_recorded (fx->capture));
  g_cancellable_cancel (cancellable);
  g_assert_false (sb_export_finish (export, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&export, sb_export_free);

  g_assert_false (sb_export_to_file (fx->capture, SB_EXPORT_TEXT, "all", missing_file, NULL,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The file asked for, not the temporary one beside it. */
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (strstr (error->message, ".part"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  dir = g_dir_open (fx->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* Bounded steps, as the window runs them: a step with no time to spare
 * writes one batch, and the fraction grows to 1 as the steps go on. */
static void
test_steps (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "steps.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean done = FALSE;
  double last = 0;
  guint n_steps = 0;
  guint n;

  for (guint i = 0; i < 1000; i++)
    record (fx->capture, SB_SIDE_CLIENT, fx->client, SB_EVENT_RECV, 0, 1, 0, 1, NULL,
            (const guint8 *) "x", 1);
  sb_capture_flush (fx->capture);
  n = sb_capture_get_n_recorded (fx->capture);

  export = sb_export_new (fx->capture, SB_EXPORT_JSON, "all", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (sb_export_get_fraction (export), ==, 0);
  g_assert_true (sb_export_start (export, file, NULL, &error));
  while (!done)
    {
      g_assert_true (sb_export_step (export, 0, &done, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (sb_export_get_fraction (export), >, last);
      last = sb_export_get_fraction (export);
      n_steps++;
    }
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (n_steps, ==, (n + 63) / 64);
  g_assert_cmpuint (sb_export_get_n_written (export), ==, n);
  /* Nothing is in place before the end. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (sb_export_finish (export, NULL, &error));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "events")), ==, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/export/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/export/pcapng", Fixture, NULL, fixture_set_up, test_pcapng, fixture_tear_down);
  g_test_add ("/export/scope", Fixture, NULL, fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/export/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/export/atomic", Fixture, NULL, fixture_set_up, test_atomic, fixture_tear_down);

  return g_test_run ();
}
