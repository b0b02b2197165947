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
};

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

G_END_DECLS
