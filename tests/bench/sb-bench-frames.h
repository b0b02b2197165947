/* sb-bench-frames.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_BENCH_SAMPLE_INTERVAL_MS 50

/* The window's frame latency as a person feels it: while started, every
 * SB_BENCH_SAMPLE_INTERVAL_MS a redraw is queued, and the time from when
 * that sample was due to the frame clock's next after-paint is one
 * latency, in ms.  A sample still waiting for its frame counts once, from
 * when it was due.  It also counts the frames painted while started and
 * the time they took: from before-paint to after-paint, and from the end
 * of the first layout pass (more may follow) to after-paint. */
typedef struct _SbBenchFrames SbBenchFrames;

typedef struct
{
  guint  frames;
  gint64 busy_us;
  gint64 render_us;
} SbBenchFrameTimes;

/* @window must be realized (it has a frame clock). */
SbBenchFrames *sb_bench_frames_new   (GtkWidget     *window);
/* Appends each latency to @latencies_ms (doubles) until stopped, and, to
 * @waits_ms if not NULL, the part of it spent before the frame began
 * (before-paint): the frame clock paints at most once a refresh interval,
 * so a sample due just after a frame waits for the next one. */
void           sb_bench_frames_start (SbBenchFrames *frames,
                                      GArray        *latencies_ms,
                                      GArray        *waits_ms);
void           sb_bench_frames_stop  (SbBenchFrames *frames);
/* The frames painted while started, over all starts so far. */
void           sb_bench_frames_get_times (SbBenchFrames     *frames,
                                          SbBenchFrameTimes *times);
void           sb_bench_frames_free  (SbBenchFrames *frames);

G_END_DECLS
