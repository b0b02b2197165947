/* sb-log-search.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-event-log.h"
#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_LOG_SEARCH (sb_log_search_get_type ())

G_DECLARE_FINAL_TYPE (SbLogSearch, sb_log_search, SB, LOG_SEARCH, GtkWidget)

/* The search bar over the event log: an entry `Search log` for text (with
 * escapes) or, with `Hex`, hex bytes; a label `Matches` with their number;
 * next and previous match (F3, Shift+F3, Enter, Shift+Enter); and filters
 * by side, socket, call and errors that narrow the log's rows.  Searching
 * and filtering run in steps at idle priority, with progress and a way to
 * stop, so that a million events never freeze the window.
 *
 * Property "search-mode-enabled" (gboolean): whether the bar shows. */

SbLogSearch *sb_log_search_new             (SbEventLog  *log);
void         sb_log_search_set_capture     (SbLogSearch *self,
                                            SbCapture   *capture);
/* Selects the next (or previous) match's row and scrolls to it. */
void         sb_log_search_next            (SbLogSearch *self,
                                            gboolean     backward);
/* Shows the bar with the log filtered to the socket @socket_id. */
void         sb_log_search_filter_socket   (SbLogSearch *self,
                                            guint        socket_id);

G_END_DECLS
