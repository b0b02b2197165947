/* sb-bench-frames.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#include "config.h"

#include "sb-bench-frames.h"

struct _SbBenchFrames
{
  GtkWidget     *window;
  GdkFrameClock *clock;
  gulong         before_paint_id;
  gulong         layout_id;
  gulong         after_paint_id;
  GArray        *latencies_ms;  /* borrowed while started */
  GArray        *waits_ms;      /* borrowed while started, or NULL */
  gint64         due_us;        /* when the current sample was due */
  gint64         tick_us;       /* when the sampling timeout last ran */
  gboolean       probe_pending;
  guint          sample_id;

  gint64         frame_start_us;
  gint64         layout_end_us;
  SbBenchFrameTimes times;
};

static void
before_paint_cb (GdkFrameClock *clock,
                 SbBenchFrames *frames)
{
  frames->frame_start_us = g_get_monotonic_time ();
}

static void
layout_done_cb (GdkFrameClock *clock,
                SbBenchFrames *frames)
{
  frames->layout_end_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                SbBenchFrames *frames)
{
  gint64 now = g_get_monotonic_time ();
  gint64 frame_start_us = frames->frame_start_us;
  double ms;

  if (frames->sample_id != 0 && frame_start_us != 0)
    {
      frames->times.frames++;
      frames->times.busy_us += now - frame_start_us;
      frames->times.render_us += now - MAX (frames->layout_end_us, frame_start_us);
    }
  frames->frame_start_us = 0;

  if (!frames->probe_pending)
    return;

  ms = (now - frames->due_us) / 1000.0;
  g_array_append_val (frames->latencies_ms, ms);
  if (frames->waits_ms != NULL)
    {
      double wait_ms = MAX (frame_start_us - frames->due_us, 0) / 1000.0;

      g_array_append_val (frames->waits_ms, wait_ms);
    }
  frames->probe_pending = FALSE;
}

static gboolean
sample_cb (gpointer data)
{
  SbBenchFrames *frames = data;
  gint64 now = g_get_monotonic_time ();

  /* A tick is due one interval after the previous one ran (GLib schedules
   * the next expiration from the dispatch), so a late tick counts its own
   * lateness; the lateness of earlier ticks is not carried over. */
  if (!frames->probe_pending)
    {
      frames->due_us = MIN (now, frames->tick_us + SB_BENCH_SAMPLE_INTERVAL_MS * 1000);
      frames->probe_pending = TRUE;
      gtk_widget_queue_draw (frames->window);
    }
  frames->tick_us = now;

  return G_SOURCE_CONTINUE;
}

SbBenchFrames *
sb_bench_frames_new (GtkWidget *window)
{
  SbBenchFrames *frames = g_new0 (SbBenchFrames, 1);

  frames->window = g_object_ref (window);
  frames->clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (frames->clock);
  g_object_ref (frames->clock);
  frames->before_paint_id = g_signal_connect (frames->clock, "before-paint",
                                              G_CALLBACK (before_paint_cb), frames);
  frames->layout_id = g_signal_connect_after (frames->clock, "layout",
                                              G_CALLBACK (layout_done_cb), frames);
  frames->after_paint_id = g_signal_connect (frames->clock, "after-paint",
                                             G_CALLBACK (after_paint_cb), frames);

  return frames;
}

void
sb_bench_frames_start (SbBenchFrames *frames,
                       GArray        *latencies_ms,
                       GArray        *waits_ms)
{
  g_assert_cmpuint (frames->sample_id, ==, 0);

  frames->latencies_ms = latencies_ms;
  frames->waits_ms = waits_ms;
  frames->tick_us = g_get_monotonic_time ();
  frames->due_us = frames->tick_us;
  frames->probe_pending = FALSE;
  frames->sample_id = g_timeout_add (SB_BENCH_SAMPLE_INTERVAL_MS, sample_cb, frames);
}

void
sb_bench_frames_stop (SbBenchFrames *frames)
{
  g_clear_handle_id (&frames->sample_id, g_source_remove);
  frames->probe_pending = FALSE;
  frames->latencies_ms = NULL;
  frames->waits_ms = NULL;
}

void
sb_bench_frames_get_times (SbBenchFrames     *frames,
                           SbBenchFrameTimes *times)
{
  *times = frames->times;
}

void
sb_bench_frames_free (SbBenchFrames *frames)
{
  sb_bench_frames_stop (frames);
  /* Gone already if the window's frame clock was disposed. */
  if (g_signal_handler_is_connected (frames->clock, frames->after_paint_id))
    {
      g_signal_handler_disconnect (frames->clock, frames->before_paint_id);
      g_signal_handler_disconnect (frames->clock, frames->layout_id);
      g_signal_handler_disconnect (frames->clock, frames->after_paint_id);
    }
  g_clear_object (&frames->clock);
  g_clear_object (&frames->window);
  g_free (frames);
}
