/* sb-export.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* Export of the log (docs/export-formats.md): pcapng for Wireshark, JSON
 * ("sockbench-log-1") or readable text; of every event, or of one
 * connection's.  The file is written under a temporary name beside it and
 * renamed over it at the end: a failed or cancelled export leaves what was
 * there before, and no half-written file. */
typedef enum
{
  SB_EXPORT_PCAPNG,
  SB_EXPORT_JSON,
  SB_EXPORT_TEXT,
} SbExportFormat;

/* "pcapng", "json", "text" */
gboolean    sb_export_format_from_string (const char     *name,
                                          SbExportFormat *format);
const char *sb_export_format_to_string   (SbExportFormat  format);
/* The file name extension, without the dot: "pcapng", "json", "txt". */
const char *sb_export_format_get_extension (SbExportFormat format);

/* "connection:7": the scope of socket 7's connection; "all". */
char       *sb_export_scope_for_connection (guint         socket_id);

/* The JSON export's "format" member. */
#define SB_EXPORT_JSON_FORMAT "sockbench-log-1"

typedef struct _SbExport SbExport;

/* @scope: "all", or "connection:<socket id>": that socket's events and,
 * when the other end of its connection is in the log too (a client of
 * the workbench connected to its own server), that end's.  An unknown
 * scope or socket is an error naming it.  The events recorded now are
 * exported; later ones are not. */
SbExport   *sb_export_new              (SbCapture       *capture,
                                        SbExportFormat   format,
                                        const char      *scope,
                                        GError         **error);
/* Creates the temporary file beside @file and writes the head. */
gboolean    sb_export_start            (SbExport        *self,
                                        GFile           *file,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* Writes events for about @budget_us microseconds (at least one); *done
 * is set once every event is written.  A bounded step, for the main loop. */
gboolean    sb_export_step             (SbExport        *self,
                                        gint64           budget_us,
                                        gboolean        *done,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* The events written so far (those in the scope), and the share of the
 * log looked at, 0 to 1, for a progress bar. */
guint       sb_export_get_n_written    (SbExport        *self);
double      sb_export_get_fraction     (SbExport        *self);
/* Writes the tail, closes and renames the file into place. */
gboolean    sb_export_finish           (SbExport        *self,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* Frees; an export not finished is abandoned, its temporary file removed. */
void        sb_export_free             (SbExport        *self);

/* All of the above in one call. */
gboolean    sb_export_to_file          (SbCapture       *capture,
                                        SbExportFormat   format,
                                        const char      *scope,
                                        GFile           *file,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbExport, sb_export_free)

G_END_DECLS
