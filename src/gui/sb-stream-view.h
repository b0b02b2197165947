/* sb-stream-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_STREAM_VIEW (sb_stream_view_get_type ())

G_DECLARE_FINAL_TYPE (SbStreamView, sb_stream_view, SB, STREAM_VIEW, GtkWidget)

/* Follow Stream: one connection's whole conversation from the capture, both
 * directions in order, as text or hex, live.  Each direction has its own
 * colour (the client's and the server's, as in the log) and its own line
 * mark ("> " sent, "< " received by the socket).  The text view is named
 * `Stream`; a Copy button copies the whole conversation.  At most the
 * first SB_STREAM_VIEW_SHOWN_MAX bytes are shown, with a line saying how
 * many more there are.  Work happens only while the view is mapped, a
 * bounded amount per update. */

#define SB_STREAM_VIEW_SHOWN_MAX (2 * 1024 * 1024)

SbStreamView *sb_stream_view_new        (void);
void          sb_stream_view_set_socket (SbStreamView *self,
                                         SbCapture    *capture,
                                         guint         socket_id);

G_END_DECLS
