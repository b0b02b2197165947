/* test-listener-fds.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Descriptors as a resource, against python3 peers:
 * - 200 connections reset before they were accepted keep the peer tuples
 *   accept4() gave, and their error text names the tuple;
 * - at a low RLIMIT_NOFILE, accept() out of descriptors is one event that
 *   counts its repeats, the listener says so with the figures and does not
 *   spin; when peers close 20 connections, the finished ones are closed
 *   oldest first, each its own event, and every waiting connection is
 *   accepted;
 * - close-after-empty-read off (CLOSE_WAIT stays) and on (close() right
 *   after the empty read, or once the send queue drained).
 */

#define G_LOG_DOMAIN "test-listener-fds"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-fd-limit.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define N_RESETS 200

static SbListener *
listen_on_loopback (SbCapture *capture,
                    int        backlog)
{
  g_autoptr(GError) error = NULL;
  SbListener *listener = sb_listener_new (capture);

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, backlog, &error));
  g_assert_no_error (error);

  return listener;
}

static SbTestPeer *
spawn_conn_hold (SbListener *listener)
{
  g_autofree char *port = g_strdup_printf ("%u", sb_listener_get_port (listener));

  return sb_test_peer_spawn ("conn-hold.py", port, NULL);
}

static guint
n_connections (SbListener *listener)
{
  return g_list_model_get_n_items (sb_listener_get_connections (listener));
}

static SbStream *
nth_connection (SbListener *listener,
                guint       i)
{
  g_autoptr(SbStream) stream = g_list_model_get_item (sb_listener_get_connections (listener), i);

  return stream;  /* the model keeps it */
}

static gboolean
all_closed (SbListener *listener)
{
  for (guint i = 0; i < n_connections (listener); i++)
    if (sb_stream_state_is_open (sb_stream_get_state (nth_connection (listener, i))))
      return FALSE;

  return TRUE;
}

/* (a) Reset before accept(): the kernel still queues the connection, but
 * getpeername() on it fails.  Nothing is accepted until every peer has
 * reset, so that all 200 are. */
static void
test_reset_keeps_tuples (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = listen_on_loopback (capture, 256);
  g_autoptr(SbTestPeer) peer = spawn_conn_hold (listener);
  g_autoptr(GHashTable) tuples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *listener_tuple = g_strdup (sb_listener_get_local_tuple (listener));
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  sb_listener_set_auto_accept (listener, FALSE);
  sb_test_peer_writef (peer, "reset %d\n", N_RESETS);
  sb_test_peer_wait_line (peer, "reset ");

  out = sb_test_peer_dup_stdout (peer);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "local "))
      g_hash_table_add (tuples, g_strdup (lines[i] + strlen ("local ")));
  g_assert_cmpuint (g_hash_table_size (tuples), ==, N_RESETS);

  sb_test_wait_until (sb_test_accept_queue_is (listener, N_RESETS), "200 reset connections queued");
  sb_listener_set_auto_accept (listener, TRUE);
  sb_test_wait_until (n_connections (listener) == N_RESETS && all_closed (listener),
                      "200 connections accepted, each ended by its reset");

  for (guint i = 0; i < N_RESETS; i++)
    {
      SbStream *stream = nth_connection (listener, i);
      const char *peer_tuple = sb_stream_get_peer_tuple (stream);
      g_autofree char *text = sb_stream_dup_error_text (stream);

      g_assert_nonnull (peer_tuple);
      g_assert_true (g_hash_table_remove (tuples, peer_tuple));
      g_assert_cmpstr (sb_stream_get_local_tuple (stream), ==, listener_tuple);

      g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_PEER_LEFT);
      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, peer_tuple));
      g_assert_nonnull (strstr (text, "ECONNRESET"));
      g_assert_null (strchr (text, '?'));
    }
  /* Each peer tuple once. */
  g_assert_cmpuint (g_hash_table_size (tuples), ==, 0);

  sb_test_peer_write (peer, "");
}

/* (b) */

static double
cpu_seconds (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The events of the capture that say accept() ran out of descriptors. */
static GArray *
find_fd_failures (SbCapture *capture)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind == SB_EVENT_ERROR && (info.errnum == EMFILE || info.errnum == ENFILE))
        g_array_append_val (found, i);
    }

  return found;
}

/* Socket ids of the connections closed to make room, in event order. */
static GArray *
find_room_closes (SbCapture *capture)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind == SB_EVENT_CLOSE && info.note != NULL
          && g_str_has_prefix (info.note, "closed to make room"))
        g_array_append_val (found, info.socket_id);
    }

  return found;
}

static void
test_fd_limit (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = listen_on_loopback (capture, 128);
  g_autoptr(SbTestPeer) peer = spawn_conn_hold (listener);
  g_autoptr(GArray) failures = NULL;
  g_autoptr(GArray) closes = NULL;
  g_autoptr(SbEvent) event = NULL;
  g_autofree char *summary = NULL;
  struct rlimit saved;
  struct rlimit low;
  int spare[SB_LISTENER_FD_RESERVE];
  guint accepted;
  guint waiting;
  guint repeats;
  double cpu;

  /* Room for 40 more connections here (accept() leaves the last
   * SB_LISTENER_FD_RESERVE to the rest of the process); the peer (spawned
   * before) keeps its own limit.  55 connections: some 15 wait in the
   * kernel's queue. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = sb_fd_count_open () + 40 + SB_LISTENER_FD_RESERVE;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);

  sb_test_peer_write (peer, "open 55\n");
  sb_test_peer_wait_line (peer, "opened");
  sb_test_wait_until (sb_listener_get_out_of_descriptors (listener), "out of descriptors");

  accepted = n_connections (listener);
  waiting = 55 - accepted;
  g_test_message ("accepted %u, %u waiting; %u descriptors open of %" G_GUINT64_FORMAT,
                  accepted, waiting, sb_listener_get_open_descriptors (listener),
                  sb_listener_get_descriptor_limit (listener));
  g_assert_cmpuint (waiting, >=, 5);
  g_assert_cmpuint (waiting, <=, 20);
  g_assert_cmpint (sb_listener_get_descriptor_error (listener), ==, EMFILE);
  g_assert_cmpuint (sb_listener_get_descriptor_limit (listener), ==, low.rlim_cur);
  g_assert_cmpuint (sb_listener_get_open_descriptors (listener), >, low.rlim_cur - 5);
  g_assert_cmpuint (sb_listener_get_open_descriptors (listener), <=, low.rlim_cur);

  /* Stuck for 2 s: accept() is tried again on a timer, not in a busy loop,
   * and its failures count on one event. */
  cpu = cpu_seconds ();
  sb_test_run_for_ms (2000);
  cpu = cpu_seconds () - cpu;
  g_test_message ("processor time while out of descriptors for 2 s: %.3f s", cpu);
  g_assert_cmpfloat (cpu, <, 0.5);
  g_assert_true (sb_listener_get_out_of_descriptors (listener));
  g_assert_cmpuint (n_connections (listener), ==, accepted);
  /* Between accept() calls, the rest of the process can still open files. */
  for (guint i = 0; i < SB_LISTENER_FD_RESERVE; i++)
    {
      spare[i] = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      g_assert_cmpint (spare[i], >=, 0);
    }
  for (guint i = 0; i < SB_LISTENER_FD_RESERVE; i++)
    close (spare[i]);

  failures = find_fd_failures (capture);
  g_assert_cmpuint (failures->len, ==, 1);
  repeats = sb_capture_get_repeats (capture, g_array_index (failures, guint, 0));
  g_test_message ("one EMFILE event, %u times", repeats);
  g_assert_cmpuint (repeats, >=, 5);
  sb_capture_flush (capture);
  event = sb_event_new (capture, g_array_index (failures, guint, 0));
  summary = sb_event_dup_summary (event);
  g_test_message ("%s", summary);
  {
    g_autofree char *expected = g_strdup_printf ("EMFILE (%u times): accept: ", repeats);

    g_assert_true (g_str_has_prefix (summary, expected));
  }
  /* Nothing finished yet: nothing closed. */
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_CLOSE), ==, 0);

  /* The peer closes its 20 oldest connections: their empty reads come, and
   * the oldest finished ones make room for those waiting. */
  sb_test_peer_write (peer, "close 20\n");
  sb_test_peer_wait_line (peer, "closed");
  sb_test_wait_until (n_connections (listener) == 55, "every waiting connection accepted");
  sb_test_wait_until (!sb_listener_get_out_of_descriptors (listener),
                      "the listener no longer out of descriptors");
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 55);

  /* Oldest first: the first accepted ones, in order, each finished (its
   * empty read seen) when it was closed. */
  closes = find_room_closes (capture);
  g_test_message ("%u closed to make room", closes->len);
  g_assert_cmpuint (closes->len, >=, waiting);
  g_assert_cmpuint (closes->len, <=, 20);
  for (guint i = 0; i < closes->len; i++)
    {
      SbStream *stream = nth_connection (listener, i);

      g_assert_cmpuint (g_array_index (closes, guint, i), ==, sb_stream_get_socket_id (stream));
      g_assert_cmpuint (sb_test_count_events (capture, sb_stream_get_socket_id (stream),
                                              SB_EVENT_EOF), ==, 1);
      g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CLOSED);
    }
  /* The finished ones not needed stay as they were: half-closed. */
  for (guint i = closes->len; i < 20; i++)
    g_assert_cmpint (sb_stream_get_state (nth_connection (listener, i)), ==,
                     SB_STREAM_PEER_CLOSED);
  /* Still one event for the whole time. */
  g_clear_pointer (&failures, g_array_unref);
  failures = find_fd_failures (capture);
  g_assert_cmpuint (failures->len, ==, 1);

  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  sb_test_peer_write (peer, "");
}

/* (c) */

typedef struct
{
  SbCapture  *capture;
  SbListener *listener;
  SbTestPeer *peer;
  SbStream   *stream;
} EmptyRead;

static void
empty_read_start (EmptyRead *t,
                  gboolean   close_after,
                  const char *rcvbuf)
{
  g_autofree char *port = NULL;

  t->capture = sb_capture_new ();
  t->listener = listen_on_loopback (t->capture, 5);
  g_assert_false (sb_listener_get_close_after_empty_read (t->listener));
  g_object_set (t->listener, "close-after-empty-read", close_after, NULL);
  g_signal_connect (t->listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &t->stream);

  port = g_strdup_printf ("%u", sb_listener_get_port (t->listener));
  t->peer = sb_test_peer_spawn ("command-peer.py", "connect", "127.0.0.1", port, rcvbuf, NULL);
  sb_test_peer_wait_line (t->peer, "local");
  sb_test_wait_until (t->stream != NULL, "the connection accepted");
}

static void
empty_read_finish (EmptyRead *t)
{
  sb_test_peer_write (t->peer, "");
  g_clear_pointer (&t->peer, sb_test_peer_free);
  g_clear_object (&t->stream);
  g_clear_object (&t->listener);
  g_clear_object (&t->capture);
}

static const char *
last_close_note (SbCapture *capture,
                 guint      socket_id)
{
  const char *note = NULL;

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      sb_capture_get_info (capture, i, &info);
      if (info.kind == SB_EVENT_CLOSE && info.socket_id == socket_id)
        note = info.note != NULL ? info.note : "";
    }

  return note;
}

static void
test_empty_read_off (void)
{
  EmptyRead t = { 0, };
  guint id;

  empty_read_start (&t, FALSE, NULL);
  id = sb_stream_get_socket_id (t.stream);

  sb_test_peer_write (t.peer, "1 send hi\n2 shut_wr\n");
  sb_test_peer_wait_line (t.peer, "2 shut");
  sb_test_wait_until (sb_test_count_events (t.capture, id, SB_EVENT_EOF) == 1, "the empty read");
  sb_test_run_for_ms (300);

  /* Half-closed, as the lecture shows it. */
  sb_stream_refresh (t.stream);
  g_assert_cmpint (sb_stream_get_state (t.stream), ==, SB_STREAM_PEER_CLOSED);
  g_assert_cmpstr (sb_stream_get_tcp_state (t.stream), ==, "CLOSE_WAIT");
  g_assert_null (last_close_note (t.capture, id));

  empty_read_finish (&t);
}

static void
test_empty_read_on (void)
{
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  EmptyRead t = { 0, };
  guint id;

  empty_read_start (&t, TRUE, NULL);
  id = sb_stream_get_socket_id (t.stream);

  sb_test_peer_write (t.peer, "1 send hi\n2 shut_wr\n3 recv\n");
  /* The peer's own empty read: we closed. */
  g_assert_cmpstr (sb_test_peer_wait_line (t.peer, "3 "), ==, "3 b''");

  g_assert_cmpint (sb_stream_get_state (t.stream), ==, SB_STREAM_CLOSED);
  g_assert_cmpstr (last_close_note (t.capture, id), ==, "closed after the empty read");

  /* recv, the empty read, then close() as an event of its own. */
  log = sb_test_describe_capture (t.capture);
  expected = g_strdup_printf ("S%u recv 2/1024 b'hi'\nS%u eof\nS%u close", id, id, id);
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, expected));

  empty_read_finish (&t);
}

/* Turned on while the connection is open, and with bytes still queued at
 * the empty read: they go first. */
static void
test_empty_read_queued (void)
{
  g_autoptr(GBytes) big = NULL;
  g_autofree char *drain = NULL;
  g_autoptr(GError) error = NULL;
  EmptyRead t = { 0, };
  gsize size = 8 * 1024 * 1024;
  guint id;

  empty_read_start (&t, FALSE, "4096");
  id = sb_stream_get_socket_id (t.stream);
  sb_listener_set_close_after_empty_read (t.listener, TRUE);

  big = g_bytes_new_take (g_malloc0 (size), size);
  g_assert_true (sb_stream_send (t.stream, big, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_stream_get_bytes_queued (t.stream), >, 0);

  sb_test_peer_write (t.peer, "1 shut_wr\n");
  sb_test_wait_until (sb_test_count_events (t.capture, id, SB_EVENT_EOF) == 1, "the empty read");
  g_assert_cmpint (sb_stream_get_state (t.stream), ==, SB_STREAM_PEER_CLOSED);
  g_assert_null (last_close_note (t.capture, id));

  drain = g_strdup_printf ("2 drain %" G_GSIZE_FORMAT "\n", size);
  sb_test_peer_write (t.peer, drain);
  sb_test_wait_until (sb_stream_get_state (t.stream) == SB_STREAM_CLOSED, "the close");
  g_assert_cmpuint (sb_stream_get_bytes_sent (t.stream), ==, size);
  g_assert_cmpstr (last_close_note (t.capture, id), ==,
                   "closed after the empty read, once the send queue drained");
  {
    g_autofree char *expected = g_strdup_printf ("2 drained %" G_GSIZE_FORMAT, size);

    g_assert_cmpstr (sb_test_peer_wait_line (t.peer, "2 "), ==, expected);
  }

  empty_read_finish (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listener-fds/reset-keeps-tuples", test_reset_keeps_tuples);
  g_test_add_func ("/listener-fds/fd-limit", test_fd_limit);
  g_test_add_func ("/listener-fds/empty-read-off", test_empty_read_off);
  g_test_add_func ("/listener-fds/empty-read-on", test_empty_read_on);
  g_test_add_func ("/listener-fds/empty-read-queued", test_empty_read_queued);

  return g_test_run ();
}
