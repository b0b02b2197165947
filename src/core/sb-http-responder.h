/* sb-http-responder.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-http-replies.h"
#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_HTTP_RESPONDER (sb_http_responder_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpResponder, sb_http_responder, SB, HTTP_RESPONDER, GObject)

/* The server pane's "Auto-respond": a small web server on the connections
 * of an SbListener.  Each complete request the SbHttpFollower reports gets
 * the reply its path's rule chooses (SbHttpReplies), in order, as ordinary
 * send events through sb_stream_send().
 *
 * Keep-alive as a web server does it: a request that keeps the connection
 * (HTTP/1.1 without "Connection: close", HTTP/1.0 with "keep-alive") gets
 * a Content-Length reply and the connection stays open for the next one.
 * Otherwise, after the reply: shutdown(SHUT_WR), and close() when the peer's
 * eof arrives or close-timeout ms later, whichever comes first.  A peer
 * that ends its side (eof) while nothing is left to answer gets the same
 * ending, so connections end CLOSED instead of piling up half shut.  A
 * request that is not HTTP gets 400 Bad Request and that ending.
 *
 * Properties:
 *   enabled (gboolean, default FALSE): requests that arrive while off are
 *     not answered, and connections are left alone;
 *   replies (SbHttpReplies, construct-only): the templates and rules;
 *   close-timeout (guint ms, default 2000);
 *   idle-timeout (guint ms, default 15000; 0: never): a connection with no
 *     request bytes and no reply in the making for this long gets the
 *     ending above, as a web server times out keep-alive connections;
 *   problem (string, read-only): why the last reply could not be what was
 *     asked ("The file to serve … is gone"), or NULL. */

SbHttpResponder *sb_http_responder_new             (SbListener      *listener,
                                                    SbHttpFollower  *follower,
                                                    SbHttpReplies   *replies);
gboolean         sb_http_responder_get_enabled     (SbHttpResponder *self);
void             sb_http_responder_set_enabled     (SbHttpResponder *self,
                                                    gboolean         enabled);
SbHttpReplies   *sb_http_responder_get_replies     (SbHttpResponder *self);
guint            sb_http_responder_get_close_timeout (SbHttpResponder *self);
void             sb_http_responder_set_close_timeout (SbHttpResponder *self,
                                                      guint            timeout_ms);
guint            sb_http_responder_get_idle_timeout (SbHttpResponder *self);
void             sb_http_responder_set_idle_timeout (SbHttpResponder *self,
                                                     guint            timeout_ms);
const char      *sb_http_responder_get_problem     (SbHttpResponder *self);

G_END_DECLS
