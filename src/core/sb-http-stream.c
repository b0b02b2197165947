/* sb-http-stream.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One direction of one connection, followed as its bytes are recorded:
 * heads are gathered until their empty line and parsed, bodies are passed
 * over (only their preview is read), and a direction that is not HTTP
 * turns raw, after which its bytes are only counted. */

#define G_LOG_DOMAIN "sb-http"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-http-private.h"

/* Longest method accepted in a request line ("OPTIONS", "PROPFIND", …). */
#define MAX_METHOD_LEN 32

void
_sb_http_direction_init (SbHttpDirection *way,
                         SbHttpSocket    *socket,
                         gboolean         received)
{
  way->socket = socket;
  way->received = received;
  way->messages = g_ptr_array_new_with_free_func (g_object_unref);
  way->findable = g_ptr_array_new ();
  way->head = g_byte_array_new ();
}

void
_sb_http_direction_clear (SbHttpDirection *way)
{
  g_clear_pointer (&way->messages, g_ptr_array_unref);
  g_clear_pointer (&way->findable, g_ptr_array_unref);
  g_clear_pointer (&way->head, g_byte_array_unref);
}

static void
reset_head (SbHttpDirection *way)
{
  /* A long head's buffer is not kept for the connection's life. */
  if (way->head->len > SB_HTTP_PREVIEW_BYTES)
    {
      g_byte_array_unref (way->head);
      way->head = g_byte_array_new ();
    }
  g_byte_array_set_size (way->head, 0);
  way->line_state = 0;
  way->start_len = 0;
  way->start_ok = FALSE;
}

static SbHttpMessage *
begin_message (SbHttpFollower  *follower,
               SbHttpDirection *way,
               guint            index)
{
  SbHttpMessage *message = _sb_http_message_new (way->kind, way->socket->socket_id,
                                                 way->socket->side, way->received,
                                                 way->next_sequence, way->offset);

  message->first_event = index;
  message->added = TRUE;
  g_ptr_array_add (way->messages, message);
  way->current = message;
  way->blank = 0;
  reset_head (way);
  _sb_http_follower_touch (follower, message, index);

  if (way->socket->switched)
    {
      message->state = SB_HTTP_STATE_RAW;
      _sb_http_message_set_problem (message,
                                    _("The connection switched to another protocol: what follows is not HTTP"));
      way->raw = TRUE;
    }

  return message;
}

/* From here on this way is not HTTP.  A head being read becomes the raw
 * message; otherwise a raw message begins here. */
static void
go_raw (SbHttpFollower  *follower,
        SbHttpDirection *way,
        guint            index,
        const char      *problem)
{
  SbHttpMessage *message = way->current;

  if (message == NULL || message->state != SB_HTTP_STATE_HEAD)
    message = begin_message (follower, way, index);

  message->state = SB_HTTP_STATE_RAW;
  message->head_length = 0;
  message->body_length = way->head->len;
  _sb_http_message_add_preview (message, way->head->data, way->head->len);
  _sb_http_message_set_problem (message, problem);
  _sb_http_follower_touch (follower, message, G_MAXUINT);

  reset_head (way);
  way->raw = TRUE;
}

static void
complete (SbHttpFollower  *follower,
          SbHttpDirection *way)
{
  SbHttpMessage *message = way->current;

  message->state = SB_HTTP_STATE_COMPLETE;
  _sb_http_follower_touch (follower, message, G_MAXUINT);
  way->current = NULL;
}

/* Whether @c may come next in a start line: a method token and a space
 * for requests, "HTTP/" for responses. */
static gboolean
start_byte_ok (SbHttpDirection *way,
               guint8           c)
{
  static const char tchar[] = "!#$%&'*+-.^_`|~";

  if (way->kind == SB_HTTP_RESPONSE)
    {
      if (c != (guint8) "HTTP/"[way->start_len])
        return FALSE;
      way->start_ok = ++way->start_len == 5;
      return TRUE;
    }

  if (c == ' ' && way->start_len > 0)
    {
      way->start_ok = TRUE;
      return TRUE;
    }
  if (way->start_len >= MAX_METHOD_LEN || c == '\0'
      || !(g_ascii_isalnum (c) || strchr (tchar, c) != NULL))
    return FALSE;
  way->start_len++;

  return TRUE;
}

static void
head_ended (SbHttpFollower  *follower,
            SbHttpDirection *way,
            guint            index)
{
  SbHttpMessage *message = way->current;
  const char *request_method = NULL;
  g_autofree char *problem = NULL;

  if (way->kind == SB_HTTP_RESPONSE)
    {
      SbHttpMessage *request = _sb_http_follower_find_request (way->socket, message->sequence);

      if (request != NULL)
        request_method = request->method;
    }

  if (!_sb_http_message_parse_head (message, (const char *) way->head->data, way->head->len,
                                    request_method, &problem))
    {
      go_raw (follower, way, index, problem);
      return;
    }

  reset_head (way);
  message->state = SB_HTTP_STATE_BODY;
  _sb_http_follower_touch (follower, message, G_MAXUINT);

  /* An interim response shares its sequence with the final one. */
  if (way->kind == SB_HTTP_REQUEST || message->status >= 200 || message->status == 101)
    way->next_sequence++;
  if (way->kind == SB_HTTP_RESPONSE
      && (message->status == 101
          || (g_strcmp0 (request_method, "CONNECT") == 0 && message->status / 100 == 2)))
    way->socket->switched = TRUE;

  switch (message->framing)
    {
    case SB_HTTP_FRAMING_NONE:
      complete (follower, way);
      break;

    case SB_HTTP_FRAMING_LENGTH:
      way->body_remaining = message->content_length;
      if (way->body_remaining == 0)
        complete (follower, way);
      break;

    case SB_HTTP_FRAMING_CHUNKED:
      _sb_chunk_decoder_init (&way->chunks);
      break;

    case SB_HTTP_FRAMING_UNTIL_CLOSE:
    default:
      break;
    }
}

/* Bytes of a head; returns how many it took (at least one). */
static gsize
feed_head (SbHttpFollower  *follower,
           SbHttpDirection *way,
           guint            index,
           const guint8    *data,
           gsize            len)
{
  gsize i;

  /* It takes at least one byte. */
  _sb_http_follower_touch (follower, way->current, index);

  for (i = 0; i < len; i++)
    {
      guint8 c = data[i];
      gboolean end = FALSE;

      if (!way->start_ok && !start_byte_ok (way, c))
        {
          g_byte_array_append (way->head, data, i + 1);
          way->offset += i + 1;
          go_raw (follower, way, index,
                  way->kind == SB_HTTP_REQUEST
                  ? _("These bytes do not begin with an HTTP request line")
                  : _("These bytes do not begin with an HTTP status line"));
          return i + 1;
        }

      if (c == '\n')
        {
          end = way->line_state != 0;
          way->line_state = 1;
        }
      else if (c == '\r' && way->line_state == 1)
        way->line_state = 2;
      else
        way->line_state = 0;

      if (way->head->len + i + 1 > SB_HTTP_MAX_HEAD_BYTES)
        {
          g_byte_array_append (way->head, data, i + 1);
          way->offset += i + 1;
          go_raw (follower, way, index, _("The head is longer than 64 KiB"));
          return i + 1;
        }

      if (end)
        {
          g_byte_array_append (way->head, data, i + 1);
          way->offset += i + 1;
          head_ended (follower, way, index);
          return i + 1;
        }
    }

  g_byte_array_append (way->head, data, len);
  way->offset += len;

  return len;
}

/* How many of the next bytes are body bytes to pass over without
 * reading them (but for the preview). */
static guint64
body_ahead (SbHttpDirection *way)
{
  SbHttpMessage *message = way->current;

  if (way->raw)
    return G_MAXUINT64;
  if (message == NULL || message->state != SB_HTTP_STATE_BODY)
    return 0;

  switch (message->framing)
    {
    case SB_HTTP_FRAMING_LENGTH:
      return way->body_remaining;
    case SB_HTTP_FRAMING_UNTIL_CLOSE:
      return G_MAXUINT64;
    case SB_HTTP_FRAMING_CHUNKED:
      return way->chunks.state == SB_CHUNK_DATA ? way->chunks.remaining : 0;
    case SB_HTTP_FRAMING_NONE:
    default:
      return 0;
    }
}

static void
pass_body (SbHttpFollower  *follower,
           SbHttpDirection *way,
           guint            index,
           gsize            position,
           gsize            len)
{
  SbHttpMessage *message = way->current;
  gsize room = MIN (_sb_http_message_preview_room (message), len);

  if (room > 0)
    {
      gsize got = sb_capture_copy_payload (follower->capture, index, position,
                                           follower->buffer, room);

      _sb_http_message_add_preview (message, follower->buffer, got);
    }

  message->body_length += len;
  way->offset += len;
  _sb_http_follower_touch (follower, message, index);

  if (way->raw)
    return;

  if (message->framing == SB_HTTP_FRAMING_LENGTH)
    {
      way->body_remaining -= len;
      if (way->body_remaining == 0)
        complete (follower, way);
    }
  else if (message->framing == SB_HTTP_FRAMING_CHUNKED)
    _sb_chunk_decoder_skip (&way->chunks, len);
}

/* Framing bytes of a chunked body; returns how many it took. */
static gsize
feed_chunks (SbHttpFollower  *follower,
             SbHttpDirection *way,
             guint            index,
             const guint8    *data,
             gsize            len)
{
  gsize used = _sb_chunk_decoder_feed (&way->chunks, data, len);

  way->offset += used;
  if (used > 0)
    _sb_http_follower_touch (follower, way->current, index);

  if (way->chunks.state == SB_CHUNK_DONE)
    complete (follower, way);
  else if (way->chunks.state == SB_CHUNK_ERROR)
    {
      _sb_http_message_set_problem (way->current, _("The chunked body is malformed"));
      _sb_http_follower_touch (follower, way->current, G_MAXUINT);
      way->current = NULL;
      go_raw (follower, way, index, _("These bytes follow a malformed chunked body"));
    }

  return used;
}

/* Bytes that are read: heads, chunk framing, what lies between messages.
 * Returns how many it took; it stops where body bytes begin. */
static gsize
feed_bytes (SbHttpFollower  *follower,
            SbHttpDirection *way,
            guint            index,
            const guint8    *data,
            gsize            len)
{
  gsize i = 0;

  while (i < len && body_ahead (way) == 0)
    {
      SbHttpMessage *message = way->current;

      if (message == NULL)
        {
          /* Line ends between messages are tolerated (RFC 9112 2.2), but
           * not a flood of them. */
          if ((data[i] == '\r' || data[i] == '\n') && way->blank < SB_HTTP_MAX_HEAD_BYTES)
            {
              i++;
              way->offset++;
              way->blank++;
              continue;
            }
          if (way->blank >= SB_HTTP_MAX_HEAD_BYTES)
            {
              begin_message (follower, way, index);
              go_raw (follower, way, index,
                      _("More than 64 KiB of empty lines came instead of a message"));
            }
          else
            begin_message (follower, way, index);
        }
      else if (message->state == SB_HTTP_STATE_HEAD)
        i += feed_head (follower, way, index, data + i, len - i);
      else
        i += feed_chunks (follower, way, index, data + i, len - i);
    }

  return i;
}

void
_sb_http_direction_feed (SbHttpFollower  *follower,
                         SbHttpDirection *way,
                         guint            index,
                         gsize            len)
{
  gsize position = 0;

  while (position < len)
    {
      guint64 ahead = body_ahead (way);
      gsize n;

      if (ahead > 0)
        {
          n = MIN (ahead, len - position);
          pass_body (follower, way, index, position, n);
          position += n;
          continue;
        }

      n = MIN (len - position, SB_HTTP_BUFFER_SIZE);
      if (sb_capture_copy_payload (follower->capture, index, position, follower->buffer, n) != n)
        {
          const char *problem = _("These bytes could not be read back from the capture");

          if (way->current != NULL && way->current->state == SB_HTTP_STATE_BODY)
            {
              _sb_http_message_set_problem (way->current, problem);
              _sb_http_follower_touch (follower, way->current, G_MAXUINT);
              way->current = NULL;
            }
          go_raw (follower, way, index, problem);
          continue;
        }
      position += feed_bytes (follower, way, index, follower->buffer, n);
    }
}

void
_sb_http_direction_end (SbHttpFollower  *follower,
                        SbHttpDirection *way)
{
  SbHttpMessage *message = way->current;

  if (message != NULL && !way->raw)
    {
      if (message->state == SB_HTTP_STATE_HEAD)
        go_raw (follower, way, G_MAXUINT, _("The connection ended before the head was complete"));
      else if (message->framing == SB_HTTP_FRAMING_UNTIL_CLOSE)
        complete (follower, way);
      else if (message->framing == SB_HTTP_FRAMING_LENGTH)
        {
          g_autofree char *problem =
            g_strdup_printf (_("The connection ended before the body was complete: "
                               "%" PRIu64 " of %" PRId64 " bytes"),
                             message->body_length, message->content_length);

          _sb_http_message_set_problem (message, problem);
          _sb_http_follower_touch (follower, message, G_MAXUINT);
        }
      else
        {
          _sb_http_message_set_problem (message,
                                        way->chunks.last
                                        ? _("The connection ended in the trailers of the chunked body")
                                        : _("The connection ended before the last chunk"));
          _sb_http_follower_touch (follower, message, G_MAXUINT);
        }
    }

  way->current = NULL;
  way->raw = FALSE;
  way->blank = 0;
  reset_head (way);
}
