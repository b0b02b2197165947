/* bench-ui.c — does a socket flood freeze the window?
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streams 256 MiB into the server pane of the real window, with the event log
 * following the newest row, while sampling every 50 ms how long the main loop
 * takes to paint a frame: from the moment the sample was due to the frame
 * clock's after-paint.  The same stream through the core alone, with the same
 * recv size and no window, is the baseline for the ratio.  Floods and
 * baselines take turns, RUNS of each (the log is cleared in between), and
 * the figures are medians: on a shared machine, and on one where fresh
 * memory is slow to touch, one run of each says little.  Then it scrolls
 * and selects in the log, which holds a quarter of a million events by then.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sb-application.h"
#include "sb-bench-frames.h"
#include "sb-bench-util.h"
#include "sb-bench-window.h"
#include "sb-capture.h"
#include "sb-event-log.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-window.h"
#include "sb-workbench.h"

#define RUNS 5
#define SCROLL_JUMPS 40

typedef struct
{
  GtkWindow     *window;
  SbWorkbench   *workbench;
  SbBenchSender *sender;
  SbStream      *stream;
  guint64        total;
  gint64         start_us;
  gint64         end_us;
  gint64         flood_us;      /* all floods, for the frame figures */

  /* one entry a run */
  guint          run;
  double         ui_MBps[RUNS];
  double         core_MBps[RUNS];
  guint          core_events;
  guint          receive_size;

  /* latency sampling */
  SbBenchFrames *sampler;
  GArray        *latencies_ms;

  /* scrolling */
  GArray        *scroll_ms;
  GtkAdjustment *vadjustment;
  GtkListView   *list_view;
  guint          jumps_done;
  guint          row_widgets;
  int            log_height;
  gint64         jump_start_us;
  gboolean       scrolling;
} UiRun;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
next_scroll_jump (UiRun *run)
{
  double upper = gtk_adjustment_get_upper (run->vadjustment);
  double page = gtk_adjustment_get_page_size (run->vadjustment);
  GtkSelectionModel *model = gtk_list_view_get_model (run->list_view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  double where = g_random_double ();

  run->jump_start_us = g_get_monotonic_time ();
  gtk_adjustment_set_value (run->vadjustment, where * (upper - page));
  gtk_selection_model_select_item (model, (guint) (where * (n - 1)), TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                UiRun         *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->scrolling)
    {
      double ms = (now - run->jump_start_us) / 1000.0;

      g_array_append_val (run->scroll_ms, ms);
      if (++run->jumps_done == SCROLL_JUMPS)
        {
          run->scrolling = FALSE;
          gtk_window_destroy (run->window);
          return;
        }
      next_scroll_jump (run);
    }
}

static void
start_scrolling (UiRun *run)
{
  GtkWidget *log = find_descendant (GTK_WIDGET (run->window), SB_TYPE_EVENT_LOG);
  GtkWidget *scroller;

  g_assert_nonnull (log);
  scroller = find_descendant (log, GTK_TYPE_SCROLLED_WINDOW);
  run->list_view = GTK_LIST_VIEW (find_descendant (log, GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (scroller);
  g_assert_nonnull (run->list_view);
  run->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (run->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    run->row_widgets++;
  run->log_height = gtk_widget_get_height (GTK_WIDGET (run->list_view));
  run->scrolling = TRUE;
  next_scroll_jump (run);
}

static gboolean start_flood_cb (gpointer data);

/* After a flood: its figure, then the baseline's turn (a main loop of its
 * own, with the window idle), then the next flood in an empty log, or the
 * scrolling through the last one. */
static gboolean
finish_flood_cb (gpointer data)
{
  UiRun *run = data;
  gsize overhead;

  sb_bench_sender_join (g_steal_pointer (&run->sender));
  run->ui_MBps[run->run] = (double) run->total / (double) (run->end_us - run->start_us);
  run->flood_us += run->end_us - run->start_us;
  run->receive_size = sb_stream_get_receive_size (run->stream);

  run->core_MBps[run->run] = sb_bench_capture_MBps (run->total, run->receive_size,
                                                    &run->core_events, &overhead);

  if (++run->run < RUNS)
    {
      sb_stream_close (run->stream);
      g_clear_object (&run->stream);
      sb_capture_clear (sb_workbench_get_capture (run->workbench));
      g_timeout_add (500, start_flood_cb, run);
    }
  else
    start_scrolling (run);

  return G_SOURCE_REMOVE;
}

static void
stream_state_cb (SbStream   *stream,
                 GParamSpec *pspec,
                 UiRun      *run)
{
  if (sb_stream_get_state (stream) != SB_STREAM_PEER_CLOSED || run->end_us != 0)
    return;

  run->end_us = g_get_monotonic_time ();
  sb_bench_frames_stop (run->sampler);
  g_assert_cmpuint (sb_stream_get_bytes_received (stream), ==, run->total);
  /* Let the last rows land in the log first. */
  g_timeout_add (200, finish_flood_cb, run);
}

static void
accepted_cb (SbListener *listener,
             SbStream   *stream,
             UiRun      *run)
{
  g_assert_null (run->stream);
  run->stream = g_object_ref (stream);
  g_signal_connect (stream, "notify::state", G_CALLBACK (stream_state_cb), run);
}

static gboolean
start_flood_cb (gpointer data)
{
  UiRun *run = data;
  SbListener *listener = sb_workbench_get_server (run->workbench);

  if (run->run == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (run->window));

      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), run);
      g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), run);
      run->sampler = sb_bench_frames_new (GTK_WIDGET (run->window));

      sb_window_listen_on (SB_WINDOW (run->window), "127.0.0.1", 0);
      g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_LISTENING);
    }

  run->start_us = g_get_monotonic_time ();
  run->end_us = 0;
  sb_bench_frames_start (run->sampler, run->latencies_ms, NULL);
  run->sender = sb_bench_sender_start (sb_listener_get_port (listener), run->total);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             UiRun        *run)
{
  run->window = sb_bench_window_start (app, start_flood_cb, run);
  run->workbench = sb_window_get_workbench (SB_WINDOW (run->window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  UiRun run = { 0 };
  double ratios[RUNS];
  SbBenchFrameTimes times;
  double ui_MBps;
  double core_MBps;
  char *app_argv[] = { argv[0], NULL };

  run.total = (guint64) 256 << 20;
  if (argc > 1)
    run.total = g_ascii_strtoull (argv[1], NULL, 10) << 20;
  run.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.scroll_ms = g_array_new (FALSE, FALSE, sizeof (double));

  app = sb_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &run);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  g_assert_cmpuint (run.run, ==, RUNS);
  g_assert_cmpuint (run.jumps_done, ==, SCROLL_JUMPS);

  /* Each flood against the baseline run right after it, and the medians. */
  for (guint i = 0; i < RUNS; i++)
    {
      ratios[i] = run.ui_MBps[i] / run.core_MBps[i];
      printf ("# run %u: window %.1f MB/s, core %.1f MB/s, ratio %.3f\n",
              i + 1, run.ui_MBps[i], run.core_MBps[i], ratios[i]);
    }
  ui_MBps = sb_bench_median (run.ui_MBps, RUNS);
  core_MBps = sb_bench_median (run.core_MBps, RUNS);

  printf ("# %u runs of %" G_GUINT64_FORMAT " MiB into the server pane, recv size %u, "
          "%u latency samples, %u events in the log\n",
          RUNS, run.total >> 20, run.receive_size, run.latencies_ms->len, run.core_events);
  printf ("# log: %u scroll-and-select jumps over the whole log: "
          "p50 %.1f ms, max %.1f ms\n", run.scroll_ms->len,
          sb_bench_percentile (run.scroll_ms, 0.5), sb_bench_percentile (run.scroll_ms, 1.0));
  printf ("# log: %u row widgets, %d px high\n", run.row_widgets,
          run.log_height);
  printf ("log_scroll_p50_ms: %.1f\n", sb_bench_percentile (run.scroll_ms, 0.5));
  printf ("log_scroll_max_ms: %.1f\n", sb_bench_percentile (run.scroll_ms, 1.0));
  printf ("core_MBps: %.1f\n", core_MBps);
  printf ("ui_latency_p50_ms: %.1f\n", sb_bench_percentile (run.latencies_ms, 0.5));
  printf ("ui_latency_p99_ms: %.1f\n", sb_bench_percentile (run.latencies_ms, 0.99));
  printf ("ui_latency_max_ms: %.1f\n", sb_bench_percentile (run.latencies_ms, 1.0));
  printf ("ui_MBps: %.1f\n", ui_MBps);
  printf ("ui_ratio_to_core: %.3f\n", sb_bench_median (ratios, RUNS));
  sb_bench_frames_get_times (run.sampler, &times);
  printf ("# during the flood: %u frames (%.1f per second), %.1f ms each on average, "
          "%.0f%% of the time; of a frame, %.1f ms after the first layout pass\n", times.frames,
          times.frames / (run.flood_us / 1e6),
          times.frames ? times.busy_us / 1000.0 / times.frames : 0.0,
          100.0 * times.busy_us / (double) run.flood_us,
          times.frames ? times.render_us / 1000.0 / times.frames : 0.0);

  sb_bench_frames_free (run.sampler);
  g_array_unref (run.latencies_ms);
  g_array_unref (run.scroll_ms);
  g_clear_object (&run.stream);

  return EXIT_SUCCESS;
}
