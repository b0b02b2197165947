/* sb-auto-responder.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

typedef enum
{
  SB_REPLY_HELLO,      /* 200 OK, a small "Hello World" page */
  SB_REPLY_NOT_FOUND,  /* 404 Not Found */
  SB_REPLY_ECHO,       /* 200 OK, the request head as text/plain */
} SbReplyKind;

#define SB_TYPE_AUTO_RESPONDER (sb_auto_responder_get_type ())

G_DECLARE_FINAL_TYPE (SbAutoResponder, sb_auto_responder, SB, AUTO_RESPONDER, GObject)

/* The server pane's "Auto-respond": once a connection of @listener has
 * received a whole HTTP request head (up to the empty line), send one reply
 * with an HTTP/1.0 head, then shut down sending, as a simple web server does.
 * It reads what arrived from the capture, so every byte it answers to is in
 * the log, and replies through sb_stream_send() like the Send button.
 *
 * Properties: enabled (gboolean, default FALSE), reply (guint, SbReplyKind). */

SbAutoResponder *sb_auto_responder_new         (SbListener   *listener,
                                                SbCapture    *capture);
gboolean         sb_auto_responder_get_enabled (SbAutoResponder *self);
void             sb_auto_responder_set_enabled (SbAutoResponder *self,
                                                gboolean      enabled);
SbReplyKind      sb_auto_responder_get_reply   (SbAutoResponder *self);
void             sb_auto_responder_set_reply   (SbAutoResponder *self,
                                                SbReplyKind   reply);
/* The whole reply, head and body, for the request head @request. */
GBytes          *sb_auto_responder_build_reply (SbReplyKind   reply,
                                                GBytes       *request);

G_END_DECLS
