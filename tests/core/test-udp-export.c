/* test-udp-export.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exports of a UDP session (Export Python Script, Export C Program:
 * the files sb-window-export.c writes) run: against a python3 peer, the
 * exported server answers a new sender at its new address, and the
 * exported client sends the same datagram and gets the reply. */

#define G_LOG_DOMAIN "test-udp-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-test-util.h"
#include "sb-transcript.h"

typedef enum
{
  EXPORT_PYTHON,
  EXPORT_C,
} ExportKind;

/* Writes @side's calls as the export does, to a file in @dir; for C,
 * compiles it.  Returns the argv that runs it. */
static GStrv
export_program (SbCapture  *capture,
                SbSide      side,
                ExportKind  kind,
                const char *dir)
{
  g_autofree char *path = g_build_filename (dir, kind == EXPORT_C ? "udp.c" : "udp.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (kind == EXPORT_PYTHON)
    g_assert_true (sb_transcript_export_script (capture, side, file, NULL, &error));
  else
    g_assert_true (sb_transcript_export_c_program (capture, side, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_test_message ("exported %s", path);

  if (kind == EXPORT_PYTHON)
    {
      const char *argv[] = { "python3", path, NULL };

      return g_strdupv ((char **) argv);
    }
  else
    {
      g_autofree char *exe = g_build_filename (dir, "udp", NULL);
      const char *cc[] = { "cc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o", exe, path,
                           NULL };
      const char *argv[] = { exe, NULL };
      g_autofree char *err = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) cc, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                    &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("cc failed on\n%s\n%s", text, err);

      return g_strdupv ((char **) argv);
    }
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

/* Whether something is bound to UDP @port on 127.0.0.1. */
static gboolean
port_taken (guint16 port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autoptr(GError) error = NULL;

  if (g_socket_bind (socket, address, FALSE, &error))
    return FALSE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
}

/* The server: a python3 sender, a reply to it.  The exported server,
 * run, answers another sender (another port) the same way. */
static void
test_server (gconstpointer data)
{
  ExportKind kind = GPOINTER_TO_INT (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(SbTestPeer) second = NULL;
  g_autoptr(SbTestPeer) program = NULL;
  g_autoptr(GBytes) pong = g_bytes_new_static ("pong", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-udp-export-XXXXXX", &error);
  g_autofree char *tuple = NULL;
  g_autofree char *second_tuple = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) argv = NULL;
  guint16 port, second_port, server_port;
  const char *reply;

  g_assert_no_error (error);
  tuple = sb_test_peer_wait_tuple (peer, &port);
  g_assert_true (sb_datagram_open (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  server_port = sb_datagram_get_port (server);

  sb_test_peer_writef (peer, "a sendto %u ping\n", server_port);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");
  g_assert_true (sb_datagram_send_to (server, "127.0.0.1", port, pong, &error));
  g_assert_no_error (error);
  sb_test_peer_writef (peer, "b recv 100\n");
  sb_test_peer_wait_line (peer, "b 4 b'pong'");
  sb_datagram_close (server);
  sb_capture_flush (capture);

  argv = export_program (capture, SB_SIDE_SERVER, kind, dir);
  program = sb_test_peer_spawnv ((const char * const *) argv);
  /* Nothing wakes the main context when it binds: poll. */
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       !port_taken (server_port) && !sb_test_peer_has_exited (program); )
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (10 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_false (sb_test_peer_has_exited (program));

  /* Another sender, on another port: the reply goes to it. */
  second = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  second_tuple = sb_test_peer_wait_tuple (second, &second_port);
  g_assert_cmpstr (second_tuple, !=, tuple);
  sb_test_peer_writef (second, "a sendto %u ping\n", server_port);
  sb_test_peer_writef (second, "b recv 100\n");
  reply = sb_test_peer_wait_line (second, "b ");
  expected = g_strdup_printf ("b 4 b'pong' ('127.0.0.1', %u)", server_port);
  g_assert_cmpstr (reply, ==, expected);
  g_assert_cmpint (sb_test_peer_wait_exit (program), ==, 0);

  remove_dir (dir);
}

/* The client: sendto() a python3 peer, its reply received.  The exported
 * client, run, sends the same datagram to it and waits for the reply. */
static void
test_client (gconstpointer data)
{
  ExportKind kind = GPOINTER_TO_INT (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(SbTestPeer) program = NULL;
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-udp-export-XXXXXX", &error);
  g_autofree char *tuple = NULL;
  g_auto(GStrv) argv = NULL;
  guint16 port;
  const char *got;

  g_assert_no_error (error);
  tuple = sb_test_peer_wait_tuple (peer, &port);
  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));
  g_assert_true (sb_datagram_send_to (client, "127.0.0.1", port, ping, &error));
  g_assert_no_error (error);
  sb_test_peer_writef (peer, "a recv 100\n");
  sb_test_peer_wait_line (peer, "a 4 b'ping'");
  sb_test_peer_writef (peer, "b reply pong\n");
  sb_test_wait_until (sb_datagram_get_datagrams_received (client) == 1, "the reply");
  sb_datagram_close (client);
  sb_capture_flush (capture);

  argv = export_program (capture, SB_SIDE_CLIENT, kind, dir);
  program = sb_test_peer_spawnv ((const char * const *) argv);
  sb_test_peer_writef (peer, "c recv 100\n");
  got = sb_test_peer_wait_line (peer, "c ");
  g_assert_true (g_str_has_prefix (got, "c 4 b'ping' ('127.0.0.1', "));
  sb_test_peer_writef (peer, "d reply pong\n");
  sb_test_peer_wait_line (peer, "d sent 4");
  g_assert_cmpint (sb_test_peer_wait_exit (program), ==, 0);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/udp-export/python/server", GINT_TO_POINTER (EXPORT_PYTHON),
                        test_server);
  g_test_add_data_func ("/udp-export/python/client", GINT_TO_POINTER (EXPORT_PYTHON),
                        test_client);
  g_test_add_data_func ("/udp-export/c/server", GINT_TO_POINTER (EXPORT_C), test_server);
  g_test_add_data_func ("/udp-export/c/client", GINT_TO_POINTER (EXPORT_C), test_client);

  return g_test_run ();
}
