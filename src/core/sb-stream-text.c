/* sb-stream-text.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-stream-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-payload.h"
#include "sb-stream-text.h"

void
sb_stream_text_init (SbStreamText *self,
                     gboolean      hex)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->hex = !!hex;
  self->direction = -1;
}

static const char *
mark (gboolean received)
{
  return received ? SB_STREAM_TEXT_RECEIVED_MARK : SB_STREAM_TEXT_SENT_MARK;
}

/* A new direction starts on a line of its own. */
static void
turn (SbStreamText *self,
      GString      *out,
      gboolean      received)
{
  if (self->direction != (int) received && self->line_open)
    {
      g_string_append_c (out, '\n');
      self->line_open = FALSE;
    }
  self->direction = received;
}

void
sb_stream_text_append (SbStreamText *self,
                       GString      *out,
                       gboolean      received,
                       const guint8 *data,
                       gsize         len)
{
  gsize start = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL || len == 0);

  received = !!received;
  turn (self, out, received);

  if (self->hex)
    {
      sb_payload_append_hexdump (out, data, len, self->offset[received], mark (received));
      self->offset[received] += len;
      return;
    }

  while (start < len)
    {
      const guint8 *newline = memchr (data + start, '\n', len - start);
      gsize end = newline != NULL ? (gsize) (newline - data) + 1 : len;
      g_autofree char *piece = sb_payload_to_escaped (data + start, end - start, 0);

      if (!self->line_open)
        g_string_append (out, mark (received));
      g_string_append (out, piece);
      self->line_open = newline == NULL;
      if (newline != NULL)
        g_string_append_c (out, '\n');
      start = end;
    }
  self->offset[received] += len;
}

void
sb_stream_text_append_gap (SbStreamText *self,
                           GString      *out,
                           gboolean      received,
                           gsize         len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  received = !!received;
  turn (self, out, received);
  if (self->line_open)
    g_string_append_c (out, '\n');
  g_string_append (out, mark (received));
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "[%zu byte not retained]",
                                       "[%zu bytes not retained]", len),
                          len);
  g_string_append_c (out, '\n');
  self->line_open = FALSE;
  self->offset[received] += len;
}

guint
sb_stream_text_next_event (SbCapture   *capture,
                           guint        socket_id,
                           guint        from,
                           guint        to,
                           SbEventInfo *info)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), G_MAXUINT);
  g_return_val_if_fail (info != NULL, G_MAXUINT);

  to = MIN (to, sb_capture_get_n_recorded (capture));
  for (guint i = from; i < to; i++)
    {
      if (!sb_capture_get_info (capture, i, info) || info->socket_id != socket_id)
        continue;
      if ((info->kind == SB_EVENT_SEND || info->kind == SB_EVENT_RECV) && info->result > 0)
        return i;
    }

  return G_MAXUINT;
}

char *
sb_stream_text_render (SbCapture *capture,
                       guint      socket_id,
                       gboolean   hex)
{
  GString *out = g_string_new (NULL);
  SbStreamText text;
  SbEventInfo info;
  guint n;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  sb_stream_text_init (&text, hex);
  n = sb_capture_get_n_recorded (capture);
  for (guint i = sb_stream_text_next_event (capture, socket_id, 0, n, &info);
       i != G_MAXUINT;
       i = sb_stream_text_next_event (capture, socket_id, i + 1, n, &info))
    {
      gboolean received = info.kind == SB_EVENT_RECV;

      if (info.payload_len < (gsize) info.result)
        {
          sb_stream_text_append_gap (&text, out, received, info.result);
        }
      else
        {
          g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);
          gsize len = 0;
          const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

          sb_stream_text_append (&text, out, received, data, len);
        }
    }

  return g_string_free (out, FALSE);
}
