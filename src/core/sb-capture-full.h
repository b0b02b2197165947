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

/* The note of a capture-full event, with the disk's figures; @figure is
 * the new limit or budget for a resumption that raised one. */
char *_sb_capture_full_dup_note (SbCaptureFullNote    note,
                                 guint64              disk_used,
                                 guint64              disk_limit,
                                 SbCaptureRoomReason  reason,
                                 guint64              figure);

G_END_DECLS
