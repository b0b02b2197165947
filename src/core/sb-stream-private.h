/* sb-stream-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-stream.h"

G_BEGIN_DECLS

/* A connection accepted by an SbListener: side SERVER, state CONNECTED,
 * with a fresh socket id from @capture.  Takes its own reference on
 * @socket, which must be connected and non-blocking. */
SbStream *sb_stream_new_accepted (SbCapture *capture,
                                  GSocket   *socket,
                                  gboolean   auto_receive,
                                  guint      receive_size);

G_END_DECLS
