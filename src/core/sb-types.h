/* sb-types.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SbCapture   SbCapture;
typedef struct _SbDatagram  SbDatagram;
typedef struct _SbDatagramPeer SbDatagramPeer;
typedef struct _SbHttpFollower SbHttpFollower;
typedef struct _SbHttpMessage  SbHttpMessage;
typedef struct _SbEvent     SbEvent;
typedef struct _SbListener  SbListener;
typedef struct _SbStream    SbStream;
typedef struct _SbWorkbench SbWorkbench;

/**
 * SbSide:
 * Which pane of the workbench a socket belongs to.
 */
typedef enum
{
  SB_SIDE_CLIENT,
  SB_SIDE_SERVER,
} SbSide;

/**
 * SbEventKind:
 * The BSD socket call (or its outcome) that one captured event records.
 */
typedef enum
{
  SB_EVENT_SOCKET,    /* socket() created; note: "AF_INET, SOCK_STREAM" */
  SB_EVENT_BIND,      /* bind(); note: the address tuple */
  SB_EVENT_LISTEN,    /* listen(); requested: the backlog */
  SB_EVENT_ACCEPT,    /* accept() returned a connection; note: the peer tuple */
  SB_EVENT_RESOLVE,   /* name resolution finished; note: the addresses, or the error */
  SB_EVENT_CONNECT,   /* detail: SbConnectPhase; note: the address tuple tried */
  SB_EVENT_SEND,      /* result: send()'s return value; requested: bytes offered */
  SB_EVENT_RECV,      /* result: bytes returned (> 0); requested: the buffer size */
  SB_EVENT_EOF,       /* recv() returned 0: the peer closed its sending side */
  SB_EVENT_SHUTDOWN,  /* detail: SbShutdownHow */
  SB_EVENT_CLOSE,     /* detail: SbCloseHow */
  SB_EVENT_RESET,     /* the peer left: ECONNRESET, EPIPE or ENOTCONN (errnum says which);
                       * note: "call: explanation" */
  SB_EVENT_ERROR,     /* any other failure; errnum and note say which */
  SB_EVENT_SENDTO,    /* UDP sendto(); note: the destination tuple; result: bytes sent;
                       * requested: bytes offered; detail: SbSendtoHow */
  SB_EVENT_RECVFROM,  /* UDP recvfrom(); note: the sender's tuple; result: the datagram's
                       * real length (MSG_TRUNC), 0 for an empty datagram (not an EOF);
                       * requested: the buffer size, so result > requested means the
                       * datagram was truncated to the payload kept; detail: datagrams
                       * the kernel dropped (SO_RXQ_OVFL) since the previous recvfrom() */
} SbEventKind;

typedef enum
{
  SB_CONNECT_STARTED,
  SB_CONNECT_ESTABLISHED,
  SB_CONNECT_REFUSED,
  SB_CONNECT_TIMED_OUT,
  SB_CONNECT_FAILED,
  /* This address failed (errnum says how: ECONNREFUSED, ETIMEDOUT, …) and
   * the name has more addresses: the next one is tried, as
   * socket.create_connection() does.  A normal step, not the connection's
   * failure. */
  SB_CONNECT_NEXT_ADDRESS,
} SbConnectPhase;

typedef enum
{
  SB_SHUTDOWN_READ,
  SB_SHUTDOWN_WRITE,
  SB_SHUTDOWN_BOTH,
} SbShutdownHow;

typedef enum
{
  SB_CLOSE_NORMAL,    /* close() */
  SB_CLOSE_ABORT,     /* SO_LINGER 0 then close(): sends RST */
} SbCloseHow;

typedef enum
{
  SB_STREAM_IDLE,
  SB_STREAM_RESOLVING,
  SB_STREAM_RESOLVED,     /* addresses known, no socket yet: socket() is next */
  SB_STREAM_SOCKET_OPEN,  /* socket() made for the next address: connect() is next */
  SB_STREAM_CONNECTING,
  SB_STREAM_CONNECTED,
  SB_STREAM_PEER_CLOSED,  /* eof received; we may still send */
  SB_STREAM_WRITE_SHUT,   /* we shut down sending; we may still receive */
  SB_STREAM_BOTH_SHUT,    /* both directions finished, socket still open */
  SB_STREAM_CLOSED,
  /* The peer left: a call found the connection reset by it or already
   * gone (ECONNRESET, EPIPE, ENOTCONN; sb_errno_means_peer_left()).  An
   * ending, not our failure; the socket is closed. */
  SB_STREAM_PEER_LEFT,
  SB_STREAM_FAILED,       /* connect refused, timed out, name not resolved, … */
} SbStreamState;

/* How an SB_EVENT_SENDTO was sent: sendto() with an address, or send()
 * on a connect()ed UDP socket (the note is then the connected peer). */
typedef enum
{
  SB_SENDTO_ADDRESSED,
  SB_SENDTO_CONNECTED,
} SbSendtoHow;

typedef enum
{
  SB_DATAGRAM_IDLE,
  SB_DATAGRAM_OPEN,       /* socket() made: bind(), sendto() or connect() is next */
  SB_DATAGRAM_BOUND,      /* bound to an address (by bind() or by the first sendto()) */
  SB_DATAGRAM_CONNECTED,  /* connect()ed: send() and recv() with that peer only */
  SB_DATAGRAM_FAILED,
} SbDatagramState;

typedef enum
{
  SB_LISTENER_IDLE,
  SB_LISTENER_OPEN,       /* socket() made: bind() is next */
  SB_LISTENER_BOUND,      /* bind() done: listen() is next */
  SB_LISTENER_LISTENING,
  SB_LISTENER_FAILED,
} SbListenerState;

/* The sockets' readiness source (sb-readiness.h) runs below GDK's redraw
 * priority (G_PRIORITY_HIGH_IDLE + 20), so that a flood never starves
 * painting or input. */
#define SB_SOCKET_PRIORITY G_PRIORITY_DEFAULT_IDLE

/* The largest buffer one recv() may ask for (the GSettings schema's range too). */
#define SB_MAX_RECEIVE_SIZE (1024 * 1024)

/* Bounded work (send(), accept() calls, datagrams) per call of a socket's watch. */
#define SB_MAX_CALLS_PER_DISPATCH 64
/* A stream's recv() calls per call of its watch: more, since a stream of
 * small recv()s pays the main loop's turn (the poll, the kernel's figures,
 * the notifications) once per dispatch; the time per dispatch is bounded
 * too (sb-stream-io.c). */
#define SB_MAX_RECVS_PER_DISPATCH 256

G_END_DECLS
