/* sb-capture.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-socket-names.h"
#include "sb-types.h"

G_BEGIN_DECLS

/**
 * SbEventInfo:
 * One captured event, as passed to sb_capture_append() and returned by
 * sb_capture_get_info().  On append, @mono_us, @wall_us and @payload_len are
 * filled in by the capture; @note is copied.  On read, @note points into the
 * capture and stays valid as long as the capture lives.
 */
typedef struct
{
  SbEventKind kind;
  SbSide      side;
  guint       socket_id;   /* from sb_capture_new_socket_id(); 0 for none */
  int         detail;      /* SbConnectPhase, SbShutdownHow, SbCloseHow, SbSendtoHow,
                            * or a recvfrom()'s datagrams dropped before it; >= 0 */
  gint64      result;      /* the call's return value; -1 when it failed */
  int         errnum;      /* errno when it failed, else 0 */
  gsize       requested;   /* recv buffer size, bytes offered to send, backlog */
  const char *note;        /* address tuple, errno message, …; may be NULL */
  gint64      mono_us;     /* microseconds since the capture started */
  gint64      wall_us;     /* wall clock, microseconds since the epoch */
  gsize       payload_len; /* bytes of payload kept for this event */
} SbEventInfo;

#define SB_TYPE_CAPTURE (sb_capture_get_type ())

G_DECLARE_FINAL_TYPE (SbCapture, sb_capture, SB, CAPTURE, GObject)

/* SbCapture implements GListModel with SbEvent items, created lazily.
 * items-changed is emitted in batches, at most once per
 * SB_CAPTURE_FLUSH_INTERVAL_MS, never once per event. */
#define SB_CAPTURE_FLUSH_INTERVAL_MS 16

SbCapture  *sb_capture_new                (void);
guint       sb_capture_new_socket_id      (SbCapture         *self);

/* Recording.  sb_capture_reserve() returns room for @max_len bytes in the
 * payload arena, to recv() into directly; sb_capture_commit() then records
 * an event whose payload is the first @payload_len bytes of that room (0 is
 * fine).  While the capture is full (see SbCaptureFullAction) it returns
 * NULL: do not read; with keeping counts only, room that is not kept.  An append with a payload in between abandons the reservation; one
 * without does not.  Each returns the new event's index; timestamps are
 * taken there. */
guint       sb_capture_append             (SbCapture         *self,
                                           const SbEventInfo *info,
                                           const guint8      *payload,
                                           gsize              payload_len);
guint8     *sb_capture_reserve            (SbCapture         *self,
                                           gsize              max_len);
guint       sb_capture_commit             (SbCapture         *self,
                                           const SbEventInfo *info,
                                           gsize              payload_len);

/* The monotonic time (g_get_monotonic_time ()) at which the last event
 * was recorded, 0 before the first: a loop that records events can bound
 * its time with it instead of reading the clock again. */
gint64      sb_capture_get_last_record_time (SbCapture       *self);

/* Reading: indexes run from 0 to sb_capture_get_n_recorded () - 1, which may
 * be ahead of what the GListModel has announced yet. */
guint       sb_capture_get_n_recorded     (SbCapture         *self);
gboolean    sb_capture_get_info           (SbCapture         *self,
                                           guint              index,
                                           SbEventInfo       *info);
GBytes     *sb_capture_dup_payload        (SbCapture         *self,
                                           guint              index);
gsize       sb_capture_copy_payload       (SbCapture         *self,
                                           guint              index,
                                           gsize              offset,
                                           guint8            *buffer,
                                           gsize              buffer_len);
void        sb_capture_flush              (SbCapture         *self);
/* A call that fails alike again and again (accept() out of descriptors)
 * is one event that counts its repeats, rather than one event per failure:
 * @times is how often it happened in all (1: once, as every event).  An
 * announced event emits SbCapture::event-changed.  0 for an index past the
 * end; a clear forgets the counts with the events. */
void        sb_capture_set_repeats        (SbCapture         *self,
                                           guint              index,
                                           guint              times);
guint       sb_capture_get_repeats        (SbCapture         *self,
                                           guint              index);
/* Forgets every event and payload: first announces what is not announced
 * yet, then removes all items at once.  Socket ids and connection numbers
 * go on, so sockets still open keep theirs and new ones never reuse one. */
void        sb_capture_clear              (SbCapture         *self);
/* Whether the capture is a saved session (sb_session_open ()): its events
 * are read from the file; nothing can be recorded or cleared. */
gboolean    sb_capture_is_read_only       (SbCapture         *self);

/* Memory.  The default budget keeps the window, with a capture of any
 * length, under 300 MB resident: the window itself takes about 110 MB. */
#define SB_CAPTURE_DEFAULT_BUDGET ((guint64) 160 * 1024 * 1024)

guint64     sb_capture_get_payload_bytes  (SbCapture         *self);
guint64     sb_capture_get_memory_budget  (SbCapture         *self);
void        sb_capture_set_memory_budget  (SbCapture         *self,
                                           guint64            budget);
/* The memory budget covers event records and payloads together: past it,
 * the oldest of either move to temporary files and are read back on
 * demand.  sb_capture_get_resident_bytes () stays within the budget plus
 * SB_CAPTURE_FIXED_OVERHEAD (a chunk being filled for each; or a payload
 * bigger than a chunk, which has one of its own).  Memory let
 * go at a clear or when the capture is freed is kept, faulted in, for the
 * next capture of the process (up to the budget), not returned. */
#define SB_CAPTURE_FIXED_OVERHEAD (2 * SB_CAPTURE_CHUNK_SIZE)
/* Bytes per event of record, in memory or spilled, beside its payload. */
gsize       sb_capture_get_overhead_per_event (SbCapture     *self);
/* Payload bytes written to the temporary spill file (and freed from memory). */
guint64     sb_capture_get_spilled_bytes  (SbCapture         *self);
/* Event record bytes written to the spill file (and freed from memory). */
guint64     sb_capture_get_spilled_record_bytes (SbCapture   *self);
/* Bytes of chunk memory (records and payloads) held in memory now. */
guint64     sb_capture_get_resident_bytes (SbCapture         *self);

/* Disk.  Past the memory budget, records and payloads go to spill files
 * in sb_capture_dup_spill_dir (); these together stay within the disk
 * budget: 0 (the default) for automatic, the smaller of
 * SB_CAPTURE_AUTO_DISK_CAP and a quarter of the free space there
 * (sb_capture_get_auto_disk_limit ()). */
#define SB_CAPTURE_AUTO_DISK_CAP ((guint64) 4 * 1024 * 1024 * 1024)

/* g_get_user_cache_dir ()/sockbench, made 0700 at the first spill. */
char       *sb_capture_dup_spill_dir      (void);
/* The automatic disk limit for spill files in @dir (NULL: the spill
 * folder), from g_file_query_filesystem_info (). */
guint64     sb_capture_get_auto_disk_limit (const char       *dir);
guint64     sb_capture_get_disk_budget    (SbCapture         *self);
void        sb_capture_set_disk_budget    (SbCapture         *self,
                                           guint64            budget);
/* The limit in effect, and the spill files' bytes now. */
guint64     sb_capture_get_disk_limit     (SbCapture         *self);
guint64     sb_capture_get_disk_bytes     (SbCapture         *self);

/**
 * SbCaptureFullAction:
 * @SB_CAPTURE_FULL_STOP: reading stops: sb_capture_reserve () returns NULL,
 *   so no recv() is made, TCP's flow control holds the peers back and
 *   nothing is lost (UDP datagrams are the kernel's to drop, and counted)
 * @SB_CAPTURE_FULL_COUNT: reading goes on; payloads are counted (the
 *   event's result) but not stored (payload_len 0): "N bytes not retained";
 *   until the event records themselves no longer fit: then reading stops
 *
 * What happens once the capture is full: no room in memory, and none left
 * on disk to spill to.
 */
typedef enum
{
  SB_CAPTURE_FULL_STOP,
  SB_CAPTURE_FULL_COUNT,
} SbCaptureFullAction;

/* The state, with a property each (notified when it changes): `full` while
 * reading is stopped (also while keeping counts only, once not even the
 * event records fit), `keeping-counts` while payloads are only counted.
 * Changing the action, raising a budget or clearing looks again; each
 * change of state is an event in the log (sb_capture_is_full_event ()). */
SbCaptureFullAction sb_capture_get_full_action (SbCapture    *self);
void        sb_capture_set_full_action    (SbCapture         *self,
                                           SbCaptureFullAction action);
gboolean    sb_capture_is_full            (SbCapture         *self);
gboolean    sb_capture_is_keeping_counts  (SbCapture         *self);
/* Whether the read paths may make a call that records an event (recv(),
 * recvfrom(), accept()): FALSE while reading is stopped, and once not even
 * an event record fits (memory and disk budgets full), which stops reading
 * while keeping counts only too.  Checked before each automatic read, so
 * that peers wait in the kernel (TCP's flow control, the accept queue)
 * rather than the log growing past the budgets; `full` is notified when
 * reading may go on. */
gboolean    sb_capture_can_record         (SbCapture         *self);
/* sb_capture_can_record () for a read path that watches its socket only
 * while it may read: when it may not, @resume (@object) is called once the
 * capture has room again (`full` turns FALSE), once; *@handler holds the
 * signal connection meanwhile (0 before and after; it goes with @object). */
typedef void (*SbCaptureResumeFunc) (gpointer object);
gboolean    sb_capture_can_record_or_wait (SbCapture         *self,
                                           gulong            *handler,
                                           SbCaptureResumeFunc resume,
                                           gpointer           object);
/* Of sb_capture_get_disk_bytes (), the event records' spill file. */
guint64     sb_capture_get_disk_record_bytes (SbCapture      *self);
/* Payload bytes counted but not stored, since the last clear. */
guint64     sb_capture_get_not_retained_bytes (SbCapture     *self);
/* The state in a sentence with its figures, for the pane:
 * "Capture full: 4.3 GB on disk, limit 4.3 GB. Reading stopped; the peers
 * are held back."; NULL while there is room. */
char       *sb_capture_dup_full_message   (SbCapture         *self);

/* The events that say so: socket_id 0, kind SB_EVENT_ERROR, errnum
 * ENOSPC, detail an SbCaptureFullNote, the note the sentence. */
typedef enum
{
  SB_CAPTURE_NOTE_STOPPED = 1,   /* "Capture full: … Reading stopped; …" */
  SB_CAPTURE_NOTE_COUNTING,      /* "Capture full: … Keeping counts only: …" */
  SB_CAPTURE_NOTE_RESUMED,       /* "Reading resumed: …" */
} SbCaptureFullNote;

gboolean    sb_capture_is_full_event      (SbCapture         *self,
                                           const SbEventInfo *info);

/* "N bytes not retained": the text of a gap of @len payload bytes
 * counted but not stored. */
char       *sb_capture_dup_gap_text       (guint64            len);

/* Server-side accepted connections are numbered 1, 2, 3, … in the order in
 * which their first event was recorded (a server-side socket whose first
 * event is socket, bind, listen, resolve or error is a listener instead).
 * Returns 0 for listeners, client sockets and unknown ids.  Survives
 * sb_capture_clear(), like the socket ids. */
guint       sb_capture_get_connection_number (SbCapture      *self,
                                              guint           socket_id);
/* Every socket's role and number (see SbSocketNames), for names such as
 * `server`, `conn2`, `client` that last the socket's life: O(1).  Also
 * survives sb_capture_clear(). */
SbSocketRole sb_capture_get_socket_role     (SbCapture      *self,
                                              guint           socket_id,
                                              guint          *number,
                                              guint          *listener);

/* The local address tuple of a client socket, "('127.0.0.1', 54321)", as
 * the kernel chose it at connect(): the connect events carry only the
 * peer's.  The ladder pairs a client with the accept whose peer tuple it is.
 * A side table by socket id; NULL when unknown.  Survives
 * sb_capture_clear(), like the socket ids. */
void        sb_capture_set_local_tuple    (SbCapture      *self,
                                           guint           socket_id,
                                           const char     *tuple);
const char *sb_capture_get_local_tuple    (SbCapture      *self,
                                           guint           socket_id);

/* Whether the socket @socket_id is UDP: its socket event said SOCK_DGRAM.
 * Survives sb_capture_clear(), like the socket ids. */
gboolean    sb_capture_is_datagram_socket (SbCapture      *self,
                                           guint           socket_id);
/* Whether @info is the kernel's drops on a UDP socket that
 * sb_datagram_refresh() found: an error event, ENOBUFS, whose detail is
 * their number.  No call failed; every view says so. */
gboolean    sb_capture_is_kernel_drops    (SbCapture         *self,
                                           const SbEventInfo *info);
/* The call @info's socket made: its kind's name, or "send" for a sendto
 * event on a connect()ed UDP socket. */
const char *sb_event_info_call_name       (const SbEventInfo *info);

/* The payload arena grows in chunks of this size (a payload larger than a
 * chunk gets a chunk of its own); a payload never spans two chunks. */
#ifndef SB_CAPTURE_CHUNK_SIZE
/* (fuzz-capture builds the capture with smaller chunks, so that they fill
 * and spill within one fuzz input.) */
#define SB_CAPTURE_CHUNK_SIZE (4 * 1024 * 1024)
#endif

G_END_DECLS
