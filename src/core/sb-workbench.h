/* sb-workbench.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_WORKBENCH (sb_workbench_get_type ())

G_DECLARE_FINAL_TYPE (SbWorkbench, sb_workbench, SB, WORKBENCH, GObject)

/* The session: one capture, the server side (an SbListener) and the client
 * side (the current client SbStream, replaced on each connect).
 *
 * Properties: capture (SbCapture), server (SbListener),
 * client (SbStream or NULL; notifies when a new connect replaces it),
 * udp-server and udp-client (an SbDatagram on each side, with no socket
 * until the pane opens one). */

SbWorkbench *sb_workbench_new         (void);
SbCapture   *sb_workbench_get_capture (SbWorkbench *self);
SbListener  *sb_workbench_get_server  (SbWorkbench *self);
SbStream    *sb_workbench_get_client  (SbWorkbench *self);
SbDatagram  *sb_workbench_get_udp_server (SbWorkbench *self);
SbDatagram  *sb_workbench_get_udp_client (SbWorkbench *self);
/* The one HTTP follower over the capture, made on first use; the
 * auto-responder and the inspector share it.  (transfer none) */
SbHttpFollower *sb_workbench_get_http_follower (SbWorkbench *self);
/* Closes the current client, if any, and makes a new, idle one: for
 * sb_stream_resolve() and the steps after it. */
SbStream    *sb_workbench_new_client  (SbWorkbench *self);
/* Closes the current client, if any, and starts a new one connecting. */
SbStream    *sb_workbench_connect     (SbWorkbench *self,
                                       const char  *host,
                                       guint16      port);

G_END_DECLS
