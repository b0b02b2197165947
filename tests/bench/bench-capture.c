/* bench-capture.c — capture throughput against a plain recv() loop, and
 * against the disk the capture spills to
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-bench-disk.h"
#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-capture-helper.h"

#define MAX_RUNS 21
#define MIB (1024 * 1024)

/* What a capture of @total bytes (in recvs of @recv_size) with the default
 * budget spills: the same capture, straight into SbCapture without a
 * socket.  Returns the bytes written to the spill files before the end
 * (payloads and records let go from memory). */
static guint64
bytes_spilled (guint64 total,
               gsize   recv_size)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 1;
  info.requested = recv_size;
  info.result = (gint64) recv_size;
  for (guint64 done = 0; done < total; done += recv_size)
    {
      guint8 *dest = sb_capture_reserve (capture, recv_size);

      memset (dest, (int) (done >> 16), recv_size);
      sb_capture_commit (capture, &info, recv_size);
    }

  return sb_capture_get_spilled_bytes (capture) + sb_capture_get_spilled_record_bytes (capture);
}

/* Runs of the capture and of the plain loop alternate, each starting in
 * turn, so that machine noise and a warm or cold cache hit both alike. */
static void
compare_runs (guint64  total,
              gsize    recv_size,
              guint    runs,
              double  *capture,
              double  *raw,
              double  *keep,
              guint64 *budget,
              gsize   *overhead)
{
  for (guint i = 0; i < runs; i++)
    {
      SbBenchCpu raw_cpu, keep_cpu, capture_cpu;
      guint n_events = 0;

      if (i % 2 == 0)
        raw[i] = sb_bench_raw_recv_run (total, recv_size, &raw_cpu);
      capture[i] = sb_bench_capture_run (total, recv_size, &n_events, overhead,
                                         budget, &capture_cpu);
      /* As much memory as the capture kept its bytes in. */
      keep[i] = sb_bench_keep_recv_run (total, recv_size, (gsize) MIN (*budget, total),
                                        &keep_cpu);
      if (i % 2 == 1)
        raw[i] = sb_bench_raw_recv_run (total, recv_size, &raw_cpu);
      printf ("# run %u: raw %.0f MB/s (cpu %.2f s user, %.2f s sys), "
              "kept %.0f MB/s (cpu %.2f s user, %.2f s sys), "
              "capture %.0f MB/s (cpu %.2f s user, %.2f s sys), %u events\n",
              i + 1, raw[i], raw_cpu.user_s, raw_cpu.system_s,
              keep[i], keep_cpu.user_s, keep_cpu.system_s,
              capture[i], capture_cpu.user_s, capture_cpu.system_s, n_events);
    }
}

/* Captures with 4 KiB or huge pages: first @runs into fresh memory only
 * (the pool of recycled chunks emptied before each, as every run was before
 * chunks were recycled), then @runs from the pool (the capture after the
 * first in the process).  Medians into *cold and *warm. */
static void
pages_MBps (guint64  total,
            gsize    recv_size,
            guint    runs,
            gboolean huge,
            double  *cold,
            double  *warm)
{
  double values[MAX_RUNS];

  sb_chunk_memory_set_huge_pages (huge);
  for (guint i = 0; i < 2 * runs; i++)
    {
      SbBenchCpu cpu;
      guint64 budget;
      gsize overhead;
      guint n_events;

      if (i < runs)
        sb_chunk_pool_drain ();
      values[i % runs] = sb_bench_capture_run (total, recv_size, &n_events, &overhead,
                                               &budget, &cpu);
      printf ("# %s run %u, %s pages: capture %.0f MB/s\n", i < runs ? "cold" : "warm",
              i % runs + 1, huge ? "huge" : "4 KiB", values[i % runs]);
      if (i == runs - 1)
        *cold = sb_bench_median (values, runs);
    }
  *warm = sb_bench_median (values, runs);
}

int
main (int   argc,
      char *argv[])
{
  guint64 total = (guint64) 1 << 30;   /* 1 GiB */
  gsize recv_size = 65536;
  guint runs = 5;
  double capture[MAX_RUNS], raw[MAX_RUNS], keep[MAX_RUNS], disk[MAX_RUNS];
  double capture_MBps, raw_MBps, keep_MBps, disk_MBps, floor_MBps;
  double memory_MBps, memory_raw_MBps, memory_keep_MBps;
  double cold_4k, cold_huge, warm_4k, warm_huge;
  gboolean direct = FALSE;
  gsize overhead = 0;
  guint64 budget = 0, memory_budget = 0;
  guint64 spilled;

  /* bench-capture [MiB per run [runs [recv size]]]: 1024 MiB, 5 runs and
   * recv 65536 by default. */
  if (argc > 1)
    total = g_ascii_strtoull (argv[1], NULL, 10) << 20;
  if (argc > 2)
    runs = CLAMP ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1, MAX_RUNS);
  if (argc > 3)
    recv_size = (gsize) g_ascii_strtoull (argv[3], NULL, 10);
  if (total == 0 || recv_size == 0 || recv_size > 16 * MIB)
    {
      fprintf (stderr, "Usage: %s [MiB per run [runs [recv size]]]\n", argv[0]);
      return EXIT_FAILURE;
    }

  /* With the default budget, as in the window: past it, the capture must
   * spill to disk.  The first run fills the pool; the others recycle. */
  g_unsetenv ("SB_BENCH_MEMORY_BUDGET_MIB");
  compare_runs (total, recv_size, runs, capture, raw, keep, &budget, &overhead);
  capture_MBps = sb_bench_median (capture, runs);
  raw_MBps = sb_bench_median (raw, runs);
  keep_MBps = sb_bench_median (keep, runs);

  /* The disk's speed, in the same run, over as many bytes as a capture
   * of this size spills.  A capture that must spill S of its T bytes
   * cannot end before the disk has written S (the memory holding them is
   * needed again), so at disk speed D it cannot beat T / (S / D): the
   * floor the disk sets on its time, as a ceiling on its speed. */
  spilled = bytes_spilled (total, recv_size);
  for (guint i = 0; i < runs; i++)
    disk[i] = sb_bench_disk_write_MBps (MAX (spilled, 64 * MIB), &direct);
  disk_MBps = sb_bench_median (disk, runs);
  floor_MBps = sb_bench_disk_floor_MBps (total, spilled, disk_MBps);

  /* A capture that fits its budget: no disk at all. */
  memory_budget = MAX (4 * total, 256 * MIB);
  {
    g_autofree char *mib = g_strdup_printf ("%" G_GUINT64_FORMAT, memory_budget >> 20);

    g_setenv ("SB_BENCH_MEMORY_BUDGET_MIB", mib, TRUE);
  }
  printf ("# in memory, budget %" G_GUINT64_FORMAT " MiB:\n", memory_budget >> 20);
  compare_runs (total, recv_size, runs, capture, raw, keep, &memory_budget, &overhead);
  memory_MBps = sb_bench_median (capture, runs);
  memory_raw_MBps = sb_bench_median (raw, runs);
  memory_keep_MBps = sb_bench_median (keep, runs);
  g_unsetenv ("SB_BENCH_MEMORY_BUDGET_MIB");

  /* Fresh memory every run, then recycled, with 4 KiB pages (the default)
   * and with huge pages, to choose between them. */
  pages_MBps (total, recv_size, MIN (runs, 3), FALSE, &cold_4k, &warm_4k);
  pages_MBps (total, recv_size, MIN (runs, 3), TRUE, &cold_huge, &warm_huge);
  sb_chunk_memory_set_huge_pages (FALSE);

  printf ("# %" G_GUINT64_FORMAT " MiB per run, recv size %" G_GSIZE_FORMAT
          ", capture memory budget %" G_GUINT64_FORMAT " MiB, medians of %u runs;"
          " %" G_GUINT64_FORMAT " MiB spilled per run, disk test in %s, %s\n",
          total >> 20, recv_size, budget >> 20, runs, spilled >> 20,
          g_get_tmp_dir (), direct ? "O_DIRECT" : "buffered (no O_DIRECT here)");
  printf ("capture_MBps: %.1f\n", capture_MBps);
  printf ("raw_recv_MBps: %.1f\n", raw_MBps);
  printf ("capture_ratio: %.3f\n", capture_MBps / raw_MBps);
  printf ("capture_disk_write_MBps: %.1f\n", disk_MBps);
  printf ("capture_disk_floor_MBps: %.1f\n", floor_MBps);
  /* Against the lesser of the two limits: the aim is 0.9 or more. */
  printf ("capture_ratio_to_limit: %.3f\n",
          capture_MBps / (floor_MBps > 0 ? MIN (raw_MBps, floor_MBps) : raw_MBps));
  /* The same against a loop that keeps the bytes too (see
   * sb_bench_keep_recv_run): what writing them to memory costs alone. */
  printf ("capture_keep_floor_MBps: %.1f\n", keep_MBps);
  printf ("capture_ratio_to_keep_limit: %.3f\n",
          capture_MBps / (floor_MBps > 0 ? MIN (keep_MBps, floor_MBps) : keep_MBps));
  printf ("capture_in_memory_MBps: %.1f\n", memory_MBps);
  printf ("capture_ratio_in_memory: %.3f\n", memory_MBps / memory_raw_MBps);
  printf ("capture_in_memory_keep_floor_MBps: %.1f\n", memory_keep_MBps);
  printf ("capture_ratio_in_memory_to_keep: %.3f\n", memory_MBps / memory_keep_MBps);
  printf ("capture_cold_4k_pages_MBps: %.1f\n", cold_4k);
  printf ("capture_cold_huge_pages_MBps: %.1f\n", cold_huge);
  printf ("capture_warm_4k_pages_MBps: %.1f\n", warm_4k);
  printf ("capture_warm_huge_pages_MBps: %.1f\n", warm_huge);
  printf ("capture_overhead_bytes_per_event: %" G_GSIZE_FORMAT "\n", overhead);

  return EXIT_SUCCESS;
}
