/* sb-connection-list.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_CONNECTION_LIST (sb_connection_list_get_type ())

G_DECLARE_FINAL_TYPE (SbConnectionList, sb_connection_list, SB, CONNECTION_LIST, GtkWidget)

/* The server's "Connections": a list of SbConnectionRow over a model of
 * SbStream, with an empty state; rows are made for what is on screen and
 * recycled, so that thousands of connections cost what a few do.  A new
 * connection becomes selected when none is; the error of a connection on
 * screen or selected shows as a toast (the others' are in the log and in
 * their row's state).
 *
 * Property "model" (GListModel *, may be NULL).
 * Property "selected-stream" (SbStream *, read-only).
 * Property "n-items" (guint, read-only). */

SbConnectionList *sb_connection_list_new                 (void);
GListModel       *sb_connection_list_get_model           (SbConnectionList *self);
void              sb_connection_list_set_model           (SbConnectionList *self,
                                                          GListModel       *model);
SbStream         *sb_connection_list_get_selected_stream (SbConnectionList *self);
guint             sb_connection_list_get_n_items         (SbConnectionList *self);

G_END_DECLS
