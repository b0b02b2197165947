/* sb-capture.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-capture"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sb-capture.h"
#include "sb-capture-arena.h"
#include "sb-capture-disk.h"
#include "sb-capture-full.h"
#include "sb-event.h"
#include "sb-session-private.h"
#include "sb-socket-names.h"

/* One event, 48 bytes.  Times are relative to the capture's start; the wall
 * clock is derived from the one taken at start.  Notes are interned: the
 * record holds an index (plus one, 0 for none) into a table of strings.
 * Records live in an arena of their own, written once, record i at logical
 * offset i * 48: a reservation never spans two chunks (the arena opens the
 * next chunk at the same logical offset), so each record is whole in one
 * chunk, in memory or in the spill file. */
typedef struct
{
  gint64  mono_us;
  gint64  result;
  guint64 requested;
  guint64 payload_offset;  /* logical offset in the arena */
  guint32 payload_len;
  guint32 socket_id;
  guint32 note;
  gint16  errnum;
  guint8  kind;
  guint8  side_detail;     /* side in bit 7, detail in bits 0–6; DETAIL_ASIDE: in large_details */
} SbRecord;

G_STATIC_ASSERT (sizeof (SbRecord) == 48);

/* The memory budget covers records and payloads: records get a fixed
 * quarter of it, payloads the rest, each arena spilling its own oldest
 * chunks past its share.  A fixed share rather than one shared account:
 * each arena's bound stays its own (its budget plus the chunk it fills),
 * neither starves the other's recent chunks, and a quarter of the
 * default 160 MiB holds 870,000 records before any spills, while bulk
 * payloads (48 bytes of record per recv of up to 64 KiB) lose little.
 * An arena never takes memory it does not fill, so the share is a limit,
 * not a reservation.  In all, resident memory stays within the budget plus
 * SB_CAPTURE_FIXED_OVERHEAD. */
#define RECORD_SHARE_DIVISOR 4

/* Let-go chunks kept for the next capture when there is no budget. */
#define DEFAULT_RECYCLE_LIMIT (256 * 1024 * 1024)

/* A detail of this or more (a recvfrom()'s count of datagrams dropped
 * before it) is kept in a side table by event index. */
#define DETAIL_ASIDE 0x7f

/* Socket ids past this have no local tuple kept: a bound on the table. */
#define MAX_ROLE_SOCKET (1u << 20)

typedef enum
{
  FULL_ROOM,
  FULL_STOPPED,
  FULL_COUNTING,
} FullState;

struct _SbCapture
{
  GObject       parent_instance;

  /* Events */
  SbCaptureArena *records;      /* of SbRecord */
  guint         n_recorded;
  guint         n_announced;
  gint64        start_mono_us;
  gint64        start_wall_us;
  gint64        last_record_us;  /* g_get_monotonic_time () at the last record */
  guint         next_socket_id;
  SbSocketNames *socket_names;   /* survive a clear, like the ids */
  GArray       *local_tuples;    /* guint32 by socket id: an interned note, 0 for none */
  GHashTable   *large_details;   /* event index → detail >= DETAIL_ASIDE; rare */
  GHashTable   *repeats;         /* event index → times its call failed alike; rare */
  GHashTable   *datagram_sockets; /* socket ids whose socket() was SOCK_DGRAM */

  /* Interned notes */
  GStringChunk *note_chunk;
  GPtrArray    *notes;           /* borrowed from note_chunk */
  GHashTable   *note_index;      /* note → GUINT_TO_POINTER (index + 1) */

  /* Payloads */
  SbCaptureArena *arena;
  guint64       payload_bytes;
  guint64       memory_budget;
  gsize         reserved;
  gboolean      reserving;

  GSource      *flush_source;
  guint64       notified_payload_bytes;
  guint64       notified_spilled_bytes;

  /* Disk, and what happens when full (see SbCaptureFullAction) */
  SbCaptureDisk *disk;
  SbCaptureFullAction full_action;
  FullState     full_state;
  gboolean      reserving_scratch;  /* the reservation is not kept */
  guint8       *scratch;            /* room for what is counted, not kept */
  gsize         scratch_size;
  guint64       not_retained_bytes;
  gboolean      records_full;       /* no room for a record: asked again only
                                     * after a clear or a new budget */

  /* Read-only: the events of a session file (sb-session-read.c) */
  SbSessionFile *session;
};

enum
{
  PROP_0,
  PROP_MEMORY_BUDGET,
  PROP_PAYLOAD_BYTES,
  PROP_SPILLED_BYTES,
  PROP_N_ITEMS,
  PROP_N_RECORDED,
  PROP_DISK_BUDGET,
  PROP_FULL,
  PROP_KEEPING_COUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  EVENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sb_capture_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbCapture, sb_capture, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sb_capture_list_model_init))

/* Copies record @index out, from memory or from the spill file; FALSE
 * only when the file cannot be read (the arena says so). */
static inline gboolean
get_record (SbCapture *self,
            guint      index,
            SbRecord  *record)
{
  return sb_capture_arena_read (self->records, (guint64) index * sizeof (SbRecord),
                                (guint8 *) record, sizeof (SbRecord));
}

static guint
intern_note (SbCapture  *self,
             const char *note)
{
  gpointer value;
  char *copy;

  if (note == NULL)
    return 0;

  if (g_hash_table_lookup_extended (self->note_index, note, NULL, &value))
    return GPOINTER_TO_UINT (value);

  copy = g_string_chunk_insert (self->note_chunk, note);
  g_ptr_array_add (self->notes, copy);
  g_hash_table_insert (self->note_index, copy, GUINT_TO_POINTER (self->notes->len));

  return self->notes->len;
}

static gboolean
flush_cb (gpointer user_data)
{
  SbCapture *self = user_data;

  g_clear_pointer (&self->flush_source, g_source_unref);
  sb_capture_flush (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (SbCapture *self)
{
  if (self->flush_source != NULL)
    return;

  self->flush_source = g_timeout_source_new (SB_CAPTURE_FLUSH_INTERVAL_MS);
  g_source_set_priority (self->flush_source, G_PRIORITY_HIGH_IDLE + 10);
  g_source_set_callback (self->flush_source, flush_cb, self, NULL);
  g_source_set_static_name (self->flush_source, "[sockbench] capture flush");
  g_source_attach (self->flush_source, g_main_context_get_thread_default ());
}

static void
cancel_flush (SbCapture *self)
{
  if (self->flush_source == NULL)
    return;

  g_source_destroy (self->flush_source);
  g_clear_pointer (&self->flush_source, g_source_unref);
}

guint
sb_capture_get_connection_number (SbCapture *self,
                                  guint      socket_id)
{
  guint number;

  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  if (sb_socket_names_lookup (self->socket_names, socket_id, &number, NULL)
      != SB_SOCKET_ROLE_CONNECTION)
    return 0;

  return number;
}

SbSocketRole
sb_capture_get_socket_role (SbCapture *self,
                            guint      socket_id,
                            guint     *number,
                            guint     *listener)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), SB_SOCKET_ROLE_NONE);

  return sb_socket_names_lookup (self->socket_names, socket_id, number, listener);
}

void
sb_capture_set_local_tuple (SbCapture  *self,
                            guint       socket_id,
                            const char *tuple)
{
  g_return_if_fail (SB_IS_CAPTURE (self));

  if (socket_id == 0 || socket_id >= MAX_ROLE_SOCKET)
    return;

  if (socket_id >= self->local_tuples->len)
    g_array_set_size (self->local_tuples, socket_id + 1);
  g_array_index (self->local_tuples, guint32, socket_id) = intern_note (self, tuple);
}

const char *
sb_capture_get_local_tuple (SbCapture *self,
                            guint      socket_id)
{
  guint32 note;

  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);

  if (socket_id == 0 || socket_id >= self->local_tuples->len)
    return NULL;

  note = g_array_index (self->local_tuples, guint32, socket_id);

  return note != 0 ? g_ptr_array_index (self->notes, note - 1) : NULL;
}

gboolean
sb_capture_is_datagram_socket (SbCapture *self,
                               guint      socket_id)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);

  return g_hash_table_contains (self->datagram_sockets, GUINT_TO_POINTER (socket_id));
}

gboolean
sb_capture_is_kernel_drops (SbCapture         *self,
                            const SbEventInfo *info)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  return info->kind == SB_EVENT_ERROR && info->errnum == ENOBUFS && info->detail > 0
         && sb_capture_is_datagram_socket (self, info->socket_id);
}

const char *
sb_event_info_call_name (const SbEventInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->kind == SB_EVENT_SENDTO && info->detail == SB_SENDTO_CONNECTED)
    return "send";

  return sb_event_kind_to_string (info->kind);
}

static guint
record_event (SbCapture         *self,
              const SbEventInfo *info,
              guint64            payload_offset,
              gsize              payload_len)
{
  SbRecord *record;
  guint index = self->n_recorded;
  G_GNUC_UNUSED guint64 offset;

  self->last_record_us = g_get_monotonic_time ();
  /* The records arena holds only records, from chunk starts: aligned. */
  record = (SbRecord *) (gpointer) sb_capture_arena_reserve (self->records, sizeof (SbRecord));
  record->mono_us = self->last_record_us - self->start_mono_us;
  record->result = info->result;
  record->requested = info->requested;
  record->payload_offset = payload_offset;
  record->payload_len = (guint32) payload_len;
  record->socket_id = info->socket_id;
  record->note = intern_note (self, info->note);
  record->errnum = (gint16) CLAMP (info->errnum, G_MININT16, G_MAXINT16);
  record->kind = (guint8) info->kind;
  record->side_detail = (guint8) (((info->side == SB_SIDE_SERVER) ? 0x80 : 0)
                                  | MIN (info->detail, DETAIL_ASIDE));
  offset = sb_capture_arena_commit (self->records, sizeof (SbRecord));
  g_assert (offset == (guint64) index * sizeof (SbRecord));
  if (info->detail >= DETAIL_ASIDE)
    g_hash_table_insert (self->large_details, GUINT_TO_POINTER (index),
                         GINT_TO_POINTER (info->detail));

  _sb_capture_learn_socket (self, info->side, info->socket_id, info->kind,
                            info->kind == SB_EVENT_SOCKET && info->note != NULL
                            && strstr (info->note, "SOCK_DGRAM") != NULL);

  self->n_recorded++;
  self->payload_bytes += payload_len;
  schedule_flush (self);

  return index;
}

void
_sb_capture_learn_socket (SbCapture   *self,
                          SbSide       side,
                          guint        socket_id,
                          SbEventKind  kind,
                          gboolean     datagram)
{
  sb_socket_names_learn (self->socket_names, side, socket_id, kind);
  if (datagram)
    g_hash_table_add (self->datagram_sockets, GUINT_TO_POINTER (socket_id));
}

void
_sb_capture_attach_session (SbCapture     *self,
                            SbSessionFile *file)
{
  g_assert (self->session == NULL && self->n_recorded == 0);

  self->session = file;
  self->n_recorded = _sb_session_file_get_n_events (file);
  sb_capture_flush (self);
}

gboolean
sb_capture_is_read_only (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);

  return self->session != NULL;
}

static gboolean
info_is_valid (const SbEventInfo *info)
{
  return info->detail >= 0 && (guint) info->kind <= SB_EVENT_RECVFROM;
}

/* The full state */

static char *
dup_note (SbCapture           *self,
          SbCaptureFullNote    note,
          SbCaptureRoomReason  reason,
          guint64              figure)
{
  SbCaptureDiskFigures disk = {
    .used = sb_capture_disk_get_used (self->disk),
    .limit = sb_capture_disk_get_limit (self->disk),
    .records = sb_capture_arena_get_disk_bytes (self->records),
  };

  /* Keeping counts only stops only when not even a record fits. */
  gboolean records_full = self->full_state == FULL_STOPPED
                          && self->full_action == SB_CAPTURE_FULL_COUNT;

  return _sb_capture_full_dup_note (note, &disk, records_full, reason, figure);
}

static void
record_full_event (SbCapture           *self,
                   SbCaptureFullNote    note,
                   SbCaptureRoomReason  reason,
                   guint64              figure)
{
  g_autofree char *text = dup_note (self, note, reason, figure);
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_ERROR;
  info.side = SB_SIDE_SERVER;
  info.detail = note;
  info.errnum = ENOSPC;
  info.note = text;
  record_event (self, &info, 0, 0);
}

static void
set_full_state (SbCapture           *self,
                FullState            state,
                SbCaptureRoomReason  reason,
                guint64              figure)
{
  FullState old = self->full_state;

  if (old == state)
    return;

  self->full_state = state;
  /* Reservations are kept again (none is open: recv() and its commit run
   * without the main loop in between). */
  if (state != FULL_COUNTING)
    self->reserving_scratch = FALSE;
  record_full_event (self,
                     state == FULL_STOPPED ? SB_CAPTURE_NOTE_STOPPED
                     : state == FULL_COUNTING ? SB_CAPTURE_NOTE_COUNTING
                     : SB_CAPTURE_NOTE_RESUMED,
                     reason, figure);

  if (old == FULL_STOPPED || state == FULL_STOPPED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL]);
  if (old == FULL_COUNTING || state == FULL_COUNTING)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEPING_COUNTS]);
}

/* Room for one more event record, within the memory budget or spilled
 * within the disk's.  Without it nothing more is read, whatever the
 * action: keeping counts only still records each call. */
static gboolean
has_record_room (SbCapture *self)
{
  /* Once there was none, the capture's own rows (that it is full) may have
   * opened a chunk past the budget: its room does not count. */
  if (!self->records_full && !sb_capture_arena_has_room (self->records, sizeof (SbRecord)))
    self->records_full = TRUE;

  return !self->records_full;
}

/* The next reservation found no room, or the capture is full already. */
static guint8 *
reserve_when_full (SbCapture *self,
                   gsize      max_len)
{
  if (self->full_action == SB_CAPTURE_FULL_STOP || !has_record_room (self))
    {
      set_full_state (self, FULL_STOPPED, 0, 0);
      self->reserving = FALSE;
      return NULL;
    }

  set_full_state (self, FULL_COUNTING, 0, 0);
  if (self->scratch_size < max_len)
    {
      g_free (self->scratch);
      self->scratch = g_malloc (max_len);
      self->scratch_size = max_len;
    }
  self->reserved = max_len;
  self->reserving = TRUE;
  self->reserving_scratch = TRUE;

  return self->scratch;
}

/* What the window sends itself, while reading is stopped: kept, in memory
 * past the budget if need be (the disk's limit holds). */
static guint8 *
reserve_past_full (SbCapture *self,
                   gsize      len)
{
  guint8 *room = sb_capture_arena_reserve (self->arena, len);

  self->reserved = len;
  self->reserving = TRUE;

  return room;
}

static guint
commit_not_retained (SbCapture         *self,
                     const SbEventInfo *info,
                     gsize              payload_len)
{
  self->reserving_scratch = FALSE;
  self->not_retained_bytes += payload_len;

  return record_event (self, info, 0, 0);
}

/* Something changed (a budget, the action): looks again whether there is
 * room, for a chunk's worth. */
static void
recheck_full (SbCapture           *self,
              SbCaptureRoomReason  reason,
              guint64              figure)
{
  if (self->full_state == FULL_ROOM)
    return;

  /* A clear or a new budget may make room for records; the action does
   * not. */
  if (reason != SB_CAPTURE_ROOM_STORE_AGAIN)
    self->records_full = FALSE;
  if (!has_record_room (self))
    set_full_state (self, FULL_STOPPED, 0, 0);
  else if (sb_capture_arena_has_room (self->arena, SB_CAPTURE_CHUNK_SIZE))
    set_full_state (self, FULL_ROOM, reason, figure);
  else
    set_full_state (self, self->full_action == SB_CAPTURE_FULL_STOP ? FULL_STOPPED
                                                                    : FULL_COUNTING, 0, 0);
}

guint64
sb_capture_get_disk_budget (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_disk_get_budget (self->disk);
}

void
sb_capture_set_disk_budget (SbCapture *self,
                            guint64    budget)
{
  g_return_if_fail (SB_IS_CAPTURE (self));

  if (sb_capture_disk_get_budget (self->disk) == budget)
    return;

  sb_capture_disk_set_budget (self->disk, budget);
  recheck_full (self, SB_CAPTURE_ROOM_DISK_RAISED, sb_capture_disk_get_limit (self->disk));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISK_BUDGET]);
}

guint64
sb_capture_get_disk_limit (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_disk_get_limit (self->disk);
}

guint64
sb_capture_get_disk_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_disk_get_used (self->disk);
}

SbCaptureFullAction
sb_capture_get_full_action (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), SB_CAPTURE_FULL_STOP);

  return self->full_action;
}

void
sb_capture_set_full_action (SbCapture           *self,
                            SbCaptureFullAction  action)
{
  SbCaptureFullAction old;

  g_return_if_fail (SB_IS_CAPTURE (self));
  g_return_if_fail (action == SB_CAPTURE_FULL_STOP || action == SB_CAPTURE_FULL_COUNT);

  old = self->full_action;
  self->full_action = action;
  recheck_full (self, SB_CAPTURE_ROOM_STORE_AGAIN, 0);
  /* Still stopped, now because not even the records fit: the log and the
   * pane say so. */
  if (self->full_state == FULL_STOPPED && old != action && action == SB_CAPTURE_FULL_COUNT)
    {
      record_full_event (self, SB_CAPTURE_NOTE_STOPPED, 0, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL]);
    }
}

gboolean
sb_capture_is_full (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);

  return self->full_state == FULL_STOPPED;
}

gboolean
sb_capture_is_keeping_counts (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);

  return self->full_state == FULL_COUNTING;
}

guint64
sb_capture_get_not_retained_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return self->not_retained_bytes;
}

char *
sb_capture_dup_full_message (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);

  if (self->full_state == FULL_ROOM)
    return NULL;

  return dup_note (self, self->full_state == FULL_STOPPED ? SB_CAPTURE_NOTE_STOPPED
                                                          : SB_CAPTURE_NOTE_COUNTING, 0, 0);
}

gboolean
sb_capture_can_record (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);

  if (self->full_state == FULL_STOPPED)
    return FALSE;
  if (G_LIKELY (has_record_room (self)))
    return TRUE;

  set_full_state (self, FULL_STOPPED, 0, 0);
  return FALSE;
}

guint64
sb_capture_get_disk_record_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_arena_get_disk_bytes (self->records);
}

guint
sb_capture_append (SbCapture         *self,
                   const SbEventInfo *info,
                   const guint8      *payload,
                   gsize              payload_len)
{
  guint8 *dest;

  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);
  g_return_val_if_fail (info != NULL, 0);
  g_return_val_if_fail (info_is_valid (info), 0);
  g_return_val_if_fail (payload != NULL || payload_len == 0, 0);
  g_return_val_if_fail (payload_len <= G_MAXUINT32, 0);
  g_return_val_if_fail (self->session == NULL, 0);

  /* Without payload the arena is untouched: a pending reservation stays. */
  if (payload_len == 0)
    return record_event (self, info, 0, 0);

  dest = sb_capture_reserve (self, payload_len);
  if (G_UNLIKELY (dest == NULL))
    dest = reserve_past_full (self, payload_len);
  memcpy (dest, payload, payload_len);

  return sb_capture_commit (self, info, payload_len);
}

guint8 *
sb_capture_reserve (SbCapture *self,
                    gsize      max_len)
{
  guint8 *room;

  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (max_len <= G_MAXUINT32, NULL);
  g_return_val_if_fail (self->session == NULL, NULL);

  if (G_UNLIKELY (self->full_state != FULL_ROOM || !has_record_room (self)))
    return reserve_when_full (self, max_len);
  room = sb_capture_arena_try_reserve (self->arena, max_len);
  if (G_UNLIKELY (room == NULL))
    return reserve_when_full (self, max_len);
  self->reserved = max_len;
  self->reserving = TRUE;

  return room;
}

guint
sb_capture_commit (SbCapture         *self,
                   const SbEventInfo *info,
                   gsize              payload_len)
{
  guint64 offset;

  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);
  g_return_val_if_fail (info != NULL, 0);
  g_return_val_if_fail (info_is_valid (info), 0);
  g_return_val_if_fail (self->session == NULL, 0);
  g_return_val_if_fail (payload_len == 0
                        || (self->reserving && payload_len <= self->reserved), 0);

  self->reserving = FALSE;
  if (payload_len == 0)
    return record_event (self, info, 0, 0);
  if (G_UNLIKELY (self->reserving_scratch))
    return commit_not_retained (self, info, payload_len);

  offset = sb_capture_arena_commit (self->arena, payload_len);

  return record_event (self, info, offset, payload_len);
}

gint64
sb_capture_get_last_record_time (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return self->last_record_us;
}

guint
sb_capture_get_n_recorded (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return self->n_recorded;
}

gboolean
sb_capture_get_info (SbCapture   *self,
                     guint        index,
                     SbEventInfo *info)
{
  SbRecord record;

  g_return_val_if_fail (SB_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (self->session != NULL)
    return _sb_session_file_get_info (self->session, index, info);
  if (index >= self->n_recorded || !get_record (self, index, &record))
    return FALSE;

  info->kind = record.kind;
  info->side = (record.side_detail & 0x80) ? SB_SIDE_SERVER : SB_SIDE_CLIENT;
  info->socket_id = record.socket_id;
  info->detail = record.side_detail & 0x7f;
  if (info->detail == DETAIL_ASIDE)
    info->detail = GPOINTER_TO_INT (g_hash_table_lookup (self->large_details,
                                                         GUINT_TO_POINTER (index)));
  info->result = record.result;
  info->errnum = record.errnum;
  info->requested = record.requested;
  info->note = record.note ? g_ptr_array_index (self->notes, record.note - 1) : NULL;
  info->mono_us = record.mono_us;
  info->wall_us = self->start_wall_us + record.mono_us;
  info->payload_len = record.payload_len;

  return TRUE;
}

GBytes *
sb_capture_dup_payload (SbCapture *self,
                        guint      index)
{
  SbRecord record;

  g_return_val_if_fail (SB_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (index < self->n_recorded, NULL);

  if (self->session != NULL)
    {
      gsize len;
      const guint8 *payload = _sb_session_file_get_payload (self->session, index, &len);

      return g_bytes_new (payload, len);
    }
  if (!get_record (self, index, &record))
    return NULL;

  return sb_capture_arena_dup (self->arena, record.payload_offset, record.payload_len);
}

gsize
sb_capture_copy_payload (SbCapture *self,
                         guint      index,
                         gsize      offset,
                         guint8    *buffer,
                         gsize      buffer_len)
{
  SbRecord record;
  gsize len;

  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);
  g_return_val_if_fail (index < self->n_recorded, 0);
  g_return_val_if_fail (buffer != NULL || buffer_len == 0, 0);

  if (self->session != NULL)
    {
      gsize payload_len;
      const guint8 *payload = _sb_session_file_get_payload (self->session, index, &payload_len);

      if (offset >= payload_len)
        return 0;
      len = MIN (buffer_len, payload_len - offset);
      memcpy (buffer, payload + offset, len);
      return len;
    }
  if (!get_record (self, index, &record) || offset >= record.payload_len)
    return 0;

  len = MIN (buffer_len, record.payload_len - offset);
  if (!sb_capture_arena_read (self->arena, record.payload_offset + offset, buffer, len))
    return 0;

  return len;
}

void
sb_capture_flush (SbCapture *self)
{
  guint old_n;

  g_return_if_fail (SB_IS_CAPTURE (self));

  cancel_flush (self);

  old_n = self->n_announced;
  self->n_announced = self->n_recorded;
  if (self->n_announced > old_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_announced - old_n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECORDED]);
    }

  if (self->notified_payload_bytes != self->payload_bytes)
    {
      self->notified_payload_bytes = self->payload_bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYLOAD_BYTES]);
    }
  if (self->notified_spilled_bytes != sb_capture_arena_get_spilled_bytes (self->arena))
    {
      self->notified_spilled_bytes = sb_capture_arena_get_spilled_bytes (self->arena);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPILLED_BYTES]);
    }
}

static void
reset_storage (SbCapture *self)
{
  sb_capture_arena_clear (self->arena);
  sb_capture_arena_clear (self->records);
  g_hash_table_remove_all (self->large_details);
  g_hash_table_remove_all (self->repeats);

  /* Notes stay: the header promises they live as long as the capture.
   * Being interned, only distinct ones are kept. */

  self->n_recorded = 0;
  self->payload_bytes = 0;
  self->not_retained_bytes = 0;
  self->reserving = FALSE;
  self->reserving_scratch = FALSE;
  self->reserved = 0;
  self->start_mono_us = g_get_monotonic_time ();
  self->start_wall_us = g_get_real_time ();
}

void
sb_capture_set_repeats (SbCapture *self,
                        guint      index,
                        guint      times)
{
  g_return_if_fail (SB_IS_CAPTURE (self));
  g_return_if_fail (index < self->n_recorded);

  if (sb_capture_get_repeats (self, index) == MAX (times, 1))
    return;

  if (times > 1)
    g_hash_table_insert (self->repeats, GUINT_TO_POINTER (index), GUINT_TO_POINTER (times));
  else
    g_hash_table_remove (self->repeats, GUINT_TO_POINTER (index));

  /* Not announced yet, it is read whole when it is. */
  if (index < self->n_announced)
    g_signal_emit (self, signals[EVENT_CHANGED], 0, index);
}

guint
sb_capture_get_repeats (SbCapture *self,
                        guint      index)
{
  gpointer times;

  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  if (index >= self->n_recorded)
    return 0;

  times = g_hash_table_lookup (self->repeats, GUINT_TO_POINTER (index));

  return times != NULL ? GPOINTER_TO_UINT (times) : 1;
}

void
sb_capture_clear (SbCapture *self)
{
  guint removed;

  g_return_if_fail (SB_IS_CAPTURE (self));
  g_return_if_fail (self->session == NULL);

  /* Whoever reads the model as a stream of events (the auto-responder)
   * sees every event once, even one recorded since the last flush. */
  sb_capture_flush (self);
  cancel_flush (self);
  reset_storage (self);

  removed = self->n_announced;
  self->n_announced = 0;
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECORDED]);
    }

  /* Empty, so there is room: reading resumes, and the new log says so. */
  self->records_full = FALSE;
  set_full_state (self, FULL_ROOM, SB_CAPTURE_ROOM_CLEARED, 0);

  sb_capture_flush (self);
}

guint
sb_capture_new_socket_id (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return ++self->next_socket_id;
}

guint64
sb_capture_get_payload_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return self->payload_bytes;
}

guint64
sb_capture_get_spilled_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_arena_get_spilled_bytes (self->arena);
}

guint64
sb_capture_get_spilled_record_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_arena_get_spilled_bytes (self->records);
}

guint64
sb_capture_get_resident_bytes (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sb_capture_arena_get_resident_bytes (self->arena)
         + sb_capture_arena_get_resident_bytes (self->records);
}

guint64
sb_capture_get_memory_budget (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return self->memory_budget;
}

static void
apply_budget (SbCapture *self)
{
  guint64 budget = self->memory_budget;
  guint64 records = 0;
  /* What the capture may hold is what the pool may keep for the next. */
  guint64 recycle = ((budget != 0) ? budget : DEFAULT_RECYCLE_LIMIT) + SB_CAPTURE_FIXED_OVERHEAD;

  /* 0 means no limit, so a share never rounds down to 0. */
  if (budget != 0)
    records = MAX (budget / RECORD_SHARE_DIVISOR, 1);

  sb_capture_arena_set_recycle_limit (self->arena, recycle);
  sb_capture_arena_set_recycle_limit (self->records, recycle);
  sb_capture_arena_set_budget (self->records, records);
  sb_capture_arena_set_budget (self->arena,
                               (budget != 0) ? MAX (budget - records, 1) : 0);
}

void
sb_capture_set_memory_budget (SbCapture *self,
                              guint64    budget)
{
  g_return_if_fail (SB_IS_CAPTURE (self));

  if (self->memory_budget == budget)
    return;

  self->memory_budget = budget;
  apply_budget (self);
  recheck_full (self, SB_CAPTURE_ROOM_MEMORY_RAISED, budget);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_BUDGET]);
}

/* The fixed record per event, kept in memory or spilled like payloads
 * (under the same budget).  Not counted: each distinct note, stored once
 * however many events share it, and a detail too big for the record (a
 * datagram socket's drops), kept aside. */
gsize
sb_capture_get_overhead_per_event (SbCapture *self)
{
  g_return_val_if_fail (SB_IS_CAPTURE (self), 0);

  return sizeof (SbRecord);
}

static GType
sb_capture_get_item_type (GListModel *model)
{
  return SB_TYPE_EVENT;
}

static guint
sb_capture_get_n_items (GListModel *model)
{
  return SB_CAPTURE (model)->n_announced;
}

static gpointer
sb_capture_get_item (GListModel *model,
                     guint       position)
{
  SbCapture *self = SB_CAPTURE (model);

  if (position >= self->n_announced)
    return NULL;

  return sb_event_new (self, position);
}

static void
sb_capture_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sb_capture_get_item_type;
  iface->get_n_items = sb_capture_get_n_items;
  iface->get_item = sb_capture_get_item;
}

static void
sb_capture_dispose (GObject *object)
{
  SbCapture *self = SB_CAPTURE (object);

  cancel_flush (self);

  G_OBJECT_CLASS (sb_capture_parent_class)->dispose (object);
}

static void
sb_capture_finalize (GObject *object)
{
  SbCapture *self = SB_CAPTURE (object);

  reset_storage (self);
  g_clear_pointer (&self->arena, sb_capture_arena_free);
  g_clear_pointer (&self->records, sb_capture_arena_free);
  g_clear_pointer (&self->disk, sb_capture_disk_free);
  g_clear_pointer (&self->scratch, g_free);
  g_clear_pointer (&self->socket_names, sb_socket_names_free);
  g_clear_pointer (&self->local_tuples, g_array_unref);
  g_clear_pointer (&self->large_details, g_hash_table_unref);
  g_clear_pointer (&self->repeats, g_hash_table_unref);
  g_clear_pointer (&self->datagram_sockets, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->note_index, g_hash_table_unref);
  g_clear_pointer (&self->note_chunk, g_string_chunk_free);
  g_clear_pointer (&self->session, _sb_session_file_free);

  G_OBJECT_CLASS (sb_capture_parent_class)->finalize (object);
}

static void
sb_capture_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SbCapture *self = SB_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_MEMORY_BUDGET:
      g_value_set_uint64 (value, self->memory_budget);
      break;

    case PROP_PAYLOAD_BYTES:
      g_value_set_uint64 (value, self->payload_bytes);
      break;

    case PROP_SPILLED_BYTES:
      g_value_set_uint64 (value, sb_capture_arena_get_spilled_bytes (self->arena));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_announced);
      break;

    case PROP_N_RECORDED:
      g_value_set_uint (value, self->n_recorded);
      break;

    case PROP_DISK_BUDGET:
      g_value_set_uint64 (value, sb_capture_disk_get_budget (self->disk));
      break;

    case PROP_FULL:
      g_value_set_boolean (value, self->full_state == FULL_STOPPED);
      break;

    case PROP_KEEPING_COUNTS:
      g_value_set_boolean (value, self->full_state == FULL_COUNTING);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_capture_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SbCapture *self = SB_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_MEMORY_BUDGET:
      sb_capture_set_memory_budget (self, g_value_get_uint64 (value));
      break;

    case PROP_DISK_BUDGET:
      sb_capture_set_disk_budget (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_capture_class_init (SbCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_capture_dispose;
  object_class->finalize = sb_capture_finalize;
  object_class->get_property = sb_capture_get_property;
  object_class->set_property = sb_capture_set_property;

  /**
   * SbCapture:memory-budget:
   *
   * Bytes of event records and payloads kept in memory before the oldest
   * chunks are spilled to a file in the user's cache folder (records get a quarter, payloads
   * the rest); 0 for no limit.
   */
  properties[PROP_MEMORY_BUDGET] =
    g_param_spec_uint64 ("memory-budget", NULL, NULL,
                         0, G_MAXUINT64, SB_CAPTURE_DEFAULT_BUDGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT
                         | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:payload-bytes:
   *
   * All payload bytes recorded, in memory or spilled; notified at flush.
   */
  properties[PROP_PAYLOAD_BYTES] =
    g_param_spec_uint64 ("payload-bytes", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:spilled-bytes:
   *
   * Payload bytes written to the temporary file; notified at flush.
   */
  properties[PROP_SPILLED_BYTES] =
    g_param_spec_uint64 ("spilled-bytes", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:n-items:
   *
   * The events announced through the list model.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:n-recorded:
   *
   * The events recorded; may run ahead of #SbCapture:n-items.  Notified
   * only at flush, never per event.
   */
  properties[PROP_N_RECORDED] =
    g_param_spec_uint ("n-recorded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:disk-budget:
   *
   * Bytes the spill files may hold together; 0 for automatic (the
   * smaller of 4 GiB and a quarter of the free space where they are).
   */
  properties[PROP_DISK_BUDGET] =
    g_param_spec_uint64 ("disk-budget", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:full:
   *
   * Whether the capture is full and reading is stopped: neither memory
   * nor disk has room, and the full action is SB_CAPTURE_FULL_STOP.
   */
  properties[PROP_FULL] =
    g_param_spec_boolean ("full", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbCapture:keeping-counts:
   *
   * Whether the capture is full and payloads are counted, not stored.
   */
  properties[PROP_KEEPING_COUNTS] =
    g_param_spec_boolean ("keeping-counts", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbCapture::event-changed:
   * @index: the event's index
   *
   * What is shown of an announced event changed: its repeat count
   * (sb_capture_set_repeats()).  The list model stays as it was: rows
   * that show the event read it again.
   */
  signals[EVENT_CHANGED] =
    g_signal_new ("event-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sb_capture_init (SbCapture *self)
{
  self->disk = sb_capture_disk_new ();
  self->records = sb_capture_arena_new ("event records");
  self->notes = g_ptr_array_new ();
  self->note_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->note_chunk = g_string_chunk_new (4096);
  self->arena = sb_capture_arena_new ("payloads");
  self->socket_names = sb_socket_names_new ();
  self->local_tuples = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->large_details = g_hash_table_new (NULL, NULL);
  self->repeats = g_hash_table_new (NULL, NULL);
  self->datagram_sockets = g_hash_table_new (NULL, NULL);
  sb_capture_arena_set_disk (self->records, self->disk);
  sb_capture_arena_set_disk (self->arena, self->disk);
  self->memory_budget = SB_CAPTURE_DEFAULT_BUDGET;
  apply_budget (self);
  self->start_mono_us = g_get_monotonic_time ();
  self->start_wall_us = g_get_real_time ();
}

SbCapture *
sb_capture_new (void)
{
  return g_object_new (SB_TYPE_CAPTURE, NULL);
}
