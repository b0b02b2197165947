/* sb-ladder-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"
#include "sb-ladder.h"

G_BEGIN_DECLS

/* SbLadder is split by concern: sb-ladder.c (the GObject, storage of rows,
 * lifelines and arrows, the lookups) and sb-ladder-build.c (what each
 * event means: pairing, byte offsets, arrows), sb-ladder-label.c (texts),
 * sb-ladder-lazy.c (rows built only when asked). */

#define LADDER_BLOCK      4096   /* rows or arrows per storage block */
#define LADDER_BUCKET     256    /* rows per bucket of the arrow index */

typedef enum
{
  PEER_UNKNOWN,    /* not connected (yet) */
  PEER_AWAITING,   /* connected to a listener of this window, not accepted yet */
  PEER_PAIRED,     /* the other end is @partner */
  PEER_OUTSIDE,    /* the other end is not in this window */
} PeerState;

typedef struct
{
  guint   row;
  guint64 start;   /* stream offset of its first byte */
  guint   len;
} PendingSend;

/* UDP: one sender's datagrams to one receiver of ours, not received yet,
 * in the order sent (PendingSend: row and length; start unused). */
typedef struct
{
  GArray *sends;
  guint   head;
} DatagramQueue;

/* What the ladder knows of one socket; kept across a cleared log. */
typedef struct
{
  SbLadderLifelineKind role;
  guint        socket_id;
  guint        number;         /* 1 for "conn", 2 for "conn2", … */
  guint        lifeline;
  guint        peer_lifeline;
  guint        partner;        /* socket id of the other end in this window */
  PeerState    peer_state;
  char        *local_tuple;
  char        *peer_tuple;
  guint64      sent;
  guint64      received;
  GArray      *sends;          /* PendingSend not yet matched, from sends_head */
  guint        sends_head;
  guint        connect_row;
  guint        fin_row;
  guint        rst_row;
  guint        close_row;
  GHashTable  *datagrams;      /* UDP: receiver's socket id → DatagramQueue * */
  GHashTable  *peers;          /* UDP: outside peer's tuple → its lifeline + 1 */
  guint        port;           /* UDP: the local port, once registered; 0 before */
  guint        fin_is_close : 1;
  guint        fin_sent : 1;
  guint        rst_seen : 1;   /* a reset or an error ended it here */
  guint        closed : 1;
  guint        listening : 1;
  guint        datagram : 1;   /* UDP (SOCK_DGRAM) */
} LadderSocket;

typedef struct
{
  SbLadderLifelineKind kind;
  SbSide       side;
  guint        column;
  guint        socket_id;
  guint        first_row;
  guint        last_row;
  const char  *name;
  const char  *tuple;
} Lifeline;

typedef struct
{
  SbLadderArrow arrow;
  guint         next;   /* the bucket's previous arrow, or SB_LADDER_NONE */
} Arrow;

typedef struct
{
  guint head;
  guint max_bottom;
} Bucket;

struct _SbLadder
{
  GObject       parent_instance;

  SbCapture    *capture;       /* owned */

  guint         n_rows;
  GPtrArray    *row_blocks;    /* guint[LADDER_BLOCK]: the row's lifeline */
  guint         n_arrows;
  GPtrArray    *arrow_blocks;  /* Arrow[LADDER_BLOCK] */
  GArray       *buckets;       /* Bucket, by top row / LADDER_BUCKET */
  GArray       *lifelines;     /* Lifeline */
  GPtrArray    *columns[2];    /* by side: GArray of lifeline indexes, by first row */
  GArray       *busy[2];       /* by side: gboolean per column */
  guint         free_from[2];  /* by side: no column below it is free (the
                                * search for one starts there: thousands of
                                * lifelines open at once) */
  GStringChunk *strings;       /* names and tuples */

  GPtrArray    *sockets;       /* LadderSocket *, by socket id */
  GHashTable   *clients_by_tuple;  /* pairing key of the local tuple → LadderSocket * */
  GHashTable   *datagram_ports;    /* UDP local port → GArray of socket ids bound there */
  guint         n_named[4];    /* sockets named so far, by role */

  /* A lazy ladder (sb_ladder_new_lazy()) takes in events only in
   * sb_ladder_catch_up(); its tracker, a rowless ladder, follows every
   * event at once for what it says of the sockets, and hands that over
   * at a clear, when the events the lazy one had not taken in are gone. */
  SbLadder     *tracker;       /* owned, or NULL */
  SbLadder     *base;          /* owned, or NULL: the tracker's sockets at the last clear,
                                * to start the rows again from (sb_ladder_drop_rows()) */
  gboolean      following;     /* takes in each event as it is recorded */
  gboolean      rowless;       /* keeps no row and no arrow: sockets and lifelines only */
};

/* sb-ladder.c */
SbLadder      *_sb_ladder_new_with        (SbCapture            *capture,
                                           gboolean              following,
                                           gboolean              rowless);
/* Takes in up to @max_events new events; returns how many it took. */
guint          _sb_ladder_process_new     (SbLadder             *self,
                                           guint                 max_events);
void           _sb_ladder_items_changed_cb (SbLadder            *self,
                                            guint                position,
                                            guint                removed,
                                            guint                added,
                                            GListModel          *model);
guint          _sb_ladder_add_lifeline    (SbLadder             *self,
                                           SbLadderLifelineKind  kind,
                                           SbSide                side,
                                           guint                 socket_id,
                                           guint                 row,
                                           const char           *name,
                                           const char           *tuple);
void           _sb_ladder_end_lifeline    (SbLadder             *self,
                                           guint                 lifeline,
                                           guint                 row);
void           _sb_ladder_set_tuple       (SbLadder             *self,
                                           guint                 lifeline,
                                           const char           *tuple);
guint          _sb_ladder_add_arrow       (SbLadder             *self,
                                           const SbLadderArrow  *arrow);
void           _sb_ladder_set_row         (SbLadder             *self,
                                           guint                 row,
                                           guint                 lifeline);
Lifeline      *_sb_ladder_lifeline        (SbLadder             *self,
                                           guint                 index);

/* sb-ladder-build.c */
/* An arrow between two events (or an event and an outside peer's lifeline). */
void           _sb_ladder_link            (SbLadder             *self,
                                           SbLadderArrowKind     kind,
                                           guint                 from_event,
                                           guint                 from_lifeline,
                                           guint                 to_event,
                                           guint                 to_lifeline,
                                           guint                 bytes,
                                           guint                 offset);
LadderSocket  *_sb_ladder_lookup_socket   (SbLadder             *self,
                                           guint                 socket_id);

void           _sb_ladder_process         (SbLadder             *self,
                                           guint                 row);
/* Forgets rows, lifelines and arrows, keeping what is known of sockets. */
void           _sb_ladder_forget_rows     (SbLadder             *self);
void           _sb_ladder_socket_free     (gpointer              data);

/* sb-ladder-lazy.c */
/* After both forgot their rows: @to knows what @from knows of the sockets. */
void           _sb_ladder_copy_facts      (SbLadder             *to,
                                           SbLadder             *from);

/* sb-ladder-datagram.c: UDP sockets */
void           _sb_ladder_datagram_sent     (SbLadder          *self,
                                             LadderSocket      *socket,
                                             guint              row,
                                             const SbEventInfo *info);
void           _sb_ladder_datagram_received (SbLadder          *self,
                                             LadderSocket      *socket,
                                             guint              row,
                                             const SbEventInfo *info);
/* Notes the socket's local address once it has one. */
void           _sb_ladder_datagram_learn    (SbLadder          *self,
                                             LadderSocket      *socket);
void           _sb_ladder_datagram_closed   (SbLadder          *self,
                                             LadderSocket      *socket,
                                             guint              row);
/* Forgets the rows of @socket's queues and peers (a cleared log). */
void           _sb_ladder_datagram_forget   (LadderSocket      *socket);
void           _sb_ladder_datagram_free     (LadderSocket      *socket);

G_END_DECLS
