/* sb-auto-responder.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-auto-responder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-auto-responder.h"
#include "sb-capture.h"
#include "sb-listener.h"
#include "sb-stream.h"

/* A request head longer than this is not answered. */
#define MAX_HEAD_BYTES (16 * 1024)

static const char hello_page[] =
  "<!DOCTYPE html>\n<title>Sockbench</title>\n<h1>Hello World</h1>\n";
static const char not_found_page[] =
  "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>404 Not Found</h1>\n";

struct _SbAutoResponder
{
  GObject      parent_instance;

  /* owned */
  SbListener  *listener;
  SbCapture   *capture;
  GHashTable  *heads;      /* socket id → GByteArray: request bytes so far */
  GHashTable  *done;       /* socket ids answered or given up on */

  guint        next_index; /* first capture event not looked at yet */
  SbReplyKind  reply;
  guint        enabled : 1;
  guint        scanning : 1;
};

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_REPLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbAutoResponder, sb_auto_responder, G_TYPE_OBJECT)

GBytes *
sb_auto_responder_build_reply (SbReplyKind  reply,
                               GBytes      *request)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *status = "200 OK";
  const char *type = "text/html; charset=utf-8";
  g_autoptr(GBytes) body = NULL;
  gsize body_len;
  gconstpointer body_data;

  switch (reply)
    {
    case SB_REPLY_NOT_FOUND:
      status = "404 Not Found";
      body = g_bytes_new_static (not_found_page, sizeof not_found_page - 1);
      break;

    case SB_REPLY_ECHO:
      type = "text/plain; charset=utf-8";
      body = request != NULL ? g_bytes_ref (request) : g_bytes_new_static ("", 0);
      break;

    case SB_REPLY_HELLO:
    default:
      body = g_bytes_new_static (hello_page, sizeof hello_page - 1);
      break;
    }

  body_data = g_bytes_get_data (body, &body_len);
  g_string_append_printf (text,
                          "HTTP/1.0 %s\r\n"
                          "Server: Sockbench\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          status, type, body_len);
  g_string_append_len (text, body_data, body_len);

  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static SbStream *
find_connection (SbAutoResponder *self,
                 guint            socket_id)
{
  GListModel *connections = sb_listener_get_connections (self->listener);
  guint n_items = g_list_model_get_n_items (connections);

  /* Newest last, and the newest is the likely one. */
  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i - 1);

      if (sb_stream_get_socket_id (stream) == socket_id)
        return g_steal_pointer (&stream);
    }

  return NULL;
}

static void
respond (SbAutoResponder *self,
         guint            socket_id,
         GByteArray      *head)
{
  g_autoptr(SbStream) stream = find_connection (self, socket_id);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (stream == NULL)
    return;

  request = g_bytes_new (head->data, head->len);
  reply = sb_auto_responder_build_reply (self->reply, request);

  if (!sb_stream_send (stream, reply, &error)
      || !sb_stream_shutdown_write (stream, &error))
    g_debug ("No automatic reply on socket %u: %s", socket_id, error->message);
}

static void
look_at_event (SbAutoResponder *self,
               guint            index)
{
  SbEventInfo info;
  GByteArray *head;
  g_autoptr(GBytes) payload = NULL;
  gconstpointer data;
  gsize len;
  gsize search_from;
  gsize room;

  if (!sb_capture_get_info (self->capture, index, &info) || info.side != SB_SIDE_SERVER)
    return;

  if (g_hash_table_contains (self->done, GUINT_TO_POINTER (info.socket_id)))
    return;

  if (info.kind == SB_EVENT_EOF || info.kind == SB_EVENT_RESET || info.kind == SB_EVENT_CLOSE)
    {
      g_hash_table_remove (self->heads, GUINT_TO_POINTER (info.socket_id));
      g_hash_table_add (self->done, GUINT_TO_POINTER (info.socket_id));
      return;
    }

  if (info.kind != SB_EVENT_RECV || info.payload_len == 0)
    return;

  head = g_hash_table_lookup (self->heads, GUINT_TO_POINTER (info.socket_id));
  if (head == NULL)
    {
      head = g_byte_array_new ();
      g_hash_table_insert (self->heads, GUINT_TO_POINTER (info.socket_id), head);
    }

  payload = sb_capture_dup_payload (self->capture, index);
  data = g_bytes_get_data (payload, &len);
  /* The empty line may straddle two recv() calls. */
  search_from = head->len >= 3 ? head->len - 3 : 0;
  room = head->len < MAX_HEAD_BYTES ? MAX_HEAD_BYTES - head->len : 0;
  g_byte_array_append (head, data, MIN (len, room));

  for (gsize i = search_from; i + 4 <= head->len; i++)
    {
      if (memcmp (head->data + i, "\r\n\r\n", 4) == 0)
        {
          g_byte_array_set_size (head, i + 4);
          g_hash_table_add (self->done, GUINT_TO_POINTER (info.socket_id));
          respond (self, info.socket_id, head);
          g_hash_table_remove (self->heads, GUINT_TO_POINTER (info.socket_id));
          return;
        }
    }

  if (head->len >= MAX_HEAD_BYTES)
    {
      g_hash_table_remove (self->heads, GUINT_TO_POINTER (info.socket_id));
      g_hash_table_add (self->done, GUINT_TO_POINTER (info.socket_id));
    }
}

static void
capture_changed_cb (SbAutoResponder *self,
                    guint            position,
                    guint            removed,
                    guint            added,
                    GListModel      *model)
{
  /* Replying records events, which may bring us back here. */
  if (self->scanning)
    return;

  /* The capture was cleared.  Heads read in part stay: their bytes did
   * arrive, and the rest of a request may come after the clear. */
  if (sb_capture_get_n_recorded (self->capture) < self->next_index)
    self->next_index = 0;

  self->scanning = TRUE;
  while (self->next_index < sb_capture_get_n_recorded (self->capture))
    {
      if (self->enabled)
        look_at_event (self, self->next_index);
      self->next_index++;
    }
  self->scanning = FALSE;
}

SbAutoResponder *
sb_auto_responder_new (SbListener *listener,
                       SbCapture  *capture)
{
  SbAutoResponder *self;

  g_return_val_if_fail (SB_IS_LISTENER (listener), NULL);
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  self = g_object_new (SB_TYPE_AUTO_RESPONDER, NULL);
  self->listener = g_object_ref (listener);
  self->capture = g_object_ref (capture);
  self->next_index = sb_capture_get_n_recorded (capture);
  g_signal_connect_object (capture, "items-changed", G_CALLBACK (capture_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

gboolean
sb_auto_responder_get_enabled (SbAutoResponder *self)
{
  g_return_val_if_fail (SB_IS_AUTO_RESPONDER (self), FALSE);

  return self->enabled;
}

void
sb_auto_responder_set_enabled (SbAutoResponder *self,
                               gboolean         enabled)
{
  g_return_if_fail (SB_IS_AUTO_RESPONDER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  /* Requests that arrived while it was off stay unanswered. */
  if (self->capture != NULL)
    self->next_index = sb_capture_get_n_recorded (self->capture);
  g_hash_table_remove_all (self->heads);

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

SbReplyKind
sb_auto_responder_get_reply (SbAutoResponder *self)
{
  g_return_val_if_fail (SB_IS_AUTO_RESPONDER (self), SB_REPLY_HELLO);

  return self->reply;
}

void
sb_auto_responder_set_reply (SbAutoResponder *self,
                             SbReplyKind      reply)
{
  g_return_if_fail (SB_IS_AUTO_RESPONDER (self));
  g_return_if_fail (reply <= SB_REPLY_ECHO);

  if (self->reply == reply)
    return;

  self->reply = reply;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY]);
}

static void
sb_auto_responder_dispose (GObject *object)
{
  SbAutoResponder *self = SB_AUTO_RESPONDER (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_clear_object (&self->capture);
  g_clear_object (&self->listener);

  G_OBJECT_CLASS (sb_auto_responder_parent_class)->dispose (object);
}

static void
sb_auto_responder_finalize (GObject *object)
{
  SbAutoResponder *self = SB_AUTO_RESPONDER (object);

  g_hash_table_unref (self->heads);
  g_hash_table_unref (self->done);

  G_OBJECT_CLASS (sb_auto_responder_parent_class)->finalize (object);
}

static void
sb_auto_responder_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbAutoResponder *self = SB_AUTO_RESPONDER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_REPLY:
      g_value_set_uint (value, self->reply);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_auto_responder_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbAutoResponder *self = SB_AUTO_RESPONDER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      sb_auto_responder_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_REPLY:
      sb_auto_responder_set_reply (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_auto_responder_class_init (SbAutoResponderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_auto_responder_dispose;
  object_class->finalize = sb_auto_responder_finalize;
  object_class->get_property = sb_auto_responder_get_property;
  object_class->set_property = sb_auto_responder_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLY] =
    g_param_spec_uint ("reply", NULL, NULL,
                       SB_REPLY_HELLO, SB_REPLY_ECHO, SB_REPLY_HELLO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_auto_responder_init (SbAutoResponder *self)
{
  self->heads = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_byte_array_unref);
  self->done = g_hash_table_new (NULL, NULL);
}
