/* sb-stream-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-readiness.h"
#include "sb-stream.h"

G_BEGIN_DECLS

/* SbStream is split by concern: sb-stream.c (GObject, properties and
 * their notifying setters), sb-stream-connect.c (resolving, connect
 * attempts, the timeout), sb-stream-io.c (watches, recv, the send queue,
 * shutdown) and sb-stream-close.c (close, reset, fatal errors). */
struct _SbStream
{
  GObject        parent_instance;

  /* owned references */
  SbCapture     *capture;
  GSocket       *socket;
  SbWatch       *input_watch;
  SbWatch       *output_watch;
  gulong         full_handler;   /* on the capture's notify::full while it is full */
  GSource       *timeout_source;
  GCancellable  *cancellable;
  GPtrArray     *addresses;      /* GInetAddress, from the resolver */
  GQueue         send_queue;     /* GBytes; the head is sent from head_offset */
  gsize          head_offset;

  /* connecting */
  char          *host;
  guint16        port;
  guint          next_address;
  guint          n_attempts;
  int            last_errnum;
  char          *attempt_tuple;
  GSocketAddress *attempt_address;  /* the address the current socket is for */
  guint          stepping : 1;    /* one call per step: the caller makes the next */

  /* of an accepted connection: what accept4() and getsockname() gave at
   * accept time, kept whatever happens to the connection later */
  GSocketAddress *local_address;
  GSocketAddress *peer_address;

  /* after close(): the 4-tuple, looked up until the kernel lets it go */
  GSocketAddress *closed_local;
  GSocketAddress *closed_peer;
  gint64          closed_us;         /* monotonic time of close() */
  gint64          next_lookup_us;    /* sb_stream_refresh() asks again from then */

  /* properties */
  SbStreamState  state;
  SbSide         side;
  guint          socket_id;
  char          *local_tuple;
  char          *peer_tuple;
  char          *error_message;
  const char    *tcp_state;
  guint64        bytes_sent;
  guint64        bytes_received;
  guint64        bytes_queued;
  guint          bytes_available;
  guint          bytes_unacknowledged;
  guint          receive_size;
  guint          connect_timeout;
  guint          auto_receive : 1;

  /* flags */
  guint          shutdown_pending : 1;  /* shut down writing once the queue drains */
  guint          read_done : 1;         /* eof seen */
  guint          last_recv_short : 1;   /* the last recv() returned less than asked */
  guint          write_done : 1;        /* shutdown(SHUT_WR) done */
  guint          close_after_empty_read : 1;  /* close() follows the empty read */
  guint          close_pending : 1;     /* close() once the send queue drains */
};

/* A connection accepted by an SbListener: side SERVER, state CONNECTED,
 * with a fresh socket id from @capture.  Takes its own reference on
 * @socket, which must be connected and non-blocking.  @local and @peer are
 * the addresses getsockname() and accept4() gave at accept time (either may
 * be NULL): the tuples come from them, never from asking the kernel later,
 * when a reset may have taken the peer's address already. */
SbStream *sb_stream_new_accepted (SbCapture      *capture,
                                  GSocket        *socket,
                                  GSocketAddress *local,
                                  GSocketAddress *peer,
                                  gboolean        auto_receive,
                                  guint           receive_size);

/* sb-stream.c: setters that notify only on change, and counters. */
void      _sb_stream_set_state              (SbStream       *self,
                                             SbStreamState   state);
void      _sb_stream_set_socket_id          (SbStream       *self,
                                             guint           socket_id);
void      _sb_stream_set_tuples             (SbStream       *self,
                                             const char     *local_tuple,
                                             const char     *peer_tuple);
void      _sb_stream_set_error_message_take (SbStream       *self,
                                             char           *message);
void      _sb_stream_add_queued             (SbStream       *self,
                                             gint64          delta);
/* send() took @n queued bytes. */
void      _sb_stream_add_sent               (SbStream       *self,
                                             gsize           n);
void      _sb_stream_add_received           (SbStream       *self,
                                             gsize           n);
/* Re-reads tcp-state, bytes-available and bytes-unacknowledged from the
 * open socket; after close(), tcp-state from the kernel's record of the
 * 4-tuple (sock_diag) until it is gone. */
void      _sb_stream_update_kernel_info     (SbStream       *self);
/* Whether a refresh would read nothing new: connected with its input
 * watched, nothing queued, unacknowledged or waiting.  Anything that can
 * change those figures then makes the socket readable first (data, FIN,
 * RST, an error), and the watch's callback reads them again. */
gboolean  _sb_stream_is_quiet               (SbStream       *self);
/* Keeps the 4-tuple of the socket about to be closed, for the look-ups. */
void      _sb_stream_remember_tuple         (SbStream       *self);
int       _sb_stream_get_fd                 (SbStream       *self);
guint     _sb_stream_record                 (SbStream       *self,
                                             SbEventKind     kind,
                                             int             detail,
                                             gint64          result,
                                             int             errnum,
                                             gsize           requested,
                                             const char     *note);

/* sb-stream-connect.c */
/* G_IO_OUT while connecting: the non-blocking connect() finished. */
void      _sb_stream_finish_connect         (SbStream       *self);
/* Cancels name resolution and forgets the addresses not tried yet. */
void      _sb_stream_abandon_connect        (SbStream       *self);

/* sb-stream-io.c */
/* Polls for input while someone wants to receive and for output while
 * connecting or while bytes wait to be sent. */
void      _sb_stream_sync_sources           (SbStream       *self);

/* sb-stream-close.c */
/* Whether the connection is finished in both directions: open, the empty
 * read seen (the peer closed) and nothing left to send. */
gboolean  _sb_stream_is_finished            (SbStream       *self);
/* close() of an open connection, its close event noted with @note; what is
 * still queued is dropped (and said so).  State CLOSED. */
void      _sb_stream_close_noted            (SbStream       *self,
                                             const char     *note);
/* Whether close() follows the empty read (and once the send queue drained,
 * when bytes wait to be sent).  Set by the listener on accepted connections. */
void      _sb_stream_set_close_after_empty_read (SbStream   *self,
                                                 gboolean    close_after);
/* The empty read was recorded: close() now if the connection closes after
 * it, or once the send queue drained. */
void      _sb_stream_empty_read_done        (SbStream       *self);
/* The send queue just drained: the close() that waited for it. */
void      _sb_stream_queue_drained          (SbStream       *self);
/* close() with a close event; removes every watch and source. */
void      _sb_stream_close_socket           (SbStream       *self,
                                             SbCloseHow      how,
                                             const char     *note);
/* A call found the connection ended: when the peer left (ECONNRESET,
 * EPIPE, ENOTCONN: sb_errno_means_peer_left()) a reset event and state
 * PEER_LEFT, anything else an error event and state FAILED. */
void      _sb_stream_fail_connection        (SbStream       *self,
                                             int             errnum,
                                             const char     *call);

G_END_DECLS
