/* sb-capture-helper.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-capture"
#define _GNU_SOURCE  /* sync_file_range () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sb-capture.h"
#include "sb-capture-helper.h"

/* With huge pages on, chunks are mapped on 2 MiB boundaries so that the
 * kernel can back them with huge pages: fewer page faults on fresh memory,
 * fewer TLB misses as recv() copies into it.  Off by default, as measured
 * here (2 cores at load 8-9): 1 GiB captured into fresh memory within the
 * budget ran at 197-283 MB/s with 4 KiB pages against 79-108 with huge
 * ones (3.4-4.3 s of system time: on this VM a huge page costs milliseconds
 * to fault in again once the host took the freed block back).  With the
 * default budget, where most memory is recycled from the pool, huge pages
 * did better (bench-capture, medians of 3: fresh 420-693 MB/s against
 * 301-370, recycled 453-709 against 408-625), but not by enough to risk the
 * stall; bench-capture prints both. */
#define HUGE_PAGE_SIZE (2 * 1024 * 1024)
#define PAGE_SIZE_4K   4096

struct _SbCaptureHelper
{
  const char  *name;
  GThread     *thread;
  GAsyncQueue *jobs;
  GAsyncQueue *done;
  guint        n_out;
};

static gint    huge_pages;  /* atomic */
static guint64 n_mapped;    /* under pool_lock */

/* The pool: a LIFO of SbChunkMemory, the most recently used first (the
 * warmest in the processor's caches and the least likely to have been
 * reclaimed). */
G_LOCK_DEFINE_STATIC (pool_lock);
static GPtrArray *pool;
static guint64    pool_bytes;

static guint8 *
map_plain (gsize size)
{
  guint8 *base = mmap (NULL, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (base == MAP_FAILED)
    g_error ("Cannot allocate %" G_GSIZE_FORMAT " bytes for the capture: %s",
             size, g_strerror (errno));

  return base;
}

static guint8 *
map_huge (gsize size)
{
  gsize mapped = size + HUGE_PAGE_SIZE;
  guint8 *base = map_plain (mapped);
  guint8 *aligned;

  /* Keep the aligned part, give back the rest. */
  aligned = (guint8 *) (((guintptr) base + HUGE_PAGE_SIZE - 1)
                        & ~(guintptr) (HUGE_PAGE_SIZE - 1));
  if (aligned > base)
    munmap (base, aligned - base);
  mapped -= aligned - base;
  if (mapped > size)
    munmap (aligned + size, mapped - size);

  madvise (aligned, size, MADV_HUGEPAGE);

  return aligned;
}

SbChunkMemory *
sb_chunk_memory_new (gsize size)
{
  SbChunkMemory *memory = g_new (SbChunkMemory, 1);

  size = (size + PAGE_SIZE_4K - 1) & ~(gsize) (PAGE_SIZE_4K - 1);
  memory->data = g_atomic_int_get (&huge_pages) ? map_huge (size) : map_plain (size);
  memory->size = size;
  memory->recycle_limit = 0;

  G_LOCK (pool_lock);
  n_mapped++;
  G_UNLOCK (pool_lock);

  return memory;
}

void
sb_chunk_memory_free (gpointer data)
{
  SbChunkMemory *memory = data;

  munmap (memory->data, memory->size);
  g_free (memory);
}

void
sb_chunk_memory_recycle (gpointer data)
{
  SbChunkMemory *memory = data;

  sb_chunk_pool_put (memory, memory->recycle_limit);
}

/* A counter kept under pool_lock, read under it. */
static guint64
read_locked (const guint64 *counter)
{
  guint64 value;

  G_LOCK (pool_lock);
  value = *counter;
  G_UNLOCK (pool_lock);

  return value;
}

guint64
sb_chunk_memory_get_n_mapped (void)
{
  return read_locked (&n_mapped);
}

void
sb_chunk_memory_set_huge_pages (gboolean huge)
{
  if (g_atomic_int_get (&huge_pages) == !!huge)
    return;

  g_atomic_int_set (&huge_pages, !!huge);
  sb_chunk_pool_drain ();
}

gboolean
sb_chunk_memory_get_huge_pages (void)
{
  return g_atomic_int_get (&huge_pages);
}

SbChunkMemory *
sb_chunk_pool_take (void)
{
  SbChunkMemory *memory = NULL;

  G_LOCK (pool_lock);
  if (pool != NULL && pool->len > 0)
    {
      memory = g_ptr_array_steal_index_fast (pool, pool->len - 1);
      pool_bytes -= memory->size;
    }
  G_UNLOCK (pool_lock);

  return memory;
}

void
sb_chunk_pool_put (SbChunkMemory *memory,
                   guint64        limit)
{
  gboolean kept = FALSE;

  G_LOCK (pool_lock);
  if (memory->size == SB_CAPTURE_CHUNK_SIZE && pool_bytes + memory->size <= limit)
    {
      if (pool == NULL)
        pool = g_ptr_array_new ();
      g_ptr_array_add (pool, memory);
      pool_bytes += memory->size;
      kept = TRUE;
    }
  G_UNLOCK (pool_lock);

  if (!kept)
    sb_chunk_memory_free (memory);
}

guint64
sb_chunk_pool_get_bytes (void)
{
  return read_locked (&pool_bytes);
}

void
sb_chunk_pool_drain (void)
{
  SbChunkMemory *memory;

  while ((memory = sb_chunk_pool_take ()) != NULL)
    sb_chunk_memory_free (memory);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len,
           guint64       offset)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pwrite (fd, data + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += n;
    }

  return TRUE;
}

/* Without O_DIRECT, writeback of each chunk starts as soon as it is
 * written, and the page cache of the range to retire, a few chunks behind,
 * is dropped once written: the same few pages are used over and over
 * rather than fresh ones for every byte, and the page cache does not grow
 * by the whole capture. */
static void
spill_job_run (SbJob *job)
{
  if (!write_all (job->fd, job->memory->data, job->len, job->offset))
    {
      int errnum = errno != 0 ? errno : EIO;
      int flags = fcntl (job->fd, F_GETFL);

      /* O_DIRECT was accepted but not the write: go on without it. */
      if (errnum == EINVAL && flags >= 0 && (flags & O_DIRECT)
          && fcntl (job->fd, F_SETFL, flags & ~O_DIRECT) == 0)
        {
          spill_job_run (job);
          return;
        }

      job->errnum = errnum;
      return;
    }

  sync_file_range (job->fd, (off_t) job->offset, (off_t) job->len, SYNC_FILE_RANGE_WRITE);
  if (job->retire_to > job->retire_from)
    {
      off_t from = (off_t) job->retire_from;
      off_t n = (off_t) (job->retire_to - job->retire_from);

      sync_file_range (job->fd, from, n,
                       SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE
                       | SYNC_FILE_RANGE_WAIT_AFTER);
      posix_fadvise (job->fd, from, n, POSIX_FADV_DONTNEED);
    }
}

static void
prepare_job_run (SbJob *job)
{
  job->memory = sb_chunk_memory_new (job->len);
  if (madvise (job->memory->data, job->memory->size, MADV_POPULATE_WRITE) != 0)
    for (gsize i = 0; i < job->memory->size; i += 4096)
      job->memory->data[i] = 0;
}

static gpointer
helper_main (gpointer data)
{
  SbCaptureHelper *self = data;

  for (;;)
    {
      SbJob *job = g_async_queue_pop (self->jobs);

      switch (job->kind)
        {
        case SB_JOB_PREPARE:
          prepare_job_run (job);
          break;

        case SB_JOB_SPILL:
          spill_job_run (job);
          break;

        case SB_JOB_QUIT:
        default:
          g_free (job);
          return NULL;
        }

      g_async_queue_push (self->done, job);
    }
}

SbCaptureHelper *
sb_capture_helper_new (const char *name)
{
  SbCaptureHelper *self = g_new0 (SbCaptureHelper, 1);

  self->name = name;
  self->jobs = g_async_queue_new ();
  self->done = g_async_queue_new ();

  return self;
}

void
sb_capture_helper_free (SbCaptureHelper *self)
{
  g_assert (self->n_out == 0);

  if (self->thread != NULL)
    {
      SbJob *quit = g_new0 (SbJob, 1);

      quit->kind = SB_JOB_QUIT;
      g_async_queue_push (self->jobs, quit);
      g_thread_join (self->thread);
    }

  g_async_queue_unref (self->jobs);
  g_async_queue_unref (self->done);
  g_free (self);
}

void
sb_capture_helper_send (SbCaptureHelper *self,
                        SbJob           *job)
{
  if (self->thread == NULL)
    self->thread = g_thread_new (self->name, helper_main, self);

  self->n_out++;
  g_async_queue_push (self->jobs, job);
}

SbJob *
sb_capture_helper_receive (SbCaptureHelper *self,
                           gboolean         wait)
{
  SbJob *job;

  if (self->n_out == 0)
    return NULL;

  job = wait ? g_async_queue_pop (self->done) : g_async_queue_try_pop (self->done);
  if (job != NULL)
    self->n_out--;

  return job;
}

guint
sb_capture_helper_get_n_out (SbCaptureHelper *self)
{
  return self->n_out;
}
