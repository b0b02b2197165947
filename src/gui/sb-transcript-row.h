/* sb-transcript-row.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_TRANSCRIPT_ROW (sb_transcript_row_get_type ())

G_DECLARE_FINAL_TYPE (SbTranscriptRow, sb_transcript_row, SB, TRANSCRIPT_ROW, GtkWidget)

/* One line of the transcript: a statement in a monospace font, wrapped at
 * any character, its comment (from byte @comment on) dimmer; read by
 * assistive technologies as the statement. */

GtkWidget *sb_transcript_row_new      (void);
void       sb_transcript_row_set_text (SbTranscriptRow *self,
                                       const char      *text,
                                       gsize            comment);
/* "client", "server" or NULL: the CSS class of the bar on the left. */
void       sb_transcript_row_set_side (SbTranscriptRow *self,
                                       const char      *side);

G_END_DECLS
