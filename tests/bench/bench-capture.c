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

#define RUNS 3

int
main (int   argc,
      char *argv[])
{
  guint64 total = (guint64) 1 << 30;   /* 1 GiB */
  gsize recv_size = 65536;
  double capture[RUNS], raw[RUNS];
  double capture_MBps, raw_MBps;
  gsize overhead = 0;
  guint n_events = 0;

  if (argc > 1)
    total = g_ascii_strtoull (argv[1], NULL, 10) << 20;

  /* Alternate the two so that machine noise hits both alike. */
  for (guint i = 0; i < RUNS; i++)
    {
      raw[i] = sb_bench_raw_recv_MBps (total, recv_size);
      capture[i] = sb_bench_capture_MBps (total, recv_size, &n_events, &overhead);
      printf ("# run %u: raw %.0f MB/s, capture %.0f MB/s, %u events\n",
              i + 1, raw[i], capture[i], n_events);
    }

  capture_MBps = sb_bench_median (capture, RUNS);
  raw_MBps = sb_bench_median (raw, RUNS);

  printf ("# %" G_GUINT64_FORMAT " MiB per run, recv size %" G_GSIZE_FORMAT ", medians of %d runs\n",
          total >> 20, recv_size, RUNS);
  printf ("capture_MBps: %.1f\n", capture_MBps);
  printf ("raw_recv_MBps: %.1f\n", raw_MBps);
  printf ("capture_ratio: %.3f\n", capture_MBps / raw_MBps);
  printf ("capture_overhead_bytes_per_event: %" G_GSIZE_FORMAT "\n", overhead);

  return EXIT_SUCCESS;
}
