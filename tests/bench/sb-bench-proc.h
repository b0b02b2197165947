/* sb-bench-proc.h — what the kernel says about the benchmark's own process
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Processor time (user and system) used so far by every thread of the
 * process, children not included, in seconds. */
double   sb_bench_process_cpu_s     (void);
/* The time the main thread has spent runnable but waiting for a processor
 * (the second field of /proc/self/schedstat), in seconds, or -1 when it
 * cannot be read.  On a loaded machine a busy process gets less than it
 * asks for: this says how much less. */
double   sb_bench_main_thread_wait_s (void);
/* The time the main thread has spent on a processor (the first field of
 * /proc/self/schedstat), in seconds, or -1 when it cannot be read. */
double   sb_bench_main_thread_run_s (void);
/* The kernel's count of connections dropped because an accept queue was
 * full (TcpExt ListenOverflows in /proc/net/netstat: the whole network
 * namespace, not this process alone), or 0 when it cannot be read. */
guint64  sb_bench_listen_overflows  (void);
/* A "kB" field of /proc/self/status ("VmRSS", "VmHWM"), in bytes, or 0
 * when it cannot be read. */
guint64  sb_bench_status_bytes      (const char *field);
/* Resets the peak resident size (VmHWM) to the current one, by writing
 * "5" to /proc/self/clear_refs.  FALSE when the kernel did not: VmHWM is
 * then the peak since the process started. */
gboolean sb_bench_reset_peak_rss    (void);
/* The load average line ("1.02 0.87 0.60"), for the conditions of a run. */
char    *sb_bench_load_average      (void);
/* Bytes free for an unprivileged user in the file system holding @path,
 * or 0 when it cannot be read. */
guint64  sb_bench_free_bytes        (const char *path);

G_END_DECLS
