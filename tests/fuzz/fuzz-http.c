/* fuzz-http.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-http"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-http.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Everything a message says but its events, in one line per field. */
static void
describe_message (GString       *text,
                  SbHttpMessage *message)
{
  g_autofree char *start = sb_http_message_dup_start_line (message);
  GBytes *preview = sb_http_message_get_preview (message);
  gsize size;
  const guint8 *data = g_bytes_get_data (preview, &size);
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA1, data, size);

  g_string_append_printf (text, "%d %d %u %" G_GUINT64_FORMAT " %s\n",
                          sb_http_message_get_kind (message),
                          sb_http_message_get_state (message),
                          sb_http_message_get_sequence (message),
                          sb_http_message_get_stream_offset (message),
                          start ? start : "-");
  for (guint h = 0; h < sb_http_message_get_n_headers (message); h++)
    g_string_append_printf (text, "%s: %s\n", sb_http_message_get_header_name (message, h),
                            sb_http_message_get_header_value (message, h));
  g_string_append_printf (text, "%d %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                          G_GUINT64_FORMAT " %d %s %s\n",
                          sb_http_message_get_framing (message),
                          sb_http_message_get_content_length (message),
                          sb_http_message_get_head_length (message),
                          sb_http_message_get_body_length (message),
                          sb_http_message_get_keep_alive (message), hex,
                          sb_http_message_get_problem (message)
                          ? sb_http_message_get_problem (message) : "-");
}

/* What must hold of any message, whatever came. */
static void
check_message (SbHttpFollower *follower,
               SbHttpMessage  *message,
               guint64        *offset)
{
  SbHttpState state = sb_http_message_get_state (message);
  GBytes *preview = sb_http_message_get_preview (message);
  SbHttpMessage *partner = sb_http_follower_get_partner (follower, message);
  g_autofree char *start = sb_http_message_dup_start_line (message);

  g_assert_nonnull (preview);
  g_assert_cmpuint (g_bytes_get_size (preview), <=, SB_HTTP_PREVIEW_BYTES);
  g_assert_cmpuint (g_bytes_get_size (preview), <=, sb_http_message_get_body_length (message));
  g_assert_cmpuint (sb_http_message_get_head_length (message), <=, SB_HTTP_MAX_HEAD_BYTES);
  g_assert_cmpuint (sb_http_message_get_stream_offset (message), >=, *offset);
  *offset = sb_http_message_get_stream_offset (message);
  if (sb_http_message_get_first_event (message) != G_MAXUINT)
    g_assert_cmpuint (sb_http_message_get_first_event (message), <=,
                      sb_http_message_get_last_event (message));

  if (state == SB_HTTP_STATE_RAW)
    {
      g_assert_nonnull (sb_http_message_get_problem (message));
      g_assert_null (start);
      g_assert_null (sb_http_message_get_method (message));
      g_assert_cmpuint (sb_http_message_get_status (message), ==, 0);
      g_assert_null (partner);
    }
  else if (state != SB_HTTP_STATE_HEAD)
    {
      g_assert_nonnull (start);
      if (sb_http_message_get_kind (message) == SB_HTTP_REQUEST)
        g_assert_nonnull (sb_http_message_get_method (message));
      else
        g_assert_cmpuint (sb_http_message_get_status (message), >=, 100);
      if (sb_http_message_get_framing (message) == SB_HTTP_FRAMING_LENGTH
          && state == SB_HTTP_STATE_COMPLETE)
        g_assert_cmpuint (sb_http_message_get_body_length (message), ==,
                          sb_http_message_get_content_length (message));
    }

  if (partner != NULL)
    {
      g_assert_cmpuint (sb_http_message_get_sequence (partner), ==,
                        sb_http_message_get_sequence (message));
      g_assert_cmpint (sb_http_message_get_kind (partner), !=, sb_http_message_get_kind (message));
      g_assert_cmpuint (sb_http_message_get_socket_id (partner), ==,
                        sb_http_message_get_socket_id (message));
    }
}

static char *
describe_socket (SbHttpFollower *follower,
                 guint           socket_id)
{
  GListModel *messages = sb_http_follower_get_messages (follower, socket_id);
  GString *text = g_string_new (NULL);
  guint64 offsets[2] = { 0, 0 };

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(SbHttpMessage) message = g_list_model_get_item (messages, i);

      check_message (follower, message, &offsets[sb_http_message_get_received (message)]);
      describe_message (text, message);
    }

  return g_string_free (text, FALSE);
}

static void
check_events (SbCapture      *capture,
              SbHttpFollower *follower)
{
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbHttpMessage *message = sb_http_follower_find_for_event (follower, i);
      SbEventInfo info;

      if (message == NULL)
        continue;
      g_assert_true (sb_capture_get_info (capture, i, &info));
      g_assert_cmpuint (sb_http_message_get_socket_id (message), ==, info.socket_id);
      /* G_MAXUINT: its first event went in a clear. */
      if (sb_http_message_get_first_event (message) != G_MAXUINT)
        g_assert_cmpuint (sb_http_message_get_first_event (message), <=, i);
      g_assert_cmpuint (sb_http_message_get_last_event (message), >=, i);
    }
}

static void
append (SbCapture    *capture,
        guint         socket_id,
        SbSide        side,
        SbEventKind   kind,
        int           detail,
        const guint8 *data,
        gsize         len)
{
  SbEventInfo info = {
    .kind = kind,
    .side = side,
    .socket_id = socket_id,
    .detail = detail,
    .result = len,
  };

  sb_capture_append (capture, &info, data, len);
}

/* The input as one direction's bytes, in one event and cut into many:
 * the same messages must come out. */
static char *
follow_stream (SbCapture      *capture,
               SbHttpFollower *follower,
               const uint8_t  *data,
               size_t          size,
               SbSide          side,
               gboolean        cut)
{
  guint socket_id = sb_capture_new_socket_id (capture);
  guint32 state = 2166136261u ^ size;
  size_t at = 0;

  while (at < size)
    {
      size_t len = size - at;

      if (cut)
        {
          state = state * 1664525u + 1013904223u;
          len = MIN (len, 1 + (state >> 24) % 37);
        }
      append (capture, socket_id, side, SB_EVENT_RECV, 0, data + at, len);
      if ((state & 0x300) == 0)
        sb_capture_flush (capture);
      at += len;
    }
  append (capture, socket_id, side, SB_EVENT_EOF, 0, NULL, 0);
  sb_capture_flush (capture);
  check_events (capture, follower);

  return describe_socket (follower, socket_id);
}

/* The input as a script: each control byte says what happens next on
 * one of two connections (a server-side one and a client). */
static void
follow_script (SbCapture      *capture,
               SbHttpFollower *follower,
               const uint8_t  *data,
               size_t          size)
{
  guint ids[2] = { sb_capture_new_socket_id (capture), sb_capture_new_socket_id (capture) };
  SbSide sides[2] = { SB_SIDE_SERVER, SB_SIDE_CLIENT };
  size_t at = 0;
  gboolean cleared = FALSE;

  while (at < size)
    {
      guint8 control = data[at++];
      guint op = control & 7;
      guint arg = control >> 3;
      guint s = arg & 1;
      size_t len;

      switch (op)
        {
        case 0: case 1: case 2: case 3:
          s = op >> 1;
          len = MIN ((size_t) arg + 1, size - at);
          append (capture, ids[s], sides[s], (op & 1) ? SB_EVENT_SEND : SB_EVENT_RECV, 0,
                  data + at, len);
          at += len;
          break;
        case 4:
          append (capture, ids[s], sides[s], SB_EVENT_EOF, 0, NULL, 0);
          break;
        case 5:
          append (capture, ids[s], sides[s], SB_EVENT_SHUTDOWN,
                  (arg & 2) ? SB_SHUTDOWN_BOTH : SB_SHUTDOWN_WRITE, NULL, 0);
          break;
        case 6:
          append (capture, ids[s], sides[s], (arg & 2) ? SB_EVENT_RESET : SB_EVENT_CLOSE, 0,
                  NULL, 0);
          break;
        default:
          if (arg == 0)
            {
              sb_capture_clear (capture);
              cleared = TRUE;
            }
          else if (arg & 2)
            {
              /* A recv whose bytes were counted, not kept ("N bytes not
               * retained", the capture being full). */
              SbEventInfo info = {
                .kind = SB_EVENT_RECV,
                .side = sides[s],
                .socket_id = ids[s],
                .result = 1 + (arg >> 2),
              };

              sb_capture_append (capture, &info, NULL, 0);
            }
          else
            sb_capture_flush (capture);
          break;
        }
    }
  sb_capture_flush (capture);
  check_events (capture, follower);

  /* A follower made afterwards (the window opening Follow HTTP late)
   * reads what the live one read, unless a clear came in between: the
   * live one keeps the messages the clear took the events of. */
  {
    g_autoptr(SbHttpFollower) late = sb_http_follower_new (capture);

    check_events (capture, late);
    for (guint s = 0; s < 2; s++)
      {
        g_autofree char *live_text = describe_socket (follower, ids[s]);
        g_autofree char *late_text = describe_socket (late, ids[s]);

        if (!cleared && strcmp (live_text, late_text) != 0)
          g_error ("a late follower reads differently:\n%s\n---\n%s", live_text, late_text);
      }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* One capture for all: making one costs more than following. */
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbHttpFollower) follower = sb_http_follower_new (capture);
  SbSide sides[2] = { SB_SIDE_SERVER, SB_SIDE_CLIENT };

  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *whole = follow_stream (capture, follower, data, size, sides[s], FALSE);
      g_autofree char *cut = follow_stream (capture, follower, data, size, sides[s], TRUE);

      if (strcmp (whole, cut) != 0)
        g_error ("cut differently, the stream reads differently:\n%s\n---\n%s", whole, cut);
    }

  follow_script (capture, follower, data, size);

  return 0;
}
