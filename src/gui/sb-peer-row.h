/* sb-peer-row.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_PEER_ROW (sb_peer_row_get_type ())

G_DECLARE_FINAL_TYPE (SbPeerRow, sb_peer_row, SB, PEER_ROW, GtkWidget)

/* One row of the server's UDP "Peers": the sender's tuple as Python prints
 * it and what came from it ("3 datagrams, 42 bytes"), updated at most four
 * times a second however fast the datagrams come. */

SbPeerRow      *sb_peer_row_new      (void);
SbDatagramPeer *sb_peer_row_get_peer (SbPeerRow      *self);
void            sb_peer_row_set_peer (SbPeerRow      *self,
                                      SbDatagramPeer *peer);

G_END_DECLS
