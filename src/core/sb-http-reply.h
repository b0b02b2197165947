/* sb-http-reply.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* The replies the server pane's auto-responder can send.  The nicks
 * ("hello", "not-found", …) are what GSettings stores. */
typedef enum
{
  SB_HTTP_REPLY_HELLO,     /* the exercise's page: <h1>Hello World</h1> */
  SB_HTTP_REPLY_NOT_FOUND, /* 404 Not Found */
  SB_HTTP_REPLY_REDIRECT,  /* 302 Found with a Location */
  SB_HTTP_REPLY_ECHO,      /* the request itself as the body */
  SB_HTTP_REPLY_FILE,      /* a file from disk */
  SB_HTTP_REPLY_N_KINDS
} SbHttpReplyKind;

const char      *sb_http_reply_kind_to_nick   (SbHttpReplyKind  kind);
/* SB_HTTP_REPLY_HELLO for an unknown nick. */
SbHttpReplyKind  sb_http_reply_kind_from_nick (const char      *nick);

/* Checks a status line as typed ("HTTP/1.0 200 OK"): it must parse as
 * HTTP/1.x with a three-digit status.  On success, *@minor_version is 0 or
 * 1.  The error is a sentence for the user. */
gboolean sb_http_reply_check_status_line (const char  *status_line,
                                          guint       *minor_version,
                                          GError     **error);
/* Checks header lines as typed, one "Name: value" per line (blank lines
 * ignored); the error names the first bad line. */
gboolean sb_http_reply_check_headers     (const char  *headers,
                                          GError     **error);

typedef enum
{
  SB_HTTP_REPLY_KEEP_ALIVE = 1 << 0, /* the connection stays open after it */
  SB_HTTP_REPLY_HEAD_ONLY  = 1 << 1, /* an answer to HEAD: no body bytes */
} SbHttpReplyFlags;

/* The whole reply: @status_line, then @headers (lines as typed, "\n" or
 * "\r\n"; bad lines, Content-Length and Connection left out), then
 * Content-Type: @content_type when given and @headers have none, then the
 * Content-Length of @body, computed here, then the Connection header that
 * says what the server will do: "close" unless SB_HTTP_REPLY_KEEP_ALIVE,
 * "keep-alive" when it keeps an HTTP/1.0 reply's connection open.  Lines
 * end with CRLF; then the empty line and @body (unless HEAD_ONLY). */
GBytes  *sb_http_reply_build             (const char        *status_line,
                                          const char        *headers,
                                          const char        *content_type,
                                          GBytes            *body,
                                          SbHttpReplyFlags   flags);

/* The MIME type for a file's @name and first bytes, as
 * g_content_type_guess() sees it: "text/html", "image/png"; for unknown
 * content "application/octet-stream". */
char    *sb_http_reply_guess_mime_type   (const char        *name,
                                          GBytes            *contents);

G_END_DECLS
