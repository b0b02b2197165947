/* sb-capture-helper.h — chunk memory, and a thread to prepare and spill it
 * (internal to the capture arena)
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Memory of one chunk; shared with the GBytes views handed out. */
typedef struct
{
  guint8 *data;
  gsize   size;
  guint64 recycle_limit;  /* for sb_chunk_memory_recycle () */
} SbChunkMemory;

SbChunkMemory *sb_chunk_memory_new        (gsize            size);
void           sb_chunk_memory_free       (gpointer         memory);
/* Puts @memory in the pool, up to its recycle_limit: the free function of
 * the GBytes views that outlive their chunk. */
void           sb_chunk_memory_recycle    (gpointer         memory);
/* Mappings made by sb_chunk_memory_new() in this process so far: fresh
 * memory, to be faulted in on first touch. */
guint64        sb_chunk_memory_get_n_mapped (void);
/* Whether new chunks ask for transparent huge pages (MADV_HUGEPAGE); off by
 * default, as measured (see sb-capture-helper.c).  Changing it empties the
 * pool. */
void           sb_chunk_memory_set_huge_pages (gboolean     huge);
gboolean       sb_chunk_memory_get_huge_pages (void);

/* Chunk memory let go by any capture in the process, already faulted in,
 * for the next chunk of any capture: a free list instead of unmapping.
 * Only chunks of SB_CAPTURE_CHUNK_SIZE are kept.  Thread-safe. */
SbChunkMemory *sb_chunk_pool_take         (void);
/* Keeps @memory if the pool then holds at most @limit bytes; else frees it. */
void           sb_chunk_pool_put          (SbChunkMemory   *memory,
                                           guint64          limit);
guint64        sb_chunk_pool_get_bytes    (void);
/* Gives every pooled chunk back to the system. */
void           sb_chunk_pool_drain        (void);

/* Work for a helper thread, which takes the slow parts off the receiving
 * thread: faulting in fresh memory, and writing to the spill file (the
 * arena has one helper for each, so neither waits for the other).  Jobs go
 * to a helper and come back, in order, through two queues; while a chunk's
 * spill is under way its memory is only read, by both threads. */
typedef enum
{
  SB_JOB_PREPARE,  /* map and fault in @len bytes of memory */
  SB_JOB_SPILL,    /* write @len bytes of @memory to @fd at @offset */
  SB_JOB_QUIT,     /* the helper's own */
} SbJobKind;

typedef struct
{
  SbJobKind      kind;
  SbChunkMemory *memory;
  gsize          len;
  guint          chunk;        /* the sender's, untouched */
  int            fd;
  guint64        offset;
  guint64        retire_from;  /* page cache to drop, at offsets below the write */
  guint64        retire_to;
  int            errnum;       /* set when the job failed */
} SbJob;

typedef struct _SbCaptureHelper SbCaptureHelper;

/* @name is the thread's, a static string. */
SbCaptureHelper *sb_capture_helper_new     (const char      *name);
/* Call only once every job sent has been received back. */
void             sb_capture_helper_free    (SbCaptureHelper *self);
/* Takes @job; the thread starts with the first. */
void             sb_capture_helper_send    (SbCaptureHelper *self,
                                            SbJob           *job);
/* A finished job, to free with g_free(); NULL when none is out, or when
 * none is finished and @wait is FALSE. */
SbJob           *sb_capture_helper_receive (SbCaptureHelper *self,
                                            gboolean         wait);
guint            sb_capture_helper_get_n_out (SbCaptureHelper *self);

G_END_DECLS
