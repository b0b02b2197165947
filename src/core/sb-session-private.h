/* sb-session-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-capture.h"

G_BEGIN_DECLS

/* The session file format (docs/session-format.md), little-endian. */
#define SB_SESSION_MAGIC        "\x89SBSESSION\r\n\x1a\n"
#define SB_SESSION_MAGIC_LEN    14
#define SB_SESSION_MAJOR        1
#define SB_SESSION_MINOR        0
#define SB_SESSION_HEADER_LEN   32
#define SB_SESSION_SECTION_LEN  16   /* tag, 4 bytes zero, length (u64) */
#define SB_SESSION_RECORD_LEN   56
#define SB_SESSION_SOCKET_LEN   12   /* socket id, flags, local tuple note */
#define SB_SESSION_REPEAT_LEN   8    /* event index, times */
#define SB_SESSION_SOCKET_DATAGRAM 1

/* A session file being read: its bytes (a mapping), validated once. */
typedef struct _SbSessionFile SbSessionFile;

void        _sb_session_file_free          (SbSessionFile *file);
guint       _sb_session_file_get_n_events  (SbSessionFile *file);
gboolean    _sb_session_file_get_info      (SbSessionFile *file,
                                            guint          index,
                                            SbEventInfo   *info);
/* The payload of event @index, pointing into the mapping. */
const guint8 *_sb_session_file_get_payload (SbSessionFile *file,
                                            guint          index,
                                            gsize         *len);

/* In sb-capture.c: a read-only capture whose events are @file's (owned). */
void        _sb_capture_attach_session     (SbCapture     *self,
                                            SbSessionFile *file);
/* What a recorded event teaches the capture about its socket. */
void        _sb_capture_learn_socket       (SbCapture     *self,
                                            SbSide         side,
                                            guint          socket_id,
                                            SbEventKind    kind,
                                            gboolean       datagram);

G_END_DECLS
