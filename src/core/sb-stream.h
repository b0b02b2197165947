/* sb-stream.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_STREAM (sb_stream_get_type ())

G_DECLARE_FINAL_TYPE (SbStream, sb_stream, SB, STREAM, GObject)

/* One TCP connection: a client socket (sb_stream_new() then
 * sb_stream_connect()) or a connection accepted by an SbListener.
 *
 * Properties (all notify only on change):
 *   state (SbStreamState), side (SbSide), socket-id (guint),
 *   local-tuple, peer-tuple (strings as Python prints them, or NULL),
 *   bytes-sent, bytes-received (guint64: what the kernel took / returned),
 *   bytes-queued (guint64: offered to send but not yet taken by the kernel),
 *   tcp-state (string from TCP_INFO: "ESTABLISHED", "CLOSE_WAIT", …; after
 *     close() what the kernel still keeps, such as "TIME_WAIT"; else NULL),
 *   bytes-available (guint: bytes waiting in the kernel's receive buffer,
 *     SIOCINQ), bytes-unacknowledged (guint: bytes the peer has not
 *     acknowledged yet, SIOCOUTQ),
 *   auto-receive (boolean, default TRUE), receive-size (guint, default 1024),
 *   connect-timeout (guint milliseconds, default 10000),
 *   error-message (string: the last failure, in plain words, or NULL).
 *
 * Every socket call is recorded in the capture, one event per call. */

SbStream      *sb_stream_new                  (SbCapture   *capture,
                                               SbSide       side);
void           sb_stream_connect              (SbStream    *self,
                                               const char  *host,
                                               guint16      port);

/* The same, one call per step, as a Python program makes them:
 * sb_stream_resolve() is getaddrinfo() (state RESOLVING, then RESOLVED);
 * sb_stream_open_socket() is socket() for the next address's family
 * (SOCKET_OPEN); sb_stream_connect_socket() is connect() (CONNECTING, then
 * CONNECTED).  An address that refuses while more are left brings the
 * state back to RESOLVED: the next socket() is for the next address.  With
 * no address left the state is FAILED.  Each call is one event (connect:
 * started, then its outcome); sb_stream_close() works at every step. */
void           sb_stream_resolve              (SbStream    *self,
                                               const char  *host,
                                               guint16      port);
gboolean       sb_stream_open_socket          (SbStream    *self,
                                               GError     **error);
void           sb_stream_connect_socket       (SbStream    *self);

/* Queue @bytes for sending: send() is called at once and again on G_IO_OUT
 * until everything is taken, each call recorded with its return value. */
gboolean       sb_stream_send                 (SbStream    *self,
                                               GBytes      *bytes,
                                               GError     **error);
/* One recv(receive-size), now, never waiting: with nothing to read it is
 * recorded as a recv event that would block (result -1, EAGAIN), as
 * Python's non-blocking recv() raises BlockingIOError. */
gboolean       sb_stream_receive              (SbStream    *self,
                                               GError     **error);
gboolean       sb_stream_shutdown_write       (SbStream    *self,
                                               GError     **error);
void           sb_stream_close                (SbStream    *self);
void           sb_stream_reset                (SbStream    *self);
/* Re-read tcp-state, bytes-available and bytes-unacknowledged from the
 * kernel; after close(), tcp-state while the kernel keeps the connection.
 * Cheap when there is nothing to read. */
void           sb_stream_refresh              (SbStream    *self);
/* Whether sb_stream_refresh() can still change anything: the socket is
 * open, or the kernel may still keep its closed connection (TIME_WAIT).
 * Once FALSE, the figures are final. */
gboolean       sb_stream_needs_refresh        (SbStream    *self);

SbStreamState  sb_stream_get_state            (SbStream    *self);
SbSide         sb_stream_get_side             (SbStream    *self);
guint          sb_stream_get_socket_id        (SbStream    *self);
const char    *sb_stream_get_local_tuple      (SbStream    *self);
const char    *sb_stream_get_peer_tuple       (SbStream    *self);
guint64        sb_stream_get_bytes_sent       (SbStream    *self);
guint64        sb_stream_get_bytes_received   (SbStream    *self);
guint64        sb_stream_get_bytes_queued     (SbStream    *self);
const char    *sb_stream_get_tcp_state        (SbStream    *self);
guint          sb_stream_get_bytes_available  (SbStream    *self);
guint          sb_stream_get_bytes_unacknowledged (SbStream *self);
gboolean       sb_stream_get_auto_receive     (SbStream    *self);
void           sb_stream_set_auto_receive     (SbStream    *self,
                                               gboolean     auto_receive);
guint          sb_stream_get_receive_size     (SbStream    *self);
void           sb_stream_set_receive_size     (SbStream    *self,
                                               guint        receive_size);
guint          sb_stream_get_connect_timeout  (SbStream    *self);
void           sb_stream_set_connect_timeout  (SbStream    *self,
                                               guint        timeout_ms);
const char    *sb_stream_get_error_message    (SbStream    *self);
/* The error message as a toast says it, after the peer tuple:
 * "('127.0.0.1', 5000): The peer left: …"; the message alone when there
 * is no peer tuple (a client that never connected); NULL when there is no
 * error message. */
char          *sb_stream_dup_error_text       (SbStream    *self);

const char    *sb_stream_state_to_string      (SbStreamState state);  /* "connected" */
gboolean       sb_stream_state_is_open        (SbStreamState state);

G_END_DECLS
