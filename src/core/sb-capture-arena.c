/* sb-capture-arena.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-capture"
#define _GNU_SOURCE  /* O_DIRECT */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sb-capture.h"
#include "sb-capture-arena.h"
#include "sb-capture-disk.h"
#include "sb-capture-helper.h"

/* The spill file is written with O_DIRECT where the file system allows:
 * the disk then takes the bytes straight from the chunk, with no copy into
 * the page cache.  Each chunk then starts at a multiple of this. */
#define SPILL_ALIGN 4096

/* Otherwise, the spill file's page cache kept per capture: older pages are
 * dropped once written (see sb-capture-helper.c). */
#define SPILL_WINDOW (4 * SB_CAPTURE_CHUNK_SIZE)

/* Chunks of fresh memory kept faulted in ahead of the receiving thread:
 * first touch of fresh memory is the slowest part of a flood.  Only while
 * the arena fills fast (a chunk in under FAST_FILL_US, 400 MB/s and more,
 * where faulting in on the receiving thread would cost it several percent):
 * a prepared chunk is resident in full, while one faulted in as it fills
 * costs only what was written to it, so a slow capture (a million small
 * events) does not carry several chunks of spares. */
#define PREPARE_AHEAD 3
#define FAST_FILL_US  (10 * 1000)

/* Spilled bytes are read back through a window of the spill file this
 * big, so that walking events in order (records, small payloads) costs
 * one read per window rather than one per event. */
#define READ_CACHE_SIZE (16 * 1024)

/* A piece of the arena.  Logical offsets run on from one chunk to the next
 * without gaps; in the spill file, chunks follow each other in order. */
typedef struct
{
  guint64        start;
  gsize          used;
  guint64        file_offset;  /* where it is in the spill file */
  gboolean       written;      /* the spill file has it */
  SbChunkMemory *memory;  /* NULL once spilled */
  GBytes        *bytes;   /* owns memory once a zero-copy view was handed out */
} SbChunk;

struct _SbCaptureArena
{
  const char    *what;            /* "payloads", "event records": for messages */
  GArray        *chunks;          /* of SbChunk */
  guint          next_write;      /* chunks before it were sent to the spill file */
  guint          next_spill;      /* chunks before it are out of memory */
  GPtrArray     *spares;          /* of SbChunkMemory, ready for new chunks */
  guint64        resident_bytes;  /* all chunk memory held, spares included */
  guint64        spilled_bytes;
  guint64        budget;
  guint64        spill_end;       /* the spill file's size */
  guint64        spill_retired;   /* its page cache is dropped below this */
  int            spill_fd;        /* for writing, O_DIRECT if it could be */
  int            read_fd;         /* for reading back: not O_DIRECT */
  gboolean       spill_direct;
  gboolean       spill_failed;
  SbCaptureDisk *disk;            /* borrowed: the spill files' account */

  /* Two threads, so that faulting in the next chunks never waits behind
   * a write to the disk. */
  SbCaptureHelper *preparer;
  SbCaptureHelper *writer;

  guint64        recycle_limit;   /* the pool keeps chunks let go up to this */
  gint64         last_open_us;    /* when the last chunk was opened */

  /* Read-back window: bytes [cache_from, cache_from + cache_len) of chunk
   * cache_chunk, which is spilled (and so never changes again). */
  guint8        *cache;
  guint          cache_chunk;
  gsize          cache_from;
  gsize          cache_len;
};

static inline SbChunk *
get_chunk (SbCaptureArena *self,
           guint           index)
{
  return &g_array_index (self->chunks, SbChunk, index);
}

/* Memory let go goes to the process's pool, faulted in, for the next
 * chunk of this capture or another. */
static void
give_back (SbCaptureArena *self,
           SbChunkMemory  *memory)
{
  self->resident_bytes -= memory->size;
  sb_chunk_pool_put (memory, self->recycle_limit);
}

static void
chunk_release (SbCaptureArena *self,
               SbChunk        *chunk)
{
  if (chunk->bytes != NULL)
    {
      /* Views handed out may still use it: it goes (to the pool) when
       * they do. */
      self->resident_bytes -= chunk->memory->size;
      chunk->memory->recycle_limit = self->recycle_limit;
      g_clear_pointer (&chunk->bytes, g_bytes_unref);
    }
  else
    give_back (self, chunk->memory);
  chunk->memory = NULL;
}

/* Finds the chunk holding logical @offset: the last one starting at or
 * before it.  The newest chunk first, where the log, the ladder and the
 * followers read each event as it arrives; a binary search otherwise.
 * (Trying the chunk found last first measured no faster on a walk over 5
 * million records in memory, 11-38 ns per get_info either way; but 10 GiB
 * at recv 1024 makes some 2,700 chunks, and the search for the newest
 * record took 2.3 % of the main thread's time.) */
static SbChunk *
find_chunk (SbCaptureArena *self,
            guint64         offset)
{
  guint lo = 0;
  guint hi = self->chunks->len;
  SbChunk *newest;

  g_assert (hi > 0);

  newest = get_chunk (self, hi - 1);
  if (newest->start <= offset)
    return newest;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (get_chunk (self, mid)->start <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return get_chunk (self, lo);
}

/* Takes in one finished job of @helper; returns FALSE when there was none
 * (and @wait was FALSE, or no job is out). */
static gboolean
receive_job (SbCaptureArena  *self,
             SbCaptureHelper *helper,
             gboolean         wait)
{
  SbJob *job = sb_capture_helper_receive (helper, wait);
  SbChunk *chunk;

  if (job == NULL)
    return FALSE;

  if (job->kind == SB_JOB_PREPARE)
    {
      g_ptr_array_add (self->spares, job->memory);
      g_free (job);
      return TRUE;
    }

  chunk = get_chunk (self, job->chunk);
  if (job->errnum == 0)
    chunk->written = TRUE;
  else
    {
      /* It stays in memory, and so does everything after it. */
      if (!self->spill_failed)
        g_message ("Cannot spill captured %s to disk, keeping them in memory: %s",
                   self->what, g_strerror (job->errnum));
      self->spill_failed = TRUE;
    }
  g_free (job);

  return TRUE;
}

static void
wait_for_jobs (SbCaptureArena *self)
{
  while (receive_job (self, self->preparer, TRUE))
    ;
  while (receive_job (self, self->writer, TRUE))
    ;
}

static void
drop_spares (SbCaptureArena *self)
{
  while (self->spares->len > 0)
    give_back (self, g_ptr_array_steal_index_fast (self->spares, self->spares->len - 1));
}

/* Spilling */

static gboolean
ensure_spill_file (SbCaptureArena *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int flags;

  if (self->spill_fd >= 0)
    return TRUE;
  if (self->spill_failed)
    return FALSE;

  self->spill_fd = sb_capture_disk_open_spill_file (self->disk, &path, &error);
  if (self->spill_fd < 0)
    {
      g_message ("Cannot spill captured %s to disk, keeping them in memory: %s",
                 self->what, error->message);
      self->spill_failed = TRUE;
      return FALSE;
    }

  /* Reads are small and scattered: they go through the page cache, on a
   * descriptor of their own. */
  self->read_fd = open (path, O_RDONLY | O_CLOEXEC);
  flags = fcntl (self->spill_fd, F_GETFL);
  if (self->read_fd >= 0 && flags >= 0
      && fcntl (self->spill_fd, F_SETFL, flags | O_DIRECT) == 0)
    self->spill_direct = TRUE;
  else
    {
      if (self->read_fd >= 0)
        g_close (self->read_fd, NULL);
      self->read_fd = self->spill_fd;
      self->spill_direct = FALSE;
    }
  g_unlink (path);

  return TRUE;
}

static guint64
spares_bytes (SbCaptureArena *self)
{
  return (guint64) self->spares->len * SB_CAPTURE_CHUNK_SIZE;
}

/* Sends the first @n_closed chunks to the spill file, in order, as soon
 * as they are closed once half the budget is in use (or when @now): the
 * disk then works while the arena fills up, and when memory is needed the
 * oldest chunks are already written, to be let go at once.  The writer
 * thread does the writing, straight from the chunk's memory. */
static void
write_behind (SbCaptureArena *self,
              guint           n_closed,
              gboolean        now)
{
  if (self->budget == 0 || self->spill_failed)
    return;
  if (!now && self->spill_fd < 0 && self->resident_bytes <= self->budget / 2)
    return;

  for (; self->next_write < n_closed; self->next_write++)
    {
      SbChunk *chunk = get_chunk (self, self->next_write);
      SbJob *job;

      if (!ensure_spill_file (self))
        return;

      job = g_new0 (SbJob, 1);
      job->kind = SB_JOB_SPILL;
      job->memory = chunk->memory;
      job->len = chunk->used;
      if (self->spill_direct)
        job->len = (job->len + SPILL_ALIGN - 1) & ~(gsize) (SPILL_ALIGN - 1);
      /* Past the disk budget the chunk stays in memory (and the capture
       * reads no more; see sb_capture_arena_has_room ()). */
      if (self->disk != NULL && !sb_capture_disk_take (self->disk, job->len))
        {
          g_free (job);
          return;
        }
      job->chunk = self->next_write;
      job->fd = self->spill_fd;
      job->offset = self->spill_end;
      chunk->file_offset = self->spill_end;
      self->spill_end += job->len;
      if (self->spill_end - self->spill_retired >= 2 * SPILL_WINDOW)
        {
          job->retire_from = self->spill_retired;
          job->retire_to = self->spill_end - SPILL_WINDOW;
          self->spill_retired = job->retire_to;
        }

      sb_capture_helper_send (self->writer, job);
    }
}

/* Lets go of the oldest written chunks until what stays in memory plus
 * @extra fits the budget, waiting for writes still under way. */
static void
spill_to (SbCaptureArena *self,
          guint64         extra)
{
  while (self->next_spill < self->next_write
         && self->resident_bytes - spares_bytes (self) + extra > self->budget)
    {
      SbChunk *chunk = get_chunk (self, self->next_spill);

      if (!chunk->written)
        {
          if (!receive_job (self, self->writer, TRUE))
            break;  /* it failed */
          continue;
        }

      self->spilled_bytes += chunk->used;
      if (chunk->bytes == NULL && chunk->memory->size == SB_CAPTURE_CHUNK_SIZE
          && self->spares->len < PREPARE_AHEAD)
        g_ptr_array_add (self->spares, g_steal_pointer (&chunk->memory));
      else
        chunk_release (self, chunk);
      self->next_spill++;
    }
}

/* Memory for a new chunk of @size bytes, once the first @n_closed chunks
 * are closed.  What is held stays within the budget plus a spare chunk:
 * the memory of chunks let go is used again. */
static SbChunkMemory *
take_memory (SbCaptureArena *self,
             guint           n_closed,
             gsize           size)
{
  SbChunkMemory *memory;

  while (receive_job (self, self->preparer, FALSE))
    ;
  while (receive_job (self, self->writer, FALSE))
    ;
  write_behind (self, n_closed, FALSE);
  if (self->budget != 0)
    spill_to (self, size);

  if (self->spares->len > 0 && size <= SB_CAPTURE_CHUNK_SIZE)
    return g_ptr_array_steal_index_fast (self->spares, self->spares->len - 1);

  /* Memory some capture let go, already faulted in. */
  if (size <= SB_CAPTURE_CHUNK_SIZE && (memory = sb_chunk_pool_take ()) != NULL)
    {
      self->resident_bytes += memory->size;
      return memory;
    }

  /* A chunk the preparer is faulting in now is ready sooner than one this
   * thread would fault in itself. */
  if (size <= SB_CAPTURE_CHUNK_SIZE && receive_job (self, self->preparer, TRUE))
    return g_ptr_array_steal_index_fast (self->spares, self->spares->len - 1);

  /* A payload bigger than a chunk has no use for spares. */
  if (size > SB_CAPTURE_CHUNK_SIZE)
    drop_spares (self);
  memory = sb_chunk_memory_new (size);
  self->resident_bytes += memory->size;

  return memory;
}

/* While the arena grows within its budget, has the preparer fault in the
 * memory of the next chunks ahead of time: one while the arena is small,
 * up to PREPARE_AHEAD once it fills chunk after chunk. */
static void
prepare_ahead (SbCaptureArena *self,
               gboolean        fast)
{
  guint wanted = fast ? MIN (PREPARE_AHEAD, self->chunks->len) : 0;

  /* Recycled memory is as good, and costs nothing to get. */
  if (sb_chunk_pool_get_bytes () > 0)
    return;

  while (self->spares->len + sb_capture_helper_get_n_out (self->preparer) < wanted
         && (self->budget == 0
             || self->resident_bytes + 2 * SB_CAPTURE_CHUNK_SIZE <= self->budget))
    {
      SbJob *job = g_new0 (SbJob, 1);

      job->kind = SB_JOB_PREPARE;
      job->len = SB_CAPTURE_CHUNK_SIZE;
      self->resident_bytes += SB_CAPTURE_CHUNK_SIZE;
      sb_capture_helper_send (self->preparer, job);
    }
}

/* Makes room for @len bytes at the end of the last chunk. */
static SbChunk *
ensure_room (SbCaptureArena *self,
             gsize           len)
{
  SbChunk fresh = { 0, };
  gsize size = MAX (len, SB_CAPTURE_CHUNK_SIZE);
  gint64 now;
  gboolean fast;

  if (self->chunks->len > 0)
    {
      SbChunk *last = get_chunk (self, self->chunks->len - 1);

      if (last->memory->size - last->used >= len)
        return last;

      if (last->used == 0 && last->bytes == NULL)
        {
          /* Too small and still empty: replace it. */
          chunk_release (self, last);
          last->memory = take_memory (self, self->chunks->len - 1, size);
          return last;
        }

      fresh.start = last->start + last->used;
    }

  /* The last chunk is closed now, and may be spilled too. */
  fresh.memory = take_memory (self, self->chunks->len, size);
  g_array_append_val (self->chunks, fresh);
  now = g_get_monotonic_time ();
  fast = self->chunks->len > 1 && now - self->last_open_us < FAST_FILL_US;
  self->last_open_us = now;
  prepare_ahead (self, fast);

  return get_chunk (self, self->chunks->len - 1);
}

guint8 *
sb_capture_arena_reserve (SbCaptureArena *self,
                          gsize           len)
{
  SbChunk *chunk = ensure_room (self, len);

  return chunk->memory->data + chunk->used;
}

/* Whether @len bytes can be had within the memory budget and the disk's:
 * room in the last chunk, or a new chunk for which the oldest chunks that
 * must leave memory (as spill_to () would let them go) are in the spill
 * file already or fit in it. */
gboolean
sb_capture_arena_has_room (SbCaptureArena *self,
                           gsize           len)
{
  guint64 size = MAX (len, SB_CAPTURE_CHUNK_SIZE);
  guint64 held, need, freed = 0, disk_needed = 0;

  if (self->chunks->len > 0)
    {
      SbChunk *last = get_chunk (self, self->chunks->len - 1);

      if (last->memory->size - last->used >= len)
        return TRUE;
    }

  /* Without a memory budget nothing goes to disk. */
  if (self->budget == 0)
    return TRUE;
  if (self->spill_failed)
    return FALSE;

  /* Spares, and the memory being faulted in for them, are no one's yet. */
  while (receive_job (self, self->preparer, FALSE))
    ;
  held = self->resident_bytes - spares_bytes (self)
         - (guint64) sb_capture_helper_get_n_out (self->preparer) * SB_CAPTURE_CHUNK_SIZE;
  if (held + size <= self->budget)
    return TRUE;

  need = held + size - self->budget;
  for (guint i = self->next_spill; i < self->chunks->len && freed < need; i++)
    {
      SbChunk *chunk = get_chunk (self, i);

      if (chunk->memory == NULL)
        continue;
      if (i >= self->next_write)
        disk_needed += (chunk->used + SPILL_ALIGN - 1) & ~(guint64) (SPILL_ALIGN - 1);
      freed += chunk->memory->size;
    }
  /* Once every closed chunk is out, the new one is had past the budget,
   * as sb_capture_arena_reserve () does: memory then holds the budget plus
   * the chunk being filled. */
  return disk_needed == 0 || self->disk == NULL || sb_capture_disk_fits (self->disk, disk_needed);
}

guint8 *
sb_capture_arena_try_reserve (SbCaptureArena *self,
                              gsize           len)
{
  if (!sb_capture_arena_has_room (self, len))
    return NULL;

  return sb_capture_arena_reserve (self, len);
}

guint64
sb_capture_arena_commit (SbCaptureArena *self,
                         gsize           len)
{
  SbChunk *chunk;
  guint64 offset;

  g_assert (self->chunks->len > 0);

  chunk = get_chunk (self, self->chunks->len - 1);
  g_assert (chunk->memory->size - chunk->used >= len);
  offset = chunk->start + chunk->used;
  chunk->used += len;

  return offset;
}

/* Reading */

static gboolean
pread_all (SbCaptureArena *self,
           guint64         offset,
           guint8         *buffer,
           gsize           len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pread (self->read_fd, buffer + done, len - done,
                         (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_message ("Cannot read spilled %s back: %s", self->what,
                     n < 0 ? g_strerror (errno) : "short file");
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

/* Reads @len bytes at @pos in spilled @chunk; small reads go through the
 * read-back window. */
static gboolean
read_spilled (SbCaptureArena *self,
              SbChunk        *chunk,
              gsize           pos,
              guint8         *buffer,
              gsize           len)
{
  guint index = chunk - get_chunk (self, 0);

  if (len > READ_CACHE_SIZE / 4)
    return pread_all (self, chunk->file_offset + pos, buffer, len);

  if (self->cache_chunk != index || pos < self->cache_from
      || pos + len > self->cache_from + self->cache_len)
    {
      gsize from = pos & ~(gsize) (SPILL_ALIGN - 1);
      gsize n = MIN (READ_CACHE_SIZE, chunk->used - from);

      if (self->cache == NULL)
        self->cache = g_malloc (READ_CACHE_SIZE);
      self->cache_chunk = G_MAXUINT;
      if (!pread_all (self, chunk->file_offset + from, self->cache, n))
        return FALSE;
      self->cache_chunk = index;
      self->cache_from = from;
      self->cache_len = n;
    }

  memcpy (buffer, self->cache + (pos - self->cache_from), len);

  return TRUE;
}

GBytes *
sb_capture_arena_dup (SbCaptureArena *self,
                      guint64         offset,
                      gsize           len)
{
  SbChunk *chunk;
  guint8 *copy;

  if (len == 0)
    return g_bytes_new (NULL, 0);

  chunk = find_chunk (self, offset);
  if (chunk->memory != NULL)
    {
      /* Zero-copy: the view keeps the chunk's memory alive even after the
       * chunk is spilled or the arena cleared. */
      if (chunk->bytes == NULL)
        chunk->bytes = g_bytes_new_with_free_func (chunk->memory->data, chunk->memory->size,
                                                   sb_chunk_memory_recycle, chunk->memory);
      return g_bytes_new_from_bytes (chunk->bytes, offset - chunk->start, len);
    }

  copy = g_malloc (len);
  if (!read_spilled (self, chunk, offset - chunk->start, copy, len))
    {
      g_free (copy);
      return NULL;
    }

  return g_bytes_new_take (copy, len);
}

gboolean
sb_capture_arena_read (SbCaptureArena *self,
                       guint64         offset,
                       guint8         *buffer,
                       gsize           len)
{
  SbChunk *chunk;

  if (len == 0)
    return TRUE;

  chunk = find_chunk (self, offset);
  if (chunk->memory == NULL)
    return read_spilled (self, chunk, offset - chunk->start, buffer, len);

  memcpy (buffer, chunk->memory->data + (offset - chunk->start), len);

  return TRUE;
}

/* The rest */

void
sb_capture_arena_set_budget (SbCaptureArena *self,
                             guint64         budget)
{
  self->budget = budget;
  if (self->chunks->len > 0 && budget != 0)
    {
      write_behind (self, self->chunks->len - 1, self->resident_bytes > budget);
      spill_to (self, 0);
    }
  wait_for_jobs (self);
  drop_spares (self);
}

void
sb_capture_arena_set_disk (SbCaptureArena *self,
                           SbCaptureDisk  *disk)
{
  g_assert (self->spill_end == 0);

  self->disk = disk;
}

guint64
sb_capture_arena_get_disk_bytes (SbCaptureArena *self)
{
  return self->spill_end;
}

void
sb_capture_arena_set_recycle_limit (SbCaptureArena *self,
                                    guint64         limit)
{
  self->recycle_limit = limit;
}

guint64
sb_capture_arena_get_resident_bytes (SbCaptureArena *self)
{
  return self->resident_bytes;
}

guint64
sb_capture_arena_get_spilled_bytes (SbCaptureArena *self)
{
  return self->spilled_bytes;
}

void
sb_capture_arena_clear (SbCaptureArena *self)
{
  wait_for_jobs (self);

  for (guint i = 0; i < self->chunks->len; i++)
    {
      SbChunk *chunk = get_chunk (self, i);

      if (chunk->memory != NULL)
        chunk_release (self, chunk);
    }
  g_array_set_size (self->chunks, 0);
  self->next_write = 0;
  self->next_spill = 0;
  self->cache_chunk = G_MAXUINT;
  drop_spares (self);

  if (self->read_fd != self->spill_fd)
    g_close (self->read_fd, NULL);
  if (self->spill_fd >= 0)
    g_close (self->spill_fd, NULL);
  self->spill_fd = -1;
  self->read_fd = -1;
  if (self->disk != NULL)
    sb_capture_disk_give_back (self->disk, self->spill_end);
  self->spill_failed = FALSE;

  g_assert (self->resident_bytes == 0);
  self->spilled_bytes = 0;
  self->spill_end = 0;
  self->spill_retired = 0;
}

SbCaptureArena *
sb_capture_arena_new (const char *what)
{
  SbCaptureArena *self = g_new0 (SbCaptureArena, 1);

  self->what = what;

  self->chunks = g_array_new (FALSE, TRUE, sizeof (SbChunk));
  self->spares = g_ptr_array_new_with_free_func (sb_chunk_memory_free);
  self->spill_fd = -1;
  self->read_fd = -1;
  self->cache_chunk = G_MAXUINT;
  self->recycle_limit = 256 * 1024 * 1024;
  self->preparer = sb_capture_helper_new ("sb-capture-mem");
  self->writer = sb_capture_helper_new ("sb-capture-disk");

  return self;
}

void
sb_capture_arena_free (SbCaptureArena *self)
{
  sb_capture_arena_clear (self);

  sb_capture_helper_free (self->preparer);
  sb_capture_helper_free (self->writer);
  g_ptr_array_unref (self->spares);
  g_array_unref (self->chunks);
  g_free (self->cache);
  g_free (self);
}
