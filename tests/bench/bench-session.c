/* bench-session.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Save and open a 1 GiB session (16,384 recv events of 64 KiB).
 *
 *   save_1g_MBps   the session file's size over the time from the save's
 *                  start to its end (renamed into place), from a capture that
 *                  has spilled to disk past the default memory budget
 *   raw_write_MBps the same bytes written by write() in the same buffer
 *                  size to the same folder, fsync()ed (as the save does
 *                  before its rename) and closed: the disk's own speed in
 *                  this run, the baseline of save_1g_MBps
 *   open_1g_ms     from asking to open the file to the first 50 rows read
 *                  (their records and payloads), as the log shows them
 *   open_1g_rss_MB what that open added to the resident memory: the file
 *                  is mapped and checked, not read into memory
 *
 * Medians of SB_BENCH_RUNS runs (default 3).  Figures from a shared,
 * loaded machine are noisy: the load average is printed beside them. */

#define G_LOG_DOMAIN "bench-session"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gio.h>

#include "sb-bench-proc.h"
#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-event.h"
#include "sb-session.h"

#define PAYLOAD_SIZE (64 * 1024)
#define N_EVENTS     16384          /* 1 GiB of payload */
#define WRITE_BUFFER (4 * 1024 * 1024)
#define FIRST_ROWS   50
#define MAX_RUNS     9

static SbCapture *
make_capture (void)
{
  SbCapture *capture = sb_capture_new ();
  g_autofree guint8 *payload = g_malloc (PAYLOAD_SIZE);
  GRand *rand = g_rand_new_with_seed (20260101);
  SbEventInfo info = { 0, };

  for (gsize i = 0; i < PAYLOAD_SIZE; i += 4)
    {
      guint32 r = g_rand_int (rand);

      memcpy (payload + i, &r, 4);
    }
  g_rand_free (rand);

  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = sb_capture_new_socket_id (capture);
  info.requested = PAYLOAD_SIZE;
  info.result = PAYLOAD_SIZE;
  for (guint i = 0; i < N_EVENTS; i++)
    {
      /* Each payload its own bytes. */
      memcpy (payload, &i, sizeof i);
      sb_capture_append (capture, &info, payload, PAYLOAD_SIZE);
    }
  sb_capture_flush (capture);

  return capture;
}

static double
raw_write_MBps (const char *dir,
                guint64     bytes)
{
  g_autofree char *path = g_build_filename (dir, "raw", NULL);
  g_autofree guint8 *buffer = g_malloc (WRITE_BUFFER);
  gint64 start;
  double seconds;
  int fd;

  memset (buffer, 0x5a, WRITE_BUFFER);
  start = g_get_monotonic_time ();
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  for (guint64 done = 0; done < bytes; )
    {
      gsize n = (gsize) MIN ((guint64) WRITE_BUFFER, bytes - done);
      gssize w = write (fd, buffer, n);

      g_assert_cmpint (w, >, 0);
      done += (guint64) w;
    }
  g_assert_cmpint (fsync (fd), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_unlink (path);

  return bytes / seconds / 1e6;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_session_save_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static double
save_MBps (SbCapture  *capture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean done = FALSE;
  GStatBuf st;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  sb_session_save_async (capture, file, NULL, NULL, NULL, saved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_size / seconds / 1e6;
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbCapture **capture = user_data;
  g_autoptr(GError) error = NULL;

  *capture = sb_session_open_finish (result, &error);
  g_assert_no_error (error);
}

static double
open_ms (const char *path,
         double     *rss_MB)
{
  guint64 rss_before = sb_bench_status_bytes ("VmRSS");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbCapture) capture = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  sb_session_open_async (file, NULL, opened_cb, &capture);
  while (capture == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < FIRST_ROWS; i++)
    {
      g_autoptr(SbEvent) event = g_list_model_get_item (G_LIST_MODEL (capture), i);
      g_autoptr(GBytes) payload = sb_event_dup_payload (event);
      g_autofree char *summary = sb_event_dup_summary (event);

      g_assert_cmpuint (g_bytes_get_size (payload), ==, PAYLOAD_SIZE);
      g_assert_cmpmem (g_bytes_get_data (payload, NULL), sizeof i, &i, sizeof i);
      g_assert_true (summary[0] != '\0');
    }
  ms = (g_get_monotonic_time () - start) / 1e3;
  *rss_MB = ((double) sb_bench_status_bytes ("VmRSS") - (double) rss_before) / 1e6;
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, N_EVENTS);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-session-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *load = NULL;
  const char *runs_env = g_getenv ("SB_BENCH_RUNS");
  guint runs = runs_env != NULL ? CLAMP (atoi (runs_env), 1, MAX_RUNS) : 3;
  double save_rates[MAX_RUNS], raw_rates[MAX_RUNS], open_times[MAX_RUNS], open_rss[MAX_RUNS];
  GStatBuf st;

  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.sockbench", NULL);

  capture = make_capture ();
  printf ("# capture: %u events, %" G_GUINT64_FORMAT " payload bytes, %" G_GUINT64_FORMAT
          " spilled to disk\n", sb_capture_get_n_recorded (capture),
          sb_capture_get_payload_bytes (capture), sb_capture_get_spilled_bytes (capture));

  for (guint r = 0; r < runs; r++)
    {
      raw_rates[r] = raw_write_MBps (dir, sb_capture_get_payload_bytes (capture));
      save_rates[r] = save_MBps (capture, path);
      open_times[r] = open_ms (path, &open_rss[r]);
      printf ("# run %u: raw_write %.0f MB/s, save %.0f MB/s, open %.1f ms (+%.1f MB resident)\n",
              r + 1, raw_rates[r], save_rates[r], open_times[r], open_rss[r]);
    }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  load = sb_bench_load_average ();

  printf ("file_bytes: %" G_GINT64_FORMAT "\n", (gint64) st.st_size);
  printf ("raw_write_MBps: %.0f\n", sb_bench_median (raw_rates, runs));
  printf ("save_1g_MBps: %.0f\n", sb_bench_median (save_rates, runs));
  printf ("save_vs_raw: %.2f\n", sb_bench_median (save_rates, runs) / sb_bench_median (raw_rates, runs));
  printf ("open_1g_ms: %.1f\n", sb_bench_median (open_times, runs));
  printf ("open_1g_rss_MB: %.1f\n", sb_bench_median (open_rss, runs));
  printf ("load_average: %s\n", load);

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
