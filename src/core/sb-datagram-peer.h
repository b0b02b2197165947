/* sb-datagram-peer.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_DATAGRAM_PEER (sb_datagram_peer_get_type ())

G_DECLARE_FINAL_TYPE (SbDatagramPeer, sb_datagram_peer, SB, DATAGRAM_PEER, GObject)

/* One sender seen by a UDP socket: a row of SbDatagram's peers model.
 * Properties (read-only): tuple (as Python prints it), host, port,
 * datagrams and bytes (received from it; bytes counts real lengths,
 * truncated or not). */

SbDatagramPeer *sb_datagram_peer_new           (const char     *tuple,
                                                const char     *host,
                                                guint16         port);
const char     *sb_datagram_peer_get_tuple     (SbDatagramPeer *self);
const char     *sb_datagram_peer_get_host      (SbDatagramPeer *self);
guint16         sb_datagram_peer_get_port      (SbDatagramPeer *self);
guint64         sb_datagram_peer_get_datagrams (SbDatagramPeer *self);
guint64         sb_datagram_peer_get_bytes     (SbDatagramPeer *self);
/* Counts one more datagram of @length bytes. */
void            sb_datagram_peer_add           (SbDatagramPeer *self,
                                                gsize           length);

G_END_DECLS
