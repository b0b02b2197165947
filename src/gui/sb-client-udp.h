/* sb-client-udp.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-message-input.h"
#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_CLIENT_UDP (sb_client_udp_get_type ())

G_DECLARE_FINAL_TYPE (SbClientUdp, sb_client_udp, SB, CLIENT_UDP, GtkWidget)

/* The client pane's controls while its Protocol is UDP, for the
 * workbench's UDP client socket: "Auto-receive", "Receive size",
 * "Receive", the message input ("Message", "Hex", "Send"), "Broadcast"
 * (SO_BROADCAST) and "Close".  Below the message, the outcome of the last
 * call when it failed: our failures as errors; a refusal (ECONNREFUSED on
 * a connect()ed socket) as what it is, the peer's host answering.
 *
 * Property "datagram" (SbDatagram *, may be NULL): the socket acted on.
 * Property "busy" (gboolean, read-only): a host name is being resolved
 * for a sendto() or connect(); Send waits meanwhile.
 * Signal "send-to" (GBytes *bytes): Send on a socket that is not
 * connect()ed: the pane reads Host and Port and calls
 * sb_client_udp_send_to(). */

SbClientUdp *sb_client_udp_new            (void);
SbDatagram  *sb_client_udp_get_datagram   (SbClientUdp  *self);
void         sb_client_udp_set_datagram   (SbClientUdp  *self,
                                           SbDatagram   *datagram);
gboolean     sb_client_udp_get_busy       (SbClientUdp  *self);
/* Where a host that does not resolve (or is of the socket's other
 * family) is shown: the pane's Host entry and the label under it. */
void         sb_client_udp_set_host_field (SbClientUdp  *self,
                                           GtkWidget    *entry,
                                           GtkLabel     *error_label);
/* sendto() of @bytes to @host (a name is resolved first), @port. */
void         sb_client_udp_send_to        (SbClientUdp  *self,
                                           const char   *host,
                                           guint16       port,
                                           GBytes       *bytes);
/* connect() to @host, @port: socket() first when there is none. */
void         sb_client_udp_connect_to     (SbClientUdp  *self,
                                           const char   *host,
                                           guint16       port);

/* "no socket", "bound", "connected", … for the pane's state pill. */
const char  *sb_client_udp_state_to_string (SbDatagramState state);
/* Whether a socket exists in @state. */
gboolean     sb_client_udp_state_has_socket (SbDatagramState state);

SbMessageInput *sb_client_udp_get_message_input (SbClientUdp *self);

/* Property "compact": the presentation layout's form (sb-compact.h). */
gboolean     sb_client_udp_get_compact    (SbClientUdp  *self);
void         sb_client_udp_set_compact    (SbClientUdp  *self,
                                           gboolean      compact);

G_END_DECLS
