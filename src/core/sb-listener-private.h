/* sb-listener-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-listener.h"
#include "sb-readiness.h"

#include <sys/socket.h>

G_BEGIN_DECLS

/* SbListener is split by concern: sb-listener.c (GObject, properties and
 * their notifying setters), sb-listener-listen.c (socket, bind, listen,
 * close) and sb-listener-accept.c (the watch and accept()). */
struct _SbListener
{
  GObject          parent_instance;

  /* owned references */
  SbCapture       *capture;
  GSocket         *socket;
  SbWatch         *watch;
  GSource         *retry_source;      /* accept() failed hard: wait, then poll again */
  GListStore      *connections;
  GHashTable      *live;              /* SbStream (owned) that refresh() still visits */
  GHashTable      *by_socket_id;      /* socket id → SbStream in connections */
  GPtrArray       *accepted_batch;    /* while a batch of accepts runs: the new
                                       * connections, for the model in one go */
  GArray          *drained;           /* accepted from the kernel's queue, not
                                       * served yet (sb-listener-drain.c) */
  guint            drained_head;      /* the next of them to serve */
  GSource         *drained_source;    /* serves them while any wait */
  GSource         *drain_source;      /* drains the kernel's queue, above painting */
  GSource         *drain_gap_source;  /* the rest after a drain */
  gulong           full_handler;      /* on the capture's notify::full while it is full */

  /* properties */
  SbListenerState  state;
  char            *local_tuple;
  char            *error_message;
  guint            socket_id;
  guint16          port;
  int              backlog;
  guint            accept_queue;
  guint            accept_queue_limit;
  guint            receive_size;
  guint            auto_accept : 1;
  guint            auto_receive : 1;
  guint            pending : 1;

  guint            accept_requested : 1;  /* accept_one() waits for a connection */
  guint            drain_failed : 1;      /* accept4() failed draining: not watched
                                           * until the next turn meets it */

  /* descriptors (sb-listener-fds.c) */
  guint            fd_event;          /* the event counting accept()'s failures */
  guint            fd_failures;       /* how many, since accepting last worked; 0: none */
  int              fd_errnum;         /* EMFILE or ENFILE while out of descriptors, else 0 */
  guint            open_fds;
  guint64          fd_limit;
  gint64           fds_counted_us;    /* monotonic time of the last count */
  gint64           fd_failed_us;      /* monotonic time of the last failure */
  int              reserve[SB_LISTENER_FD_RESERVE];  /* held while accept() runs */
  int              high_fd;           /* the highest descriptor accept() gave */
  guint            n_reserve;
  guint            close_after_empty_read : 1;
};

/* sb-listener-accept.c: whether an accept() may be recorded.  While the
 * capture is full (sb_capture_can_record ()), nothing is accepted nor
 * drained: the connections wait in the kernel's queue, up to the backlog,
 * rather than the log growing past its budgets; the sources are synced
 * again once it has room. */
gboolean  _sb_listener_may_accept        (SbListener      *self);

/* sb-listener.c: setters that notify only on change. */
void      _sb_listener_set_state         (SbListener      *self,
                                          SbListenerState  state);
void      _sb_listener_set_port          (SbListener      *self,
                                          guint16          port);
void      _sb_listener_set_backlog       (SbListener      *self,
                                          int              backlog);
void      _sb_listener_set_pending       (SbListener      *self,
                                          gboolean         pending);
void      _sb_listener_set_local_tuple   (SbListener      *self,
                                          const char      *local_tuple);
void      _sb_listener_set_error_message (SbListener      *self,
                                          const char      *message);
/* Re-reads accept-queue and accept-queue-limit from the kernel. */
void      _sb_listener_update_accept_queue (SbListener    *self);
void      _sb_listener_emit_accepted     (SbListener      *self,
                                          SbStream        *connection);
/* Between these two, connections added reach the model and the accepted
 * signal together at the end. */
void      _sb_listener_begin_batch       (SbListener      *self);
void      _sb_listener_end_batch         (SbListener      *self);
/* Keeps a newly accepted connection: in the live set and the index by
 * socket id, and in the model with the accepted signal (at once, or at
 * the end of the batch). */
void      _sb_listener_add_connection    (SbListener      *self,
                                          SbStream        *connection);
guint     _sb_listener_record            (SbListener      *self,
                                          guint            socket_id,
                                          SbEventKind      kind,
                                          gint64           result,
                                          int              errnum,
                                          gsize            requested,
                                          const char      *note);

/* sb-listener-accept.c */
/* Polls while connections are accepted as they arrive, or until one is
 * known to be pending (then accept_one() or auto-accept re-arms it). */
void      _sb_listener_sync_source       (SbListener      *self);
/* Removes the watch and the retry source, and closes the connections
 * drained but not served; the socket stays open. */
void      _sb_listener_clear_sources     (SbListener      *self);
/* One turn of accepting automatically: drains the kernel's queue, then
 * accepts a batch (of those drained first). */
void      _sb_listener_accept_batch      (SbListener      *self);

/* sb-listener-drain.c: while accepting automatically, each turn first
 * takes every connection waiting in the kernel's queue (accept4() alone),
 * and accept() serves those first, in order. */
guint     _sb_listener_drain             (SbListener      *self);
/* The oldest drained connection's descriptor and peer address (as
 * accept4() gives them), or -1 when none waits. */
int       _sb_listener_take_drained      (SbListener      *self,
                                          struct sockaddr *address,
                                          socklen_t       *len);
guint     _sb_listener_get_n_drained     (SbListener      *self);
/* A source serves the drained connections while any wait and connections
 * are accepted automatically; otherwise pending says one waits. */
void      _sb_listener_sync_drained      (SbListener      *self);
void      _sb_listener_clear_drained     (SbListener      *self);

/* sb-listener-fds.c */
/* The reserve is held once accept() has given a descriptor this close to
 * the limit (numbers go lowest free first: a high one means most below it
 * are taken); far from it, holding it would only cost system calls.  The
 * drain (which holds no reserve) stops this close to it. */
#define SB_LISTENER_FD_ZONE (4 * SB_LISTENER_FD_RESERVE)
/* While out of descriptors, accept() is tried again this often. */
#define SB_LISTENER_FD_RETRY_MS 200
/* EMFILE or ENFILE: accept() found no descriptor to give. */
gboolean  _sb_listener_errno_is_fd_limit (int              errnum);
/* accept() failed with @errnum (EMFILE or ENFILE): counts the failure on
 * its one event, and closes the oldest connection finished in both
 * directions.  TRUE when one was closed: call accept() again now.  FALSE:
 * out of descriptors (the property says so), try again later. */
gboolean  _sb_listener_at_fd_limit       (SbListener      *self,
                                          int              errnum);
/* accept() gave a connection, or found nothing waiting (EAGAIN): not out
 * of descriptors now.  A failure within 10 s still counts on the same
 * event. */
void      _sb_listener_fds_accepted      (SbListener      *self);
/* Not listening any more. */
void      _sb_listener_fds_reset         (SbListener      *self);
/* While accept() runs, the listener holds SB_LISTENER_FD_RESERVE spare
 * descriptors: accept() fails with EMFILE while they are still there to
 * give back, so that the rest of the process (an icon to load, a file to
 * save, a font) is not left without any while connections take them all.
 * Held around each batch of accept() calls, once accept() has given a
 * descriptor within 4 reserves of the limit. */
void      _sb_listener_fds_hold_reserve  (SbListener      *self);
void      _sb_listener_fds_release_reserve (SbListener    *self);
/* A new connection, before it is added: the close-after-empty-read setting. */
void      _sb_listener_fds_prepare       (SbListener      *self,
                                          SbStream        *connection);
void      _sb_listener_fds_class_init    (GObjectClass    *object_class,
                                          guint            first_id);
gboolean  _sb_listener_fds_get_property  (SbListener      *self,
                                          guint            prop_id,
                                          GValue          *value);
gboolean  _sb_listener_fds_set_property  (SbListener      *self,
                                          guint            prop_id,
                                          const GValue    *value);

G_END_DECLS
