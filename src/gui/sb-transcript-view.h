/* sb-transcript-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_TRANSCRIPT_VIEW (sb_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (SbTranscriptView, sb_transcript_view, SB, TRANSCRIPT_VIEW, GtkWidget)

/* The log as Python statements (sb-transcript.h), a list named
 * "Transcript" whose rows read as the lines: `from socket import *`, then
 * one statement per event.  Activating a row with a long payload unfolds
 * it; Copy copies the whole transcript, unfolded; it follows new events.
 *
 * Property "capture" (SbCapture *, read-write).
 * Property "selected-index" (guint, the capture index of the selected
 * statement's event or GTK_INVALID_LIST_POSITION; read-write, for sharing
 * the selection with the event log). */

SbTranscriptView *sb_transcript_view_new                (void);
SbCapture        *sb_transcript_view_get_capture        (SbTranscriptView *self);
void              sb_transcript_view_set_capture        (SbTranscriptView *self,
                                                         SbCapture        *capture);
guint             sb_transcript_view_get_selected_index (SbTranscriptView *self);
void              sb_transcript_view_select_index       (SbTranscriptView *self,
                                                         guint             index);

G_END_DECLS
