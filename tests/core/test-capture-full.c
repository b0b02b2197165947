/* test-capture-full.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The disk budget: spill files in the user's cache folder, the automatic
 * limit, and a full capture: reading stops (no recv() while full, nothing
 * lost once there is room again) or payloads are only counted, each gap
 * "N bytes not retained". */

#define G_LOG_DOMAIN "test-capture-full"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-event.h"
#include "sb-listener.h"
#include "sb-readiness.h"
#include "sb-stream.h"
#include "sb-stream-text.h"
#include "sb-transcript.h"
#include "sb-test-util.h"

#define MIB ((guint64) 1024 * 1024)
#define RECV_SIZE (64 * 1024)
/* One chunk in memory (the budget is smaller than a chunk), two on disk:
 * the capture holds 12 MiB of payload, then it is full. */
#define MEMORY_BUDGET MIB
#define DISK_BUDGET   (2 * (guint64) SB_CAPTURE_CHUNK_SIZE)
#define STREAM_SIZE   (20 * MIB)
/* More than the capture and every kernel buffer on the way can hold
 * (tcp_rmem's maximum here is 32 MiB): the peer's sendall() must wait. */
#define BIG_STREAM_SIZE (64 * MIB)

static char *cache_home;

static guint
count_full_events (SbCapture         *capture,
                   SbCaptureFullNote  note)
{
  guint n = 0;

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info) && sb_capture_is_full_event (capture, &info)
          && info.detail == (int) note)
        n++;
    }

  return n;
}

static const char *
last_full_note (SbCapture *capture)
{
  const char *note = NULL;

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info) && sb_capture_is_full_event (capture, &info))
        note = info.note;
    }

  return note;
}

static guint64
sum_recv_results (SbCapture *capture,
                  guint64   *kept)
{
  guint64 total = 0;

  *kept = 0;
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info) && info.kind == SB_EVENT_RECV
          && info.result > 0)
        {
          total += info.result;
          *kept += info.payload_len;
        }
    }

  return total;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;

  return n;
}

/* Spill files go to $XDG_CACHE_HOME/sockbench, a private folder. */
static void
test_spill_location (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *dir = g_build_filename (cache_home, "sockbench", NULL);
  g_autofree char *spill_dir = sb_capture_dup_spill_dir ();
  g_autofree guint8 *payload = g_malloc0 (RECV_SIZE);
  SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .socket_id = 1 };
  g_autoptr(GDir) fds = NULL;
  const char *name;
  guint in_cache = 0;
  GStatBuf st;

  g_assert_cmpstr (spill_dir, ==, dir);
  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  for (guint i = 0; i < 3 * SB_CAPTURE_CHUNK_SIZE / RECV_SIZE; i++)
    {
      info.result = RECV_SIZE;
      sb_capture_append (capture, &info, payload, RECV_SIZE);
    }
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >, 0);
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), >=,
                    sb_capture_get_spilled_bytes (capture));

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Unlinked once open: the folder is empty, the descriptors point there. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

    g_assert_nonnull (listing);
    g_assert_null (g_dir_read_name (listing));
  }
  fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_strdup_printf ("/proc/self/fd/%s", name);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, dir))
        {
          g_assert_true (g_str_has_suffix (target, "(deleted)"));
          in_cache++;
        }
      g_assert_true (target == NULL || strstr (target, "sockbench-capture") == NULL);
    }
  g_assert_cmpuint (in_cache, >=, 1);
}

/* 0 is automatic: the smaller of 4 GiB and a quarter of the free space. */
static void
test_auto_limit (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  struct statvfs vfs;
  guint64 expected, limit, slack;

  g_assert_cmpint (statvfs (cache_home, &vfs), ==, 0);
  expected = MIN (SB_CAPTURE_AUTO_DISK_CAP, (guint64) vfs.f_bavail * vfs.f_frsize / 4);
  /* Others write to the same disk meanwhile. */
  slack = 64 * MIB;

  g_assert_cmpuint (sb_capture_get_disk_budget (capture), ==, 0);
  limit = sb_capture_get_disk_limit (capture);
  g_assert_cmpuint (limit, <=, expected + slack);
  g_assert_cmpuint (limit + slack, >=, expected);
  limit = sb_capture_get_auto_disk_limit (cache_home);
  g_assert_cmpuint (limit, <=, expected + slack);
  g_assert_cmpuint (limit + slack, >=, expected);

  /* A folder not made yet: its parent's file system. */
  {
    g_autofree char *missing = g_build_filename (cache_home, "not", "yet", NULL);

    limit = sb_capture_get_auto_disk_limit (missing);
    g_assert_cmpuint (limit, <=, expected + slack);
    g_assert_cmpuint (limit + slack, >=, expected);
  }

  sb_capture_set_disk_budget (capture, 5 * MIB);
  g_assert_cmpuint (sb_capture_get_disk_limit (capture), ==, 5 * MIB);
  g_object_set (capture, "disk-budget", (guint64) 0, NULL);
  g_assert_cmpuint (sb_capture_get_disk_limit (capture) + slack, >=, expected);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Without sockets: reservations stop at the limit; what the window sends
 * itself is still kept; raising the limit makes room. */
static void
test_stop_at_limit (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .socket_id = 1 };
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *used = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(GBytes) sent = NULL;
  guint64 stored = 0;
  guint n_notified = 0;
  guint index;
  guint8 *room;

  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (capture, DISK_BUDGET);
  g_signal_connect (capture, "notify::full", G_CALLBACK (count_notify_cb), &n_notified);

  while ((room = sb_capture_reserve (capture, RECV_SIZE)) != NULL)
    {
      memset (room, 'x', RECV_SIZE);
      info.result = RECV_SIZE;
      sb_capture_commit (capture, &info, RECV_SIZE);
      stored += RECV_SIZE;
      g_assert_cmpuint (stored, <=, 64 * MIB);
    }

  /* Two chunks on disk, one in memory: then full. */
  g_assert_cmpuint (stored, ==, 3 * SB_CAPTURE_CHUNK_SIZE);
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), <=, DISK_BUDGET);
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), ==, DISK_BUDGET);
  g_assert_true (sb_capture_is_full (capture));
  g_assert_false (sb_capture_is_keeping_counts (capture));
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_STOPPED), ==, 1);
  g_assert_null (sb_capture_reserve (capture, 1));
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_STOPPED), ==, 1);

  used = g_format_size (DISK_BUDGET);
  limit = g_format_size (DISK_BUDGET);
  expected = g_strdup_printf ("Capture full: %s on disk, limit %s. Reading stopped; "
                              "the peers are held back.", used, limit);
  message = sb_capture_dup_full_message (capture);
  g_assert_cmpstr (message, ==, expected);
  g_assert_cmpstr (last_full_note (capture), ==, expected);

  /* What the window sends itself is kept, in memory. */
  info.kind = SB_EVENT_SEND;
  info.result = 5;
  index = sb_capture_append (capture, &info, (const guint8 *) "hello", 5);
  sent = sb_capture_dup_payload (capture, index);
  g_assert_cmpmem (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), "hello", 5);
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), ==, DISK_BUDGET);

  /* Every byte stored reads back. */
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_autoptr(GBytes) payload = NULL;
      SbEventInfo read;

      g_assert_true (sb_capture_get_info (capture, i, &read));
      if (read.kind != SB_EVENT_RECV)
        continue;
      payload = sb_capture_dup_payload (capture, i);
      g_assert_nonnull (payload);
      g_assert_cmpuint (g_bytes_get_size (payload), ==, RECV_SIZE);
      g_assert_cmpint (((const guint8 *) g_bytes_get_data (payload, NULL))[RECV_SIZE - 1], ==, 'x');
    }

  /* Raise Disk Limit */
  sb_capture_set_disk_budget (capture, 2 * DISK_BUDGET);
  g_assert_false (sb_capture_is_full (capture));
  g_assert_cmpuint (n_notified, ==, 2);
  g_clear_pointer (&limit, g_free);
  g_clear_pointer (&expected, g_free);
  limit = g_format_size (2 * DISK_BUDGET);
  expected = g_strdup_printf ("Reading resumed: the disk limit is now %s.", limit);
  g_assert_cmpstr (last_full_note (capture), ==, expected);
  g_assert_null (sb_capture_dup_full_message (capture));
  room = sb_capture_reserve (capture, RECV_SIZE);
  g_assert_nonnull (room);
  sb_capture_commit (capture, &info, 0);
}

/* More calls than a capture of these budgets can record: a loop that gets
 * this far found no bound. */
#define MAX_CALLS 1000000
/* Memory held once full: the budget and the chunk each arena fills, with
 * (the budget being smaller than a chunk) a spare chunk each beside; the
 * records of MAX_CALLS calls alone would take 48 MB. */
#define RESIDENT_BOUND (MEMORY_BUDGET + 2 * SB_CAPTURE_FIXED_OVERHEAD)

/* Calls reserve ()/commit () of @len bytes until reading stops (or
 * MAX_CALLS); returns how many were made. */
static guint
record_until_stopped (SbCapture *capture,
                      gsize      len)
{
  SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .socket_id = 1 };
  guint8 *room;
  guint n = 0;

  while (n < MAX_CALLS && (room = sb_capture_reserve (capture, len)) != NULL)
    {
      memset (room, 'x', len);
      info.requested = len;
      info.result = (gint64) len;
      sb_capture_commit (capture, &info, len);
      n++;
    }

  return n;
}

/* Event records count against the disk budget together with payloads: a
 * capture of 1-byte recvs (48 bytes of record each) stops once the
 * records' spill file takes the rest of the disk, rather than keeping
 * records in memory past the budget. */
static void
test_tiny_recvs_stop (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GBytes) last = NULL;
  g_autofree char *message = NULL;
  guint64 record_bytes;
  guint n;

  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (capture, DISK_BUDGET);

  n = record_until_stopped (capture, 1);
  g_test_message ("%u recvs of 1 byte, %" G_GUINT64_FORMAT " bytes resident", n,
                  sb_capture_get_resident_bytes (capture));
  g_assert_cmpuint (n, <, MAX_CALLS);
  g_assert_true (sb_capture_is_full (capture));
  g_assert_false (sb_capture_can_record (capture));
  /* The records fill the disk, the payloads (n bytes) stay in memory. */
  record_bytes = sb_capture_get_disk_record_bytes (capture);
  g_assert_cmpuint (record_bytes, >, 0);
  g_assert_cmpuint (record_bytes, ==, sb_capture_get_disk_bytes (capture));
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), <=, DISK_BUDGET);
  g_assert_cmpuint ((guint64) n * sb_capture_get_overhead_per_event (capture), >=, record_bytes);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=, RESIDENT_BOUND);
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_STOPPED), ==, 1);

  /* The pane's message names what the records take of the disk. */
  {
    g_autofree char *used = g_format_size (sb_capture_get_disk_bytes (capture));
    g_autofree char *records = g_format_size (record_bytes);
    g_autofree char *limit = g_format_size (DISK_BUDGET);
    g_autofree char *expected = g_strdup_printf ("Capture full: %s on disk (event records %s), "
                                                 "limit %s. Reading stopped; the peers are "
                                                 "held back.", used, records, limit);

    message = sb_capture_dup_full_message (capture);
    g_assert_cmpstr (message, ==, expected);
  }

  /* Every call recorded reads back, the spilled records too. */
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECV), ==, n);
  last = sb_capture_dup_payload (capture, sb_capture_get_n_recorded (capture) - 2);
  g_assert_nonnull (last);
  g_assert_cmpmem (g_bytes_get_data (last, NULL), g_bytes_get_size (last), "x", 1);

  sb_capture_clear (capture);
  g_assert_true (sb_capture_can_record (capture));
  g_assert_false (sb_capture_is_full (capture));
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), ==, 0);
  g_assert_cmpuint (sb_capture_get_disk_record_bytes (capture), ==, 0);
}

/* Keeping counts only still records each call: once not even a record
 * fits, reading stops as in the default mode, and the pane says why. */
static void
test_counts_stop_when_records_full (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *message = NULL;
  guint n_stored, n_counted;

  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (capture, DISK_BUDGET);

  /* The payloads fill memory and disk; then Keep Counts Only. */
  g_assert_cmpuint (record_until_stopped (capture, RECV_SIZE), <, MAX_CALLS);
  g_assert_true (sb_capture_is_full (capture));
  sb_capture_set_full_action (capture, SB_CAPTURE_FULL_COUNT);
  g_assert_true (sb_capture_is_keeping_counts (capture));
  n_stored = sb_test_count_events (capture, 0, SB_EVENT_RECV);
  g_assert_true (sb_capture_can_record (capture));

  /* Counted calls, each a record, until the records have no room. */
  n_counted = record_until_stopped (capture, RECV_SIZE);
  g_test_message ("%u calls stored, %u counted", n_stored, n_counted);
  g_assert_cmpuint (n_counted, <, MAX_CALLS);
  g_assert_cmpuint (n_counted, >, 0);
  g_assert_true (sb_capture_is_full (capture));
  g_assert_false (sb_capture_is_keeping_counts (capture));
  g_assert_false (sb_capture_can_record (capture));
  g_assert_null (sb_capture_reserve (capture, RECV_SIZE));
  g_assert_cmpuint (sb_capture_get_not_retained_bytes (capture), ==,
                    (guint64) n_counted * RECV_SIZE);
  g_assert_cmpuint (sb_capture_get_disk_bytes (capture), <=, DISK_BUDGET);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=, RESIDENT_BOUND);
  /* Stopped twice: for the payloads, then for the records. */
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_COUNTING), ==, 1);
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_STOPPED), ==, 2);
  message = sb_capture_dup_full_message (capture);
  g_assert_true (g_str_has_prefix (message, "Capture full: "));
  g_assert_true (g_str_has_suffix (message, "Even the event records no longer fit: reading "
                                            "stopped; the peers are held back."));
  g_assert_cmpstr (last_full_note (capture), ==, message);

  /* Back to stop: still full, nothing new to say. */
  sb_capture_set_full_action (capture, SB_CAPTURE_FULL_STOP);
  g_assert_true (sb_capture_is_full (capture));
  g_assert_cmpuint (count_full_events (capture, SB_CAPTURE_NOTE_STOPPED), ==, 2);

  /* Clear Log: reading resumes. */
  sb_capture_clear (capture);
  g_assert_true (sb_capture_can_record (capture));
  g_assert_nonnull (sb_capture_reserve (capture, RECV_SIZE));
}

/* While the capture is full, nothing is accepted: the connections wait in
 * the kernel's queue; after a clear they are accepted, each recorded. */
static void
test_accepts_stop_while_full (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = NULL;
  GSocket *clients[3];
  guint n_events;

  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (capture, DISK_BUDGET);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 8, &error));
  g_assert_no_error (error);
  sb_listener_set_auto_accept (listener, TRUE);
  g_assert_cmpuint (record_until_stopped (capture, RECV_SIZE), <, MAX_CALLS);
  g_assert_true (sb_capture_is_full (capture));
  n_events = sb_capture_get_n_recorded (capture);

  address = g_inet_socket_address_new (loopback, sb_listener_get_port (listener));
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      clients[i] = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
      g_assert_no_error (error);
      /* The kernel completes the handshake: the connection waits in the
       * listener's queue. */
      g_assert_true (g_socket_connect (clients[i], address, NULL, &error));
      g_assert_no_error (error);
    }

  sb_test_run_for_ms (300);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 0);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n_events);
  sb_listener_refresh (listener);
  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, G_N_ELEMENTS (clients));

  /* A single Accept says why it cannot. */
  g_assert_false (sb_listener_accept_one (listener, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message, "Capture full: "));
  g_clear_error (&error);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT), ==, 0);

  sb_capture_clear (capture);
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_ACCEPT)
                      == G_N_ELEMENTS (clients), "the waiting connections' accepts");
  sb_listener_refresh (listener);
  g_assert_cmpuint (sb_listener_get_accept_queue (listener), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    g_object_unref (clients[i]);
  sb_listener_stop (listener);
}

typedef struct
{
  SbCapture  *capture;
  SbListener *listener;
  SbStream   *stream;
  SbTestPeer *peer;
  char       *peer_digest;
  guint64     size;
} Fixture;

static void
fixture_start (Fixture             *fx,
               SbCaptureFullAction  action,
               guint64              size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

  fx->size = size;
  fx->capture = sb_capture_new ();
  sb_capture_set_memory_budget (fx->capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (fx->capture, DISK_BUDGET);
  sb_capture_set_full_action (fx->capture, action);
  fx->listener = sb_listener_new (fx->capture);
  sb_listener_set_receive_size (fx->listener, RECV_SIZE);
  g_signal_connect (fx->listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &fx->stream);
  g_assert_true (sb_listener_listen (fx->listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", sb_listener_get_port (fx->listener));
  fx->peer = sb_test_peer_spawn ("bulk-sender.py", "127.0.0.1", port_text, size_text, NULL);
  sb_test_peer_wait_line (fx->peer, "connected");
  sb_test_wait_until (fx->stream != NULL, "the accept");
}

/* Waits for the peer's "sent N SHA256" and the empty read. */
static void
fixture_wait_end (Fixture *fx)
{
  const char *line = sb_test_peer_wait_line (fx->peer, "sent ");
  g_autofree char *expected_start = g_strdup_printf ("sent %" G_GUINT64_FORMAT " ", fx->size);

  g_assert_true (g_str_has_prefix (line, expected_start));
  fx->peer_digest = g_strdup (line + strlen (expected_start));
  sb_test_wait_until (sb_test_count_events (fx->capture, 0, SB_EVENT_EOF) == 1, "the empty read");
  g_assert_cmpuint (sb_stream_get_bytes_received (fx->stream), ==, fx->size);
}

static void
fixture_end (Fixture *fx)
{
  sb_stream_close (fx->stream);
  g_assert_cmpint (sb_test_peer_wait_exit (fx->peer), ==, 0);
  g_clear_pointer (&fx->peer, sb_test_peer_free);
  g_clear_object (&fx->stream);
  g_clear_object (&fx->listener);
  g_clear_object (&fx->capture);
  g_clear_pointer (&fx->peer_digest, g_free);
}

/* Feeds the payloads of every recv event in the capture to @digest. */
static guint64
digest_received (SbCapture *capture,
                 GChecksum *digest)
{
  guint64 total = 0;

  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_autoptr(GBytes) payload = NULL;
      SbEventInfo info;

      if (!sb_capture_get_info (capture, i, &info) || info.kind != SB_EVENT_RECV
          || info.result <= 0)
        continue;
      payload = sb_capture_dup_payload (capture, i);
      g_assert_cmpuint (g_bytes_get_size (payload), ==, info.result);
      g_checksum_update (digest, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
      total += g_bytes_get_size (payload);
    }

  return total;
}

/* Reading stops at the limit, with no recv() while full (the watch is
 * gone, so the loop does not spin) and the peer held back by TCP; after
 * each clear the stream goes on, until every byte of it is there. */
static void
test_stream_stop_then_clear (void)
{
  Fixture fx = { 0, };
  g_autoptr(GChecksum) digest = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 received = 0;
  guint n_stops = 0;

  fixture_start (&fx, SB_CAPTURE_FULL_STOP, BIG_STREAM_SIZE);
  for (;;)
    {
      SbReadinessStats before, after;
      guint n_recv, n_events;
      guint available;

      sb_test_wait_until (sb_capture_is_full (fx.capture)
                          || sb_test_count_events (fx.capture, 0, SB_EVENT_EOF) == 1,
                          "the capture to fill, or the empty read");
      if (!sb_capture_is_full (fx.capture))
        break;

      n_stops++;
      n_recv = sb_test_count_events (fx.capture, 0, SB_EVENT_RECV);
      n_events = sb_capture_get_n_recorded (fx.capture);
      g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_STOPPED), ==, 1);
      g_assert_true (g_str_has_prefix (last_full_note (fx.capture), "Capture full: "));
      g_assert_cmpuint (sb_capture_get_disk_bytes (fx.capture), <=, DISK_BUDGET);

      /* Held back: nothing read while full, the loop idle, the kernel's
       * buffer holding what came (and still holding it later). */
      sb_readiness_get_stats (&before);
      sb_test_run_for_ms (n_stops == 1 ? 700 : 100);
      sb_stream_refresh (fx.stream);
      available = sb_stream_get_bytes_available (fx.stream);
      sb_test_run_for_ms (100);
      sb_readiness_get_stats (&after);
      g_assert_true (sb_capture_is_full (fx.capture));
      g_assert_cmpuint (sb_test_count_events (fx.capture, 0, SB_EVENT_RECV), ==, n_recv);
      g_assert_cmpuint (sb_capture_get_n_recorded (fx.capture), ==, n_events);
      g_assert_cmpuint (after.watches_dispatched - before.watches_dispatched, <=, 2);
      sb_stream_refresh (fx.stream);
      g_assert_cmpuint (sb_stream_get_bytes_available (fx.stream), >=, available);
      if (n_stops == 1)
        g_assert_cmpuint (available, >, 0);

      if (n_stops == 1)
        {
          g_autofree char *out = sb_test_peer_dup_stdout (fx.peer);
          g_autoptr(GError) error = NULL;

          /* The peer's sendall() has not returned: TCP holds it back. */
          g_assert_null (strstr (out, "sent "));

          /* A single Receive says why it cannot. */
          g_assert_false (sb_stream_receive (fx.stream, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
          g_assert_true (g_str_has_prefix (error->message, "Capture full: "));
          g_assert_cmpuint (sb_test_count_events (fx.capture, 0, SB_EVENT_RECV), ==, n_recv);
        }

      received += digest_received (fx.capture, digest);
      g_assert_cmpuint (received, ==, sb_stream_get_bytes_received (fx.stream));

      /* Clear Log: reading resumes, and the new log says so first. */
      sb_capture_clear (fx.capture);
      g_assert_false (sb_capture_is_full (fx.capture));
      g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_RESUMED), ==, 1);
      g_assert_cmpstr (last_full_note (fx.capture), ==, "Reading resumed: the log was cleared.");
    }

  g_assert_cmpuint (n_stops, >=, BIG_STREAM_SIZE / (3 * SB_CAPTURE_CHUNK_SIZE));
  fixture_wait_end (&fx);
  received += digest_received (fx.capture, digest);
  g_assert_cmpuint (received, ==, BIG_STREAM_SIZE);
  g_assert_cmpstr (g_checksum_get_string (digest), ==, fx.peer_digest);

  fixture_end (&fx);
}

/* Keep Counts Only after reading stopped: reading resumes, every byte is
 * counted, the gaps say how many bytes were not retained, everywhere. */
static void
test_keep_counts (void)
{
  Fixture fx = { 0, };
  g_autofree char *transcript = NULL;
  g_autofree char *script = NULL;
  g_autofree char *program = NULL;
  g_autofree char *stream_text = NULL;
  guint64 total, kept;
  guint gaps = 0;

  fixture_start (&fx, SB_CAPTURE_FULL_STOP, STREAM_SIZE);
  sb_test_wait_until (sb_capture_is_full (fx.capture), "the capture to fill");
  sb_capture_set_full_action (fx.capture, SB_CAPTURE_FULL_COUNT);
  g_assert_false (sb_capture_is_full (fx.capture));
  g_assert_true (sb_capture_is_keeping_counts (fx.capture));
  g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_COUNTING), ==, 1);
  fixture_wait_end (&fx);

  total = sum_recv_results (fx.capture, &kept);
  g_assert_cmpuint (total, ==, STREAM_SIZE);
  /* Three chunks, less what the last recv() of each left unused. */
  g_assert_cmpuint (kept, <=, 3 * SB_CAPTURE_CHUNK_SIZE);
  g_assert_cmpuint (kept, >, 3 * (SB_CAPTURE_CHUNK_SIZE - RECV_SIZE));
  g_assert_cmpuint (sb_capture_get_not_retained_bytes (fx.capture), ==, total - kept);
  g_assert_cmpuint (sb_capture_get_disk_bytes (fx.capture), <=, DISK_BUDGET);

  sb_capture_flush (fx.capture);
  transcript = sb_transcript_dup_text (fx.capture);
  script = sb_transcript_dup_script (fx.capture, SB_SIDE_SERVER);
  program = sb_transcript_dup_c_program (fx.capture, SB_SIDE_SERVER);
  for (guint i = 0; i < sb_capture_get_n_recorded (fx.capture); i++)
    {
      g_autoptr(SbEvent) event = NULL;
      g_autofree char *gap = NULL;
      g_autofree char *statement = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *in_c = NULL;
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (fx.capture, i, &info));
      if (info.kind != SB_EVENT_RECV || info.result <= 0 || info.payload_len > 0)
        continue;

      gaps++;
      gap = g_strdup_printf ("%lld bytes not retained", (long long) info.result);

      /* The log row's summary, the transcript, the script, the C program. */
      event = g_list_model_get_item (G_LIST_MODEL (fx.capture), i);
      summary = sb_event_dup_summary (event);
      g_assert_nonnull (strstr (summary, gap));
      statement = sb_transcript_dup_statement (fx.capture, i, 0);
      g_assert_true (g_str_has_suffix (statement, gap));
      g_assert_nonnull (strstr (transcript, statement));
      in_c = g_strdup_printf ("recv (conn, buf, %lld, MSG_WAITALL);  /* → %s */",
                              (long long) info.result, gap);
      g_assert_nonnull (strstr (program, in_c));
    }
  g_assert_cmpuint (gaps, >, 0);
  g_assert_cmpuint (count_occurrences (script, " bytes not retained"), ==, gaps);
  g_assert_cmpuint (count_occurrences (transcript, " bytes not retained"), ==, gaps);
  /* Follow Stream */
  stream_text = sb_stream_text_render (fx.capture, sb_stream_get_socket_id (fx.stream), FALSE);
  g_assert_cmpuint (count_occurrences (stream_text, " bytes not retained]"), ==, gaps);

  fixture_end (&fx);
}

/* Keeping counts only from the start: reading never stops. */
static void
test_count_from_start (void)
{
  Fixture fx = { 0, };
  guint64 total, kept;

  fixture_start (&fx, SB_CAPTURE_FULL_COUNT, STREAM_SIZE);
  fixture_wait_end (&fx);
  g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_STOPPED), ==, 0);
  g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_COUNTING), ==, 1);
  total = sum_recv_results (fx.capture, &kept);
  g_assert_cmpuint (total, ==, STREAM_SIZE);
  /* Three chunks, less what the last recv() of each left unused. */
  g_assert_cmpuint (kept, <=, 3 * SB_CAPTURE_CHUNK_SIZE);
  g_assert_cmpuint (kept, >, 3 * (SB_CAPTURE_CHUNK_SIZE - RECV_SIZE));
  g_assert_cmpuint (sb_capture_get_not_retained_bytes (fx.capture), ==, STREAM_SIZE - kept);

  /* Back to stop, with no room: reading stops at the next recv. */
  sb_capture_set_full_action (fx.capture, SB_CAPTURE_FULL_STOP);
  g_assert_true (sb_capture_is_full (fx.capture));
  g_assert_cmpuint (count_full_events (fx.capture, SB_CAPTURE_NOTE_STOPPED), ==, 1);
  sb_capture_clear (fx.capture);
  g_assert_false (sb_capture_is_full (fx.capture));
  g_assert_false (sb_capture_is_keeping_counts (fx.capture));
  g_assert_cmpuint (sb_capture_get_not_retained_bytes (fx.capture), ==, 0);

  fixture_end (&fx);
}

/* UDP: while full, datagrams are not read; the kernel drops what its
 * buffer cannot hold, and the refresh counts them. */
static void
test_datagram_stops (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_CLIENT, .socket_id = 99 };
  guint n_recvfrom;

  sb_capture_set_memory_budget (capture, MEMORY_BUDGET);
  sb_capture_set_disk_budget (capture, DISK_BUDGET);
  g_assert_true (sb_datagram_open (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  sb_datagram_set_auto_receive (server, TRUE);

  /* Fill the capture by hand. */
  while (sb_capture_reserve (capture, RECV_SIZE) != NULL)
    {
      info.result = RECV_SIZE;
      sb_capture_commit (capture, &info, RECV_SIZE);
    }
  g_assert_true (sb_capture_is_full (capture));
  n_recvfrom = sb_test_count_events (capture, 0, SB_EVENT_RECVFROM);

  port_text = g_strdup_printf ("%u", sb_datagram_get_port (server));
  peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  sb_test_peer_wait_line (peer, "local ");
  sb_test_peer_writef (peer, "f flood %s 20000 1000\n", port_text);
  sb_test_peer_wait_line (peer, "f sent");
  sb_test_run_for_ms (200);
  g_assert_cmpuint (sb_test_count_events (capture, 0, SB_EVENT_RECVFROM), ==, n_recvfrom);
  sb_datagram_refresh (server);
  g_assert_cmpuint (sb_datagram_get_kernel_drops (server), >, 0);

  /* Room again: the datagrams the kernel kept arrive. */
  sb_capture_clear (capture);
  sb_test_wait_until (sb_test_count_events (capture, 0, SB_EVENT_RECVFROM) > 0,
                      "the datagrams the kernel kept");
  sb_datagram_close (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  cache_home = g_dir_make_tmp ("sockbench-cache-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture-full/spill-location", test_spill_location);
  g_test_add_func ("/capture-full/auto-limit", test_auto_limit);
  g_test_add_func ("/capture-full/stop-at-limit", test_stop_at_limit);
  g_test_add_func ("/capture-full/stream-stop-then-clear", test_stream_stop_then_clear);
  g_test_add_func ("/capture-full/keep-counts", test_keep_counts);
  g_test_add_func ("/capture-full/count-from-start", test_count_from_start);
  g_test_add_func ("/capture-full/datagram-stops", test_datagram_stops);
  g_test_add_func ("/capture-full/tiny-recvs-stop", test_tiny_recvs_stop);
  g_test_add_func ("/capture-full/counts-stop-when-records-full",
                   test_counts_stop_when_records_full);
  g_test_add_func ("/capture-full/accepts-stop-while-full", test_accepts_stop_while_full);

  status = g_test_run ();

  {
    g_autofree char *dir = g_build_filename (cache_home, "sockbench", NULL);

    g_rmdir (dir);
    g_rmdir (cache_home);
  }
  g_free (cache_home);

  return status;
}
