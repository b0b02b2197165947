/* sb-http-follower.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The follower: reads each new capture event once, hands the bytes of
 * send and recv to the direction they travel, ends a direction at EOF,
 * shutdown, close or reset, and tells the world once per scan of new
 * events (a capture flush), whatever their number. */

#define G_LOG_DOMAIN "sb-http"

#include "config.h"

#include "sb-capture.h"
#include "sb-http-private.h"

enum
{
  PROP_0,
  PROP_CAPTURE,
  N_PROPS
};

enum
{
  MESSAGE_ADDED,
  MESSAGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbHttpFollower, sb_http_follower, G_TYPE_OBJECT)

static void
free_socket (gpointer data)
{
  SbHttpSocket *socket = data;

  _sb_http_direction_clear (&socket->ways[0]);
  _sb_http_direction_clear (&socket->ways[1]);
  g_clear_object (&socket->messages);
  g_free (socket);
}

static SbHttpSocket *
lookup_socket (SbHttpFollower *self,
               guint           socket_id,
               gboolean        create)
{
  SbHttpSocket *socket = g_hash_table_lookup (self->sockets, GUINT_TO_POINTER (socket_id));

  if (socket == NULL && create)
    {
      socket = g_new0 (SbHttpSocket, 1);
      socket->socket_id = socket_id;
      socket->messages = g_list_store_new (SB_TYPE_HTTP_MESSAGE);
      _sb_http_direction_init (&socket->ways[0], socket, FALSE);
      _sb_http_direction_init (&socket->ways[1], socket, TRUE);
      g_hash_table_insert (self->sockets, GUINT_TO_POINTER (socket_id), socket);
    }

  return socket;
}

/* A server-side connection receives requests; a client sends them. */
static void
set_side (SbHttpSocket *socket,
          SbSide        side)
{
  gboolean server = side == SB_SIDE_SERVER;

  if (socket->side_known)
    return;

  socket->side = side;
  socket->side_known = TRUE;
  socket->ways[0].kind = server ? SB_HTTP_RESPONSE : SB_HTTP_REQUEST;
  socket->ways[1].kind = server ? SB_HTTP_REQUEST : SB_HTTP_RESPONSE;
}

static SbHttpDirection *
request_way (SbHttpSocket *socket)
{
  return socket->ways[0].kind == SB_HTTP_REQUEST ? &socket->ways[0] : &socket->ways[1];
}

static SbHttpDirection *
response_way (SbHttpSocket *socket)
{
  return socket->ways[0].kind == SB_HTTP_RESPONSE ? &socket->ways[0] : &socket->ways[1];
}

void
_sb_http_follower_touch (SbHttpFollower *self,
                         SbHttpMessage  *message,
                         guint           index)
{
  if (index != G_MAXUINT)
    {
      message->last_event = index;
      if (!message->findable)
        {
          SbHttpSocket *socket = lookup_socket (self, message->socket_id, FALSE);

          message->findable = TRUE;
          message->find_first = index;
          g_ptr_array_add (socket->ways[message->received].findable, message);
        }
    }

  if (!message->pending)
    {
      message->pending = TRUE;
      g_ptr_array_add (self->pending, g_object_ref (message));
    }
}

/* The first of the messages of @way with @sequence, by binary search:
 * sequences never go down along a direction. */
static guint
first_with_sequence (SbHttpDirection *way,
                     guint            sequence)
{
  guint low = 0;
  guint high = way->messages->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      SbHttpMessage *message = g_ptr_array_index (way->messages, middle);

      if (message->sequence < sequence)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

SbHttpMessage *
_sb_http_follower_find_request (SbHttpSocket *socket,
                                guint         sequence)
{
  SbHttpDirection *way = request_way (socket);

  for (guint i = first_with_sequence (way, sequence); i < way->messages->len; i++)
    {
      SbHttpMessage *message = g_ptr_array_index (way->messages, i);

      if (message->sequence != sequence)
        break;
      if (message->method != NULL)
        return message;
    }

  return NULL;
}

/* The final response to @sequence, or while there is none the latest
 * interim one. */
static SbHttpMessage *
find_response (SbHttpSocket *socket,
               guint         sequence)
{
  SbHttpDirection *way = response_way (socket);
  SbHttpMessage *found = NULL;

  for (guint i = first_with_sequence (way, sequence); i < way->messages->len; i++)
    {
      SbHttpMessage *message = g_ptr_array_index (way->messages, i);

      if (message->sequence != sequence)
        break;
      if (message->status != 0)
        found = message;
    }

  return found;
}

/* After a clear the old events are gone: every message forgets them. */
static void
forget_events (SbHttpFollower *self)
{
  GHashTableIter iter;
  SbHttpSocket *socket;

  g_hash_table_iter_init (&iter, self->sockets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &socket))
    for (guint w = 0; w < 2; w++)
      {
        SbHttpDirection *way = &socket->ways[w];

        for (guint i = 0; i < way->messages->len; i++)
          {
            SbHttpMessage *message = g_ptr_array_index (way->messages, i);

            message->first_event = G_MAXUINT;
            message->last_event = G_MAXUINT;
            message->find_first = G_MAXUINT;
            message->findable = FALSE;
          }
        g_ptr_array_set_size (way->findable, 0);
      }
}

static void
follow_event (SbHttpFollower *self,
              guint           index)
{
  SbEventInfo info;
  SbHttpSocket *socket;

  if (!sb_capture_get_info (self->capture, index, &info) || info.socket_id == 0)
    return;

  if (info.kind == SB_EVENT_SEND || info.kind == SB_EVENT_RECV)
    {
      if (info.payload_len == 0)
        return;
      socket = lookup_socket (self, info.socket_id, TRUE);
      set_side (socket, info.side);
      _sb_http_direction_feed (self, &socket->ways[info.kind == SB_EVENT_RECV], index,
                               info.payload_len);
      return;
    }

  socket = lookup_socket (self, info.socket_id, FALSE);
  if (socket == NULL || !socket->side_known)
    return;

  if (info.kind == SB_EVENT_EOF)
    _sb_http_direction_end (self, &socket->ways[1]);
  else if (info.kind == SB_EVENT_SHUTDOWN && info.detail != SB_SHUTDOWN_READ)
    _sb_http_direction_end (self, &socket->ways[0]);
  else if (info.kind == SB_EVENT_CLOSE || info.kind == SB_EVENT_RESET)
    {
      _sb_http_direction_end (self, &socket->ways[0]);
      _sb_http_direction_end (self, &socket->ways[1]);
    }
}

/* message-added for those that began, message-changed for the others,
 * in the order they were first touched. */
static void
emit_pending (SbHttpFollower *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (self->pending->len == 0)
    return;

  pending = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < pending->len; i++)
    {
      SbHttpMessage *message = g_ptr_array_index (pending, i);

      message->pending = FALSE;
      if (message->added)
        {
          SbHttpSocket *socket = lookup_socket (self, message->socket_id, FALSE);

          message->added = FALSE;
          g_list_store_append (socket->messages, message);
          g_signal_emit (self, signals[MESSAGE_ADDED], 0, message);
        }
      else
        g_signal_emit (self, signals[MESSAGE_CHANGED], 0, message);
    }
}

static void
capture_changed_cb (SbHttpFollower *self,
                    guint           position,
                    guint           removed,
                    guint           added,
                    GListModel     *model)
{
  /* Only a clear removes events. */
  if (removed > 0 || sb_capture_get_n_recorded (self->capture) < self->next_index)
    {
      self->next_index = 0;
      forget_events (self);
    }

  /* A handler that records events (a reply) brings us back here. */
  if (self->scanning)
    return;

  /* The world hears once per scan, not once per event: a flood of a
   * million recv() calls into one message is one message-changed per
   * flush.  Events that handlers record meanwhile (replies) are followed
   * in the same scan, as before. */
  self->scanning = TRUE;
  do
    {
      while (self->next_index < sb_capture_get_n_recorded (self->capture))
        follow_event (self, self->next_index++);
      emit_pending (self);
    }
  while (self->next_index < sb_capture_get_n_recorded (self->capture));
  self->scanning = FALSE;
}

SbHttpFollower *
sb_http_follower_new (SbCapture *capture)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_HTTP_FOLLOWER, "capture", capture, NULL);
}

SbCapture *
sb_http_follower_get_capture (SbHttpFollower *self)
{
  g_return_val_if_fail (SB_IS_HTTP_FOLLOWER (self), NULL);

  return self->capture;
}

GListModel *
sb_http_follower_get_messages (SbHttpFollower *self,
                               guint           socket_id)
{
  g_return_val_if_fail (SB_IS_HTTP_FOLLOWER (self), NULL);

  return G_LIST_MODEL (lookup_socket (self, socket_id, TRUE)->messages);
}

SbHttpMessage *
sb_http_follower_find_for_event (SbHttpFollower *self,
                                 guint           index)
{
  SbEventInfo info;
  SbHttpSocket *socket;
  GPtrArray *findable;
  guint low = 0;
  guint high;

  g_return_val_if_fail (SB_IS_HTTP_FOLLOWER (self), NULL);

  if (!sb_capture_get_info (self->capture, index, &info)
      || (info.kind != SB_EVENT_SEND && info.kind != SB_EVENT_RECV))
    return NULL;
  socket = lookup_socket (self, info.socket_id, FALSE);
  if (socket == NULL)
    return NULL;

  /* The first message whose last event is at or after @index. */
  findable = socket->ways[info.kind == SB_EVENT_RECV].findable;
  high = findable->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      SbHttpMessage *message = g_ptr_array_index (findable, middle);

      if (message->last_event < index)
        low = middle + 1;
      else
        high = middle;
    }

  if (low < findable->len)
    {
      SbHttpMessage *message = g_ptr_array_index (findable, low);

      if (message->find_first <= index)
        return message;
    }

  return NULL;
}

SbHttpMessage *
sb_http_follower_get_partner (SbHttpFollower *self,
                              SbHttpMessage  *message)
{
  SbHttpSocket *socket;

  g_return_val_if_fail (SB_IS_HTTP_FOLLOWER (self), NULL);
  g_return_val_if_fail (SB_IS_HTTP_MESSAGE (message), NULL);

  socket = lookup_socket (self, message->socket_id, FALSE);
  if (socket == NULL || !socket->side_known || message->state == SB_HTTP_STATE_RAW
      || (message->method == NULL && message->status == 0))
    return NULL;

  if (message->kind == SB_HTTP_REQUEST)
    return find_response (socket, message->sequence);

  return _sb_http_follower_find_request (socket, message->sequence);
}

static void
sb_http_follower_constructed (GObject *object)
{
  SbHttpFollower *self = SB_HTTP_FOLLOWER (object);

  G_OBJECT_CLASS (sb_http_follower_parent_class)->constructed (object);

  g_assert (self->capture != NULL);

  /* Events recorded before the follower existed are followed too. */
  g_signal_connect_object (self->capture, "items-changed", G_CALLBACK (capture_changed_cb), self,
                           G_CONNECT_SWAPPED);
  capture_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->capture));
}

static void
sb_http_follower_dispose (GObject *object)
{
  SbHttpFollower *self = SB_HTTP_FOLLOWER (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_http_follower_parent_class)->dispose (object);
}

static void
sb_http_follower_finalize (GObject *object)
{
  SbHttpFollower *self = SB_HTTP_FOLLOWER (object);

  g_hash_table_unref (self->sockets);
  g_ptr_array_unref (self->pending);
  g_free (self->buffer);

  G_OBJECT_CLASS (sb_http_follower_parent_class)->finalize (object);
}

static void
sb_http_follower_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbHttpFollower *self = SB_HTTP_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_http_follower_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbHttpFollower *self = SB_HTTP_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_http_follower_class_init (SbHttpFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_http_follower_constructed;
  object_class->dispose = sb_http_follower_dispose;
  object_class->finalize = sb_http_follower_finalize;
  object_class->get_property = sb_http_follower_get_property;
  object_class->set_property = sb_http_follower_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbHttpFollower::message-added:
   * @message: the message that began
   *
   * Emitted once the capture event that carried the message's first byte
   * has been followed: the message may already be complete or raw.
   */
  signals[MESSAGE_ADDED] =
    g_signal_new ("message-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_HTTP_MESSAGE);

  /**
   * SbHttpFollower::message-changed:
   * @message: the message
   *
   * Its head was parsed, more of its body arrived, it completed, it became
   * raw or got a problem: at most once per scan of the events the capture
   * announced (one flush), however many of them touched it.
   */
  signals[MESSAGE_CHANGED] =
    g_signal_new ("message-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_HTTP_MESSAGE);
}

static void
sb_http_follower_init (SbHttpFollower *self)
{
  self->sockets = g_hash_table_new_full (NULL, NULL, NULL, free_socket);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->buffer = g_malloc (SB_HTTP_BUFFER_SIZE);
}
