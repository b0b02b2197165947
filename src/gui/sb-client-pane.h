/* sb-client-pane.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_CLIENT_PANE (sb_client_pane_get_type ())

G_DECLARE_FINAL_TYPE (SbClientPane, sb_client_pane, SB, CLIENT_PANE, GtkWidget)

/* The "Client" pane: "Protocol", "Host", "Port", "Connect"/"Disconnect",
 * the live state with the local and peer tuples, and the stream controls
 * for the workbench's client socket.
 *
 * Property "workbench" (SbWorkbench *). */

SbClientPane *sb_client_pane_new            (void);
SbWorkbench  *sb_client_pane_get_workbench  (SbClientPane *self);
void          sb_client_pane_set_workbench  (SbClientPane *self,
                                             SbWorkbench  *workbench);
void          sb_client_pane_bind_settings  (SbClientPane *self,
                                             GSettings    *settings);
/* Fills in Host and Port and connects, as the Connect button does. */
/* Chooses TCP or UDP in the pane's "Protocol" drop-down, as the user
 * would; ignored while the pane has a socket. */
void          sb_client_pane_set_protocol   (SbClientPane *self,
                                          gboolean      udp);
void          sb_client_pane_connect_to     (SbClientPane *self,
                                             const char   *host,
                                             guint16       port);

/* Property "compact": the presentation layout's form (sb-compact.h). */
gboolean      sb_client_pane_get_compact    (SbClientPane *self);
void          sb_client_pane_set_compact    (SbClientPane *self,
                                             gboolean      compact);

G_END_DECLS
