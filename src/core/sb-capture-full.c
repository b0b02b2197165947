/* sb-capture-full.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The words of a full capture: the log's rows when reading stops and
 * resumes, the pane's message, and the gaps that keeping counts only
 * leaves; and the read paths' wait for room.  The state itself is in
 * sb-capture.c. */

#define G_LOG_DOMAIN "sb-capture"

#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-capture-full.h"

char *
sb_capture_dup_gap_text (guint64 len)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " byte not retained",
                                       "%" PRIu64 " bytes not retained", len),
                          len);
}

static char *
dup_resumed (SbCaptureRoomReason reason,
             guint64             figure)
{
  g_autofree char *size = g_format_size (figure);

  switch (reason)
    {
    case SB_CAPTURE_ROOM_CLEARED:
      return g_strdup (_("Reading resumed: the log was cleared."));
    case SB_CAPTURE_ROOM_DISK_RAISED:
      return g_strdup_printf (_("Reading resumed: the disk limit is now %s."), size);
    case SB_CAPTURE_ROOM_MEMORY_RAISED:
      return g_strdup_printf (_("Reading resumed: the memory budget is now %s."), size);
    case SB_CAPTURE_ROOM_STORE_AGAIN:
    default:
      return g_strdup (_("Reading resumed."));
    }
}

/* Whole sentences, for the translators: the disk's figures name what event
 * records take of it once any are spilled (or once they are what is full). */
char *
_sb_capture_full_dup_note (SbCaptureFullNote           note,
                           const SbCaptureDiskFigures *disk,
                           gboolean                    records_full,
                           SbCaptureRoomReason         reason,
                           guint64                     figure)
{
  g_autofree char *used = g_format_size (disk->used);
  g_autofree char *limit = g_format_size (disk->limit);
  g_autofree char *records = g_format_size (disk->records);

  if (note == SB_CAPTURE_NOTE_RESUMED)
    return dup_resumed (reason, figure);

  /* Translators: the capture-full message; "Capture full" is also its
   * accessible name. */
  if (records_full)
    return g_strdup_printf (_("Capture full: %s on disk (event records %s), limit %s. "
                              "Even the event records no longer fit: reading stopped; "
                              "the peers are held back."), used, records, limit);
  if (note == SB_CAPTURE_NOTE_COUNTING && disk->records > 0)
    return g_strdup_printf (_("Capture full: %s on disk (event records %s), limit %s. "
                              "Keeping counts only: received bytes are counted, not stored."),
                            used, records, limit);
  if (note == SB_CAPTURE_NOTE_COUNTING)
    return g_strdup_printf (_("Capture full: %s on disk, limit %s. Keeping counts only: "
                              "received bytes are counted, not stored."), used, limit);
  if (disk->records > 0)
    return g_strdup_printf (_("Capture full: %s on disk (event records %s), limit %s. "
                              "Reading stopped; the peers are held back."), used, records, limit);
  return g_strdup_printf (_("Capture full: %s on disk, limit %s. Reading stopped; "
                            "the peers are held back."), used, limit);
}

typedef struct
{
  gulong              *handler;
  SbCaptureResumeFunc  resume;
  gpointer             object;
} RoomWait;

static void
room_cb (SbCapture  *capture,
         GParamSpec *pspec,
         gpointer    user_data)
{
  RoomWait *wait = user_data;
  SbCaptureResumeFunc resume = wait->resume;
  gpointer object = wait->object;

  if (sb_capture_is_full (capture))
    return;

  /* Frees @wait (once this call returns). */
  g_clear_signal_handler (wait->handler, capture);
  resume (object);
}

gboolean
sb_capture_can_record_or_wait (SbCapture           *self,
                               gulong              *handler,
                               SbCaptureResumeFunc  resume,
                               gpointer             object)
{
  RoomWait *wait;
  GClosure *closure;

  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (handler != NULL && resume != NULL && G_IS_OBJECT (object), FALSE);

  if (G_LIKELY (sb_capture_can_record (self)))
    return TRUE;
  if (*handler != 0)
    return FALSE;

  /* As g_signal_connect_object () does: gone with @object. */
  wait = g_new (RoomWait, 1);
  wait->handler = handler;
  wait->resume = resume;
  wait->object = object;
  closure = g_cclosure_new (G_CALLBACK (room_cb), wait, (GClosureNotify) (void (*) (void)) g_free);
  g_object_watch_closure (G_OBJECT (object), closure);
  *handler = g_signal_connect_closure (self, "notify::full", closure, FALSE);

  return FALSE;
}

gboolean
sb_capture_is_full_event (SbCapture         *self,
                          const SbEventInfo *info)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  return info->kind == SB_EVENT_ERROR && info->socket_id == 0 && info->errnum == ENOSPC
         && info->detail >= SB_CAPTURE_NOTE_STOPPED && info->detail <= SB_CAPTURE_NOTE_RESUMED;
}
