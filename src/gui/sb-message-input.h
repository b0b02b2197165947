/* sb-message-input.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_MESSAGE_INPUT (sb_message_input_get_type ())

G_DECLARE_FINAL_TYPE (SbMessageInput, sb_message_input, SB, MESSAGE_INPUT, GtkWidget)

/* The message editor of a pane: "Message" (text with escapes, or hex when
 * "Hex" is on), "Send", ready-made messages and a history of sent messages.
 *
 * Property "can-send" (gboolean, default FALSE): set by the pane; enables
 * the message.send action (Send button, Ctrl+Enter).
 * Signal "send" (GBytes *bytes): emitted when Send is activated and the
 * input parses; the bytes are what to send. */

SbMessageInput *sb_message_input_new          (void);
gboolean        sb_message_input_get_can_send (SbMessageInput *self);
void            sb_message_input_set_can_send (SbMessageInput *self,
                                               gboolean        can_send);
gboolean        sb_message_input_get_hex      (SbMessageInput *self);
void            sb_message_input_set_hex      (SbMessageInput *self,
                                               gboolean        hex);
/* The text as typed, and replacing it (for presets, tests). */
char           *sb_message_input_dup_text     (SbMessageInput *self);
void            sb_message_input_set_text     (SbMessageInput *self,
                                               const char     *text);

/* A second group of ready-made messages, the pane's own, under @title:
 * each of @labels puts the matching one of @texts (escaped text, as typed
 * in Message) into Message.  NULL @labels and @texts remove the group;
 * the client pane keeps its HTTP requests for the host and port entered
 * here. */
void            sb_message_input_set_more_presets (SbMessageInput     *self,
                                                   const char         *title,
                                                   const char * const *labels,
                                                   const char * const *texts);

/* Property "compact": one line beside Send, for the presentation layout. */
gboolean        sb_message_input_get_compact  (SbMessageInput *self);
void            sb_message_input_set_compact  (SbMessageInput *self,
                                               gboolean        compact);
/* The row that ends with Send, where a compact pane puts its other buttons. */
GtkWidget      *sb_message_input_get_button_row (SbMessageInput *self);

G_END_DECLS
