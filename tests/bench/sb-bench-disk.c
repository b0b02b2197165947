/* sb-bench-disk.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"
#define _GNU_SOURCE  /* O_DIRECT */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-bench-disk.h"
#include "sb-capture.h"

int
sb_bench_disk_open_tmp (gboolean *direct)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int flags;
  int fd;

  fd = g_file_open_tmp ("sockbench-bench-disk-XXXXXX", &path, &error);
  if (fd < 0)
    g_error ("temporary file: %s", error->message);
  g_unlink (path);

  flags = fcntl (fd, F_GETFL);
  *direct = flags >= 0 && fcntl (fd, F_SETFL, flags | O_DIRECT) == 0;

  return fd;
}

double
sb_bench_disk_write_MBps (guint64   bytes,
                          gboolean *direct)
{
  guint8 *block = NULL;
  gint64 start;
  int fd = sb_bench_disk_open_tmp (direct);

  if (posix_memalign ((void **) &block, 4096, SB_CAPTURE_CHUNK_SIZE) != 0)
    g_error ("Out of memory");
  for (gsize i = 0; i < SB_CAPTURE_CHUNK_SIZE; i++)
    block[i] = (guint8) (i * 7 + (i >> 12));

  start = g_get_monotonic_time ();
  for (guint64 done = 0; done < bytes; done += SB_CAPTURE_CHUNK_SIZE)
    {
      ssize_t n = pwrite (fd, block, SB_CAPTURE_CHUNK_SIZE, (off_t) done);

      if (n != SB_CAPTURE_CHUNK_SIZE)
        g_error ("Cannot write the disk test file: %s",
                 n < 0 ? g_strerror (errno) : "short write");
    }
  start = g_get_monotonic_time () - start;

  close (fd);
  free (block);

  return (double) bytes / (double) MAX (start, 1);
}

double
sb_bench_disk_floor_MBps (guint64 total,
                          guint64 spilled,
                          double  disk_MBps)
{
  return (spilled > 0) ? disk_MBps * (double) total / (double) spilled : 0;
}
