/* sb-event.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT (sb_event_get_type ())

G_DECLARE_FINAL_TYPE (SbEvent, sb_event, SB, EVENT, GObject)

/* A row of SbCapture's list model: a light view of one recorded event.
 * Properties (read-only): index, kind, side, socket-id, result, errnum,
 * requested, payload-length, note, time-us (since the capture started). */

SbEvent     *sb_event_new                (SbCapture   *capture,
                                          guint        index);
SbCapture   *sb_event_get_capture        (SbEvent     *self);
guint        sb_event_get_index          (SbEvent     *self);
SbEventKind  sb_event_get_kind           (SbEvent     *self);
SbSide       sb_event_get_side           (SbEvent     *self);
guint        sb_event_get_socket_id      (SbEvent     *self);
int          sb_event_get_detail         (SbEvent     *self);
gint64       sb_event_get_result         (SbEvent     *self);
int          sb_event_get_errnum         (SbEvent     *self);
gsize        sb_event_get_requested      (SbEvent     *self);
gsize        sb_event_get_payload_length (SbEvent     *self);
const char  *sb_event_get_note           (SbEvent     *self);
gint64       sb_event_get_time_us        (SbEvent     *self);
gint64       sb_event_get_wall_us        (SbEvent     *self);
GBytes      *sb_event_dup_payload        (SbEvent     *self);

/* Presentation helpers, all GTK-free. */
const char  *sb_event_kind_to_string     (SbEventKind  kind);   /* "recv" */
const char  *sb_side_to_string           (SbSide       side);   /* "client" */
/* One plain-language line: "recv(1024) returned 11 bytes".  For
 * SB_EVENT_RESOLVE the note may start with the host name and ": ",
 * "localhost: ::1, 127.0.0.1"; the summary and Python line then name it. */
char        *sb_event_dup_summary        (SbEvent     *self);
/* The equivalent Python statement, in the style of the socket exercises
 * (`from socket import *`): "conn.recv(1024)  # → b'Hello World'", as the
 * transcript shows it folded (see sb-transcript.h for names and folding). */
char        *sb_event_dup_python         (SbEvent     *self);

G_END_DECLS
