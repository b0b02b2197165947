/* sb-capture-disk.h — where the capture spills, and how much (internal)
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The disk account of one capture, shared by its two arenas (payloads and
 * event records): the spill files' bytes together stay within the limit.
 * Spill files go to the user's cache folder (see
 * sb_capture_dup_spill_dir ()), unlinked as soon as they are open. */
typedef struct _SbCaptureDisk SbCaptureDisk;

SbCaptureDisk *sb_capture_disk_new            (void);
void           sb_capture_disk_free           (SbCaptureDisk  *self);

/* 0 for automatic (see sb_capture_get_auto_disk_limit ()). */
void           sb_capture_disk_set_budget     (SbCaptureDisk  *self,
                                               guint64         budget);
guint64        sb_capture_disk_get_budget     (SbCaptureDisk  *self);
/* The limit in effect: the budget, or the automatic one, computed when
 * the budget was set and again whenever nothing is spilled. */
guint64        sb_capture_disk_get_limit      (SbCaptureDisk  *self);
guint64        sb_capture_disk_get_used       (SbCaptureDisk  *self);

/* Takes @len bytes of the account: FALSE, with nothing taken, when they
 * would pass the limit. */
gboolean       sb_capture_disk_take           (SbCaptureDisk  *self,
                                               guint64         len);
/* Whether @len more bytes would fit. */
gboolean       sb_capture_disk_fits           (SbCaptureDisk  *self,
                                               guint64         len);
/* An arena's spill file went: its @len bytes are free again. */
void           sb_capture_disk_give_back      (SbCaptureDisk  *self,
                                               guint64         len);

/* A new spill file in the spill folder (made 0700 if it is missing), for
 * reading and writing; the caller unlinks *@path once it has opened what
 * else it needs.  Returns -1, with @error set, when it cannot be made. */
int            sb_capture_disk_open_spill_file (SbCaptureDisk *self,
                                                char         **path,
                                                GError       **error);

G_END_DECLS
