/* bench-events.c — what a long capture costs the window in memory
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-events events: a stream of 10,000,000 bytes into the server pane
 * of the real window with its receive size at 10, so 1,000,000 recv()
 * events of 10 bytes, the log following the newest row.  The growth of
 * the process's resident memory (VmRSS, SETTLE_MS after the end of the
 * stream against just before it) per event recorded, and the time to take
 * them in.  Then, for context, the same through the core alone (no
 * window): the peak growth per event.
 *
 * bench-events capture-10g: 10 GiB into the server pane at recv 1024 with
 * the default memory budget (the GSettings default), the peak resident
 * memory of the process during it (VmHWM, reset just before the stream by
 * writing "5" to /proc/self/clear_refs) and the rate.  The capture spills
 * about as much to the temporary folder: without room for it there, the
 * benchmark says so and is skipped (exit status 77).  Then the limits, in
 * the same run: the disk's write speed over as many bytes as the capture
 * spilled and the floor that sets on a capture's time
 * (sb_bench_disk_floor_MBps()), a plain recv() loop at the same recv size,
 * and the ratio of the capture to the lesser of the two (the aim: 0.9 or
 * more).  For context, CORE_MIB MiB through the core alone at the same recv
 * size (no window; sb_bench_capture_run(), which checks every byte); the
 * spill floor, the plain loop into chunks that a second thread writes to
 * the disk as the capture's are; and that loop writing nothing, which
 * shows what the writes cost a receiver on this machine.  The receiving
 * thread's processor time per event is printed for each: under load it
 * says more than the rates do.
 *
 * Both also sample the window's frame latency during the stream, as
 * bench-ui does.  The sender is a thread of this process (1 MiB of
 * buffer); the stream arriving whole is checked, or the benchmark fails.
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "sb-application.h"
#include "sb-bench-disk.h"
#include "sb-bench-flood.h"
#include "sb-bench-frames.h"
#include "sb-bench-proc.h"
#include "sb-bench-spill.h"
#include "sb-bench-util.h"
#include "sb-bench-window.h"
#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-window.h"
#include "sb-workbench.h"

#define EVENTS_TOTAL       G_GUINT64_CONSTANT (10000000)
#define EVENTS_RECV        10
#define CAPTURE_TOTAL      (G_GUINT64_CONSTANT (10) << 30)
#define CAPTURE_RECV       1024
#define CAPTURE_MARGIN     (G_GUINT64_CONSTANT (1) << 30)
#define CORE_MIB           2048
#define FLOOR_RUNS         3
#define SETTLE_MS          1000

typedef struct
{
  gboolean       capture_10g;
  guint64        total;
  GtkWindow     *window;
  SbWorkbench   *workbench;
  SbListener    *listener;
  SbCapture     *capture;
  SbBenchFrames *frames;
  SbBenchFlood  *flood;
  GArray        *latencies_ms;
  gboolean       failed;
  gboolean       done;

  gboolean       hwm_reset;
  guint64        rss_before;
  guint64        rss_after;
  guint64        hwm;
  guint          events_before;
  guint          events;
  gint64         elapsed_us;
  guint          receive_size;
  guint64        budget;
  guint64        spilled;
  guint64        spilled_records;
  guint64        resident;
  gint64         thread_cpu_us;  /* the main thread's, during the stream */
  double         thread_wait_s;  /* runnable but waiting for a processor, the same */
  gsize          overhead_per_event;
  char          *load_start;
} EventsRun;

static gboolean
measured_cb (gpointer data)
{
  EventsRun *run = data;

  /* The log has caught up with the end of the stream. */
  run->rss_after = sb_bench_status_bytes ("VmRSS");
  run->hwm = sb_bench_status_bytes ("VmHWM");
  run->events = sb_capture_get_n_recorded (run->capture) - run->events_before;
  run->spilled = sb_capture_get_spilled_bytes (run->capture);
  run->spilled_records = sb_capture_get_spilled_record_bytes (run->capture);
  run->resident = sb_capture_get_resident_bytes (run->capture);
  run->overhead_per_event = sb_capture_get_overhead_per_event (run->capture);
  run->done = TRUE;
  g_clear_pointer (&run->flood, sb_bench_flood_free);
  gtk_window_destroy (run->window);

  return G_SOURCE_REMOVE;
}

static void
flood_done_cb (SbBenchFlood *flood,
               gint64        elapsed_us,
               gpointer      data)
{
  EventsRun *run = data;
  SbStream *stream = sb_bench_flood_get_stream (flood);

  sb_bench_frames_stop (run->frames);
  run->elapsed_us = elapsed_us;
  run->thread_cpu_us = sb_bench_thread_cpu_us () - run->thread_cpu_us;
  run->thread_wait_s = sb_bench_main_thread_wait_s () - run->thread_wait_s;
  run->receive_size = sb_stream_get_receive_size (stream);
  if (!sb_bench_flood_get_ok (flood))
    {
      printf ("# FAILED: the stream ended after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
              " bytes\n", sb_stream_get_bytes_received (stream), run->total);
      run->failed = TRUE;
      gtk_window_destroy (run->window);
      return;
    }

  g_timeout_add (SETTLE_MS, measured_cb, run);
}

static gboolean
start_stream_cb (gpointer data)
{
  EventsRun *run = data;

  run->events_before = sb_capture_get_n_recorded (run->capture);
  run->budget = sb_capture_get_memory_budget (run->capture);
  if (run->capture_10g)
    run->hwm_reset = sb_bench_reset_peak_rss ();
  run->rss_before = sb_bench_status_bytes ("VmRSS");
  sb_bench_frames_start (run->frames, run->latencies_ms, NULL);
  run->thread_cpu_us = sb_bench_thread_cpu_us ();
  run->thread_wait_s = sb_bench_main_thread_wait_s ();
  run->flood = sb_bench_flood_start (run->listener, run->total, flood_done_cb, run);

  return G_SOURCE_REMOVE;
}

static gboolean
start_cb (gpointer data)
{
  EventsRun *run = data;

  run->frames = sb_bench_frames_new (GTK_WIDGET (run->window));
  run->listener = sb_workbench_get_server (run->workbench);
  run->capture = sb_workbench_get_capture (run->workbench);
  sb_window_listen_on (SB_WINDOW (run->window), "127.0.0.1", 0);
  if (sb_listener_get_state (run->listener) != SB_LISTENER_LISTENING)
    {
      printf ("# FAILED: the server pane is not listening: %s\n",
              sb_listener_get_error_message (run->listener));
      run->failed = TRUE;
      gtk_window_destroy (run->window);
      return G_SOURCE_REMOVE;
    }

  run->load_start = sb_bench_load_average ();
  /* The pane redraws once for listening: let it, then measure. */
  g_timeout_add (SETTLE_MS, start_stream_cb, run);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             EventsRun    *run)
{
  run->window = sb_bench_window_start (app, start_cb, run);
  run->workbench = sb_window_get_workbench (SB_WINDOW (run->window));
}

static void
print_common (EventsRun  *run,
              const char *prefix)
{
  g_autofree char *load_end = sb_bench_load_average ();

  printf ("# load average (1, 5, 15 min) at the start %s, at the end %s; %u processors\n",
          run->load_start, load_end, g_get_num_processors ());
  printf ("# %" G_GUINT64_FORMAT " bytes into the server pane at recv %u: %u events recorded "
          "in %.2f s; capture memory budget %" G_GUINT64_FORMAT " MiB, %" G_GUINT64_FORMAT
          " MiB resident, %" G_GUINT64_FORMAT " MiB spilled, %" G_GSIZE_FORMAT
          " bytes of overhead per event by the capture's count\n",
          run->total, run->receive_size, run->events, run->elapsed_us / 1e6, run->budget >> 20,
          run->resident >> 20, run->spilled >> 20, run->overhead_per_event);
  printf ("# VmRSS %.1f MB before the stream, %.1f MB %u ms after its end; VmHWM %.1f MB\n",
          run->rss_before / 1e6, run->rss_after / 1e6, SETTLE_MS, run->hwm / 1e6);
  printf ("# %u latency samples\n", run->latencies_ms->len);
  printf ("%s_ui_latency_p99_ms: %.1f\n", prefix,
          sb_bench_percentile_or_zero (run->latencies_ms, 0.99));
  printf ("%s_ui_latency_max_ms: %.1f\n", prefix,
          sb_bench_percentile_or_zero (run->latencies_ms, 1.0));
}

/* For context, after the window is gone: the same stream through the core
 * alone, its peak resident growth per event (the capture is freed at the
 * end of the run, so the peak is the figure), memory freed by the window
 * given back first so that the run cannot reuse it unseen. */
static void
print_events (EventsRun *run)
{
  double growth = (double) run->rss_after - (double) run->rss_before;
  SbBenchCpu cpu;
  guint64 budget;
  guint64 core_before;
  gsize overhead;
  guint n_events = 0;
  double core_MBps;

  print_common (run, "events_1m");
  printf ("events_1m_bytes_per_event: %.1f\n", growth / MAX (run->events, 1));
  printf ("events_1m_s: %.2f\n", run->elapsed_us / 1e6);
  fflush (stdout);

  malloc_trim (0);
  if (!sb_bench_reset_peak_rss ())
    {
      printf ("# VmHWM cannot be reset here: no figure for the core alone\n");
      return;
    }
  core_before = sb_bench_status_bytes ("VmRSS");
  core_MBps = sb_bench_capture_run (run->total, EVENTS_RECV, &n_events, &overhead, &budget,
                                    &cpu);
  printf ("# the core alone (no window): %u events in %.2f s, VmHWM %.1f MB over %.1f MB "
          "before\n", n_events, run->total / core_MBps / 1e6,
          sb_bench_status_bytes ("VmHWM") / 1e6, core_before / 1e6);
  printf ("events_1m_core_bytes_per_event: %.1f\n",
          ((double) sb_bench_status_bytes ("VmHWM") - (double) core_before) / MAX (n_events, 1));
}

/* The limits and the floors, after the window is gone: runs of the plain
 * loop and of the core alone alternate, as in bench-capture. */
static void
print_capture (EventsRun *run)
{
  guint64 core_total = (guint64) CORE_MIB << 20;
  guint64 spilled = run->spilled + run->spilled_records;
  /* The spill floor writes as large a share of its stream as the
   * capture spilled of the 10 GiB's payload bytes. */
  double spilled_share = MIN ((double) run->spilled / (double) run->total, 1.0);
  guint64 in_memory = core_total - (guint64) (spilled_share * (double) core_total);
  double raw[FLOOR_RUNS], core[FLOOR_RUNS], disk[FLOOR_RUNS], spill[FLOOR_RUNS];
  double chunk[FLOOR_RUNS];
  double raw_us[FLOOR_RUNS], core_us[FLOOR_RUNS], spill_us[FLOOR_RUNS];
  double MBps = run->total / (double) run->elapsed_us;
  double raw_MBps, core_MBps, disk_MBps, floor_MBps, limit_MBps, spill_MBps, chunk_MBps;
  gboolean direct = FALSE;
  gboolean spill_direct = FALSE;
  guint64 budget = 0;

  print_common (run, "capture_10g");
  if (!run->hwm_reset)
    printf ("# writing \"5\" to /proc/self/clear_refs did not reset VmHWM here: the peak "
            "below is since the process started\n");
  printf ("# the main thread: %.2f s of processor time during the stream, %.2f s runnable "
          "but waiting for a processor\n", run->thread_cpu_us / 1e6, run->thread_wait_s);
  printf ("capture_10g_peak_rss_mb: %.1f\n", run->hwm / 1e6);
  printf ("capture_10g_MBps: %.1f\n", MBps);
  printf ("capture_10g_main_us_per_event: %.3f\n",
          run->thread_cpu_us / (double) MAX (run->events, 1));
  fflush (stdout);

  for (guint i = 0; i < FLOOR_RUNS; i++)
    {
      SbBenchCpu raw_cpu, core_cpu, spill_cpu, chunk_cpu;
      gsize overhead;
      guint n_events = 0;

      if (i % 2 == 0)
        raw[i] = sb_bench_raw_recv_run (core_total, run->receive_size, &raw_cpu);
      core[i] = sb_bench_capture_run (core_total, run->receive_size, &n_events, &overhead,
                                      &budget, &core_cpu);
      if (i % 2 == 1)
        raw[i] = sb_bench_raw_recv_run (core_total, run->receive_size, &raw_cpu);
      spill[i] = sb_bench_spill_recv_run (core_total, run->receive_size, in_memory,
                                          &spill_direct, &spill_cpu);
      /* The same loop, nothing written: what the writes cost it. */
      chunk[i] = sb_bench_spill_recv_run (core_total, run->receive_size, core_total,
                                          &spill_direct, &chunk_cpu);
      raw_us[i] = raw_cpu.thread_s * 1e6 / (double) (core_total / run->receive_size);
      core_us[i] = core_cpu.thread_s * 1e6 / (double) MAX (n_events, 1);
      spill_us[i] = spill_cpu.thread_s * 1e6 / (double) (core_total / run->receive_size);
      printf ("# floor run %u: plain recv() loop %.0f MB/s (%.3f us per call), core alone "
              "%.0f MB/s (%.3f us per event), plain loop spilling %.0f MB/s (%.2f s of "
              "processor time, %.2f s of it the receiver's), the same writing nothing %.0f "
              "MB/s (%.2f s of the receiver's)\n", i + 1, raw[i], raw_us[i], core[i],
              core_us[i], spill[i], spill_cpu.user_s + spill_cpu.system_s, spill_cpu.thread_s,
              chunk[i], chunk_cpu.thread_s);
    }

  /* The disk over as many bytes as the capture spilled (payloads and
   * records), in FLOOR_RUNS parts: their median speed. */
  for (guint i = 0; i < FLOOR_RUNS; i++)
    disk[i] = sb_bench_disk_write_MBps (MAX (spilled / FLOOR_RUNS, (guint64) 64 << 20),
                                        &direct);
  disk_MBps = sb_bench_median (disk, FLOOR_RUNS);
  floor_MBps = sb_bench_disk_floor_MBps (run->total, spilled, disk_MBps);
  raw_MBps = sb_bench_median (raw, FLOOR_RUNS);
  core_MBps = sb_bench_median (core, FLOOR_RUNS);
  spill_MBps = sb_bench_median (spill, FLOOR_RUNS);
  chunk_MBps = sb_bench_median (chunk, FLOOR_RUNS);
  limit_MBps = floor_MBps > 0 ? MIN (raw_MBps, floor_MBps) : raw_MBps;

  printf ("# the limits, medians of %u runs: %" G_GUINT64_FORMAT " MiB spilled (payloads and "
          "event records), the disk written in %s in runs of %" G_GUINT64_FORMAT " MiB, %s; "
          "a plain recv() loop and the core alone (no window, budget %" G_GUINT64_FORMAT
          " MiB, every byte read back and checked) over %u MiB at recv %u\n",
          FLOOR_RUNS, spilled >> 20, g_get_tmp_dir (),
          MAX (spilled / FLOOR_RUNS, (guint64) 64 << 20) >> 20,
          direct ? "O_DIRECT" : "buffered (no O_DIRECT here)", budget >> 20, CORE_MIB,
          run->receive_size);
  printf ("capture_10g_disk_write_MBps: %.1f\n", disk_MBps);
  printf ("capture_10g_disk_floor_MBps: %.1f\n", floor_MBps);
  printf ("capture_10g_raw_recv_MBps: %.1f\n", raw_MBps);
  printf ("capture_10g_raw_main_us_per_event: %.3f\n", sb_bench_median (raw_us, FLOOR_RUNS));
  printf ("capture_10g_core_floor_MBps: %.1f\n", core_MBps);
  printf ("capture_10g_core_main_us_per_event: %.3f\n", sb_bench_median (core_us, FLOOR_RUNS));
  printf ("capture_10g_ratio_to_core: %.3f\n", MBps / core_MBps);
  printf ("capture_10g_ratio_to_limit: %.3f\n", MBps / limit_MBps);
  printf ("# the spill floor: the plain loop into %u MiB chunks, all but the first %"
          G_GUINT64_FORMAT " MiB of its %u MiB written by a second thread (%s), as the "
          "capture spilled %.1f %% of its payload bytes\n", SB_CAPTURE_CHUNK_SIZE >> 20,
          in_memory >> 20, CORE_MIB, spill_direct ? "O_DIRECT" : "buffered",
          100.0 * spilled_share);
  printf ("capture_10g_spill_floor_MBps: %.1f\n", spill_MBps);
  printf ("capture_10g_spill_main_us_per_event: %.3f\n", sb_bench_median (spill_us, FLOOR_RUNS));
  printf ("capture_10g_ratio_to_spill_floor: %.3f\n", MBps / spill_MBps);
  /* The most a capture that spills could reach of the aim's limit here. */
  printf ("capture_10g_spill_floor_to_limit: %.3f\n", spill_MBps / limit_MBps);
  printf ("capture_10g_chunk_floor_MBps: %.1f\n", chunk_MBps);
  printf ("capture_10g_spill_floor_to_chunk_floor: %.3f\n", spill_MBps / chunk_MBps);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *app_argv[] = { argv[0], NULL };
  EventsRun run = { 0 };

  if (argc != 2 || (!g_str_equal (argv[1], "events") && !g_str_equal (argv[1], "capture-10g")))
    {
      fprintf (stderr, "Usage: %s events|capture-10g\n", argv[0]);
      return EXIT_FAILURE;
    }
  run.capture_10g = g_str_equal (argv[1], "capture-10g");
  run.total = run.capture_10g ? CAPTURE_TOTAL : EVENTS_TOTAL;
  /* SB_BENCH_CAPTURE_MIB: a shorter capture, for profiling (not the figure). */
  if (run.capture_10g && g_getenv ("SB_BENCH_CAPTURE_MIB") != NULL)
    run.total = g_ascii_strtoull (g_getenv ("SB_BENCH_CAPTURE_MIB"), NULL, 10) << 20;

  if (run.capture_10g)
    {
      /* The spill files' folder, made as the capture would make it. */
      g_autofree char *tmp = sb_capture_dup_spill_dir ();
      guint64 free_bytes;

      g_mkdir_with_parents (tmp, 0700);
      free_bytes = sb_bench_free_bytes (tmp);

      if (free_bytes < CAPTURE_TOTAL + CAPTURE_MARGIN)
        {
          printf ("# SKIP: the capture spills about %" G_GUINT64_FORMAT " GiB to %s, which "
                  "has %.1f GiB free (%" G_GUINT64_FORMAT " GiB needed)\n",
                  CAPTURE_TOTAL >> 30, tmp, free_bytes / (double) (1 << 30),
                  (CAPTURE_TOTAL + CAPTURE_MARGIN) >> 30);
          return 77;
        }
      printf ("# %s has %.1f GiB free\n", tmp, free_bytes / (double) (1 << 30));
    }

  /* The keys the server pane reads (GSETTINGS_BACKEND=memory: this run
   * only); the memory budget stays the default. */
  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "receive-size", run.capture_10g ? CAPTURE_RECV : EVENTS_RECV);
  /* The automatic disk budget (at most 4 GiB) would stop reading part way:
   * room for the whole stream, which the check above found free. */
  if (run.capture_10g)
    g_settings_set_uint64 (settings, "disk-budget", CAPTURE_TOTAL + CAPTURE_MARGIN);

  run.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));

  app = sb_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &run);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  g_clear_pointer (&run.flood, sb_bench_flood_free);
  g_clear_pointer (&run.frames, sb_bench_frames_free);
  if (!run.failed && !run.done)
    {
      printf ("# FAILED: the window closed before the end of the stream\n");
      run.failed = TRUE;
    }

  if (!run.failed && run.receive_size != (run.capture_10g ? CAPTURE_RECV : EVENTS_RECV))
    {
      printf ("# FAILED: the stream was received %u bytes at a time\n", run.receive_size);
      run.failed = TRUE;
    }

  if (!run.failed)
    {
      if (run.capture_10g)
        print_capture (&run);
      else
        print_events (&run);
    }

  g_array_unref (run.latencies_ms);
  g_free (run.load_start);

  return run.failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
