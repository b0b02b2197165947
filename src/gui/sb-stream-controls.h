/* sb-stream-controls.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-message-input.h"
#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_STREAM_CONTROLS (sb_stream_controls_get_type ())

G_DECLARE_FINAL_TYPE (SbStreamControls, sb_stream_controls, SB, STREAM_CONTROLS, GtkWidget)

/* What both panes offer for one connection: "Auto-receive", "Receive",
 * "Receive size", the message input with "Send", and "Shut down sending",
 * "Close", "Reset".
 *
 * Property "stream" (SbStream *, may be NULL): the connection acted on.
 * Properties "auto-receive" and "receive-size": the values shown; they
 * follow the stream while one is set. */

SbStreamControls *sb_stream_controls_new              (void);
SbStream         *sb_stream_controls_get_stream       (SbStreamControls *self);
void              sb_stream_controls_set_stream       (SbStreamControls *self,
                                                       SbStream         *stream);
gboolean          sb_stream_controls_get_auto_receive (SbStreamControls *self);
void              sb_stream_controls_set_auto_receive (SbStreamControls *self,
                                                       gboolean          auto_receive);
guint             sb_stream_controls_get_receive_size (SbStreamControls *self);
void              sb_stream_controls_set_receive_size (SbStreamControls *self,
                                                       guint             receive_size);
/* Gives @stream the values shown, before it is set (a new client). */
void              sb_stream_controls_apply_to         (SbStreamControls *self,
                                                       SbStream         *stream);
/* Starts from the saved values and saves the user's changes. */
void              sb_stream_controls_bind_settings    (SbStreamControls *self,
                                                       GSettings        *settings);

/* The message input inside (for a pane's own ready-made messages). */
SbMessageInput   *sb_stream_controls_get_message_input (SbStreamControls *self);

/* Property "compact": the presentation layout's form (sb-compact.h). */
gboolean          sb_stream_controls_get_compact      (SbStreamControls *self);
void              sb_stream_controls_set_compact      (SbStreamControls *self,
                                                       gboolean          compact);

G_END_DECLS
