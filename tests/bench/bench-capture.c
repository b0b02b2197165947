/* bench-capture.c — capture throughput against a plain recv() loop
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sb-bench-util.h"

#define MAX_RUNS 21

int
main (int   argc,
      char *argv[])
{
  guint64 total = (guint64) 1 << 30;   /* 1 GiB */
  gsize recv_size = 65536;
  guint runs = 5;
  double capture[MAX_RUNS], raw[MAX_RUNS];
  double capture_MBps, raw_MBps;
  gsize overhead = 0;
  guint n_events = 0;
  guint64 budget = 0;

  /* bench-capture [MiB per run [runs]]: 1024 MiB and 5 runs by default. */
  if (argc > 1)
    total = g_ascii_strtoull (argv[1], NULL, 10) << 20;
  if (argc > 2)
    runs = CLAMP ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1, MAX_RUNS);
  if (total == 0)
    {
      fprintf (stderr, "Usage: %s [MiB per run [runs]]\n", argv[0]);
      return EXIT_FAILURE;
    }

  /* Alternate the two, starting with each in turn, so that machine noise
   * and a warm or cold cache hit both alike. */
  for (guint i = 0; i < runs; i++)
    {
      SbBenchCpu raw_cpu, capture_cpu;

      if (i % 2 == 0)
        raw[i] = sb_bench_raw_recv_run (total, recv_size, &raw_cpu);
      capture[i] = sb_bench_capture_run (total, recv_size, &n_events, &overhead,
                                         &budget, &capture_cpu);
      if (i % 2 == 1)
        raw[i] = sb_bench_raw_recv_run (total, recv_size, &raw_cpu);
      printf ("# run %u: raw %.0f MB/s (cpu %.2f s user, %.2f s sys), "
              "capture %.0f MB/s (cpu %.2f s user, %.2f s sys), %u events\n",
              i + 1, raw[i], raw_cpu.user_s, raw_cpu.system_s,
              capture[i], capture_cpu.user_s, capture_cpu.system_s, n_events);
    }

  capture_MBps = sb_bench_median (capture, runs);
  raw_MBps = sb_bench_median (raw, runs);

  printf ("# %" G_GUINT64_FORMAT " MiB per run, recv size %" G_GSIZE_FORMAT
          ", capture memory budget %" G_GUINT64_FORMAT " MiB, medians of %u runs\n",
          total >> 20, recv_size, budget >> 20, runs);
  printf ("capture_MBps: %.1f\n", capture_MBps);
  printf ("raw_recv_MBps: %.1f\n", raw_MBps);
  printf ("capture_ratio: %.3f\n", capture_MBps / raw_MBps);
  printf ("capture_overhead_bytes_per_event: %" G_GSIZE_FORMAT "\n", overhead);

  return EXIT_SUCCESS;
}
