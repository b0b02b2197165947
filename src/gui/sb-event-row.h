/* sb-event-row.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT_ROW (sb_event_row_get_type ())

G_DECLARE_FINAL_TYPE (SbEventRow, sb_event_row, SB, EVENT_ROW, GtkWidget)

/* One row of the event log, drawn by itself; recycled by the list view's
 * factory.  Its accessible label is its columns' texts, in order. */

GtkWidget *sb_event_row_new        (void);
/* Shows @event, or nothing when @event is NULL. */
void       sb_event_row_set_event  (SbEventRow *self,
                                    SbEvent    *event);
/* What the row reads out (its accessible label): its columns' texts, in
 * order, "0.000123 server #1 recvfrom 4 bytes ping · from ('127.0.0.1', 51515)". */
const char *sb_event_row_get_text  (SbEventRow *self);
/* The header row: the same columns with their titles. */
GtkWidget *sb_event_row_new_header (void);

G_END_DECLS
