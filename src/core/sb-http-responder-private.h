/* sb-http-responder-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-http-responder.h"

G_BEGIN_DECLS

typedef struct _SbResponderConn SbResponderConn;

struct _SbHttpResponder
{
  GObject         parent_instance;

  /* owned */
  SbListener     *listener;
  SbHttpFollower *follower;
  SbHttpReplies  *replies;
  GHashTable     *conns;         /* socket id → SbResponderConn */
  char           *problem;

  guint           close_timeout_ms;
  guint           idle_timeout_ms;
  guint           enabled : 1;
};

/* One reply in a connection's queue: ready once @reply is set (a file is
 * read asynchronously); replies leave in the order requests came. */
typedef struct
{
  SbResponderConn *conn;         /* NULL once the connection was dropped */
  GBytes          *reply;
  GCancellable    *cancellable;  /* while a file is being read */
  char            *status_line;
  char            *headers;
  SbHttpReplyFlags flags;
} SbResponderReply;

/* A connection of the listener while the responder is on. */
struct _SbResponderConn
{
  SbHttpResponder *responder;    /* borrowed: it owns this */
  SbStream        *stream;
  guint            socket_id;
  GQueue           replies;      /* SbResponderReply, oldest first */
  guint            next_sequence;
  guint            check_id;     /* idle: look at the stream's state */
  guint            close_id;     /* timeout: close after our shutdown */
  guint            idle_id;      /* timeout: end a connection left idle */
  guint            peer_done : 1; /* eof: no request will follow */
  guint            ending : 1;    /* the last reply is queued: answer no more */
  guint            shut : 1;      /* we called shutdown(SHUT_WR) */
};

SbResponderConn *_sb_responder_conn_new    (SbHttpResponder  *self,
                                            SbStream         *stream);
void             _sb_responder_conn_free   (SbResponderConn  *conn);
/* Queues @reply (owned by the queue) and sends what is ready. */
void             _sb_responder_conn_push   (SbResponderConn  *conn,
                                            SbResponderReply *reply);
/* Sends the ready replies at the head of the queue; ends the connection
 * after a closing reply, or once the peer is done and nothing is left. */
void             _sb_responder_conn_flush  (SbResponderConn  *conn);

/* Starts the idle timeout again: the peer did something. */
void             _sb_responder_conn_touch  (SbResponderConn  *conn);

void             _sb_responder_reply_free  (SbResponderReply *reply);
void             _sb_http_responder_set_problem (SbHttpResponder *self,
                                                 const char      *problem);

G_END_DECLS
