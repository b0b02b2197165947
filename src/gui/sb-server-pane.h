/* sb-server-pane.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_SERVER_PANE (sb_server_pane_get_type ())

G_DECLARE_FINAL_TYPE (SbServerPane, sb_server_pane, SB, SERVER_PANE, GtkWidget)

/* The "Server" pane: "Protocol", "Address", "Port", the backlog,
 * "Listen"/"Stop", "Auto-accept" and "Accept", the "Connections" list, and
 * the stream controls for the selected connection; with Protocol UDP,
 * Listen is socket() and bind() on the workbench's UDP server socket and
 * SbServerUdp ("Peers", "Kernel drops", …) takes the TCP controls' place.
 *
 * Property "workbench" (SbWorkbench *). */

SbServerPane *sb_server_pane_new            (void);
SbWorkbench  *sb_server_pane_get_workbench  (SbServerPane *self);
void          sb_server_pane_set_workbench  (SbServerPane *self,
                                             SbWorkbench  *workbench);
void          sb_server_pane_bind_settings  (SbServerPane *self,
                                             GSettings    *settings);
/* Fills in Address and Port and listens, as the Listen button does. */
/* Chooses TCP or UDP in the pane's "Protocol" drop-down, as the user
 * would; ignored while the pane has a socket. */
void          sb_server_pane_set_protocol   (SbServerPane *self,
                                          gboolean      udp);
void          sb_server_pane_listen_on      (SbServerPane *self,
                                             const char   *address,
                                             guint16       port);

/* Property "compact": the presentation layout's form (sb-compact.h). */
gboolean      sb_server_pane_get_compact    (SbServerPane *self);
void          sb_server_pane_set_compact    (SbServerPane *self,
                                             gboolean      compact);

G_END_DECLS
