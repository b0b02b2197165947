/* test-tcp-peer-left.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A peer that resets or vanishes ends the connection; it is not our
 * failure.  ECONNRESET, EPIPE and ENOTCONN from the calls that find it
 * gone become a reset event and the state PEER_LEFT, never an error event
 * and FAILED, and the errno stays in the record.  The peers are python3's
 * socket module, as a browser leaving before its reply would be. */

#define G_LOG_DOMAIN "test-tcp-peer-left"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-listener.h"
#include "sb-socket-util.h"
#include "sb-stream.h"
#include "sb-transcript.h"
#include "sb-test-util.h"

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Nobody polls a socket that does not receive automatically: asks the
 * kernel until the peer's RST has torn the connection down. */
static void
wait_for_tcp_close (SbStream *stream)
{
  guint tick = g_timeout_add (10, tick_cb, NULL);

  sb_test_wait_until ((sb_stream_refresh (stream),
                       g_strcmp0 (sb_stream_get_tcp_state (stream), "CLOSE") == 0),
                      "the RST to arrive");
  g_source_remove (tick);
}

static guint16
peer_port (SbTestPeer *peer)
{
  const char *line = sb_test_peer_wait_line (peer, "port ");

  return (guint16) g_ascii_strtoull (line + strlen ("port "), NULL, 10);
}

/* The summary of the last-but-one event (the last is the close). */
static char *
dup_ending_summary (SbCapture *capture)
{
  g_autoptr(SbEvent) event = sb_event_new (capture, sb_capture_get_n_recorded (capture) - 2);

  return sb_event_dup_summary (event);
}

static void
assert_peer_left (SbCapture  *capture,
                  SbStream   *stream,
                  int         errnum,
                  const char *call)
{
  g_autofree char *note = g_strdup_printf ("%s: %s", call, sb_errno_get_explanation (errnum));
  g_autofree char *message = NULL;
  g_autofree char *last = NULL;
  guint n = sb_capture_get_n_recorded (capture);
  SbEventInfo info;

  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
  g_assert_cmpstr (sb_stream_state_to_string (sb_stream_get_state (stream)), ==, "peer left");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ERROR), ==, 0);

  g_assert_true (sb_capture_get_info (capture, n - 2, &info));
  g_assert_cmpint (info.kind, ==, SB_EVENT_RESET);
  g_assert_cmpint (info.result, ==, -1);
  g_assert_cmpint (info.errnum, ==, errnum);
  g_assert_true (g_str_has_prefix (info.note, note));
  last = sb_test_describe_event (capture, n - 1);
  g_assert_true (g_str_has_suffix (last, " close"));

  if (errnum == ECONNRESET)
    message = g_strdup_printf ("The peer left: it reset the connection (ECONNRESET in %s())", call);
  else
    message = g_strdup_printf ("The peer left: the connection was already gone (%s in %s())",
                               sb_errno_get_name (errnum), call);
  g_assert_cmpstr (sb_stream_get_error_message (stream), ==, message);
}

static void
test_errnos (void)
{
  g_assert_true (sb_errno_means_peer_left (ECONNRESET, FALSE));
  g_assert_true (sb_errno_means_peer_left (ECONNRESET, TRUE));
  g_assert_true (sb_errno_means_peer_left (ENOTCONN, FALSE));
  g_assert_true (sb_errno_means_peer_left (EPIPE, FALSE));
  /* Sending after our own shutdown(SHUT_WR) is our mistake. */
  g_assert_false (sb_errno_means_peer_left (EPIPE, TRUE));
  g_assert_false (sb_errno_means_peer_left (ETIMEDOUT, FALSE));
  g_assert_false (sb_errno_means_peer_left (ENOBUFS, FALSE));
  g_assert_false (sb_errno_means_peer_left (EBADF, FALSE));
  g_assert_false (sb_errno_means_peer_left (0, FALSE));

  g_assert_false (sb_stream_state_is_open (SB_STREAM_PEER_LEFT));
}

/* The peer resets (SO_LINGER 0); nothing received it yet, so the next
 * call finds it: shutdown() says ENOTCONN, send() ECONNRESET. */
static void
run_after_reset (const char *call)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("reset-server.py", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("GET / HTTP/1.0\r\n\r\n", 18);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *transcript = NULL;
  guint16 port = peer_port (peer);
  gboolean ok;

  sb_stream_set_auto_receive (stream, FALSE);
  sb_stream_connect (stream, "127.0.0.1", port);
  sb_test_wait_until (sb_stream_get_state (stream) != SB_STREAM_RESOLVING
                      && sb_stream_get_state (stream) != SB_STREAM_CONNECTING,
                      "the connect");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  sb_test_peer_write (peer, "go on\n");
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  wait_for_tcp_close (stream);

  if (g_str_equal (call, "shutdown"))
    ok = sb_stream_shutdown_write (stream, &error);
  else
    ok = sb_stream_send (stream, bytes, &error);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, sb_stream_get_error_message (stream));
  summary = dup_ending_summary (capture);
  transcript = sb_transcript_dup_text (capture);
  g_test_message ("%s: %s", call, summary);

  if (g_str_equal (call, "shutdown"))
    {
      assert_peer_left (capture, stream, ENOTCONN, "shutdown");
      g_assert_cmpstr (summary, ==, "the peer left (ENOTCONN): the connection is gone"
                                    " — shutdown: the socket is not connected");
      g_assert_nonnull (strstr (transcript,
                                "client.shutdown(SHUT_WR)  # → OSError: [Errno 107]"));
    }
  else
    {
      /* What send() did not take is said, and counted nowhere. */
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, sb_capture_get_n_recorded (capture) - 2,
                                          &info));
      g_assert_cmpint (info.errnum, ==, ECONNRESET);
      g_assert_cmpstr (info.note, ==, "send: the peer reset the connection; "
                                      "18 queued bytes were not sent");
      g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
      g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ERROR), ==, 0);
      g_assert_cmpuint (sb_stream_get_bytes_sent (stream), ==, 0);
      g_assert_cmpuint (sb_stream_get_bytes_queued (stream), ==, 0);
      g_assert_true (g_str_has_prefix (summary,
                                       "the peer left (ECONNRESET): connection reset by peer"));
      g_assert_nonnull (strstr (transcript, "# client.send(…) → ConnectionResetError"));
    }

  /* Once the peer left, calls say so without a new record. */
  g_clear_error (&error);
  g_assert_false (sb_stream_send (stream, bytes, &error));
  g_assert_cmpstr (error->message, ==, "The peer left: the connection is closed");
}

static void
test_shutdown_after_reset (void)
{
  run_after_reset ("shutdown");
}

static void
test_send_after_reset (void)
{
  run_after_reset ("send");
}

/* What a browser does with its favicon request: it sends a request and
 * closes before the reply.  The reply is taken by our kernel, the peer's
 * kernel answers it with RST, and the next call finds the connection
 * gone: shutdown() ENOTCONN, send() EPIPE. */
static void
run_peer_vanished (const char *call)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) server = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GBytes) reply = g_bytes_new_static ("HTTP/1.0 404 Not Found\r\n\r\n", 26);
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *summary = NULL;
  gboolean ok;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &server);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", sb_listener_get_port (listener));
  peer = sb_test_peer_spawn ("command-peer.py", "connect", "127.0.0.1", port, NULL);
  sb_test_peer_wait_line (peer, "local ");
  sb_test_wait_until (server != NULL, "the accept");

  sb_test_peer_write (peer, "1 send GET /favicon.ico HTTP/1.1\n2 close\n");
  sb_test_peer_wait_line (peer, "2 closed");
  sb_test_wait_until (sb_stream_get_state (server) == SB_STREAM_PEER_CLOSED, "the empty read");

  /* The reply is accepted by our kernel: the peer left only now shows. */
  g_assert_true (sb_stream_send (server, reply, &error));
  g_assert_no_error (error);
  wait_for_tcp_close (server);

  if (g_str_equal (call, "shutdown"))
    ok = sb_stream_shutdown_write (server, &error);
  else
    ok = sb_stream_send (server, reply, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);

  summary = dup_ending_summary (capture);
  g_test_message ("%s: %s", call, summary);
  assert_peer_left (capture, server, g_str_equal (call, "shutdown") ? ENOTCONN : EPIPE, call);
  g_assert_cmpuint (sb_stream_get_bytes_sent (server), ==, 26);
}

static void
test_shutdown_after_vanished (void)
{
  run_peer_vanished ("shutdown");
}

static void
test_send_after_vanished (void)
{
  run_peer_vanished ("send");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcp/peer-left/errnos", test_errnos);
  g_test_add_func ("/tcp/peer-left/shutdown-after-reset", test_shutdown_after_reset);
  g_test_add_func ("/tcp/peer-left/send-after-reset", test_send_after_reset);
  g_test_add_func ("/tcp/peer-left/shutdown-after-vanished", test_shutdown_after_vanished);
  g_test_add_func ("/tcp/peer-left/send-after-vanished", test_send_after_vanished);

  return g_test_run ();
}
