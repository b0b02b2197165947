/* sb-server-udp.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_SERVER_UDP (sb_server_udp_get_type ())

G_DECLARE_FINAL_TYPE (SbServerUdp, sb_server_udp, SB, SERVER_UDP, GtkWidget)

/* What the "Server" pane shows in place of its TCP controls when its
 * Protocol is UDP: "Received" and "Kernel drops" (labels whose text holds
 * the number), "Receive buffer" (SO_RCVBUF asked for, applied when the
 * socket is made), the "Peers" list, "Auto-receive", "Receive size",
 * "Receive", and the message input whose "Send" makes sendto() to the
 * selected peer.
 *
 * While the datagram has a socket, sb_datagram_refresh() runs twice a
 * second, so that drops after the last datagram of a flood show.
 *
 * Property "datagram" (SbDatagram *, may be NULL). */

SbServerUdp *sb_server_udp_new              (void);
SbDatagram  *sb_server_udp_get_datagram     (SbServerUdp *self);
void         sb_server_udp_set_datagram     (SbServerUdp *self,
                                             SbDatagram  *datagram);
/* Starts from the saved Auto-receive and Receive size, saves changes. */
void         sb_server_udp_bind_settings    (SbServerUdp *self,
                                             GSettings   *settings);
void         sb_server_udp_set_compact      (SbServerUdp *self,
                                             gboolean     compact);
/* The row of counts, where a compact pane puts the bound address. */
GtkWidget   *sb_server_udp_get_status_row   (SbServerUdp *self);

G_END_DECLS
