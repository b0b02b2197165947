/* sb-ladder.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* No event, lifeline or arrow. */
#define SB_LADDER_NONE G_MAXUINT

typedef enum
{
  SB_LADDER_LIFELINE_CLIENT,      /* a socket of the client pane */
  SB_LADDER_LIFELINE_SERVER,      /* a listening socket of the server pane */
  SB_LADDER_LIFELINE_CONNECTION,  /* a connection the server pane accepted */
  SB_LADDER_LIFELINE_PEER,        /* the other end of a connection, outside this window */
} SbLadderLifelineKind;

typedef enum
{
  SB_LADDER_ARROW_HANDSHAKE,  /* connect → accept */
  SB_LADDER_ARROW_DATA,       /* send → recv: the bytes both calls share */
  SB_LADDER_ARROW_FIN,        /* shutdown(SHUT_WR) or close → the empty read */
  SB_LADDER_ARROW_RST,        /* reset (or a close that discarded data) → the error */
  SB_LADDER_ARROW_DATAGRAM,   /* UDP: sendto → the recvfrom that got it; no handshake, no FIN */
  SB_LADDER_ARROW_LOST,       /* UDP: a sendto whose datagram never arrived: a later one from
                               * the same socket did (the kernel dropped it); no to_event */
} SbLadderArrowKind;

/**
 * SbLadderLifeline:
 * One endpoint's line.  It runs from @first_row to @last_row
 * (SB_LADDER_NONE while it goes on) in column @column of its half: the
 * client half (@side CLIENT: client sockets and the outside peers of
 * accepted connections) on the left, the server half on the right.  A
 * column is used again by a later lifeline once its lifeline ended.
 * Strings belong to the ladder; @tuple may be NULL.
 */
typedef struct
{
  SbLadderLifelineKind kind;
  SbSide               side;
  guint                column;
  guint                socket_id;  /* for a peer: the socket whose peer it is */
  guint                first_row;
  guint                last_row;
  const char          *name;       /* "client", "server", "conn2", "peer" */
  const char          *tuple;      /* "('127.0.0.1', 54321)" */
} SbLadderLifeline;

/**
 * SbLadderArrow:
 * From the event @from_event on @from_lifeline to @to_event on
 * @to_lifeline.  An arrow from or to an outside peer has one event only,
 * the other being SB_LADDER_NONE; its rows are then both that event's.
 * A data arrow joins one send and one recv that share bytes: a send read
 * by two recv() calls has two arrows, two sends read by one recv() too.
 * @bytes is how many they share and @offset where in the send's payload
 * (in the recv's when the sender is an outside peer) they start.
 *
 * UDP: a datagram arrow joins a sendto() on one of our sockets and the
 * recvfrom() on another that got it (the sender's tuple, the receiver's
 * address, the order and the length agree); with an outside peer, the
 * peer's lifeline (one per peer tuple) stands for the other end.  @bytes
 * is the datagram's real length.  A lost arrow starts at a sendto() whose
 * datagram the receiver never got, and heads for @to_lifeline.
 */
typedef struct
{
  SbLadderArrowKind kind;
  guint             from_event;
  guint             to_event;
  guint             from_lifeline;
  guint             to_lifeline;
  guint             top_row;
  guint             bottom_row;
  guint             bytes;
  guint             offset;
} SbLadderArrow;

#define SB_TYPE_LADDER (sb_ladder_get_type ())

G_DECLARE_FINAL_TYPE (SbLadder, sb_ladder, SB, LADDER, GObject)

/* The capture's events as a sequence diagram, one row per event in the
 * capture's list model order.  Follows the capture's items-changed: each
 * new event is processed once, in O(1) amortized; a removal (Clear Log)
 * starts the rows over, keeping what is known of the sockets.
 * Signal "changed" (no arguments): rows were added or removed. */

SbLadder   *sb_ladder_new              (SbCapture        *capture);
/* A ladder whose rows are built only when asked, for a view that shows
 * only some of the time: it takes in events in sb_ladder_catch_up() only,
 * a batch at a time, and meanwhile keeps nothing per event.  What the
 * events say of the sockets is still followed as they are recorded (a
 * rowless ladder inside), so that after a clear the rows still know the
 * connections opened before it, as sb_ladder_new()'s do.  "changed" is
 * emitted by sb_ladder_catch_up() and at a clear. */
SbLadder   *sb_ladder_new_lazy         (SbCapture        *capture);
/* Events recorded but not in the rows yet (always 0 for sb_ladder_new()). */
guint       sb_ladder_get_n_waiting    (SbLadder         *self);
/* Takes in up to @max_events of the waiting events, in order; returns how
 * many still wait. */
guint       sb_ladder_catch_up         (SbLadder         *self,
                                        guint             max_events);
/* Lazy ladders only: forgets every row and arrow (their memory goes), to
 * take in the events again from the first; emits "changed". */
void        sb_ladder_drop_rows        (SbLadder         *self);
/* Bytes of the blocks that hold rows and arrows (a count for tests: they
 * grow with the events taken in, all else with the sockets). */
gsize       sb_ladder_get_row_bytes    (SbLadder         *self);
SbCapture  *sb_ladder_get_capture      (SbLadder         *self);
guint       sb_ladder_get_n_rows       (SbLadder         *self);

guint       sb_ladder_get_n_lifelines  (SbLadder         *self);
gboolean    sb_ladder_get_lifeline     (SbLadder         *self,
                                        guint             index,
                                        SbLadderLifeline *lifeline);
/* How many columns the @side half needs, at most (0 when empty). */
guint       sb_ladder_get_n_columns    (SbLadder         *self,
                                        SbSide            side);
/* The lifeline of the event in @row, or SB_LADDER_NONE. */
guint       sb_ladder_get_row_lifeline (SbLadder         *self,
                                        guint             row);
/* Appends to @indexes (guint) every lifeline alive somewhere in rows
 * @first_row to @last_row, both included. */
void        sb_ladder_find_lifelines   (SbLadder         *self,
                                        guint             first_row,
                                        guint             last_row,
                                        GArray           *indexes);

guint       sb_ladder_get_n_arrows     (SbLadder         *self);
gboolean    sb_ladder_get_arrow        (SbLadder         *self,
                                        guint             index,
                                        SbLadderArrow    *arrow);
/* Appends to @indexes (guint) every arrow that touches or crosses rows
 * @first_row to @last_row, both included. */
void        sb_ladder_find_arrows      (SbLadder         *self,
                                        guint             first_row,
                                        guint             last_row,
                                        GArray           *indexes);
/* Appends to @indexes the arrows that start or end at @event. */
void        sb_ladder_find_event_arrows (SbLadder        *self,
                                         guint            event,
                                         GArray          *indexes);

/* What an arrow says, for screen readers and tests:
 * "send 11 bytes → recv 11 bytes", "connect → accept",
 * "close → recv b'' (FIN)", "reset → ConnectionResetError (RST)",
 * "peer → recv 14 bytes", "sendto 4 bytes → recvfrom 4 bytes",
 * "sendto 4 bytes → lost".  Translated. */
char       *sb_ladder_dup_arrow_label  (SbLadder         *self,
                                        guint             index);
/* What an arrow shows: its bytes as a Python literal, "b'Hello World'",
 * cut short with "…" past @max_chars characters; "SYN", "FIN", "RST"
 * for the others; a lost datagram's bytes then " ✕". */
char       *sb_ladder_dup_arrow_preview (SbLadder        *self,
                                         guint            index,
                                         gsize            max_chars);

G_END_DECLS
