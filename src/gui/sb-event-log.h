/* sb-event-log.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_EVENT_LOG (sb_event_log_get_type ())

G_DECLARE_FINAL_TYPE (SbEventLog, sb_event_log, SB, EVENT_LOG, GtkWidget)

typedef struct _SbLogSearch SbLogSearch;

/* The shared timeline: a GtkColumnView named "Event log" over an SbCapture,
 * client events blue on the left, server events orange on the right.
 *
 * Property "capture" (SbCapture *, read-write).
 * Property "selected-event" (SbEvent *, read-only, notifies on change).
 * Property "selected-index" (guint, the capture index of the selected event
 * or GTK_INVALID_LIST_POSITION; read-write: the views share selection). */

SbEventLog *sb_event_log_new                (void);
SbCapture  *sb_event_log_get_capture        (SbEventLog *self);
void        sb_event_log_set_capture        (SbEventLog *self,
                                             SbCapture  *capture);
SbEvent    *sb_event_log_get_selected_event (SbEventLog *self);
guint       sb_event_log_get_selected_index (SbEventLog *self);
void        sb_event_log_select_index       (SbEventLog *self,
                                             guint       index);
/* The rows shown pass @filter (NULL: every row); the filter model filters
 * in steps (its "pending" property says how many rows are left). */
void        sb_event_log_set_filter         (SbEventLog *self,
                                             GtkFilter  *filter);
GtkFilterListModel *sb_event_log_get_filter_model (SbEventLog *self);
/* The search bar over the rows. */
SbLogSearch *sb_event_log_get_search        (SbEventLog *self);
/* Scroll to the newest event and follow new ones again. */
void        sb_event_log_jump_to_newest     (SbEventLog *self);

G_END_DECLS
