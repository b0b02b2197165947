/* sb-http-responder.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-http-responder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-http.h"
#include "sb-http-responder-private.h"
#include "sb-listener.h"
#include "sb-stream.h"

#define DEFAULT_CLOSE_TIMEOUT_MS 2000
#define DEFAULT_IDLE_TIMEOUT_MS  15000

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_REPLIES,
  PROP_CLOSE_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbHttpResponder, sb_http_responder, G_TYPE_OBJECT)

void
_sb_http_responder_set_problem (SbHttpResponder *self,
                                const char      *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  if (problem != NULL)
    g_message ("%s", problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static SbResponderConn *
adopt (SbHttpResponder *self,
       SbStream        *stream)
{
  guint socket_id = sb_stream_get_socket_id (stream);
  SbResponderConn *conn = g_hash_table_lookup (self->conns, GUINT_TO_POINTER (socket_id));

  if (conn == NULL && sb_stream_state_is_open (sb_stream_get_state (stream)))
    {
      conn = _sb_responder_conn_new (self, stream);
      g_hash_table_insert (self->conns, GUINT_TO_POINTER (socket_id), conn);
    }

  return conn;
}

static void
connections_changed_cb (SbHttpResponder *self,
                        guint            position,
                        guint            removed,
                        guint            added,
                        GListModel      *connections)
{
  if (!self->enabled)
    return;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (connections, i);

      adopt (self, stream);
    }
}

static SbResponderConn *
find_conn (SbHttpResponder *self,
           guint            socket_id)
{
  SbResponderConn *conn = g_hash_table_lookup (self->conns, GUINT_TO_POINTER (socket_id));
  SbStream *stream;

  if (conn != NULL)
    return conn;

  stream = sb_listener_find_connection (self->listener, socket_id);

  return stream != NULL ? adopt (self, stream) : NULL;
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SbResponderReply *reply = user_data;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (G_FILE (source));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *mime_type = NULL;
  SbHttpResponder *self;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _sb_responder_reply_free (reply);
      return;
    }

  g_clear_object (&reply->cancellable);
  if (reply->conn == NULL)
    {
      _sb_responder_reply_free (reply);
      return;
    }
  self = reply->conn->responder;

  if (error != NULL)
    {
      g_autofree char *problem = NULL;
      gboolean gone = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

      problem = g_strdup_printf (gone ? _("The file to serve, %s, is gone: sent 404 Not Found")
                                      : _("The file to serve, %s, cannot be read: sent 500 "
                                          "Internal Server Error"),
                                 path);
      _sb_http_responder_set_problem (self, problem);

      if (gone)
        {
          const char *page = sb_http_replies_get_body (self->replies, SB_HTTP_REPLY_NOT_FOUND);

          body = g_bytes_new (page, strlen (page));
          reply->reply = sb_http_reply_build (sb_http_replies_get_status (self->replies,
                                                                          SB_HTTP_REPLY_NOT_FOUND),
                                              sb_http_replies_get_headers (self->replies,
                                                                           SB_HTTP_REPLY_NOT_FOUND),
                                              NULL, body, reply->flags);
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("%s\n", error->message);

          body = g_bytes_new_take (g_steal_pointer (&text), strlen (error->message) + 1);
          reply->reply = sb_http_reply_build ("HTTP/1.1 500 Internal Server Error", NULL,
                                              "text/plain; charset=utf-8", body, reply->flags);
        }
    }
  else
    {
      body = g_bytes_new_take (g_steal_pointer (&contents), len);
      mime_type = sb_http_reply_guess_mime_type (path, body);
      reply->reply = sb_http_reply_build (reply->status_line, reply->headers, mime_type, body,
                                          reply->flags);
      _sb_http_responder_set_problem (self, NULL);
    }

  _sb_responder_conn_flush (reply->conn);
}

/* The request as the echo's body: its start line and headers as they
 * came, the empty line, then as much of its body as the follower keeps. */
static GBytes *
echo_body (SbHttpMessage *request)
{
  g_autofree char *start_line = NULL;
  GString *text;
  GBytes *preview;
  gconstpointer preview_data;
  gsize preview_len;
  guint n_headers;

  text = g_string_new (NULL);
  start_line = sb_http_message_dup_start_line (request);
  if (start_line != NULL)
    {
      g_string_append (text, start_line);
      g_string_append (text, "\r\n");
    }

  n_headers = sb_http_message_get_n_headers (request);
  for (guint i = 0; i < n_headers; i++)
    g_string_append_printf (text, "%s: %s\r\n",
                            sb_http_message_get_header_name (request, i),
                            sb_http_message_get_header_value (request, i));
  if (start_line != NULL)
    g_string_append (text, "\r\n");

  preview = sb_http_message_get_preview (request);
  preview_data = g_bytes_get_data (preview, &preview_len);
  g_string_append_len (text, preview_data, preview_len);

  return g_string_free_to_bytes (text);
}

static SbResponderReply *
make_reply (SbHttpResponder *self,
            SbHttpMessage   *request)
{
  SbResponderReply *reply = g_new0 (SbResponderReply, 1);
  SbHttpReplyKind kind;
  const char *method = sb_http_message_get_method (request);
  const char *body_text;
  g_autoptr(GBytes) body = NULL;

  if (sb_http_message_get_state (request) == SB_HTTP_STATE_RAW)
    {
      /* Not a request we can frame: say so, and end as a server does. */
      const char *why = sb_http_message_get_problem (request);
      g_autofree char *text = g_strdup_printf ("%s\n", why != NULL ? why : "Bad Request");

      body = g_bytes_new (text, strlen (text));
      reply->reply = sb_http_reply_build ("HTTP/1.1 400 Bad Request", NULL,
                                          "text/plain; charset=utf-8", body, 0);
      return reply;
    }

  if (sb_http_message_get_keep_alive (request))
    reply->flags |= SB_HTTP_REPLY_KEEP_ALIVE;
  if (g_strcmp0 (method, "HEAD") == 0)
    reply->flags |= SB_HTTP_REPLY_HEAD_ONLY;

  kind = sb_http_replies_choose (self->replies, sb_http_message_get_target (request));
  reply->status_line = g_strdup (sb_http_replies_get_status (self->replies, kind));
  reply->headers = g_strdup (sb_http_replies_get_headers (self->replies, kind));

  /* A status line the client cannot read leaves it no way to tell where
   * the reply ends but the end of the connection. */
  if (!sb_http_reply_check_status_line (reply->status_line, NULL, NULL))
    reply->flags &= ~SB_HTTP_REPLY_KEEP_ALIVE;

  switch (kind)
    {
    case SB_HTTP_REPLY_FILE:
      {
        const char *path = sb_http_replies_get_file_path (self->replies);
        g_autoptr(GFile) file = NULL;

        if (path == NULL || *path == '\0')
          {
            _sb_http_responder_set_problem (self, _("No file to serve is chosen: sent 404 "
                                                    "Not Found"));
            kind = SB_HTTP_REPLY_NOT_FOUND;
            g_free (reply->status_line);
            g_free (reply->headers);
            reply->status_line = g_strdup (sb_http_replies_get_status (self->replies, kind));
            reply->headers = g_strdup (sb_http_replies_get_headers (self->replies, kind));
            break;
          }

        file = g_file_new_for_path (path);
        reply->cancellable = g_cancellable_new ();
        g_file_load_contents_async (file, reply->cancellable, file_loaded_cb, reply);
        return reply;
      }

    case SB_HTTP_REPLY_ECHO:
      body = echo_body (request);
      reply->reply = sb_http_reply_build (reply->status_line, reply->headers, NULL, body,
                                          reply->flags);
      return reply;

    case SB_HTTP_REPLY_HELLO:
    case SB_HTTP_REPLY_NOT_FOUND:
    case SB_HTTP_REPLY_REDIRECT:
    case SB_HTTP_REPLY_N_KINDS:
    default:
      break;
    }

  body_text = sb_http_replies_get_body (self->replies, kind);
  body = g_bytes_new (body_text, strlen (body_text));
  reply->reply = sb_http_reply_build (reply->status_line, reply->headers, NULL, body,
                                      reply->flags);

  return reply;
}

static void
message_changed_cb (SbHttpResponder *self,
                    SbHttpMessage   *message)
{
  SbHttpState state = sb_http_message_get_state (message);
  SbResponderConn *conn;
  guint sequence;

  if (!self->enabled
      || sb_http_message_get_kind (message) != SB_HTTP_REQUEST
      || sb_http_message_get_side (message) != SB_SIDE_SERVER
      || !sb_http_message_get_received (message))
    return;

  conn = find_conn (self, sb_http_message_get_socket_id (message));
  if (conn == NULL || conn->ending)
    return;

  /* Bytes of a request arrived: the connection is not idle. */
  _sb_responder_conn_touch (conn);

  sequence = sb_http_message_get_sequence (message);
  if ((state != SB_HTTP_STATE_COMPLETE && state != SB_HTTP_STATE_RAW)
      || sequence < conn->next_sequence)
    return;

  conn->next_sequence = sequence + 1;
  _sb_responder_conn_touch (conn);
  _sb_responder_conn_push (conn, make_reply (self, message));
}

static void
file_path_cb (SbHttpResponder *self)
{
  _sb_http_responder_set_problem (self, NULL);
}

SbHttpResponder *
sb_http_responder_new (SbListener     *listener,
                       SbHttpFollower *follower,
                       SbHttpReplies  *replies)
{
  SbHttpResponder *self;

  g_return_val_if_fail (SB_IS_LISTENER (listener), NULL);
  g_return_val_if_fail (SB_IS_HTTP_FOLLOWER (follower), NULL);
  g_return_val_if_fail (replies == NULL || SB_IS_HTTP_REPLIES (replies), NULL);

  self = g_object_new (SB_TYPE_HTTP_RESPONDER, "replies", replies, NULL);
  self->listener = g_object_ref (listener);
  self->follower = g_object_ref (follower);
  /* A request that came whole in one recv() is only "added". */
  g_signal_connect_object (follower, "message-added", G_CALLBACK (message_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (follower, "message-changed", G_CALLBACK (message_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A new file to serve: the old one's problem is history. */
  g_signal_connect_object (self->replies, "notify::file-path", G_CALLBACK (file_path_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_listener_get_connections (listener), "items-changed",
                           G_CALLBACK (connections_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

gboolean
sb_http_responder_get_enabled (SbHttpResponder *self)
{
  g_return_val_if_fail (SB_IS_HTTP_RESPONDER (self), FALSE);

  return self->enabled;
}

/* Adopts an open connection when the responder is turned on: the
 * requests it already made stay unanswered. */
static void
adopt_open_cb (gpointer data,
               gpointer user_data)
{
  SbHttpResponder *self = user_data;
  SbResponderConn *conn = adopt (self, SB_STREAM (data));
  guint n_messages;
  GListModel *messages;

  if (conn == NULL)
    return;

  messages = sb_http_follower_get_messages (self->follower, conn->socket_id);
  n_messages = g_list_model_get_n_items (messages);
  for (guint j = 0; j < n_messages; j++)
    {
      g_autoptr(SbHttpMessage) message = g_list_model_get_item (messages, j);

      if (sb_http_message_get_kind (message) == SB_HTTP_REQUEST)
        conn->next_sequence = MAX (conn->next_sequence,
                                   sb_http_message_get_sequence (message) + 1);
    }
}

void
sb_http_responder_set_enabled (SbHttpResponder *self,
                               gboolean         enabled)
{
  g_return_if_fail (SB_IS_HTTP_RESPONDER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;

  /* Off: connections are the user's again.  On: the open ones are ours;
   * requests that came while off stay unanswered. */
  g_hash_table_remove_all (self->conns);
  if (enabled && self->listener != NULL)
    sb_listener_foreach_live (self->listener, adopt_open_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

SbHttpReplies *
sb_http_responder_get_replies (SbHttpResponder *self)
{
  g_return_val_if_fail (SB_IS_HTTP_RESPONDER (self), NULL);

  return self->replies;
}

guint
sb_http_responder_get_close_timeout (SbHttpResponder *self)
{
  g_return_val_if_fail (SB_IS_HTTP_RESPONDER (self), 0);

  return self->close_timeout_ms;
}

void
sb_http_responder_set_close_timeout (SbHttpResponder *self,
                                     guint            timeout_ms)
{
  g_return_if_fail (SB_IS_HTTP_RESPONDER (self));

  if (self->close_timeout_ms == timeout_ms)
    return;

  self->close_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_TIMEOUT]);
}

guint
sb_http_responder_get_idle_timeout (SbHttpResponder *self)
{
  g_return_val_if_fail (SB_IS_HTTP_RESPONDER (self), 0);

  return self->idle_timeout_ms;
}

void
sb_http_responder_set_idle_timeout (SbHttpResponder *self,
                                    guint            timeout_ms)
{
  GHashTableIter iter;
  SbResponderConn *conn;

  g_return_if_fail (SB_IS_HTTP_RESPONDER (self));

  if (self->idle_timeout_ms == timeout_ms)
    return;

  self->idle_timeout_ms = timeout_ms;
  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conn))
    _sb_responder_conn_touch (conn);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
}

const char *
sb_http_responder_get_problem (SbHttpResponder *self)
{
  g_return_val_if_fail (SB_IS_HTTP_RESPONDER (self), NULL);

  return self->problem;
}

static void
sb_http_responder_dispose (GObject *object)
{
  SbHttpResponder *self = SB_HTTP_RESPONDER (object);

  g_hash_table_remove_all (self->conns);
  if (self->follower != NULL)
    g_signal_handlers_disconnect_by_data (self->follower, self);
  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_data (sb_listener_get_connections (self->listener), self);
  g_clear_object (&self->follower);
  g_clear_object (&self->listener);
  g_clear_object (&self->replies);

  G_OBJECT_CLASS (sb_http_responder_parent_class)->dispose (object);
}

static void
sb_http_responder_finalize (GObject *object)
{
  SbHttpResponder *self = SB_HTTP_RESPONDER (object);

  g_hash_table_unref (self->conns);
  g_free (self->problem);

  G_OBJECT_CLASS (sb_http_responder_parent_class)->finalize (object);
}

static void
sb_http_responder_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbHttpResponder *self = SB_HTTP_RESPONDER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_REPLIES:
      g_value_set_object (value, self->replies);
      break;

    case PROP_CLOSE_TIMEOUT:
      g_value_set_uint (value, self->close_timeout_ms);
      break;

    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout_ms);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_http_responder_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbHttpResponder *self = SB_HTTP_RESPONDER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      sb_http_responder_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_REPLIES:
      self->replies = g_value_dup_object (value);
      if (self->replies == NULL)
        self->replies = sb_http_replies_new ();
      break;

    case PROP_CLOSE_TIMEOUT:
      sb_http_responder_set_close_timeout (self, g_value_get_uint (value));
      break;

    case PROP_IDLE_TIMEOUT:
      sb_http_responder_set_idle_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_http_responder_class_init (SbHttpResponderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_http_responder_dispose;
  object_class->finalize = sb_http_responder_finalize;
  object_class->get_property = sb_http_responder_get_property;
  object_class->set_property = sb_http_responder_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLIES] =
    g_param_spec_object ("replies", NULL, NULL,
                         SB_TYPE_HTTP_REPLIES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSE_TIMEOUT] =
    g_param_spec_uint ("close-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_CLOSE_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_IDLE_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_http_responder_init (SbHttpResponder *self)
{
  self->close_timeout_ms = DEFAULT_CLOSE_TIMEOUT_MS;
  self->idle_timeout_ms = DEFAULT_IDLE_TIMEOUT_MS;
  self->conns = g_hash_table_new_full (NULL, NULL, NULL,
                                       (GDestroyNotify) _sb_responder_conn_free);
}
