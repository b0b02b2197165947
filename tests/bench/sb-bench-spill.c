/* sb-bench-spill.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sb-bench-disk.h"
#include "sb-bench-spill.h"
#include "sb-capture.h"

/* Chunks on their way to the disk at once, beside the one being filled. */
#define IN_FLIGHT 4

typedef struct
{
  GAsyncQueue *full;   /* chunks to write, then NULL to stop */
  GAsyncQueue *free;   /* chunks written, to fill again */
  int          fd;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  off_t offset = 0;
  guint8 *chunk;

  while ((chunk = g_async_queue_pop (writer->full)) != GINT_TO_POINTER (1))
    {
      ssize_t n = pwrite (writer->fd, chunk, SB_CAPTURE_CHUNK_SIZE, offset);

      if (n != SB_CAPTURE_CHUNK_SIZE)
        g_error ("Cannot write the spill floor's file: %s",
                 n < 0 ? g_strerror (errno) : "short write");
      offset += SB_CAPTURE_CHUNK_SIZE;
      g_async_queue_push (writer->free, chunk);
    }

  return NULL;
}

double
sb_bench_spill_recv_run (guint64     total,
                         gsize       recv_size,
                         guint64     in_memory,
                         gboolean   *direct,
                         SbBenchCpu *cpu)
{
  Writer writer = { g_async_queue_new (), g_async_queue_new (), sb_bench_disk_open_tmp (direct) };
  guint8 *chunks[IN_FLIGHT + 1];
  GThread *thread;
  SbBenchSender *sender;
  guint64 received = 0;
  guint64 filled = 0;
  guint8 *chunk;
  gsize offset = 0;
  gint64 start;
  double MBps;
  int fd;

  g_assert_cmpuint (recv_size, <=, SB_CAPTURE_CHUNK_SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      if (posix_memalign ((void **) &chunks[i], 4096, SB_CAPTURE_CHUNK_SIZE) != 0)
        g_error ("Out of memory");
      memset (chunks[i], 0, SB_CAPTURE_CHUNK_SIZE);
      if (i > 0)
        g_async_queue_push (writer.free, chunks[i]);
    }
  chunk = chunks[0];
  thread = g_thread_new ("sb-bench-spill", writer_thread, &writer);
  fd = sb_bench_stream_open (total, &sender, cpu, &start);

  for (;;)
    {
      ssize_t n;

      /* A full chunk: kept (reused: its memory is as touched as a kept
       * one) while within @in_memory, else written and another taken. */
      if (offset + recv_size > SB_CAPTURE_CHUNK_SIZE)
        {
          filled += SB_CAPTURE_CHUNK_SIZE;
          if (filled > in_memory)
            {
              g_async_queue_push (writer.full, chunk);
              chunk = g_async_queue_pop (writer.free);
            }
          offset = 0;
        }
      n = recv (fd, chunk + offset, recv_size, 0);
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        break;
      received += (guint64) n;
      offset += (gsize) n;
    }

  /* The clock stops at the stream's end, as the capture's does: the
   * chunks still on their way to the disk are not waited for. */
  MBps = sb_bench_stream_close (fd, sender, cpu, start, received, total);
  g_async_queue_push (writer.full, GINT_TO_POINTER (1));
  g_thread_join (thread);

  close (writer.fd);
  g_async_queue_unref (writer.full);
  g_async_queue_unref (writer.free);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    free (chunks[i]);

  return MBps;
}
