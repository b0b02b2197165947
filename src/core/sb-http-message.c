/* sb-http-message.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One HTTP message (or one run of raw bytes) seen in the capture.  The
 * follower fills it in; everyone else reads it. */

#define G_LOG_DOMAIN "sb-http"

#include "config.h"

#include <string.h>

#include "sb-http-private.h"

G_DEFINE_FINAL_TYPE (SbHttpMessage, sb_http_message, G_TYPE_OBJECT)

SbHttpMessage *
_sb_http_message_new (SbHttpKind kind,
                      guint      socket_id,
                      SbSide     side,
                      gboolean   received,
                      guint      sequence,
                      guint64    stream_offset)
{
  SbHttpMessage *self = g_object_new (SB_TYPE_HTTP_MESSAGE, NULL);

  self->kind = kind;
  self->socket_id = socket_id;
  self->side = side;
  self->received = !!received;
  self->sequence = sequence;
  self->stream_offset = stream_offset;

  return self;
}

void
_sb_http_message_set_problem (SbHttpMessage *self,
                              const char    *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
}

gsize
_sb_http_message_preview_room (SbHttpMessage *self)
{
  return SB_HTTP_PREVIEW_BYTES - self->preview->len;
}

void
_sb_http_message_add_preview (SbHttpMessage *self,
                              const guint8  *data,
                              gsize          len)
{
  len = MIN (len, _sb_http_message_preview_room (self));
  if (len == 0)
    return;

  g_byte_array_append (self->preview, data, len);
  g_clear_pointer (&self->preview_bytes, g_bytes_unref);
}

SbHttpKind
sb_http_message_get_kind (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), SB_HTTP_REQUEST);

  return self->kind;
}

SbHttpState
sb_http_message_get_state (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), SB_HTTP_STATE_RAW);

  return self->state;
}

guint
sb_http_message_get_socket_id (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->socket_id;
}

SbSide
sb_http_message_get_side (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), SB_SIDE_CLIENT);

  return self->side;
}

gboolean
sb_http_message_get_received (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), FALSE);

  return self->received;
}

guint
sb_http_message_get_sequence (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->sequence;
}

const char *
sb_http_message_get_method (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  return self->method;
}

const char *
sb_http_message_get_target (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  return self->target;
}

guint
sb_http_message_get_status (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->status;
}

const char *
sb_http_message_get_reason (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  return self->reason;
}

guint
sb_http_message_get_minor_version (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->minor_version;
}

char *
sb_http_message_dup_start_line (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  if (self->method != NULL)
    return g_strdup_printf ("%s %s HTTP/1.%u", self->method, self->target,
                            self->minor_version);
  if (self->status != 0)
    {
      if (self->reason != NULL && self->reason[0] != '\0')
        return g_strdup_printf ("HTTP/1.%u %03u %s", self->minor_version, self->status,
                                self->reason);
      return g_strdup_printf ("HTTP/1.%u %03u", self->minor_version, self->status);
    }

  return NULL;
}

guint
sb_http_message_get_n_headers (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->header_names->len;
}

const char *
sb_http_message_get_header_name (SbHttpMessage *self,
                                 guint          index)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->header_names->len, NULL);

  return g_ptr_array_index (self->header_names, index);
}

const char *
sb_http_message_get_header_value (SbHttpMessage *self,
                                  guint          index)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->header_values->len, NULL);

  return g_ptr_array_index (self->header_values, index);
}

const char *
sb_http_message_get_header (SbHttpMessage *self,
                            const char    *name)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->header_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->header_names, i), name) == 0)
      return g_ptr_array_index (self->header_values, i);

  return NULL;
}

SbHttpFraming
sb_http_message_get_framing (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), SB_HTTP_FRAMING_NONE);

  return self->framing;
}

gint64
sb_http_message_get_content_length (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), -1);

  return self->content_length;
}

guint64
sb_http_message_get_head_length (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->head_length;
}

guint64
sb_http_message_get_body_length (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->body_length;
}

GBytes *
sb_http_message_get_preview (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  if (self->preview_bytes == NULL)
    self->preview_bytes = g_bytes_new (self->preview->data, self->preview->len);

  return self->preview_bytes;
}

gboolean
sb_http_message_get_keep_alive (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), FALSE);

  return self->keep_alive;
}

const char *
sb_http_message_get_problem (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), NULL);

  return self->problem;
}

guint64
sb_http_message_get_stream_offset (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), 0);

  return self->stream_offset;
}

guint
sb_http_message_get_first_event (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), G_MAXUINT);

  return self->first_event;
}

guint
sb_http_message_get_last_event (SbHttpMessage *self)
{
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (self), G_MAXUINT);

  return self->last_event;
}

static void
sb_http_message_finalize (GObject *object)
{
  SbHttpMessage *self = SB_HTTP_MESSAGE (object);

  g_free (self->method);
  g_free (self->target);
  g_free (self->reason);
  g_ptr_array_unref (self->header_names);
  g_ptr_array_unref (self->header_values);
  g_byte_array_unref (self->preview);
  g_clear_pointer (&self->preview_bytes, g_bytes_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (sb_http_message_parent_class)->finalize (object);
}

static void
sb_http_message_class_init (SbHttpMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_http_message_finalize;
}

static void
sb_http_message_init (SbHttpMessage *self)
{
  self->state = SB_HTTP_STATE_HEAD;
  self->header_names = g_ptr_array_new_with_free_func (g_free);
  self->header_values = g_ptr_array_new_with_free_func (g_free);
  self->content_length = -1;
  self->preview = g_byte_array_new ();
  self->first_event = G_MAXUINT;
  self->last_event = G_MAXUINT;
  self->find_first = G_MAXUINT;
}
