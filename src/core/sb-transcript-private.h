/* sb-transcript-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"
#include "sb-transcript.h"

G_BEGIN_DECLS

typedef enum
{
  SB_STATEMENT_TRANSCRIPT,  /* what the window called */
  SB_STATEMENT_SCRIPT,      /* what reproduces it: recv(n, MSG_WAITALL), sendall() */
} SbStatementStyle;

/* The one renderer of an event as Python (sb-event-python.c), for the
 * inspector, the transcript and the exported script.  Returns FALSE when
 * the line is only a comment (an outcome, a failure). */
gboolean _sb_statement_append (GString           *out,
                               SbCapture         *capture,
                               guint              index,
                               const SbEventInfo *info,
                               gsize              fold_chars,
                               SbStatementStyle   style);

/* The ids of @side's sockets whose calls an exported program can make
 * again: listeners that listened, clients that connected, accepted
 * connections.  A set (GUINT_TO_POINTER). */
GHashTable *_sb_transcript_find_live_sockets (SbCapture *capture,
                                              SbSide     side);

/* Writes @text to @file atomically (g_file_replace_contents()). */
gboolean    _sb_transcript_write             (GFile        *file,
                                              const char   *text,
                                              GCancellable *cancellable,
                                              GError      **error);

G_END_DECLS
