/* test-session.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Save and open a session: a capture of real loopback traffic (TCP and
 * UDP, binary payloads, a refused connect, a reset) saved and opened again
 * gives the same events, field by field and byte by byte; a capture that
 * spilled to disk is saved from its spill files; every kind of bad file
 * gives an error naming the file and the byte offset; a failed or
 * cancelled save leaves nothing behind.  Exported to JSON, the opened
 * session is the same file as the capture it was saved from. */

#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-export.h"
#include "sb-listener.h"
#include "sb-session.h"
#include "sb-stream.h"
#include "sb-test-util.h"

/* Offsets in a file the writer made: the header, then sections. */
#define HEADER_LEN   32
#define SECTION_LEN  16
#define RECORD_LEN   56

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint64   last_written;
  guint64   last_total;
} SaveResult;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = sb_session_save_finish (result, &save->error);
  save->done = TRUE;
}

static void
progress_cb (guint64  written,
             guint64  total,
             gpointer user_data)
{
  SaveResult *save = user_data;

  g_assert_cmpuint (written, >, save->last_written);
  save->last_written = written;
  save->last_total = total;
}

static gboolean
save (SbCapture     *capture,
      const char    *path,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SaveResult result = { 0, };

  sb_session_save_async (capture, file, cancellable, progress_cb, &result, saved_cb, &result);
  sb_test_wait_until (result.done, "the save");
  if (result.ok)
    {
      GStatBuf st;

      g_assert_no_error (result.error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (result.last_total, ==, (guint64) st.st_size);
      g_assert_cmpuint (result.last_written, ==, (guint64) st.st_size);
    }
  else
    g_propagate_error (error, result.error);

  return result.ok;
}

/* Every field of every event, its payload, and what the capture knows of
 * each socket. */
static void
assert_same_events (SbCapture *a,
                    SbCapture *b)
{
  guint n = sb_capture_get_n_recorded (a);

  g_assert_cmpuint (sb_capture_get_n_recorded (b), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) pa = sb_capture_dup_payload (a, i);
      g_autoptr(GBytes) pb = sb_capture_dup_payload (b, i);
      g_autofree char *da = sb_test_describe_event (a, i);
      g_autofree char *db = sb_test_describe_event (b, i);
      SbEventInfo x, y;
      guint na = 0, nb = 0, la = 0, lb = 0;

      g_assert_true (sb_capture_get_info (a, i, &x));
      g_assert_true (sb_capture_get_info (b, i, &y));
      g_assert_cmpstr (db, ==, da);
      g_assert_cmpint (y.kind, ==, x.kind);
      g_assert_cmpint (y.side, ==, x.side);
      g_assert_cmpuint (y.socket_id, ==, x.socket_id);
      g_assert_cmpint (y.detail, ==, x.detail);
      g_assert_cmpint (y.result, ==, x.result);
      g_assert_cmpint (y.errnum, ==, x.errnum);
      g_assert_cmpuint (y.requested, ==, x.requested);
      g_assert_cmpstr (y.note, ==, x.note);
      g_assert_cmpint (y.mono_us, ==, x.mono_us);
      g_assert_cmpint (y.wall_us, ==, x.wall_us);
      g_assert_cmpuint (y.payload_len, ==, x.payload_len);
      g_assert_true (g_bytes_equal (pa, pb));
      g_assert_cmpuint (sb_capture_get_repeats (b, i), ==, sb_capture_get_repeats (a, i));
      g_assert_cmpint (sb_capture_get_socket_role (b, y.socket_id, &nb, &lb), ==,
                       sb_capture_get_socket_role (a, x.socket_id, &na, &la));
      g_assert_cmpuint (nb, ==, na);
      g_assert_cmpuint (lb, ==, la);
      g_assert_cmpstr (sb_capture_get_local_tuple (b, y.socket_id), ==,
                       sb_capture_get_local_tuple (a, x.socket_id));
      g_assert_cmpint (sb_capture_is_datagram_socket (b, y.socket_id), ==,
                       sb_capture_is_datagram_socket (a, x.socket_id));
    }
}

static GBytes *
every_byte_value (guint times)
{
  GByteArray *array = g_byte_array_new ();

  for (guint i = 0; i < 256 * times; i++)
    {
      guint8 b = (guint8) (i * 7 + i / 256);

      g_byte_array_append (array, &b, 1);
    }

  return g_byte_array_free_to_bytes (array);
}

static gboolean
stream_is_settled (SbStream *stream)
{
  SbStreamState state = sb_stream_get_state (stream);

  return state != SB_STREAM_RESOLVING && state != SB_STREAM_CONNECTING;
}

/* TCP: a refused connect, then binary data both ways and a reset; UDP: a
 * datagram each way. */
static void
record_traffic (SbCapture *capture)
{
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) refused = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbStream) client = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbDatagram) udp_server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbDatagram) udp_client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) binary = every_byte_value (8);
  g_autoptr(GBytes) reply = g_bytes_new_static ("\0\r\n\xff" "reply", 9);
  g_autoptr(GError) error = NULL;
  SbStream *accepted = NULL;
  guint16 port;

  sb_stream_connect (refused, "127.0.0.1", sb_test_free_port ("127.0.0.1"));
  sb_test_wait_until (stream_is_settled (refused), "the refused connect");
  g_assert_cmpint (sb_stream_get_state (refused), ==, SB_STREAM_FAILED);

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &accepted);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  sb_stream_set_auto_receive (client, TRUE);
  sb_stream_connect (client, "127.0.0.1", sb_listener_get_port (listener));
  sb_test_wait_until (stream_is_settled (client) && accepted != NULL, "the connect");

  g_assert_true (sb_stream_send (client, binary, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_stream_get_bytes_received (accepted) == g_bytes_get_size (binary),
                      "the binary payload");
  g_assert_true (sb_stream_send (accepted, reply, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_stream_get_bytes_received (client) == g_bytes_get_size (reply),
                      "the reply");
  sb_stream_reset (client);
  sb_test_wait_until (sb_test_count_events (capture, sb_stream_get_socket_id (accepted),
                                            SB_EVENT_RESET) > 0, "the reset");

  g_assert_true (sb_datagram_open (udp_server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  port = sb_datagram_get_port (udp_server);
  g_assert_true (sb_datagram_open_socket (udp_client, "127.0.0.1", &error));
  g_assert_no_error (error);
  g_assert_true (sb_datagram_send_to (udp_client, "127.0.0.1", port, binary, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (udp_server) == 1, "the datagram");
  g_assert_true (sb_datagram_send_to (udp_client, "127.0.0.1", port, reply, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (udp_server) == 2, "the second datagram");
  sb_datagram_close (udp_client);
  sb_datagram_close (udp_server);
  sb_listener_stop (listener);
  g_clear_object (&accepted);

  /* A call that failed alike three times: one event counting them. */
  sb_capture_set_repeats (capture, sb_capture_get_n_recorded (capture) - 1, 3);
  sb_capture_flush (capture);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-session-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_round_trip (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbCapture) opened = NULL;
  g_autoptr(SbCapture) again = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) file2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "traffic.sockbench", NULL);
  g_autofree char *path2 = g_build_filename (dir, "again.sockbench", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *contents2 = NULL;
  gsize len, len2;

  record_traffic (capture);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RESET), >, 0);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECVFROM), ==, 2);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_CONNECT), >=, 3);

  g_assert_true (save (capture, path, NULL, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "traffic.sockbench");

  file = g_file_new_for_path (path);
  opened = sb_session_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (sb_capture_is_read_only (opened));
  g_assert_false (sb_capture_is_read_only (capture));
  assert_same_events (capture, opened);

  /* A session saved again is the same file, byte for byte. */
  g_assert_true (save (opened, path2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_get_contents (path2, &contents2, &len2, NULL));
  g_assert_cmpmem (contents, len, contents2, len2);
  file2 = g_file_new_for_path (path2);
  again = sb_session_open (file2, &error);
  g_assert_no_error (error);
  assert_same_events (capture, again);

  remove_dir (dir);
}

/* @capture exported to JSON (@scope) in @dir; the file's contents. */
static GBytes *
export_json (SbCapture  *capture,
             const char *scope,
             const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_true (sb_export_to_file (capture, SB_EXPORT_JSON, scope, file, NULL, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  return bytes;
}

/* Parses a JSON export: " call=reset protocol=udp error=ECONNREFUSED
 * repeats=3 binary-payload … ", each fact once, in no order.  With
 * @n_events not 0, asserts that it holds that many events. */
static char *
json_facts (GBytes *json,
            guint   n_events)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char **keys = NULL;
  g_autofree char *joined = NULL;
  JsonObject *root;
  JsonArray *events;

  json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                              (gssize) g_bytes_get_size (json), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, SB_EXPORT_JSON_FORMAT);
  events = json_object_get_array_member (root, "events");
  if (n_events != 0)
    g_assert_cmpuint (json_array_get_length (events), ==, n_events);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonNode *error_node = json_object_get_member (event, "error");
      g_autofree guchar *payload = NULL;
      gsize len = 0;

      g_hash_table_add (facts, g_strdup_printf ("call=%s",
                                                json_object_get_string_member (event, "call")));
      if (!json_object_get_null_member (event, "protocol"))
        g_hash_table_add (facts, g_strdup_printf ("protocol=%s",
                                                  json_object_get_string_member (event, "protocol")));
      if (!JSON_NODE_HOLDS_NULL (error_node))
        g_hash_table_add (facts, g_strdup_printf ("error=%s",
                                                  json_object_get_string_member (
                                                    json_node_get_object (error_node), "name")));
      g_hash_table_add (facts, g_strdup_printf ("repeats=%" G_GINT64_FORMAT,
                                                json_object_get_int_member (event, "repeats")));
      payload = g_base64_decode (json_object_get_string_member (event, "payload_base64"), &len);
      if (len > 0 && !g_utf8_validate ((const char *) payload, (gssize) len, NULL))
        g_hash_table_add (facts, g_strdup ("binary-payload"));
    }

  keys = (char **) g_hash_table_get_keys_as_array (facts, NULL);
  joined = g_strjoinv (" ", keys);

  return g_strdup_printf (" %s ", joined);
}

/* Every event's every field in the JSON export (times, sockets, tuples,
 * errors, repeats, payloads in base64 and as text) comes through a save
 * and an open unchanged: the two exports are the same bytes.  The export
 * names no file, so nothing may differ. */
static void
test_json_round_trip (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbCapture) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "traffic.sockbench", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *scope = NULL;
  guint reset_socket = 0;

  record_traffic (capture);
  for (guint i = 0; i < sb_capture_get_n_recorded (capture) && reset_socket == 0; i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind == SB_EVENT_RESET)
        reset_socket = info.socket_id;
    }
  g_assert_cmpuint (reset_socket, !=, 0);
  scope = sb_export_scope_for_connection (reset_socket);

  g_assert_true (save (capture, path, NULL, &error));
  g_assert_no_error (error);
  opened = sb_session_open (file, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < 2; s++)
    {
      const char *in = s == 0 ? "all" : scope;
      g_autoptr(GBytes) live = export_json (capture, in, dir, "live.json");
      g_autoptr(GBytes) saved = export_json (opened, in, dir, "opened.json");
      g_autofree char *facts = NULL;

      g_test_message ("scope %s: %" G_GSIZE_FORMAT " bytes of JSON", in,
                      g_bytes_get_size (live));
      /* What the fixture made is in it, so that the comparison is of something. */
      facts = json_facts (live, s == 0 ? sb_capture_get_n_recorded (capture) : 0);
      g_test_message ("%s", facts);
      g_assert_nonnull (strstr (facts, " call=reset "));
      g_assert_nonnull (strstr (facts, " binary-payload "));
      if (s == 0)
        {
          g_assert_nonnull (strstr (facts, " protocol=udp "));
          g_assert_nonnull (strstr (facts, " protocol=tcp "));
          g_assert_nonnull (strstr (facts, " error=ECONNREFUSED "));
          g_assert_nonnull (strstr (facts, " repeats=3 "));
        }
      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                       g_bytes_get_data (live, NULL), g_bytes_get_size (live));
    }

  remove_dir (dir);
}

/* Past the memory budget the payloads live in spill files; saving reads
 * them back from there. */
static void
test_spilled (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbCapture) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "spilled.sockbench", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint socket_id = sb_capture_new_socket_id (capture);
  SbEventInfo info = { 0, };

  sb_capture_set_memory_budget (capture, 4 * SB_CAPTURE_CHUNK_SIZE);
  for (guint i = 0; i < 48; i++)
    {
      g_autoptr(GBytes) payload = every_byte_value (1024 + i);

      info.kind = SB_EVENT_RECV;
      info.side = SB_SIDE_SERVER;
      info.socket_id = socket_id;
      info.result = (gint64) g_bytes_get_size (payload);
      info.requested = 1 << 20;
      sb_capture_append (capture, &info, g_bytes_get_data (payload, NULL),
                         g_bytes_get_size (payload));
    }
  sb_capture_flush (capture);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >, 0);

  g_assert_true (save (capture, path, NULL, &error));
  g_assert_no_error (error);
  opened = sb_session_open (file, &error);
  g_assert_no_error (error);
  assert_same_events (capture, opened);

  remove_dir (dir);
}

/* A small session saved to @path; returns its bytes. */
static GBytes *
save_small_session (const char *path)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GError) error = NULL;
  SbEventInfo info = { 0, };
  char *contents = NULL;
  gsize len;

  info.kind = SB_EVENT_SEND;
  info.side = SB_SIDE_CLIENT;
  info.socket_id = sb_capture_new_socket_id (capture);
  info.result = 11;
  info.requested = 11;
  info.note = "a note";
  sb_capture_append (capture, &info, (const guint8 *) "Hello World", 11);
  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = sb_capture_new_socket_id (capture);
  sb_capture_append (capture, &info, (const guint8 *) "Hello World", 11);
  g_assert_true (save (capture, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  return g_bytes_new_take (contents, len);
}

/* @n_mib events of @kind with a payload of 1 MiB each: a save that takes
 * a few writes. */
static void
fill_capture (SbCapture   *capture,
              SbEventKind  kind,
              guint        n_mib)
{
  g_autofree guint8 *payload = g_malloc0 (1 << 20);
  SbEventInfo info = { 0, };

  info.kind = kind;
  for (guint i = 0; i < n_mib; i++)
    sb_capture_append (capture, &info, payload, 1 << 20);
}

typedef void (*Damage) (GByteArray *bytes);

static void
truncate_in_data (GByteArray *bytes)
{
  /* The last payload's bytes and END are cut off. */
  g_byte_array_set_size (bytes, bytes->len - SECTION_LEN - 8);
}

static void
newer_version (GByteArray *bytes)
{
  bytes->data[14] = 2;
}

static void
not_a_session (GByteArray *bytes)
{
  g_byte_array_set_size (bytes, 0);
  g_byte_array_append (bytes, (const guint8 *) "GET / HTTP/1.0\r\n\r\n", 18);
}

static void
empty (GByteArray *bytes)
{
  g_byte_array_set_size (bytes, 0);
}

/* The EVTS section's offset in a file the writer made. */
static gsize
evts_offset (GByteArray *bytes)
{
  gsize offset = HEADER_LEN;

  while (memcmp (bytes->data + offset, "EVTS", 4) != 0)
    {
      guint64 len;

      memcpy (&len, bytes->data + offset + 8, 8);
      len = GUINT64_FROM_LE (len);
      offset += SECTION_LEN + len + (8 - len % 8) % 8;
      g_assert_cmpuint (offset, <, bytes->len);
    }

  return offset + SECTION_LEN;
}

static void
payload_past_end (GByteArray *bytes)
{
  guint32 huge = GUINT32_TO_LE (1000000);

  /* The second record's payload length. */
  memcpy (bytes->data + evts_offset (bytes) + RECORD_LEN + 32, &huge, 4);
}

typedef struct
{
  const char *name;
  Damage      damage;
  int         code;
  const char *message;   /* after the file's name; "@" is EVTS's offset plus @after_evts */
  gsize       after_evts;
} BadFile;

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.sockbench", NULL);
  g_autoptr(GBytes) good = save_small_session (path);
  g_autoptr(GByteArray) bytes = g_bytes_unref_to_array (g_bytes_ref (good));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                             evts_offset (bytes) + bad->after_evts);
  g_auto(GStrv) parts = g_strsplit (bad->message, "@", -1);
  g_autofree char *expected = g_strjoinv (offset, parts);
  g_autofree char *prefix = g_strdup_printf ("Cannot open “%s”: ", path);

  bad->damage (bytes);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));

  capture = sb_session_open (file, &error);
  g_assert_null (capture);
  g_assert_error (error, SB_SESSION_ERROR, bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpstr (error->message + strlen (prefix), ==, expected);

  remove_dir (dir);
}

static const BadFile bad_files[] = {
  { "truncated", truncate_in_data, SB_SESSION_ERROR_TRUNCATED,
    "the file is truncated: section DATA at byte @ holds 22 bytes, but only 16 follow",
    2 * RECORD_LEN },
  { "newer", newer_version, SB_SESSION_ERROR_NEWER_VERSION,
    "it was made by a newer Sockbench (session format 2.0 at byte 14; "
    "this version reads format 1.x)", 0 },
  { "not-session", not_a_session, SB_SESSION_ERROR_NOT_SESSION,
    "not a Sockbench session (no session signature at byte 0)", 0 },
  { "empty", empty, SB_SESSION_ERROR_NOT_SESSION,
    "the file is empty (0 bytes), not a Sockbench session", 0 },
  { "payload-past-end", payload_past_end, SB_SESSION_ERROR_CORRUPT,
    "the payload of event 1 (its record at byte @) runs to byte 1000011 of the DATA "
    "section, which holds 22 bytes", RECORD_LEN },
};

/* Cut anywhere, a session is refused as truncated, never read past its end. */
static void
test_truncated_anywhere (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "whole.sockbench", NULL);
  g_autoptr(GBytes) good = save_small_session (path);
  gsize size = g_bytes_get_size (good);

  for (gsize cut = 1; cut < size; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (good, 0, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCapture) capture = sb_session_open_bytes (part, "part", &error);

      g_assert_null (capture);
      g_assert_error (error, SB_SESSION_ERROR, SB_SESSION_ERROR_TRUNCATED);
      g_assert_nonnull (strstr (error->message, "“part”"));
      g_assert_nonnull (strstr (error->message, " byte "));
    }

  remove_dir (dir);
}

typedef struct
{
  SbCapture *capture;
  GError    *error;
  gboolean   done;
} OpenResult;

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenResult *open = user_data;

  open->capture = sb_session_open_finish (result, &open->error);
  open->done = TRUE;
}

static void
test_open_async (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "async.sockbench", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sockbench", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  OpenResult result = { 0, };
  g_autofree char *first = NULL;

  g_bytes_unref (save_small_session (path));
  sb_session_open_async (file, NULL, opened_cb, &result);
  sb_test_wait_until (result.done, "the open");
  g_assert_no_error (result.error);
  first = sb_test_describe_event (result.capture, 0);
  g_assert_cmpstr (first, ==, "C1 send 11/11 b'Hello World'");
  g_clear_object (&result.capture);

  result.done = FALSE;
  sb_session_open_async (missing_file, NULL, opened_cb, &result);
  sb_test_wait_until (result.done, "the failed open");
  g_assert_null (result.capture);
  g_assert_error (result.error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (result.error->message, "Cannot open “"));
  g_assert_nonnull (strstr (result.error->message, missing));
  g_clear_error (&result.error);

  remove_dir (dir);
}

/* A folder that does not exist: a clear error naming the file; nothing
 * is left anywhere. */
static void
test_save_fails (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "x.sockbench", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_CLOSE;
  sb_capture_append (capture, &info, NULL, 0);
  g_assert_false (save (capture, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("Could not save “%s”: the folder “%s/no-such-folder” does not "
                              "exist. Nothing was written.", path, dir);
  g_assert_cmpstr (error->message, ==, expected);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  remove_dir (dir);
}

/* A read-only folder: the error says so.  root writes into any folder, so
 * under root the save runs in a subprocess that has become nobody first. */
static void
save_into_read_only (const char *dir)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *path = g_build_filename (dir, "x.sockbench", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (save (capture, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  expected = g_strdup_printf ("Could not save “%s”: the folder “%s” cannot be written to. "
                              "Nothing was written.", path, dir);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_save_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *listing = NULL;

  if (g_test_subprocess ())
    {
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      save_into_read_only (g_getenv ("SB_TEST_READ_ONLY_DIR"));
      return;
    }

  dir = temp_dir ();
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("SB_TEST_READ_ONLY_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("SB_TEST_READ_ONLY_DIR");
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  remove_dir (dir);
}

/* A write that fails half-way (here: past the process's file size limit,
 * as a full disk fails a write): the error names the file, the half-written
 * new file is removed, and the old file is as it was. */
static void
test_save_write_fails (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.sockbench", NULL);
  g_autoptr(GBytes) old = save_small_session (path);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strdup_printf ("Could not save “%s”: ", path);
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limited;
  gsize len;

  fill_capture (capture, SB_EVENT_RECV, 16);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 6 << 20;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  g_assert_false (save (capture, path, NULL, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (g_str_has_suffix (error->message, ". Nothing was written."));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "old.sockbench");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (old, NULL), g_bytes_get_size (old));

  remove_dir (dir);
}

/* The log cleared while it is being saved: the save fails and says why,
 * rather than writing other events under the snapshot's indexes. */
static void
test_save_cleared (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cleared.sockbench", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  SaveResult result = { 0, };
  SbEventInfo info = { 0, };

  fill_capture (capture, SB_EVENT_RECV, 64);
  file = g_file_new_for_path (path);
  sb_session_save_async (capture, file, NULL, progress_cb, &result, saved_cb, &result);
  sb_test_wait_until (result.last_written > 0, "the first write");
  sb_capture_clear (capture);
  info.kind = SB_EVENT_CLOSE;
  sb_capture_append (capture, &info, NULL, 0);
  sb_test_wait_until (result.done, "the save");
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  expected = g_strdup_printf ("Could not save “%s”: the log was cleared while it was being "
                              "saved. Nothing was written.", path);
  g_assert_cmpstr (result.error->message, ==, expected);
  g_clear_error (&result.error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  remove_dir (dir);
}

/* A save cancelled half-way leaves the old file as it was and no new one. */
static void
test_save_cancelled (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.sockbench", NULL);
  g_autoptr(GBytes) old = save_small_session (path);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  SaveResult result = { 0, };
  gsize len;

  fill_capture (capture, SB_EVENT_SEND, 64);
  file = g_file_new_for_path (path);
  sb_session_save_async (capture, file, cancellable, progress_cb, &result, saved_cb, &result);
  sb_test_wait_until (result.last_written > 0, "the first write");
  g_cancellable_cancel (cancellable);
  sb_test_wait_until (result.done, "the cancelled save");
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_cmpuint (result.last_written, <, result.last_total);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "old.sockbench");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (old, NULL), g_bytes_get_size (old));

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/round-trip", test_round_trip);
  g_test_add_func ("/session/json-round-trip", test_json_round_trip);
  g_test_add_func ("/session/spilled", test_spilled);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/session/bad-file/%s", bad_files[i].name);

      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/session/truncated-anywhere", test_truncated_anywhere);
  g_test_add_func ("/session/open-async", test_open_async);
  g_test_add_func ("/session/save-fails", test_save_fails);
  g_test_add_func ("/session/save-read-only", test_save_read_only);
  g_test_add_func ("/session/save-write-fails", test_save_write_fails);
  g_test_add_func ("/session/save-cleared", test_save_cleared);
  g_test_add_func ("/session/save-cancelled", test_save_cancelled);

  return g_test_run ();
}
