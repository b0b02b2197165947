/* sb-capture-full.h — the sentences of a full capture (internal)
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"

G_BEGIN_DECLS

/* Why reading resumed (SB_CAPTURE_NOTE_RESUMED). */
typedef enum
{
  SB_CAPTURE_ROOM_CLEARED,
  SB_CAPTURE_ROOM_DISK_RAISED,
  SB_CAPTURE_ROOM_MEMORY_RAISED,
  SB_CAPTURE_ROOM_STORE_AGAIN,    /* the action went back to stop */
} SbCaptureRoomReason;

/* The disk's figures in a full capture's sentence: all spilled bytes,
 * the limit, and how much of them are event records. */
typedef struct
{
  guint64 used;
  guint64 limit;
  guint64 records;
} SbCaptureDiskFigures;

/* The note of a capture-full event; @records_full when reading stopped
 * because even the event records no longer fit (keeping counts only needs
 * one per call too); @figure is the new limit or budget for a resumption
 * that raised one. */
char *_sb_capture_full_dup_note (SbCaptureFullNote           note,
                                 const SbCaptureDiskFigures *disk,
                                 gboolean                    records_full,
                                 SbCaptureRoomReason         reason,
                                 guint64                     figure);

G_END_DECLS
