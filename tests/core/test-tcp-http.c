/* test-tcp-http.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tcp-http"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define INDEX_SIZE 40000

static GBytes *
make_index_html (void)
{
  GString *html = g_string_new ("<html><body>\n");

  for (guint i = 0; html->len < INDEX_SIZE; i++)
    g_string_append_printf (html, "<p>line %05u of the index page</p>\n", i);
  g_string_truncate (html, INDEX_SIZE - strlen ("</body></html>\n"));
  g_string_append (html, "</body></html>\n");
  g_assert_cmpuint (html->len, ==, INDEX_SIZE);

  return g_string_free_to_bytes (html);
}

/* python3 -m http.server on a free port; retried if the port was taken
 * between finding it and binding it. */
static SbTestPeer *
spawn_http_server (const char *directory,
                   guint16    *port)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *port_text = NULL;
      SbTestPeer *peer;

      *port = sb_test_free_port ("127.0.0.1");
      port_text = g_strdup_printf ("%u", *port);
      peer = sb_test_peer_spawnv ((const char * const[]) {
                                    "/usr/bin/python3", "-u", "-m", "http.server",
                                    "--bind", "127.0.0.1", port_text,
                                    "--directory", directory, NULL });
      if (sb_test_peer_wait_line_or_end (peer, "Serving HTTP on ") != NULL)
        return peer;

      sb_test_peer_free (peer);
    }

  g_error ("python3 -m http.server did not start");
}

/* Exercise 1.1: GET /index.html with HTTP/1.0, read in chunks until eof. */
static void
test_http_get (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) index_html = make_index_html ();
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(SbTestPeer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  const char *data;
  const char *body;
  gsize len;
  guint n, n_recv = 0;
  guint16 port;
  SbEventInfo info;

  directory = g_dir_make_tmp ("sockbench-http-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "index.html", NULL);
  g_file_set_contents (path, g_bytes_get_data (index_html, NULL), INDEX_SIZE, &error);
  g_assert_no_error (error);

  server = spawn_http_server (directory, &port);

  sb_stream_set_receive_size (stream, 16384);
  sb_stream_connect (stream, "127.0.0.1", port);
  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_CONNECTED
                      || sb_stream_get_state (stream) == SB_STREAM_FAILED, "connect");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);

  request = g_bytes_new_static ("GET /index.html HTTP/1.0\r\n\r\n", 28);
  g_assert_true (sb_stream_send (stream, request, &error));
  g_assert_no_error (error);

  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_PEER_CLOSED, "the empty read");

  /* The chunks, joined, are the response; its body is exactly the file. */
  response = sb_test_collect_payload (capture, sb_stream_get_socket_id (stream), SB_EVENT_RECV);
  data = g_bytes_get_data (response, &len);
  g_assert_cmpuint (len, ==, sb_stream_get_bytes_received (stream));
  g_assert_true (g_str_has_prefix (data, "HTTP/1.0 200 OK\r\n"));
  body = g_strstr_len (data, len, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;
  head = g_strndup (data, body - data);
  g_assert_nonnull (strstr (head, "\r\nContent-Length: 40000\r\n"));
  g_assert_nonnull (strstr (head, "\r\nContent-type: text/html\r\n"));
  g_assert_cmpmem (body, len - (body - data), g_bytes_get_data (index_html, NULL), INDEX_SIZE);

  /* socket, connect started, established, send; several recv of at most
   * 16384 bytes each; then eof. */
  n = sb_capture_get_n_recorded (capture);
  g_assert_cmpuint (n, >=, 4 + 3 + 1);
  for (guint i = 4; i < n - 1; i++)
    {
      g_assert_true (sb_capture_get_info (capture, i, &info));
      g_assert_cmpint (info.kind, ==, SB_EVENT_RECV);
      g_assert_cmpuint (info.requested, ==, 16384);
      g_assert_cmpint (info.result, >, 0);
      g_assert_cmpint (info.result, <=, 16384);
      g_assert_cmpuint (info.payload_len, ==, info.result);
      n_recv++;
    }
  g_assert_cmpuint (n_recv, >=, 3);
  g_assert_true (sb_capture_get_info (capture, n - 1, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_EOF);
  g_assert_cmpint (info.result, ==, 0);
  g_assert_cmpuint (info.payload_len, ==, 0);

  g_assert_true (sb_capture_get_info (capture, 3, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_SEND);
  g_assert_cmpint (info.result, ==, 28);

  sb_stream_close (stream);
  g_remove (path);
  g_rmdir (directory);
}

/* Exercise 1.2 (f): the lame web server, with curl as the browser. */
typedef struct
{
  SbStream *connection;
  guint16   port;
} LameServer;

static void
accepted_cb (SbListener *listener,
             SbStream   *stream,
             LameServer *lame)
{
  g_assert_null (lame->connection);
  lame->connection = g_object_ref (stream);
}

static gboolean
request_complete (SbCapture  *capture,
                  LameServer *lame)
{
  g_autoptr(GBytes) request = NULL;

  if (lame->connection == NULL)
    return FALSE;

  request = sb_test_collect_payload (capture, sb_stream_get_socket_id (lame->connection),
                                     SB_EVENT_RECV);

  return g_strstr_len (g_bytes_get_data (request, NULL), g_bytes_get_size (request),
                       "\r\n\r\n") != NULL;
}

static void
test_lame_web_server (void)
{
  static const char * const reply[] = {
    "HTTP/1.0 200 OK\r\n", "Content-type: text/html\r\n", "\r\n", "<h1>Hello World</h1>",
  };
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) curl = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *curl_path = g_find_program_in_path ("curl");
  g_autofree char *url = NULL;
  g_autofree char *request_start = NULL;
  g_autofree char *out = NULL;
  LameServer lame = { NULL, 0 };

  if (curl_path == NULL)
    {
      g_test_skip ("curl is not installed");
      return;
    }

  g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), &lame);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  lame.port = sb_listener_get_port (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/index.html", lame.port);
  curl = sb_test_peer_spawnv ((const char * const[]) {
                                curl_path, "--silent", "--show-error", "--max-time", "15",
                                url, NULL });

  sb_test_wait_until (request_complete (capture, &lame), "curl's request");

  request = sb_test_collect_payload (capture, sb_stream_get_socket_id (lame.connection),
                                     SB_EVENT_RECV);
  request_start = g_strdup_printf ("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n",
                                   lame.port);
  g_assert_cmpuint (g_bytes_get_size (request), >=, strlen (request_start));
  g_assert_cmpmem (g_bytes_get_data (request, NULL), strlen (request_start),
                   request_start, strlen (request_start));

  for (guint i = 0; i < G_N_ELEMENTS (reply); i++)
    {
      g_autoptr(GBytes) part = g_bytes_new_static (reply[i], strlen (reply[i]));

      g_assert_true (sb_stream_send (lame.connection, part, &error));
      g_assert_no_error (error);
    }
  sb_stream_close (lame.connection);

  g_assert_cmpint (sb_test_peer_wait_exit (curl), ==, 0);
  out = sb_test_peer_dup_stdout (curl);
  g_assert_cmpstr (out, ==, "<h1>Hello World</h1>");

  g_assert_cmpuint (sb_stream_get_bytes_sent (lame.connection), ==, 17 + 25 + 2 + 20);
  g_assert_cmpuint (sb_test_count_events (capture, sb_stream_get_socket_id (lame.connection),
                                          SB_EVENT_SEND), ==, 4);
  g_clear_object (&lame.connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/http/get", test_http_get);
  g_test_add_func ("/tcp/http/lame-web-server", test_lame_web_server);

  return g_test_run ();
}
