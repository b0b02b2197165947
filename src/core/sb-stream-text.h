/* sb-stream-text.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-capture.h"

G_BEGIN_DECLS

/* One connection's conversation as text, what Wireshark calls Follow TCP
 * Stream: the bytes of a socket's send and recv events in capture order,
 * each line marked with its direction as curl -v does ("> " for what the
 * socket sent, "< " for what it received), so that the direction never
 * depends on colour alone.  As escaped text, lines break after each \n
 * (the \r\n marks kept); as a hex dump, each event's bytes are dumped with
 * offsets counted in their direction of the stream. */

typedef struct
{
  gboolean hex;
  int      direction;   /* -1 before the first byte, else 0 sent, 1 received */
  gboolean line_open;   /* the last text line has no \n yet */
  guint64  offset[2];   /* bytes so far, sent and received */
} SbStreamText;

#define SB_STREAM_TEXT_SENT_MARK     "> "
#define SB_STREAM_TEXT_RECEIVED_MARK "< "

void  sb_stream_text_init       (SbStreamText       *self,
                                 gboolean            hex);
/* Appends the rendering of one event's bytes to @out. */
void  sb_stream_text_append     (SbStreamText       *self,
                                 GString            *out,
                                 gboolean            received,
                                 const guint8       *data,
                                 gsize               len);
/* Appends a line saying @len bytes of an event were not retained. */
void  sb_stream_text_append_gap (SbStreamText       *self,
                                 GString            *out,
                                 gboolean            received,
                                 gsize               len);

/* The next event at or after @from (and before @to) that carries bytes of
 * the stream of @socket_id: a send or recv with a result > 0.  Returns its
 * index and fills @info, or returns G_MAXUINT. */
guint sb_stream_text_next_event (SbCapture          *capture,
                                 guint               socket_id,
                                 guint               from,
                                 guint               to,
                                 SbEventInfo        *info);
/* The whole stream of @socket_id as one text (for Copy). */
char *sb_stream_text_render     (SbCapture          *capture,
                                 guint               socket_id,
                                 gboolean            hex);

G_END_DECLS
