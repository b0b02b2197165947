/* sb-session.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* A saved session: every event of a capture with its call, side, socket,
 * result, times, note and payload bytes, in one file of the format
 * described in docs/session-format.md. */

#define SB_SESSION_MIME_TYPE "application/x-sockbench-session"
#define SB_SESSION_SUFFIX    ".sockbench"

#define SB_SESSION_ERROR (sb_session_error_quark ())

typedef enum
{
  SB_SESSION_ERROR_NOT_SESSION,    /* no session signature, or an empty file */
  SB_SESSION_ERROR_NEWER_VERSION,  /* made by a newer Sockbench */
  SB_SESSION_ERROR_TRUNCATED,      /* ends before what it announces */
  SB_SESSION_ERROR_CORRUPT,        /* a value out of its range */
} SbSessionError;

GQuark      sb_session_error_quark  (void);

/* Reading.  The capture returned is read-only (sb_capture_is_read_only ())
 * and reads its events from the file as they are asked for: the file is
 * mapped, never read whole.  Every error names the file and the byte
 * offset of what is wrong.  @name is what errors call the bytes. */
SbCapture  *sb_session_open         (GFile         *file,
                                     GError       **error);
SbCapture  *sb_session_open_bytes   (GBytes        *bytes,
                                     const char    *name,
                                     GError       **error);
/* The same, mapping and checking the file in a thread. */
void        sb_session_open_async   (GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
SbCapture  *sb_session_open_finish  (GAsyncResult        *result,
                                     GError             **error);

/* Writing: a snapshot of the events recorded when it is made, produced
 * as a stream of bytes, a buffer at a time; payloads are read from the
 * capture (its spill files included) only as they are written. */
typedef struct _SbSessionWriter SbSessionWriter;

SbSessionWriter *sb_session_writer_new      (SbCapture        *capture);
/* The size of the whole file. */
guint64     sb_session_writer_get_size      (SbSessionWriter  *self);
/* Fills @buffer with the file's next bytes; returns how many, 0 at the
 * end, or -1 with @error set when the capture could not be read. */
gssize      sb_session_writer_read          (SbSessionWriter  *self,
                                             guint8           *buffer,
                                             gsize             buffer_len,
                                             GError          **error);
void        sb_session_writer_free          (SbSessionWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSessionWriter, sb_session_writer_free)

/* Saves @capture's events to @file atomically: into a new file beside it,
 * renamed over @file at the end; on an error or a cancel the new file is
 * removed and @file is as it was.  @progress, if not NULL, is told the
 * bytes written and the file's size after each write. */
typedef void (*SbSessionProgress) (guint64  written,
                                   guint64  total,
                                   gpointer user_data);

void        sb_session_save_async   (SbCapture           *capture,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     SbSessionProgress    progress,
                                     gpointer             progress_data,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    sb_session_save_finish  (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
