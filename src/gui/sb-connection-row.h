/* sb-connection-row.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_CONNECTION_ROW (sb_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (SbConnectionRow, sb_connection_row, SB, CONNECTION_ROW, GtkWidget)

/* One row of the server's "Connections": the peer tuple as Python prints it,
 * the live state, the kernel's TCP state and the bytes in and out, all bound
 * to the SbStream's properties, drawn by the row itself.
 *
 * Property "stream" (SbStream *, may be NULL); property "summary" (the
 * first line only). */

SbConnectionRow *sb_connection_row_new        (void);
SbStream        *sb_connection_row_get_stream (SbConnectionRow *self);
/* What the row reads (its accessible label): its texts, in order. */
const char      *sb_connection_row_get_label  (SbConnectionRow *self);
void             sb_connection_row_set_stream (SbConnectionRow *self,
                                               SbStream        *stream);

G_END_DECLS
