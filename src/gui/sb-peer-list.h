/* sb-peer-list.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_PEER_LIST (sb_peer_list_get_type ())

G_DECLARE_FINAL_TYPE (SbPeerList, sb_peer_list, SB, PEER_LIST, GtkWidget)

/* The UDP server's "Peers": a list of SbPeerRow over a model of
 * SbDatagramPeer (sb_datagram_get_peers()), with an empty state.  The
 * first sender becomes selected when none is; later senders do not take
 * the selection away (a reply goes where the user chose).
 *
 * Property "model" (GListModel *, may be NULL).
 * Property "selected-peer" (SbDatagramPeer *, read-only).
 * Property "n-items" (guint, read-only). */

SbPeerList     *sb_peer_list_new               (void);
GListModel     *sb_peer_list_get_model         (SbPeerList *self);
void            sb_peer_list_set_model         (SbPeerList *self,
                                                GListModel *model);
SbDatagramPeer *sb_peer_list_get_selected_peer (SbPeerList *self);
guint           sb_peer_list_get_n_items       (SbPeerList *self);

G_END_DECLS
