/* sb-http.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* HTTP/1.x seen in the capture.
 *
 * SbHttpFollower watches an SbCapture and, for every TCP socket, follows
 * the bytes of each direction as they are recorded.  The direction an HTTP
 * client writes (what a server-side connection receives, what a client-side
 * socket sends) is read as requests; the other direction as responses.
 * Heads are parsed with libsoup (soup_headers_parse_request() and
 * soup_headers_parse_response()); bodies are delimited by Content-Length,
 * chunked encoding, or the end of the stream; several messages follow each
 * other on one connection (keep-alive, pipelining).
 *
 * It is a view over the capture: it copies what it needs (heads, a body
 * preview) and never changes or removes a byte of the log. */

/* A head longer than this is not HTTP we parse: it is shown raw. */
#define SB_HTTP_MAX_HEAD_BYTES (64 * 1024)
/* How much of a body (after dechunking) or of raw bytes a message keeps. */
#define SB_HTTP_PREVIEW_BYTES  (4 * 1024)

typedef enum
{
  SB_HTTP_REQUEST,
  SB_HTTP_RESPONSE,
} SbHttpKind;

typedef enum
{
  SB_HTTP_STATE_HEAD,     /* the head is still arriving */
  SB_HTTP_STATE_BODY,     /* head parsed, the body is still arriving */
  SB_HTTP_STATE_COMPLETE, /* head and the whole body */
  SB_HTTP_STATE_RAW,      /* not HTTP, malformed, too long or cut off:
                           * get_problem() says which; the bytes stay plain */
} SbHttpState;

typedef enum
{
  SB_HTTP_FRAMING_NONE,        /* no body: GET without Content-Length, a
                                * response to HEAD, 1xx, 204, 304 */
  SB_HTTP_FRAMING_LENGTH,      /* Content-Length */
  SB_HTTP_FRAMING_CHUNKED,     /* Transfer-Encoding: chunked */
  SB_HTTP_FRAMING_UNTIL_CLOSE, /* a response with neither: ends at the EOF */
} SbHttpFraming;

#define SB_TYPE_HTTP_MESSAGE (sb_http_message_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpMessage, sb_http_message, SB, HTTP_MESSAGE, GObject)

SbHttpKind     sb_http_message_get_kind           (SbHttpMessage *self);
SbHttpState    sb_http_message_get_state          (SbHttpMessage *self);
guint          sb_http_message_get_socket_id      (SbHttpMessage *self);
/* The side of the socket the message was seen on. */
SbSide         sb_http_message_get_side           (SbHttpMessage *self);
/* TRUE when the socket received the message, FALSE when it sent it. */
gboolean       sb_http_message_get_received       (SbHttpMessage *self);
/* 0 for the first request of a connection, 1 for the next…; a response
 * has the number of the request it answers. */
guint          sb_http_message_get_sequence       (SbHttpMessage *self);

/* Requests: "GET", "/index.html".  NULL for responses and raw messages. */
const char    *sb_http_message_get_method         (SbHttpMessage *self);
const char    *sb_http_message_get_target         (SbHttpMessage *self);
/* Responses: 200, "OK".  0 and NULL for requests and raw messages. */
guint          sb_http_message_get_status         (SbHttpMessage *self);
const char    *sb_http_message_get_reason         (SbHttpMessage *self);
/* 0 for HTTP/1.0, 1 for HTTP/1.1. */
guint          sb_http_message_get_minor_version  (SbHttpMessage *self);
/* "GET /index.html HTTP/1.1" or "HTTP/1.0 200 OK"; NULL until the head is
 * parsed, and for raw messages. */
char          *sb_http_message_dup_start_line     (SbHttpMessage *self);

/* The headers in the order they came, repeated ones kept. */
guint          sb_http_message_get_n_headers      (SbHttpMessage *self);
const char    *sb_http_message_get_header_name    (SbHttpMessage *self,
                                                   guint          index);
const char    *sb_http_message_get_header_value   (SbHttpMessage *self,
                                                   guint          index);
/* The first header of that name, compared without case; NULL if none. */
const char    *sb_http_message_get_header         (SbHttpMessage *self,
                                                   const char    *name);

SbHttpFraming  sb_http_message_get_framing        (SbHttpMessage *self);
/* The Content-Length, or -1 when there is none. */
gint64         sb_http_message_get_content_length (SbHttpMessage *self);
/* Bytes of the head, up to and including its empty line. */
guint64        sb_http_message_get_head_length    (SbHttpMessage *self);
/* Body bytes so far, after dechunking. */
guint64        sb_http_message_get_body_length    (SbHttpMessage *self);
/* The first SB_HTTP_PREVIEW_BYTES of the body (dechunked); for a raw
 * message, of its bytes as they came.  Never NULL; ref it to keep it past the next change. */
GBytes        *sb_http_message_get_preview        (SbHttpMessage *self);
/* Whether the connection stays open after this message (RFC 9112 9.3):
 * HTTP/1.1 unless "Connection: close", HTTP/1.0 only with
 * "Connection: keep-alive". */
gboolean       sb_http_message_get_keep_alive     (SbHttpMessage *self);
/* Why the message is raw or incomplete, as a sentence for the user
 * ("The head is longer than 64 KiB", "The connection closed before the
 * body ended: 10 of 25 bytes"); NULL when there is nothing to say. */
const char    *sb_http_message_get_problem        (SbHttpMessage *self);

/* Where the message lies in its direction of the stream: byte offsets
 * counted from the connection's first byte that way. */
guint64        sb_http_message_get_stream_offset  (SbHttpMessage *self);
/* The capture events that carried its first and last byte so far.
 * G_MAXUINT when that event was cleared from the log. */
guint          sb_http_message_get_first_event    (SbHttpMessage *self);
guint          sb_http_message_get_last_event     (SbHttpMessage *self);


#define SB_TYPE_HTTP_FOLLOWER (sb_http_follower_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpFollower, sb_http_follower, SB, HTTP_FOLLOWER, GObject)

/* Signals:
 *   message-added   (SbHttpMessage *message): a message began.
 *   message-changed (SbHttpMessage *message): its head was parsed, more of
 *     its body arrived, it completed or it became raw.  Emitted at most
 *     once per scan of the events a capture flush announced, so a long
 *     body costs one emission per flush, not one per recv.
 * Both are emitted from the capture's items-changed handling, in order. */

SbHttpFollower *sb_http_follower_new             (SbCapture      *capture);
SbCapture      *sb_http_follower_get_capture     (SbHttpFollower *self);
/* The messages of one connection in the order they began, both
 * directions; a GListModel of SbHttpMessage, empty when none.
 * (transfer none): it lives as long as the follower. */
GListModel     *sb_http_follower_get_messages    (SbHttpFollower *self,
                                                  guint           socket_id);
/* The message that carries bytes of the capture event @index, or NULL
 * (transfer none). */
SbHttpMessage  *sb_http_follower_find_for_event  (SbHttpFollower *self,
                                                  guint           index);
/* The response to @request (same socket, same sequence), or the request a
 * response answers; NULL while there is none (transfer none). */
SbHttpMessage  *sb_http_follower_get_partner     (SbHttpFollower *self,
                                                  SbHttpMessage  *message);

G_END_DECLS
