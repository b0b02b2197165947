/* sb-export-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"
#include "sb-export.h"

G_BEGIN_DECLS

/* What the log says about one socket, gathered before writing
 * (sb-export-sockets.c). */
typedef struct
{
  guint     socket_id;
  gboolean  datagram;
  char     *local;    /* the local address tuple, or NULL when unknown */
  char     *peer;     /* the peer's tuple (TCP, connected UDP), or NULL */
  guint     paired;   /* the other end of the connection, in this log; or 0 */
} SbExportSocket;

/* socket id → SbExportSocket, for every socket of @capture's first
 * @n_events events. */
GHashTable *_sb_export_find_sockets (SbCapture  *capture,
                                     guint       n_events);

/* One format's writer: begin makes its state, event writes one event in
 * the scope, end the tail; free drops the state. */
typedef struct
{
  gboolean (*begin) (SbExport           *export,
                     gpointer           *state,
                     GError            **error);
  gboolean (*event) (SbExport           *export,
                     gpointer            state,
                     guint               index,
                     const SbEventInfo  *info,
                     GError            **error);
  gboolean (*end)   (SbExport           *export,
                     gpointer            state,
                     GError            **error);
  GDestroyNotify free;
} SbExportWriter;

extern const SbExportWriter _sb_export_json_writer;
extern const SbExportWriter _sb_export_text_writer;
extern const SbExportWriter _sb_export_pcapng_writer;

SbCapture            *_sb_export_get_capture (SbExport     *self);
/* socket id → SbExportSocket */
GHashTable           *_sb_export_get_sockets (SbExport     *self);
/* The socket's facts (NULL for socket 0 or one not in the log). */
const SbExportSocket *_sb_export_get_socket  (SbExport     *self,
                                              guint         socket_id);
gboolean              _sb_export_write       (SbExport     *self,
                                              const void   *data,
                                              gsize         len,
                                              GError      **error);

G_END_DECLS
