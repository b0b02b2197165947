/* test-transcript.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-transcript"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-transcript.h"

#define C SB_SIDE_CLIENT
#define S SB_SIDE_SERVER

/* Bytes that a Python literal must escape: NUL, invalid UTF-8, both
 * quotes, backslashes, a line break. */
static const guint8 nasty[] = { 'a', 0, '\'', '"', '\\', 0xff, 0xc3, 0x28, '\n', 'z' };

static guint
add (SbCapture    *capture,
     SbEventKind   kind,
     SbSide        side,
     guint         socket_id,
     int           detail,
     gint64        result,
     int           errnum,
     gsize         requested,
     const char   *note,
     const guint8 *payload,
     gsize         payload_len)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.detail = detail;
  info.result = result;
  info.errnum = errnum;
  info.requested = requested;
  info.note = note;

  return sb_capture_append (capture, &info, payload, payload_len);
}

static void
add_text (SbCapture   *capture,
          SbEventKind  kind,
          SbSide       side,
          guint        socket_id,
          gsize        requested,
          const char  *text)
{
  add (capture, kind, side, socket_id, 0, strlen (text), 0, requested, NULL,
       (const guint8 *) text, strlen (text));
}

/* Exercise 1.2 with both ends in the window, a refused attempt on ::1
 * first, a second client afterwards; ids as the workbench hands them out. */
static SbCapture *
record_exercise (void)
{
  SbCapture *capture = sb_capture_new ();
  g_autofree char *big = g_strnfill (5000, 'x');

  add (capture, SB_EVENT_SOCKET, S, 1, 0, 3, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_BIND, S, 1, 0, 0, 0, 0, "('127.0.0.1', 15000)", NULL, 0);
  add (capture, SB_EVENT_LISTEN, S, 1, 0, 0, 0, 5, NULL, NULL, 0);
  add (capture, SB_EVENT_RESOLVE, C, 2, 0, 2, 0, 0, "localhost: ::1, 127.0.0.1", NULL, 0);
  add (capture, SB_EVENT_SOCKET, C, 2, 0, 4, 0, 0, "AF_INET6, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_CONNECT, C, 2, SB_CONNECT_REFUSED, -1, ECONNREFUSED, 0,
       "('::1', 15000, 0, 0)", NULL, 0);
  add (capture, SB_EVENT_CLOSE, C, 2, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0);
  add (capture, SB_EVENT_SOCKET, C, 3, 0, 4, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_CONNECT, C, 3, SB_CONNECT_STARTED, 0, 0, 0, "('127.0.0.1', 15000)",
       NULL, 0);
  add (capture, SB_EVENT_ACCEPT, S, 4, 0, 5, 0, 0, "('127.0.0.1', 62793)", NULL, 0);
  add (capture, SB_EVENT_CONNECT, C, 3, SB_CONNECT_ESTABLISHED, 0, 0, 0, "('127.0.0.1', 15000)",
       NULL, 0);
  add_text (capture, SB_EVENT_SEND, C, 3, 11, "Hello World");
  add_text (capture, SB_EVENT_RECV, S, 4, 1024, "Hello World");
  add (capture, SB_EVENT_SEND, S, 4, 0, sizeof nasty, 0, sizeof nasty, NULL,
       nasty, sizeof nasty);
  add (capture, SB_EVENT_RECV, C, 3, 0, sizeof nasty, 0, 1024, NULL, nasty, sizeof nasty);
  add_text (capture, SB_EVENT_SEND, S, 4, 5000, big);
  add_text (capture, SB_EVENT_RECV, C, 3, 65536, big);
  add (capture, SB_EVENT_CLOSE, S, 4, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0);
  add (capture, SB_EVENT_EOF, C, 3, 0, 0, 0, 1024, NULL, NULL, 0);
  add (capture, SB_EVENT_CLOSE, C, 3, SB_CLOSE_ABORT, 0, 0, 0, NULL, NULL, 0);

  return capture;
}

static void
assert_name (SbCapture  *capture,
             guint       socket_id,
             const char *expected)
{
  g_autofree char *name = sb_transcript_dup_socket_name (capture, socket_id);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_names (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autofree char *accept = NULL;

  assert_name (capture, 1, "server");
  assert_name (capture, 2, "client");
  assert_name (capture, 3, "client2");
  assert_name (capture, 4, "conn");

  accept = sb_transcript_dup_statement (capture, 9, SB_TRANSCRIPT_FOLD_CHARS);
  g_assert_cmpstr (accept, ==, "conn, addr = server.accept()  # addr == ('127.0.0.1', 62793)");

  /* After a clear, sockets still open keep their names and new ones go
   * on counting: never a second `conn`. */
  sb_capture_clear (capture);
  add (capture, SB_EVENT_ACCEPT, S, 5, 0, 6, 0, 0, "('127.0.0.1', 62794)", NULL, 0);
  add (capture, SB_EVENT_RESOLVE, C, 6, 0, 1, 0, 0, "127.0.0.1: 127.0.0.1", NULL, 0);
  add (capture, SB_EVENT_SOCKET, C, 6, 0, 7, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_SOCKET, S, 7, 0, 8, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_ACCEPT, S, 8, 0, 9, 0, 0, "('127.0.0.1', 62795)", NULL, 0);
  add_text (capture, SB_EVENT_SEND, S, 4, 3, "bye");
  assert_name (capture, 4, "conn");
  assert_name (capture, 5, "conn2");
  assert_name (capture, 6, "client3");
  assert_name (capture, 7, "server2");
  assert_name (capture, 8, "conn3");

  g_clear_pointer (&accept, g_free);
  accept = sb_transcript_dup_statement (capture, 0, SB_TRANSCRIPT_FOLD_CHARS);
  g_assert_cmpstr (accept, ==, "conn2, addr = server.accept()  # addr == ('127.0.0.1', 62794)");
  g_clear_pointer (&accept, g_free);
  accept = sb_transcript_dup_statement (capture, 4, SB_TRANSCRIPT_FOLD_CHARS);
  g_assert_cmpstr (accept, ==, "conn3, addr = server2.accept()  # addr == ('127.0.0.1', 62795)");
  g_clear_pointer (&accept, g_free);
  accept = sb_transcript_dup_statement (capture, 5, SB_TRANSCRIPT_FOLD_CHARS);
  g_assert_cmpstr (accept, ==, "conn.send(b'bye')  # → 3");
}

static void
test_folding (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autofree char *folded = sb_transcript_dup_statement (capture, 15, SB_TRANSCRIPT_FOLD_CHARS);
  g_autofree char *whole = sb_transcript_dup_statement (capture, 15, 0);
  g_autofree char *x56 = g_strnfill (56, 'x');
  g_autofree char *x5000 = g_strnfill (5000, 'x');
  g_autofree char *expect_folded = g_strdup_printf ("conn.send(b'%s'…)  # → 5000  "
                                                    "(4944 more bytes)", x56);
  g_autofree char *expect_whole = g_strdup_printf ("conn.send(b'%s')  # → 5000", x5000);
  g_autofree char *nasty_line = sb_transcript_dup_statement (capture, 13, 0);

  g_assert_cmpstr (folded, ==, expect_folded);
  g_assert_cmpstr (whole, ==, expect_whole);
  g_assert_true (sb_transcript_folds (capture, 15, SB_TRANSCRIPT_FOLD_CHARS));
  g_assert_true (sb_transcript_folds (capture, 16, SB_TRANSCRIPT_FOLD_CHARS));
  g_assert_false (sb_transcript_folds (capture, 15, 0));
  g_assert_false (sb_transcript_folds (capture, 11, SB_TRANSCRIPT_FOLD_CHARS));
  g_assert_false (sb_transcript_folds (capture, 0, SB_TRANSCRIPT_FOLD_CHARS));

  /* Exactly what Python's repr() of those bytes prints. */
  g_assert_cmpstr (nasty_line, ==,
                   "conn.send(b'a\\x00\\'\"\\\\\\xff\\xc3(\\nz')  # → 10");
}

static char *
write_temp (const char *text,
            const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strconcat ("sb-transcript-XXXXXX", suffix, NULL);
  char *path = NULL;
  int fd = g_file_open_tmp (tmpl, &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* Runs python3 with @argv after it; returns its standard output. */
static char *
run_python (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "python3");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 failed: %s", err);

  return out;
}

static void
assert_compiles (const char *text)
{
  g_autofree char *path = write_temp (text, ".py");
  const char *args[] = { "-m", "py_compile", path, NULL };

  /* run_python() fails the test when python3 does; the output is empty. */
  g_free (run_python (args));
  g_unlink (path);
}

/* The bytes of every bytes literal in @text, as Python evaluates them,
 * in hex, one line each. */
static char *
python_bytes_literals (const char *text)
{
  g_autofree char *path = write_temp (text, ".py");
  const char *args[] = {
    "-c",
    "import ast, sys\n"
    "tree = ast.parse(open(sys.argv[1], 'rb').read())\n"
    "for node in ast.walk(tree):\n"
    "    if isinstance(node, ast.Constant) and isinstance(node.value, bytes):\n"
    "        print(node.lineno, node.value.hex())\n",
    path, NULL
  };
  char *out = run_python (args);

  g_unlink (path);

  return out;
}

static void
test_transcript_is_python (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autofree char *text = sb_transcript_dup_text (capture);
  g_autofree char *literals = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_str_has_prefix (text, "from socket import *\n"));
  /* The header, one line per event, and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + sb_capture_get_n_recorded (capture) + 1);
  g_assert_cmpstr (lines[5], ==, "client = socket(AF_INET6, SOCK_STREAM)");
  g_assert_cmpstr (lines[6], ==, "# client.connect(('::1', 15000, 0, 0)) → "
                                 "ConnectionRefusedError: [Errno 111] Connection refused");
  g_assert_cmpstr (lines[19], ==, "client2.recv(1024)  # → b''  (the peer closed)");
  g_assert_null (strstr (text, "…"));
  assert_compiles (text);

  /* Whole, the literals hold the very bytes. */
  literals = python_bytes_literals (text);
  {
    g_autoptr(GString) hex = g_string_new (NULL);

    for (guint i = 0; i < sizeof nasty; i++)
      g_string_append_printf (hex, "%02x", nasty[i]);
    /* The server's send of them, line 15 (the header is line 1). */
    line = g_strdup_printf ("15 %s\n", hex->str);
  }
  g_assert_nonnull (strstr (literals, line));
}

static void
test_scripts (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autofree char *server = sb_transcript_dup_script (capture, S);
  g_autofree char *client = sb_transcript_dup_script (capture, C);
  g_autofree char *x5000 = g_strnfill (5000, 'x');
  g_autofree char *expect_server = g_strdup_printf (
    "from socket import *\n"
    "\n"
    "server = socket(AF_INET, SOCK_STREAM)\n"
    "server.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)\n"
    "server.bind(('127.0.0.1', 15000))\n"
    "server.listen(5)\n"
    "conn, addr = server.accept()  # addr == ('127.0.0.1', 62793)\n"
    "conn.recv(11, MSG_WAITALL)  # → b'Hello World'\n"
    "conn.sendall(b'a\\x00\\'\"\\\\\\xff\\xc3(\\nz')  # the window's send() took 10\n"
    "conn.sendall(b'%s')  # the window's send() took 5000\n"
    "conn.close()\n", x5000);
  g_autofree char *expect_client = g_strdup_printf (
    "from socket import *\n"
    "import struct\n"
    "\n"
    "# getaddrinfo('localhost', None) → ::1, 127.0.0.1\n"
    "# client = socket(AF_INET6, SOCK_STREAM)\n"
    "# client.connect(('::1', 15000, 0, 0)) → "
    "ConnectionRefusedError: [Errno 111] Connection refused\n"
    "# client.close()\n"
    "client2 = socket(AF_INET, SOCK_STREAM)\n"
    "client2.connect(('127.0.0.1', 15000))\n"
    "# client2.connect(('127.0.0.1', 15000)) → None: connected\n"
    "client2.sendall(b'Hello World')  # the window's send() took 11\n"
    "client2.recv(10, MSG_WAITALL)  # → b'a\\x00\\'\"\\\\\\xff\\xc3(\\nz'\n"
    "client2.recv(5000, MSG_WAITALL)  # → b'%s'\n"
    "client2.recv(1024)  # → b''  (the peer closed)\n"
    "client2.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); client2.close()\n",
    x5000);

  g_assert_true (g_str_has_prefix (server, "#!/usr/bin/env python3\n"));
  g_assert_nonnull (strstr (server, expect_server));
  g_assert_true (g_str_has_suffix (server, expect_server));
  g_assert_true (g_str_has_suffix (client, expect_client));
  assert_compiles (server);
  assert_compiles (client);
}

/* cc compiles both programs, warnings as errors. */
static void
test_c_programs (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autofree char *server = sb_transcript_dup_c_program (capture, S);
  g_autofree char *client = sb_transcript_dup_c_program (capture, C);
  const char *programs[] = { server, client };

  g_test_message ("%s", client);
  g_assert_nonnull (strstr (server,
                            "  conn = accept (server, NULL, NULL);  /* ('127.0.0.1', 62793) */\n"
                            "  recv (conn, buf, 11, MSG_WAITALL);  /* → \"Hello World\" */\n"
                            "  send_all (conn, \"a\\000'\\042\\134\\377\\303(\\012z\", 10);\n"));
  g_assert_nonnull (strstr (client,
                            "  /* client.connect(('::1', 15000, 0, 0)) → ConnectionRefusedError"));
  g_assert_nonnull (strstr (client,
                            "  client2 = socket (AF_INET, SOCK_STREAM, 0);\n"
                            "  to_address (client2, \"127.0.0.1\", \"15000\", 0);  /* connect() */\n"));
  g_assert_null (strstr (client, "  int client = -1;"));

  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *path = write_temp (programs[i], ".c");
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "cc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                             path, NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                    NULL, &err, &status, &error);
      if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        {
          g_test_skip ("no C compiler");
          return;
        }
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("cc failed on\n%s\n%s", programs[i], err);
      g_unlink (path);
    }
}

/* A server whose peers left: one reset while we received, one before our
 * send, one before our shutdown (ECONNRESET, EPIPE, ENOTCONN).  The
 * transcript, the scripts and the C programs stay valid. */
static void
test_peer_left (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *text = NULL;
  g_autofree char *script = NULL;
  g_autofree char *program = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cc[] = { "cc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                       NULL, NULL };
  int status = 0;

  add (capture, SB_EVENT_SOCKET, S, 1, 0, 3, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  add (capture, SB_EVENT_BIND, S, 1, 0, 0, 0, 0, "('127.0.0.1', 15000)", NULL, 0);
  add (capture, SB_EVENT_LISTEN, S, 1, 0, 0, 0, 5, NULL, NULL, 0);
  add (capture, SB_EVENT_ACCEPT, S, 2, 0, 4, 0, 0, "('127.0.0.1', 62793)", NULL, 0);
  add_text (capture, SB_EVENT_RECV, S, 2, 1024, "GET / HTTP/1.1\r\n\r\n");
  add (capture, SB_EVENT_RESET, S, 2, 0, -1, ECONNRESET, 1024,
       "recv: the peer reset the connection", NULL, 0);
  add (capture, SB_EVENT_CLOSE, S, 2, SB_CLOSE_NORMAL, 0, 0, 0, "closed after the peer left",
       NULL, 0);
  add (capture, SB_EVENT_ACCEPT, S, 3, 0, 5, 0, 0, "('127.0.0.1', 62794)", NULL, 0);
  add (capture, SB_EVENT_RESET, S, 3, 0, -1, EPIPE, 0,
       "send: the connection is closed for sending; 26 queued bytes were not sent", NULL, 0);
  add (capture, SB_EVENT_CLOSE, S, 3, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0);
  add (capture, SB_EVENT_ACCEPT, S, 4, 0, 6, 0, 0, "('127.0.0.1', 62795)", NULL, 0);
  add_text (capture, SB_EVENT_SEND, S, 4, 26, "HTTP/1.0 404 Not Found\r\n\r\n");
  add (capture, SB_EVENT_RESET, S, 4, 0, -1, ENOTCONN, 0,
       "shutdown: the socket is not connected", NULL, 0);
  add (capture, SB_EVENT_CLOSE, S, 4, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0);

  text = sb_transcript_dup_text (capture);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\nconn.recv(1024)  # → ConnectionResetError: [Errno 104] "));
  g_assert_nonnull (strstr (text, "\n# conn2.send(…) → BrokenPipeError: [Errno 32] "));
  g_assert_nonnull (strstr (text, "\nconn3.shutdown(SHUT_WR)  # → OSError: [Errno 107] "));
  assert_compiles (text);

  script = sb_transcript_dup_script (capture, S);
  g_assert_nonnull (strstr (script, "\n# conn3.shutdown(SHUT_WR)  # → OSError"));
  assert_compiles (script);

  program = sb_transcript_dup_c_program (capture, S);
  path = write_temp (program, ".c");
  cc[6] = path;
  g_spawn_sync (NULL, (char **) cc, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, &err, &status, &error);
  if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    {
      g_test_skip ("no C compiler");
      return;
    }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("cc failed on\n%s\n%s", program, err);
  g_unlink (path);
}

static void
test_export (void)
{
  g_autoptr(SbCapture) capture = record_exercise ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sb-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "server.py", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *locked_path = g_build_filename (locked, "server.py", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *script = sb_transcript_dup_script (capture, S);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) locked_file = g_file_new_for_path (locked_path);
  guint n = sb_capture_get_n_recorded (capture);

  g_assert_no_error (error);
  g_assert_true (sb_transcript_export_script (capture, S, file, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, script);

  /* A folder that cannot be written: an error that says so, nothing
   * written, the capture as it was. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (g_access (locked, W_OK) == 0)
    {
      g_test_message ("running as root: a read-only folder is writable; using /proc");
      g_clear_object (&locked_file);
      locked_file = g_file_new_for_path ("/proc/sb-export-test.py");
    }
  g_assert_false (sb_transcript_export_script (capture, S, locked_file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_false (g_file_query_exists (locked_file, NULL));
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n);

  g_unlink (path);
  g_rmdir (locked);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transcript/names", test_names);
  g_test_add_func ("/transcript/folding", test_folding);
  g_test_add_func ("/transcript/is-python", test_transcript_is_python);
  g_test_add_func ("/transcript/scripts", test_scripts);
  g_test_add_func ("/transcript/c-programs", test_c_programs);
  g_test_add_func ("/transcript/peer-left", test_peer_left);
  g_test_add_func ("/transcript/export", test_export);

  return g_test_run ();
}
