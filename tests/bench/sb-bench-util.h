/* sb-bench-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* A local sender "as fast as it can": a thread that connects to 127.0.0.1:port
 * with a blocking socket, writes @total bytes of a known pattern in 1 MiB
 * send() calls, and closes. */
typedef struct _SbBenchSender SbBenchSender;

SbBenchSender *sb_bench_sender_start       (guint16        port,
                                            guint64        total);
void           sb_bench_sender_join        (SbBenchSender *sender);

/* Processor time the whole process (receiver and sender) used in a run,
 * and the receiving (calling) thread's own share. */
typedef struct
{
  double user_s;
  double system_s;
  double thread_s;
} SbBenchCpu;

/* Processor time the calling thread used so far, in microseconds. */
gint64         sb_bench_thread_cpu_us      (void);

/* A stream from an SbBenchSender of @total bytes, accepted: returns the
 * connected descriptor, with the process's processor time and the clock
 * (*start) taken just before the sender started. */
int            sb_bench_stream_open        (guint64         total,
                                            SbBenchSender **sender,
                                            SbBenchCpu     *cpu,
                                            gint64         *start);
/* Its end: joins the sender, stops the clock and the processor time,
 * closes @fd, asserts that @received is @total.  Returns MB/s. */
double         sb_bench_stream_close       (int             fd,
                                            SbBenchSender  *sender,
                                            SbBenchCpu     *cpu,
                                            gint64          start,
                                            guint64         received,
                                            guint64         total);
/* The baseline: a plain blocking accept() and recv(@recv_size) loop over
 * @total bytes from an SbBenchSender.  Returns MB/s (10^6 bytes). */
double         sb_bench_raw_recv_MBps      (guint64        total,
                                            gsize          recv_size);
/* The same, also saying how much processor time the run took. */
double         sb_bench_raw_recv_run       (guint64        total,
                                            gsize          recv_size,
                                            SbBenchCpu    *cpu);

/* The floor for keeping the bytes: the same loop, but each recv() goes
 * to the next place in @keep_size bytes of memory (touched beforehand,
 * and reused from the start when full), as any tool that keeps what it
 * receives must write it to memory beyond the processor's caches. */
double         sb_bench_keep_recv_run      (guint64        total,
                                            gsize          recv_size,
                                            gsize          keep_size,
                                            SbBenchCpu    *cpu);

/* The same stream into an SbListener with capture on, driven by the GLib
 * main loop, with the capture's default memory budget (unless the
 * environment sets SB_BENCH_MEMORY_BUDGET_MIB, for experiments).  Asserts
 * that every byte arrived and was captured, reading each back.  Returns
 * MB/s; *n_events receives the events captured. */
double         sb_bench_capture_MBps       (guint64        total,
                                            gsize          recv_size,
                                            guint         *n_events,
                                            gsize         *overhead_per_event);
/* The same, also saying the memory budget used and the processor time. */
double         sb_bench_capture_run        (guint64        total,
                                            gsize          recv_size,
                                            guint         *n_events,
                                            gsize         *overhead_per_event,
                                            guint64       *budget,
                                            SbBenchCpu    *cpu);

double         sb_bench_median             (double        *values,
                                            guint          n);
/* The value at fraction @p (0 to 1) of @values, which it sorts. */
double         sb_bench_percentile         (GArray        *values,
                                            double         p);
/* The same, or 0 when @values is empty (a run that measured nothing). */
double         sb_bench_percentile_or_zero (GArray        *values,
                                            double         p);

G_END_DECLS
