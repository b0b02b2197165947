/* sb-datagram-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/socket.h>

#include "sb-datagram.h"
#include "sb-readiness.h"

G_BEGIN_DECLS

/* SbDatagram is split by concern: sb-datagram.c (GObject, properties and
 * their notifying setters, socket options), sb-datagram-setup.c (socket,
 * bind, connect, close), sb-datagram-io.c (the watch, recvfrom() and
 * sendto()) and sb-datagram-resolve.c (to a host name, via GResolver). */
struct _SbDatagram
{
  GObject          parent_instance;

  /* owned references */
  SbCapture       *capture;
  GSocket         *socket;
  SbWatch         *watch;
  gulong           full_handler;     /* on the capture's notify::full while it is full */
  GListStore      *peers;
  GHashTable      *peers_by_tuple;   /* tuple → SbDatagramPeer (borrowed from peers) */
  SbDatagramPeer  *frozen_peer;      /* its notifications held until the dispatch ends */
  guint8          *batch_buffer;     /* recvmmsg()'s buffers, made on first use */
  gsize            batch_receive_size;
  struct sockaddr_storage last_from; /* the last sender, its tuple and address, reused */
  socklen_t        last_from_len;
  char            *last_from_tuple;
  GSocketAddress  *last_from_address;

  /* properties */
  SbSide           side;
  SbDatagramState  state;
  char            *local_tuple;
  char            *peer_tuple;
  char            *error_message;
  guint            socket_id;
  guint            reserved_socket_id; /* taken by the next socket(); see sb-datagram-resolve.c */
  guint16          port;
  guint            receive_size;
  guint            receive_buffer;
  guint64          datagrams_received;
  guint64          bytes_received;
  guint64          kernel_drops;
  int              error_errnum;     /* errno behind error_message, or 0 */
  guint32          last_drop_count;  /* SO_RXQ_OVFL's running counter, last seen */
  guint            auto_receive : 1;
  guint            broadcast : 1;
};

/* sb-datagram.c: setters that notify only on change. */
void      _sb_datagram_set_state         (SbDatagram      *self,
                                          SbDatagramState  state);
void      _sb_datagram_set_local         (SbDatagram      *self,
                                          const char      *tuple,
                                          guint16          port);
void      _sb_datagram_set_peer_tuple    (SbDatagram      *self,
                                          const char      *tuple);
/* error-message and the errno behind it (0 when none, or not a call's). */
void      _sb_datagram_set_error         (SbDatagram      *self,
                                          int              errnum,
                                          const char      *message);
void      _sb_datagram_set_error_message (SbDatagram      *self,
                                          const char      *message);
/* Re-reads SO_RCVBUF. */
void      _sb_datagram_update_receive_buffer (SbDatagram  *self);
/* Counts datagrams the kernel dropped. */
void      _sb_datagram_add_drops         (SbDatagram      *self,
                                          guint            dropped);
/* Counts a datagram of @length bytes from @tuple, and @dropped before it. */
/* A new socket starts with no peers and zero counts. */
void      _sb_datagram_reset_counts      (SbDatagram      *self);
void      _sb_datagram_count_received    (SbDatagram      *self,
                                          GSocketAddress  *sender,
                                          const char      *tuple,
                                          gsize            length,
                                          guint            dropped);
/* Sets error-message and @error to "@call @tuple: <errno described>";
 * returns FALSE.  _sb_datagram_fail() also records an error event. */
gboolean  _sb_datagram_fail_step         (SbDatagram      *self,
                                          int              errnum,
                                          const char      *call,
                                          const char      *tuple,
                                          GError         **error);
gboolean  _sb_datagram_fail              (SbDatagram      *self,
                                          int              errnum,
                                          const char      *call,
                                          const char      *tuple,
                                          GError         **error);

/* sb-datagram-setup.c */
/* Parses @address; when it is not an IP address, records the error and
 * fails the step (NULL). */
GInetAddress *_sb_datagram_parse_address (SbDatagram      *self,
                                          const char      *address,
                                          GError         **error);
/* Reads the local address the kernel gave the socket. */
void      _sb_datagram_update_local      (SbDatagram      *self);

/* Releases the notifications held on the last peer counted. */
void      _sb_datagram_thaw_peer         (SbDatagram      *self);

/* sb-datagram-io.c */
/* Polls while the socket is open and auto-receive is on. */
void      _sb_datagram_sync_source       (SbDatagram      *self);

G_END_DECLS
