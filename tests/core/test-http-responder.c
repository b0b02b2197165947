/* test-http-responder.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The auto-responder as a web server, against clients nobody here wrote:
 * curl, python3's http.client and socket modules. */

#define G_LOG_DOMAIN "test-http-responder"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-http.h"
#include "sb-http-replies.h"
#include "sb-http-responder.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

typedef struct
{
  SbCapture       *capture;
  SbListener      *listener;
  SbHttpFollower  *follower;
  SbHttpReplies   *replies;
  SbHttpResponder *responder;
  guint16          port;
  char            *url;       /* "http://127.0.0.1:PORT" */
  char            *directory; /* a temporary directory */
  char            *curl;
} Server;

static void
server_setup (Server        *s,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  s->capture = sb_capture_new ();
  s->listener = sb_listener_new (s->capture);
  s->follower = sb_http_follower_new (s->capture);
  s->replies = sb_http_replies_new ();
  s->responder = sb_http_responder_new (s->listener, s->follower, s->replies);
  sb_http_responder_set_enabled (s->responder, TRUE);

  g_assert_true (sb_listener_listen (s->listener, "127.0.0.1", 0, 16, &error));
  g_assert_no_error (error);
  s->port = sb_listener_get_port (s->listener);
  s->url = g_strdup_printf ("http://127.0.0.1:%u", s->port);
  s->directory = g_dir_make_tmp ("sockbench-responder-XXXXXX", &error);
  g_assert_no_error (error);
  s->curl = g_find_program_in_path ("curl");
}

static void
remove_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_directory (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
server_teardown (Server        *s,
                 gconstpointer  data)
{
  sb_listener_stop (s->listener);
  g_clear_object (&s->responder);
  g_clear_object (&s->replies);
  g_clear_object (&s->follower);
  g_clear_object (&s->listener);
  g_clear_object (&s->capture);
  remove_directory (s->directory);
  g_free (s->directory);
  g_free (s->url);
  g_free (s->curl);
}

/* A python3 -c @script given the server's port; what it printed. */
static char *
run_python (Server     *s,
            const char *script)
{
  g_autofree char *port = g_strdup_printf ("%u", s->port);

  return sb_test_run_for_stdout ((const char * const[]) {
                                   "/usr/bin/python3", "-c", script, port, NULL });
}

static guint
n_connections (Server *s)
{
  return g_list_model_get_n_items (sb_listener_get_connections (s->listener));
}

static SbStream *
connection (Server *s,
            guint   index)
{
  g_autoptr(SbStream) stream = g_list_model_get_item (sb_listener_get_connections (s->listener),
                                                      index);

  g_assert_nonnull (stream);
  return stream; /* the listener keeps it */
}

static char *
path_in (Server     *s,
         const char *name)
{
  return g_build_filename (s->directory, name, NULL);
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

/* Waits until the connection has ended the way a web server ends it:
 * closed by us (not left half shut, not reset). */
static void
assert_ends_closed (Server   *s,
                    SbStream *stream)
{
  guint socket_id = sb_stream_get_socket_id (stream);

  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_CLOSED,
                      "the connection to end CLOSED");
  g_assert_cmpuint (sb_test_count_events (s->capture, socket_id, SB_EVENT_CLOSE), ==, 1);
  g_assert_cmpuint (sb_test_count_events (s->capture, socket_id, SB_EVENT_RESET), ==, 0);
  g_assert_cmpuint (sb_test_count_events (s->capture, socket_id, SB_EVENT_ERROR), ==, 0);
}

#define REQUIRE_CURL(s)                          \
  G_STMT_START {                                 \
    if ((s)->curl == NULL)                       \
      {                                          \
        g_test_skip ("curl is not installed");   \
        return;                                  \
      }                                          \
  } G_STMT_END

/* curl with two URLs: one connection, two requests, two replies.  With
 * @status_line as the page's: after an HTTP/1.0 reply (the exercise's),
 * curl asks again in HTTP/1.0 without keep-alive, so the second reply
 * says "Connection: close" and the connection ends after it; after an
 * HTTP/1.1 reply it stays open until curl leaves. */
static void
run_curl_two_urls (Server     *s,
                   const char *status_line,
                   const char *expected_replies,
                   guint       shutdowns)
{
  g_autofree char *url1 = g_strdup_printf ("%s/", s->url);
  g_autofree char *url2 = g_strdup_printf ("%s/missing", s->url);
  g_autofree char *out1 = path_in (s, "1");
  g_autofree char *out2 = path_in (s, "2");
  g_autofree char *verbose = NULL;
  g_autofree char *body1 = NULL;
  g_autofree char *body2 = NULL;
  g_autoptr(GBytes) sent = NULL;
  SbStream *stream;

  g_object_set (s->replies, "rule-other", "not-found", "hello-status", status_line, NULL);

  verbose = sb_test_run_for_stdout ((const char * const[]) {
                                      s->curl, "--silent", "--verbose", "--stderr", "-",
                                      "--max-time", "15",
                                      "-o", out1, url1, "-o", out2, url2, NULL });
  g_test_message ("%s", verbose);

  g_assert_nonnull (strstr (verbose, "Re-using existing connection"));
  g_assert_cmpuint (n_connections (s), ==, 1);
  body1 = read_file (out1, NULL);
  body2 = read_file (out2, NULL);
  g_assert_cmpstr (body1, ==, "<h1>Hello World</h1>");
  g_assert_cmpstr (body2, ==, "<h1>404 Not Found</h1>\n");

  stream = connection (s, 0);
  sent = sb_test_collect_payload (s->capture, sb_stream_get_socket_id (stream), SB_EVENT_SEND);
  g_assert_cmpstr (g_bytes_get_data (sent, NULL), ==, expected_replies);

  /* After a "Connection: close" reply: our shutdown, then close at
   * curl's eof.  Kept alive: curl's eof when it leaves, then our close. */
  assert_ends_closed (s, stream);
  g_assert_cmpuint (sb_test_count_events (s->capture, sb_stream_get_socket_id (stream),
                                          SB_EVENT_SHUTDOWN), ==, shutdowns);
}

static void
test_curl_keep_alive (Server        *s,
                      gconstpointer  data)
{
  REQUIRE_CURL (s);

  /* HTTP/1.0 in the status line, yet kept: it says so. */
  run_curl_two_urls (s, "HTTP/1.0 200 OK",
                     "HTTP/1.0 200 OK\r\n"
                     "Content-type: text/html\r\n"
                     "Content-Length: 20\r\n"
                     "Connection: keep-alive\r\n"
                     "\r\n"
                     "<h1>Hello World</h1>"
                     "HTTP/1.1 404 Not Found\r\n"
                     "Content-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: 23\r\n"
                     "Connection: close\r\n"
                     "\r\n"
                     "<h1>404 Not Found</h1>\n", 1);
}

static void
test_curl_keep_alive_11 (Server        *s,
                         gconstpointer  data)
{
  REQUIRE_CURL (s);

  run_curl_two_urls (s, "HTTP/1.1 200 OK",
                     "HTTP/1.1 200 OK\r\n"
                     "Content-type: text/html\r\n"
                     "Content-Length: 20\r\n"
                     "\r\n"
                     "<h1>Hello World</h1>"
                     "HTTP/1.1 404 Not Found\r\n"
                     "Content-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: 23\r\n"
                     "\r\n"
                     "<h1>404 Not Found</h1>\n", 0);
}

/* curl -0: HTTP/1.0 without keep-alive gets the reply, then the end. */
static void
test_curl_http10 (Server        *s,
                  gconstpointer  data)
{
  g_autoptr(SbTestPeer) curl = NULL;
  g_autofree char *url = g_strdup_printf ("%s/index.html", s->url);
  g_autofree char *out = NULL;
  SbStream *stream;
  guint socket_id;

  REQUIRE_CURL (s);

  curl = sb_test_peer_spawnv ((const char * const[]) {
                                s->curl, "--silent", "--http1.0", "--dump-header", "-",
                                "--max-time", "15", url, NULL });

  /* The ending does not wait for curl: shutdown right after the reply. */
  sb_test_wait_until (n_connections (s) == 1, "curl's connection");
  stream = connection (s, 0);
  socket_id = sb_stream_get_socket_id (stream);
  sb_test_wait_until (sb_test_count_events (s->capture, socket_id, SB_EVENT_SHUTDOWN) == 1,
                      "our shutdown after the reply");

  g_assert_cmpint (sb_test_peer_wait_exit (curl), ==, 0);
  out = sb_test_peer_dup_stdout (curl);
  g_assert_true (g_str_has_prefix (out, "HTTP/1.0 200 OK\r"));
  g_assert_nonnull (strstr (out, "\nConnection: close\r"));
  g_assert_true (g_str_has_suffix (out, "<h1>Hello World</h1>"));

  assert_ends_closed (s, stream);
}

/* A POST body of 200 KB: all of it in the log, and the reply after it. */
static void
test_curl_post_body (Server        *s,
                     gconstpointer  data)
{
  g_autoptr(SbTestPeer) curl = NULL;
  g_autofree char *url = g_strdup_printf ("%s/upload", s->url);
  g_autofree char *upload = path_in (s, "upload.bin");
  g_autofree char *data_arg = g_strdup_printf ("@%s", upload);
  g_autofree char *out = path_in (s, "out");
  g_autofree char *echo = NULL;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GError) error = NULL;
  guint socket_id;
  guint last_recv = 0;
  guint first_send = G_MAXUINT;
  gsize received_len;
  const guint8 *received_data;

  REQUIRE_CURL (s);
  g_object_set (s->replies, "rule-other", "echo", NULL);

  for (guint i = 0; i < 200000; i++)
    {
      guint8 byte = g_random_int_range (0, 256);

      g_byte_array_append (body, &byte, 1);
    }
  g_file_set_contents (upload, (const char *) body->data, body->len, &error);
  g_assert_no_error (error);

  curl = sb_test_peer_spawnv ((const char * const[]) {
                                s->curl, "--silent", "--max-time", "15",
                                "--data-binary", data_arg, "-o", out, url, NULL });
  g_assert_cmpint (sb_test_peer_wait_exit (curl), ==, 0);

  echo = read_file (out, NULL);
  g_assert_true (g_str_has_prefix (echo, "POST /upload HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (echo, "\r\nContent-Length: 200000\r\n"));

  socket_id = sb_stream_get_socket_id (connection (s, 0));
  received = sb_test_collect_payload (s->capture, socket_id, SB_EVENT_RECV);
  received_data = g_bytes_get_data (received, &received_len);
  g_assert_cmpuint (received_len, >, body->len);
  g_assert_cmpmem (received_data + received_len - body->len, body->len, body->data, body->len);

  for (guint i = 0; i < sb_capture_get_n_recorded (s->capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (s->capture, i, &info));
      if (info.socket_id != socket_id)
        continue;
      if (info.kind == SB_EVENT_RECV && info.payload_len > 0)
        last_recv = i;
      if (info.kind == SB_EVENT_SEND && first_send == G_MAXUINT)
        first_send = i;
    }
  g_assert_cmpuint (first_send, !=, G_MAXUINT);
  g_assert_cmpuint (first_send, >, last_recv);
}

/* python3's http.client on one connection: the page, the favicon's 404,
 * a HEAD. */
static void
test_python_http_client (Server        *s,
                         gconstpointer  data)
{
  static const char script[] =
    "import http.client, sys\n"
    "c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)\n"
    "names = set()\n"
    "for method, path in (('GET', '/'), ('GET', '/favicon.ico'), ('HEAD', '/'),\n"
    "                     ('GET', '/index.html')):\n"
    "    c.request(method, path)\n"
    "    r = c.getresponse()\n"
    "    print(method, path, r.status, r.getheader('Content-Length'), r.read())\n"
    "    names.add(c.sock.getsockname())\n"
    "print('connections', len(names))\n";
  g_autofree char *out = NULL;

  out = run_python (s, script);
  g_assert_cmpstr (out, ==,
                   "GET / 200 20 b'<h1>Hello World</h1>'\n"
                   "GET /favicon.ico 404 23 b'<h1>404 Not Found</h1>\\n'\n"
                   "HEAD / 200 20 b''\n"
                   "GET /index.html 200 20 b'<h1>Hello World</h1>'\n"
                   "connections 1");
  g_assert_cmpuint (n_connections (s), ==, 1);
  assert_ends_closed (s, connection (s, 0));
}

/* Two requests in one segment, the second asking to close: answered in
 * order, then the end (python reads until eof). */
static void
test_pipelined (Server        *s,
                gconstpointer  data)
{
  static const char script[] =
    "import re, socket, sys\n"
    "c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)\n"
    "c.sendall(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'\n"
    "          b'GET /favicon.ico HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n')\n"
    "data = b''\n"
    "while True:\n"
    "    chunk = c.recv(65536)\n"
    "    if not chunk:\n"
    "        break\n"
    "    data += chunk\n"
    "for line in re.findall(rb'HTTP/1\\.\\d \\d+ [^\\r]*|Connection: [^\\r]*', data):\n"
    "    print(line.decode())\n"
    "c.close()\n";
  g_autofree char *out = NULL;

  out = run_python (s, script);
  g_assert_cmpstr (out, ==,
                   "HTTP/1.0 200 OK\n"
                   "Connection: keep-alive\n"
                   "HTTP/1.1 404 Not Found\n"
                   "Connection: close");
  assert_ends_closed (s, connection (s, 0));
}

/* A binary file, byte for byte, with its type. */
static void
test_file_binary (Server        *s,
                  gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *url = g_strdup_printf ("%s/picture", s->url);
  g_autofree char *file = path_in (s, "picture.png");
  g_autofree char *out = path_in (s, "downloaded");
  g_autofree char *type = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gsize got_len;

  REQUIRE_CURL (s);

  g_byte_array_append (bytes, png, sizeof png);
  for (guint i = 0; i < 300000; i++)
    {
      guint8 byte = i % 7 == 0 ? 0 : g_random_int_range (0, 256);

      g_byte_array_append (bytes, &byte, 1);
    }
  g_file_set_contents (file, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  g_object_set (s->replies, "rule-other", "file", "file-path", file, NULL);

  type = sb_test_run_for_stdout ((const char * const[]) {
                                   s->curl, "--silent", "--max-time", "15",
                                   "--write-out", "%{content_type} %{size_download}",
                                   "-o", out, url, NULL });
  g_assert_cmpstr (type, ==, "image/png 300008");

  got = read_file (out, &got_len);
  g_assert_cmpmem (got, got_len, bytes->data, bytes->len);
  g_assert_null (sb_http_responder_get_problem (s->responder));
}

/* A file that vanished: 404 and a problem to show; a directory: 500. */
static void
test_file_vanished (Server        *s,
                    gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("%s/file", s->url);
  g_autofree char *file = path_in (s, "gone.html");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  REQUIRE_CURL (s);

  g_file_set_contents (file, "<p>soon gone</p>", -1, &error);
  g_assert_no_error (error);
  g_object_set (s->replies, "rule-other", "file", "file-path", file, NULL);
  g_unlink (file);

  out = sb_test_run_for_stdout ((const char * const[]) {
                                  s->curl, "--silent", "--max-time", "15",
                                  "--write-out", "%{http_code}", "-o", "/dev/null", url, NULL });
  g_assert_cmpstr (out, ==, "404");
  g_assert_nonnull (sb_http_responder_get_problem (s->responder));
  g_assert_nonnull (strstr (sb_http_responder_get_problem (s->responder), file));
  g_clear_pointer (&out, g_free);

  g_object_set (s->replies, "file-path", s->directory, NULL);
  out = sb_test_run_for_stdout ((const char * const[]) {
                                  s->curl, "--silent", "--max-time", "15",
                                  "--write-out", "%{http_code}", "-o", "/dev/null", url, NULL });
  g_assert_cmpstr (out, ==, "500");
  g_assert_nonnull (strstr (sb_http_responder_get_problem (s->responder), "500"));
}

/* One request never finishes; another connection is answered meanwhile,
 * and the first gets its reply once its head is complete. */
static void
test_stalled_and_answered (Server        *s,
                           gconstpointer  data)
{
  static const char script[] =
    "import socket, sys\n"
    "port = int(sys.argv[1])\n"
    "a = socket.create_connection(('127.0.0.1', port), timeout=10)\n"
    "a.sendall(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n')\n"
    "b = socket.create_connection(('127.0.0.1', port), timeout=10)\n"
    "b.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n"
    "data = b''\n"
    "while True:\n"
    "    chunk = b.recv(65536)\n"
    "    if not chunk:\n"
    "        break\n"
    "    data += chunk\n"
    "print('b', data.split(b'\\r\\n')[0].decode(), data.endswith(b'<h1>Hello World</h1>'))\n"
    "a.settimeout(0.3)\n"
    "try:\n"
    "    print('a', a.recv(100))\n"
    "except socket.timeout:\n"
    "    print('a waits')\n"
    "a.sendall(b'Connection: close\\r\\n\\r\\n')\n"
    "a.settimeout(10)\n"
    "data = b''\n"
    "while True:\n"
    "    chunk = a.recv(65536)\n"
    "    if not chunk:\n"
    "        break\n"
    "    data += chunk\n"
    "print('a', data.split(b'\\r\\n')[0].decode())\n";
  g_autofree char *out = NULL;

  out = run_python (s, script);
  g_assert_cmpstr (out, ==,
                   "b HTTP/1.0 200 OK True\n"
                   "a waits\n"
                   "a HTTP/1.0 200 OK");
  g_assert_cmpuint (n_connections (s), ==, 2);
  assert_ends_closed (s, connection (s, 0));
  assert_ends_closed (s, connection (s, 1));
}

/* Connections left idle, with nothing sent or half a request, are ended
 * after idle-timeout, the way a web server times out keep-alive; one that
 * keeps asking stays. */
static void
test_idle_timeout (Server        *s,
                   gconstpointer  data)
{
  static const char script[] =
    "import socket, sys, time\n"
    "port = int(sys.argv[1])\n"
    "quiet = socket.create_connection(('127.0.0.1', port), timeout=10)\n"
    "half = socket.create_connection(('127.0.0.1', port), timeout=10)\n"
    "busy = socket.create_connection(('127.0.0.1', port), timeout=10)\n"
    "half.sendall(b'GET / HTTP/1.1\\r\\n')\n"
    "start = time.monotonic()\n"
    "for i in range(8):\n"
    "    busy.sendall(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')\n"
    "    busy.recv(4096)\n"
    "    time.sleep(0.1)\n"
    "print('quiet', quiet.recv(100), 'half', half.recv(100))\n"
    "print('waited long enough', time.monotonic() - start > 0.25)\n"
    "busy.sendall(b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n')\n"
    "print('busy', busy.recv(4096).split(b'\\r\\n')[0].decode())\n";
  g_autofree char *out = NULL;

  sb_http_responder_set_idle_timeout (s->responder, 300);
  out = run_python (s, script);
  g_assert_cmpstr (out, ==,
                   "quiet b'' half b''\n"
                   "waited long enough True\n"
                   "busy HTTP/1.0 200 OK");
  g_assert_cmpuint (n_connections (s), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_ends_closed (s, connection (s, i));
}

/* Headless Chromium --dump-dom: the page arrives; its favicon request, if
 * it makes one, gets the 404 rule.  Run a few times: whether Chromium asks
 * for the favicon before it leaves varies. */
static void
test_chromium (Server        *s,
               gconstpointer  data)
{
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *url = g_strdup_printf ("%s/", s->url);
  guint favicons = 0;

  if (chromium == NULL)
    {
      g_test_skip ("chromium is not installed");
      return;
    }

  for (guint run = 0; run < 3; run++)
    {
      g_autofree char *profile = g_strdup_printf ("%s/profile-%u", s->directory, run);
      g_autofree char *profile_arg = g_strconcat ("--user-data-dir=", profile, NULL);
      g_autoptr(SbTestPeer) peer = NULL;
      g_autofree char *dom = NULL;
      g_autofree char *log = NULL;
      guint first = n_connections (s);

      peer = sb_test_peer_spawnv ((const char * const[]) {
                                    chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                    "--disable-quic", "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync",
                                    profile_arg, "--dump-dom", url, NULL });
      g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
      dom = sb_test_peer_dup_stdout (peer);
      g_assert_nonnull (strstr (dom, "<h1>Hello World</h1>"));

      /* Every connection ends; none is left open or half shut, and no call
       * of ours failed (a shutdown() after Chromium had gone did, with
       * ENOTCONN, about one run in six). */
      for (guint i = first; i < n_connections (s); i++)
        {
          SbStream *stream = connection (s, i);

          sb_test_wait_until (!sb_stream_state_is_open (sb_stream_get_state (stream)),
                              "Chromium's connections to end");
          g_assert_cmpuint (sb_test_count_events (s->capture, sb_stream_get_socket_id (stream),
                                                  SB_EVENT_ERROR), ==, 0);
        }

      for (guint i = first; i < n_connections (s); i++)
        {
          GListModel *messages = sb_http_follower_get_messages (
            s->follower, sb_stream_get_socket_id (connection (s, i)));

          for (guint j = 0; j < g_list_model_get_n_items (messages); j++)
            {
              g_autoptr(SbHttpMessage) message = g_list_model_get_item (messages, j);
              SbHttpMessage *reply;

              if (sb_http_message_get_kind (message) != SB_HTTP_REQUEST
                  || g_strcmp0 (sb_http_message_get_target (message), "/favicon.ico") != 0)
                continue;

              favicons++;
              reply = sb_http_follower_get_partner (s->follower, message);
              g_assert_nonnull (reply);
              g_assert_cmpuint (sb_http_message_get_status (reply), ==, 404);
            }
        }

      log = sb_test_describe_capture (s->capture);
      g_test_message ("run %u: %u connections\n%s", run, n_connections (s), log);
      sb_capture_clear (s->capture);
    }

  g_test_message ("Chromium asked for /favicon.ico %u times in 3 runs", favicons);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/http-responder/" path, Server, NULL, server_setup, func, server_teardown)

  ADD ("curl/keep-alive", test_curl_keep_alive);
  ADD ("curl/keep-alive-http1.1", test_curl_keep_alive_11);
  ADD ("curl/http1.0", test_curl_http10);
  ADD ("curl/post-body", test_curl_post_body);
  ADD ("python/http-client", test_python_http_client);
  ADD ("python/pipelined", test_pipelined);
  ADD ("file/binary", test_file_binary);
  ADD ("file/vanished", test_file_vanished);
  ADD ("bad/stalled-and-answered", test_stalled_and_answered);
  ADD ("bad/idle-timeout", test_idle_timeout);
  ADD ("chromium/dump-dom", test_chromium);

#undef ADD

  return g_test_run ();
}
