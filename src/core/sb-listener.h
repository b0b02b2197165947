/* sb-listener.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_LISTENER (sb_listener_get_type ())

G_DECLARE_FINAL_TYPE (SbListener, sb_listener, SB, LISTENER, GObject)

/* A TCP listening socket on the server side.
 *
 * Properties: state (SbListenerState), local-tuple (string, as Python prints
 * it), port (the bound port, useful after binding port 0), backlog,
 * auto-accept (boolean, default TRUE), pending (boolean: a connection waits
 * in the backlog to be accepted), accept-queue and accept-queue-limit (guint:
 * connections waiting in the kernel's accept queue, and its limit, read with
 * TCP_INFO), auto-receive and receive-size (given to
 * each accepted SbStream), error-message (the last failure, or NULL).
 *
 * Signals: accepted (SbStream *connection).
 *
 * Every call is recorded in the capture: socket, bind, listen, accept,
 * close, error.
 *
 * One call per step: sb_listener_open_socket() (state OPEN), then
 * sb_listener_bind() (BOUND), then sb_listener_start_listening()
 * (LISTENING).  A failed step records an error event, sets error-message
 * and leaves the state and the socket as they were, so the step can be
 * retried; sb_listener_stop() closes the socket at any step.
 * sb_listener_listen() makes the three calls in one go and, on a failure,
 * closes the socket again (state FAILED). */

SbListener      *sb_listener_new               (SbCapture   *capture);
gboolean         sb_listener_listen            (SbListener  *self,
                                                const char  *address,
                                                guint16      port,
                                                int          backlog,
                                                GError     **error);
gboolean         sb_listener_open_socket       (SbListener  *self,
                                                const char  *address,
                                                GError     **error);
gboolean         sb_listener_bind              (SbListener  *self,
                                                const char  *address,
                                                guint16      port,
                                                GError     **error);
gboolean         sb_listener_start_listening   (SbListener  *self,
                                                int          backlog,
                                                GError     **error);
void             sb_listener_stop              (SbListener  *self);
/* Fails with G_IO_ERROR_NO_SPACE, the capture's full message, while
 * the capture is full (sb_capture_can_record ()). */
gboolean         sb_listener_accept_one        (SbListener  *self,
                                                GError     **error);

SbListenerState  sb_listener_get_state         (SbListener  *self);
const char      *sb_listener_get_local_tuple   (SbListener  *self);
guint16          sb_listener_get_port          (SbListener  *self);
gboolean         sb_listener_get_pending       (SbListener  *self);
guint            sb_listener_get_accept_queue  (SbListener  *self);
guint            sb_listener_get_accept_queue_limit (SbListener *self);
/* Re-reads accept-queue and accept-queue-limit from the kernel, and
 * refreshes the live connections (see below); returns how many of them
 * it read from the kernel. */
guint            sb_listener_refresh           (SbListener  *self);
gboolean         sb_listener_get_auto_accept   (SbListener  *self);
void             sb_listener_set_auto_accept   (SbListener  *self,
                                                gboolean     auto_accept);
gboolean         sb_listener_get_auto_receive  (SbListener  *self);
void             sb_listener_set_auto_receive  (SbListener  *self,
                                                gboolean     auto_receive);
guint            sb_listener_get_receive_size  (SbListener  *self);
void             sb_listener_set_receive_size  (SbListener  *self,
                                                guint        receive_size);
const char      *sb_listener_get_error_message (SbListener  *self);

/* The accepted connections, newest last: a GListModel of SbStream. */
GListModel      *sb_listener_get_connections   (SbListener  *self);

/* Only what is live is walked.  sb_listener_refresh() also refreshes the
 * accepted connections that are live (sb_stream_needs_refresh(): open, or
 * closed but still kept by the kernel), except the quiet ones (connected,
 * idle and watched: anything that changes them wakes their watch first),
 * and forgets those whose figures became final; sb_listener_get_n_live()
 * counts the live ones.
 * sb_listener_foreach_live() calls @func (SbStream *, @user_data) on each
 * live connection, in no particular order.  sb_listener_find_connection()
 * finds an accepted connection by socket id (NULL if none), without a walk. */
guint            sb_listener_get_n_live        (SbListener  *self);
void             sb_listener_foreach_live      (SbListener  *self,
                                                GFunc        func,
                                                gpointer     user_data);
SbStream        *sb_listener_find_connection   (SbListener  *self,
                                                guint        socket_id);

G_END_DECLS

/* Descriptors as a resource (sb-listener-fds.c).
 *
 * close-after-empty-read (boolean, default FALSE): an accepted connection
 * is closed right after its empty read (recv() returned 0), its close an
 * event of its own noted "closed after the empty read"; bytes still queued
 * to send go first.  Applies to the open connections from their next empty
 * read, and to every new one.
 *
 * When accept() fails with EMFILE or ENFILE (EMFILE comes
 * SB_LISTENER_FD_RESERVE descriptors short of the limit: near it, the
 * listener holds those while it calls accept(), for the rest of the
 * process), the failure is one error
 * event whose repeat count (sb_capture_get_repeats()) grows with each
 * failed accept(), shown as "EMFILE: accept: … (N times)"; the accepted
 * connections finished in both directions (the peer closed: the empty read
 * was seen; nothing left to send) are closed, oldest first, one for each
 * failed accept(), each close an event noted "closed to make room: out of
 * descriptors (EMFILE); …", until accept() works.  With none left to close,
 * out-of-descriptors (boolean) is TRUE, with descriptor-error (int: EMFILE
 * or ENFILE, else 0), open-descriptors (guint) and descriptor-limit
 * (guint64, the soft RLIMIT_NOFILE; G_MAXUINT64 unlimited) as figures, and
 * accept() is tried again every SB_LISTENER_FD_RETRY_MS (200 ms) rather
 * than polled: the listening socket is not watched meanwhile.  It is FALSE
 * again at the first accept() that works or finds nothing waiting.  The
 * event counts every failure that comes within 10 s of the one before; a
 * failure after a longer calm is a new event. */

G_BEGIN_DECLS

/* Descriptors kept out of accept()'s reach for the rest of the process:
 * accept() fails with EMFILE this many short of the limit. */
#define SB_LISTENER_FD_RESERVE 16

gboolean         sb_listener_get_close_after_empty_read (SbListener *self);
void             sb_listener_set_close_after_empty_read (SbListener *self,
                                                         gboolean    close_after);
gboolean         sb_listener_get_out_of_descriptors     (SbListener *self);
int              sb_listener_get_descriptor_error       (SbListener *self);
guint            sb_listener_get_open_descriptors       (SbListener *self);
guint64          sb_listener_get_descriptor_limit       (SbListener *self);

G_END_DECLS

/* The accept queue (sb-listener-queue.c).  Linux queues one connection
 * more than the backlog; a SYN that finds the queue full is dropped, and
 * the client retries it after 1 s, 3 s, 7 s…  The backlog is read by
 * listen() only: a new one applies when listening again. */

G_BEGIN_DECLS

/* Whether a queue of @length connections with @limit (the backlog) is
 * full: the kernel now drops new connection attempts. */
gboolean         sb_listener_accept_queue_is_full  (guint        length,
                                                    guint        limit);
/* The same for the listener, as of the last refresh or accept(); FALSE
 * when not listening. */
gboolean         sb_listener_get_accept_queue_full (SbListener  *self);
/* Re-reads the queue from the kernel (TCP_INFO, one system call) and
 * gives its length and limit (0 when not listening); FALSE when not
 * listening. */
gboolean         sb_listener_read_accept_queue     (SbListener  *self,
                                                    guint       *length,
                                                    guint       *limit);

G_END_DECLS
