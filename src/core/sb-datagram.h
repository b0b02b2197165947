/* sb-datagram.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_DATAGRAM (sb_datagram_get_type ())

G_DECLARE_FINAL_TYPE (SbDatagram, sb_datagram, SB, DATAGRAM, GObject)

/* A UDP socket, on either side.
 *
 * Properties: side (construct-only), state (SbDatagramState), local-tuple
 * and port (after bind() or the first sendto(); port 0 lets the kernel
 * choose), peer-tuple (after connect()), auto-receive (boolean, default
 * TRUE: every datagram is received as it arrives), receive-size (the
 * recvfrom() buffer; a longer datagram is kept truncated, its real length
 * recorded), receive-buffer (SO_RCVBUF as the kernel reports it; setting
 * it calls setsockopt(), which the kernel doubles), broadcast
 * (SO_BROADCAST), datagrams-received, bytes-received (real lengths),
 * kernel-drops (datagrams the kernel dropped for want of buffer space, as
 * SO_RXQ_OVFL reports them with the next datagram received, or
 * sb_datagram_refresh() finds them; each drop is in the capture, so that
 * datagrams received + kernel-drops = datagrams sent), error-message
 * (the last failure, or NULL), peers (a GListModel of SbDatagramPeer, one
 * per sender, in the order first seen); the counts and peers start again
 * at each socket().
 *
 * Every call is one event in the capture: socket, bind, connect, sendto,
 * recvfrom, close, error.  A failed step records the failure, sets
 * error-message and leaves the state as it was.
 *
 * One call per step: sb_datagram_open_socket() (state OPEN), then
 * sb_datagram_bind() (BOUND) for a server; a client may sendto() straight
 * away (the kernel binds it).  sb_datagram_open() makes socket() and bind()
 * in one go and, on a failure, closes the socket again (FAILED). */

SbDatagram      *sb_datagram_new               (SbCapture   *capture,
                                                SbSide       side);
/* socket(): the family is @address's (NULL or "" for IPv4). */
gboolean         sb_datagram_open_socket       (SbDatagram  *self,
                                                const char  *address,
                                                GError     **error);
gboolean         sb_datagram_bind              (SbDatagram  *self,
                                                const char  *address,
                                                guint16      port,
                                                GError     **error);
gboolean         sb_datagram_open              (SbDatagram  *self,
                                                const char  *address,
                                                guint16      port,
                                                GError     **error);
/* connect(): a connected UDP socket; later calls may fail with
 * ECONNREFUSED when the peer's host answered with ICMP port unreachable. */
gboolean         sb_datagram_connect           (SbDatagram  *self,
                                                const char  *address,
                                                guint16      port,
                                                GError     **error);
/* sendto(@address, @port) of one datagram (an empty @payload is a real,
 * empty datagram).  @address is an IP address or "localhost". */
gboolean         sb_datagram_send_to           (SbDatagram  *self,
                                                const char  *address,
                                                guint16      port,
                                                GBytes      *payload,
                                                GError     **error);
/* send() on a connected socket. */
gboolean         sb_datagram_send              (SbDatagram  *self,
                                                GBytes      *payload,
                                                GError     **error);
/* One recvfrom(), recorded even when nothing waits (EAGAIN).  FALSE with
 * @error set when the call failed (EAGAIN included). */
gboolean         sb_datagram_receive_one       (SbDatagram  *self,
                                                GError     **error);
void             sb_datagram_close             (SbDatagram  *self);
/* Asks the kernel for drops not reported with a datagram yet (SO_MEMINFO)
 * and records them: one error event, ENOBUFS, its detail their number.
 * Also re-reads receive-buffer.  For a timer while the pane shows the
 * socket; the drops after the last datagram of a flood are found so. */
void             sb_datagram_refresh           (SbDatagram  *self);

SbSide           sb_datagram_get_side          (SbDatagram  *self);
SbDatagramState  sb_datagram_get_state         (SbDatagram  *self);
const char      *sb_datagram_get_local_tuple   (SbDatagram  *self);
guint16          sb_datagram_get_port          (SbDatagram  *self);
const char      *sb_datagram_get_peer_tuple    (SbDatagram  *self);
const char      *sb_datagram_get_error_message (SbDatagram  *self);
/* The errno of the call error-message tells of (ECONNREFUSED after an
 * ICMP port unreachable), or 0; changes with error-message. */
int              sb_datagram_get_error_errno   (SbDatagram  *self);
gboolean         sb_datagram_get_auto_receive  (SbDatagram  *self);
void             sb_datagram_set_auto_receive  (SbDatagram  *self,
                                                gboolean     auto_receive);
guint            sb_datagram_get_receive_size  (SbDatagram  *self);
void             sb_datagram_set_receive_size  (SbDatagram  *self,
                                                guint        receive_size);
/* 0 while there is no socket. */
guint            sb_datagram_get_receive_buffer (SbDatagram *self);
gboolean         sb_datagram_set_receive_buffer (SbDatagram *self,
                                                 guint       bytes,
                                                 GError    **error);
gboolean         sb_datagram_get_broadcast     (SbDatagram  *self);
gboolean         sb_datagram_set_broadcast     (SbDatagram  *self,
                                                gboolean     broadcast,
                                                GError     **error);
guint64          sb_datagram_get_datagrams_received (SbDatagram *self);
guint64          sb_datagram_get_bytes_received (SbDatagram *self);
guint64          sb_datagram_get_kernel_drops  (SbDatagram  *self);
GListModel      *sb_datagram_get_peers         (SbDatagram  *self);

G_END_DECLS
