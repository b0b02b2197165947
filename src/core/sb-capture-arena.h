/* sb-capture-arena.h — the payload store behind SbCapture (internal)
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-capture-disk.h"

G_BEGIN_DECLS

/* Bytes (payloads, or event records), addressed by a logical offset that
 * runs on without gaps: a reservation that does not fit the last chunk
 * opens the next one at the same logical offset, so what is committed
 * never spans two chunks.  Memory comes in chunks of SB_CAPTURE_CHUNK_SIZE.
 * Once half the memory budget is in use, a helper thread writes each closed
 * chunk to a spill file in the user's cache folder (unlinked once open; see
 * sb_capture_dup_spill_dir ()); past the budget, the oldest written
 * chunks leave memory, which is used again for the next chunk.  Every byte
 * stays readable.  Memory let go (at a clear, or when the arena is freed)
 * goes to the process's pool of chunks, already faulted in, for the next
 * capture (see sb_chunk_pool_put ()). */
typedef struct _SbCaptureArena SbCaptureArena;

SbCaptureArena *sb_capture_arena_new                 (void);
void            sb_capture_arena_free                (SbCaptureArena *self);
/* Drops every byte and the spill file; the memory goes to the pool. */
void            sb_capture_arena_clear               (SbCaptureArena *self);

/* Room for @len bytes, contiguous; then commit up to @len of them, which
 * returns their logical offset.  A reserve without a commit is abandoned
 * by the next reserve. */
guint8         *sb_capture_arena_reserve             (SbCaptureArena *self,
                                                      gsize           len);
guint64         sb_capture_arena_commit              (SbCaptureArena *self,
                                                      gsize           len);
/* Whether @len bytes fit without passing the memory budget or the disk's:
 * in the last chunk, or in a new one once enough of the oldest chunks are
 * (or can be) written to the spill file.  sb_capture_arena_reserve ()
 * always makes room, past the budget in memory if it must;
 * sb_capture_arena_try_reserve () returns NULL instead. */
gboolean        sb_capture_arena_has_room            (SbCaptureArena *self,
                                                      gsize           len);
guint8         *sb_capture_arena_try_reserve         (SbCaptureArena *self,
                                                      gsize           len);

/* Reading back what was committed.  Both return NULL / FALSE only when a
 * spilled payload cannot be read from the file (and say so). */
GBytes         *sb_capture_arena_dup                 (SbCaptureArena *self,
                                                      guint64         offset,
                                                      gsize           len);
gboolean        sb_capture_arena_read                (SbCaptureArena *self,
                                                      guint64         offset,
                                                      guint8         *buffer,
                                                      gsize           len);

/* The spill file's account, shared with the capture's other arena;
 * before anything is spilled.  Without one the disk has no limit. */
void            sb_capture_arena_set_disk            (SbCaptureArena *self,
                                                      SbCaptureDisk  *disk);
/* The spill file's size. */
guint64         sb_capture_arena_get_disk_bytes      (SbCaptureArena *self);
/* 0 for no limit. */
void            sb_capture_arena_set_budget          (SbCaptureArena *self,
                                                      guint64         budget);
/* The pool keeps this arena's memory let go while it holds at most @limit
 * bytes in all. */
void            sb_capture_arena_set_recycle_limit   (SbCaptureArena *self,
                                                      guint64         limit);
guint64         sb_capture_arena_get_resident_bytes  (SbCaptureArena *self);
guint64         sb_capture_arena_get_spilled_bytes   (SbCaptureArena *self);

G_END_DECLS
