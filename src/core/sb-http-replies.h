/* sb-http-replies.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-http-reply.h"

G_BEGIN_DECLS

#define SB_TYPE_HTTP_REPLIES (sb_http_replies_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpReplies, sb_http_replies, SB, HTTP_REPLIES, GObject)

/* The auto-responder's reply templates and path rules, as the user edits
 * them.  Every property is a string whose GSettings key is "reply-" and the
 * property's name, so the window binds them all in one loop:
 *
 *   hello-status, hello-headers, hello-body,
 *   not-found-status, not-found-headers, not-found-body,
 *   redirect-status, redirect-headers, redirect-body,
 *   echo-status, echo-headers          (the body is the request),
 *   file-status, file-headers, file-path (the body is the file),
 *   rule-index   (the reply to "/" and "/index.html"),
 *   rule-favicon (the reply to "/favicon.ico"),
 *   rule-other   (the reply to every other path)
 *
 * Headers are lines "Name: value"; rules are SbHttpReplyKind nicks.  The
 * defaults are the exercise's reply (HTTP/1.0 200 OK, Content-type:
 * text/html, <h1>Hello World</h1>) for "/" and every other path, and 404
 * for the favicon. */

SbHttpReplies   *sb_http_replies_new           (void);
const char      *sb_http_replies_get_status    (SbHttpReplies   *self,
                                                SbHttpReplyKind  kind);
const char      *sb_http_replies_get_headers   (SbHttpReplies   *self,
                                                SbHttpReplyKind  kind);
/* NULL for the echo and the file, whose bodies are not typed. */
const char      *sb_http_replies_get_body      (SbHttpReplies   *self,
                                                SbHttpReplyKind  kind);
const char      *sb_http_replies_get_file_path (SbHttpReplies   *self);
/* The reply the rules give to a request for @target ("/", "/a?b=1",
 * "http://host/favicon.ico"). */
SbHttpReplyKind  sb_http_replies_choose        (SbHttpReplies   *self,
                                                const char      *target);
/* Each property name, NULL-terminated: for binding them to GSettings. */
const char * const *sb_http_replies_list_properties (void);

G_END_DECLS
