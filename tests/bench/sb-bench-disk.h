/* sb-bench-disk.h — the disk the capture spills to, measured in the same run
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An unlinked file in the temporary folder, opened for writing with
 * O_DIRECT where the file system takes it (*direct says whether). */
int     sb_bench_disk_open_tmp      (gboolean *direct);

/* The disk's own speed at the capture's kind of writes: @bytes in chunks
 * of SB_CAPTURE_CHUNK_SIZE, one after the other, O_DIRECT (as the spill
 * writer does) to an unlinked file in the temporary folder the spill file
 * goes to.  Returns MB/s (10^6 bytes); *direct says whether O_DIRECT was
 * accepted. */
double  sb_bench_disk_write_MBps    (guint64   bytes,
                                     gboolean *direct);

/* The most a capture of @total bytes that spills @spilled of them (payloads
 * and event records) can take in per second when the disk writes
 * @disk_MBps: it cannot end before the disk has written what it spills
 * (the memory holding it is needed again), so not sooner than
 * @spilled / @disk_MBps.  MB/s; 0 when nothing spills (no floor). */
double  sb_bench_disk_floor_MBps    (guint64   total,
                                     guint64   spilled,
                                     double    disk_MBps);

G_END_DECLS
