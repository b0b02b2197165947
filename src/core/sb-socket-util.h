/* sb-socket-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* "ECONNREFUSED", or NULL for an errno this table does not name. */
const char *sb_errno_get_name         (int            errnum);
/* A plain explanation: "nothing is listening on that port".  Falls back to
 * g_strerror() for errnos without one.  Translated. */
const char *sb_errno_get_explanation  (int            errnum);
/* The exception Python raises for @errnum: "ConnectionRefusedError", or
 * "OSError" for the errnos that have no subclass of their own. */
const char *sb_errno_get_python_exception (int        errnum);
/* "nothing is listening on that port (ECONNREFUSED)" */
char       *sb_errno_describe         (int            errnum);
/* Whether @errnum, from send(), recv() or shutdown() on a connection that
 * was established, means that the peer has left rather than that our call
 * failed: ECONNRESET (it reset the connection), EPIPE (the connection is
 * gone; unless @write_shut_by_us, when sending after our own shutdown is
 * the mistake) and ENOTCONN (the kernel already tore the connection down
 * after the peer's RST). */
gboolean    sb_errno_means_peer_left  (int            errnum,
                                       gboolean       write_shut_by_us);

/* TCP_INFO's tcpi_state as the kernel names it: "ESTABLISHED", "CLOSE_WAIT". */
const char *sb_tcp_state_get_name     (int            tcpi_state);
/* Reads TCP_INFO of @fd: the state's name, or NULL when it cannot be read. */
const char *sb_socket_get_tcp_state   (int            fd);
/* Bytes in the kernel's queues of the connected TCP socket @fd: waiting to
 * be read (SIOCINQ) and not yet acknowledged by the peer (SIOCOUTQ: sent,
 * or in the send buffer still).  FALSE when they cannot be read. */
gboolean    sb_socket_get_queues      (int            fd,
                                       guint         *waiting,
                                       guint         *unacknowledged);
/* The accept queue of the listening TCP socket @fd (TCP_INFO of a listener:
 * tcpi_unacked is the queue's length, tcpi_sacked its limit).  FALSE when
 * it cannot be read. */
gboolean    sb_socket_get_accept_queue (int           fd,
                                        guint        *length,
                                        guint        *limit);

/* "AF_INET, SOCK_STREAM" */
const char *sb_socket_family_describe (GSocketFamily  family);
/* "AF_INET, SOCK_DGRAM" for G_SOCKET_TYPE_DATAGRAM, else as above. */
const char *sb_socket_type_describe   (GSocketFamily  family,
                                       GSocketType    type);

/* Records one event without payload for the socket @socket_id on @side. */
guint       sb_socket_record          (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       SbEventKind    kind,
                                       int            detail,
                                       gint64         result,
                                       int            errnum,
                                       gsize          requested,
                                       const char    *note);
/* Records a failed call (result -1) of @kind with @errnum; the note is
 * "@what: <plain explanation>", or only the explanation when @what is NULL. */
guint       sb_socket_record_failure  (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       SbEventKind    kind,
                                       int            detail,
                                       int            errnum,
                                       const char    *what);

/* An IP address for bind() or sendto(): "localhost" is 127.0.0.1, "" all
 * IPv4 interfaces (as Python's bind(("", port))), "[::1]" loses its
 * brackets.  NULL when @address is not an IP address. */
GInetAddress *sb_socket_parse_address (const char    *address);

/* A GError in G_IO_ERROR for @errnum, with the message @message. */
GError     *sb_socket_error_new       (int            errnum,
                                       const char    *message);

/* The calls SbStream and SbListener share, each recorded as one event.
 * socket(): a non-blocking, close-on-exec TCP socket; records the socket
 * event, or the failure (then returns -1 with errno set). */
int         sb_socket_open            (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       GSocketFamily  family);
/* The same for a socket of @type: G_SOCKET_TYPE_DATAGRAM gives SOCK_DGRAM
 * (UDP), anything else SOCK_STREAM. */
int         sb_socket_open_type       (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       GSocketFamily  family,
                                       GSocketType    type);
/* Wraps @fd in a GSocket; on failure records the error and returns NULL
 * (GSocket has closed @fd then). */
GSocket    *sb_socket_wrap            (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       int            fd,
                                       GError       **error);
/* close() of @socket, recorded as a close event of kind @how. */
void        sb_socket_close_recorded  (SbCapture     *capture,
                                       SbSide         side,
                                       guint          socket_id,
                                       GSocket       *socket,
                                       SbCloseHow     how,
                                       const char    *note);

/* Keeps @socket's local tuple in @capture's side table (for the ladder's
 * pairing of a client with its accept); nothing when it cannot be read. */
void        sb_socket_note_local_tuple (SbCapture    *capture,
                                        guint         socket_id,
                                        GSocket      *socket);

/* Sockets are watched through sb-readiness.h (one epoll source for all). */
/* Destroys and unrefs *@source, if any, and sets it to NULL. */
void        sb_clear_source           (GSource          **source);

/* Sets the string *@field to @value, notifying @pspec only on change. */
void        sb_object_set_string      (GObject           *object,
                                       char             **field,
                                       const char        *value,
                                       GParamSpec        *pspec);

G_END_DECLS
