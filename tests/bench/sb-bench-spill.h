/* sb-bench-spill.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-bench-util.h"

G_BEGIN_DECLS

/* The floor for a capture that spills: the plain recv(@recv_size) loop,
 * each call after the last in chunks of SB_CAPTURE_CHUNK_SIZE (touched
 * beforehand), and every full chunk past the first @in_memory bytes
 * written to a temporary file by a second thread, with O_DIRECT where the
 * file system takes it, as the capture spills.  Nothing else: no event
 * records, no main loop.  The receiver waits for a free chunk when the
 * writer falls behind (as the capture does).  This is the least work any
 * tool keeping every byte past its memory must do, on the same processors
 * as the sender: where they are fewer than the threads that need one, it
 * is below both the plain loop and the disk's speed.  Returns MB/s;
 * *direct says whether O_DIRECT was used. */
double sb_bench_spill_recv_run (guint64     total,
                                gsize       recv_size,
                                guint64     in_memory,
                                gboolean   *direct,
                                SbBenchCpu *cpu);

G_END_DECLS
