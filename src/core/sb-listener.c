/* sb-listener.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include "sb-capture.h"
#include "sb-enum-types.h"
#include "sb-listener-private.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

#define DEFAULT_BACKLOG      5
#define DEFAULT_RECEIVE_SIZE 1024

enum
{
  PROP_0,
  PROP_CAPTURE,
  PROP_STATE,
  PROP_LOCAL_TUPLE,
  PROP_PORT,
  PROP_BACKLOG,
  PROP_AUTO_ACCEPT,
  PROP_PENDING,
  PROP_ACCEPT_QUEUE,
  PROP_ACCEPT_QUEUE_LIMIT,
  PROP_AUTO_RECEIVE,
  PROP_RECEIVE_SIZE,
  PROP_ERROR_MESSAGE,
  PROP_CONNECTIONS,
  N_PROPS
};

enum
{
  ACCEPTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbListener, sb_listener, G_TYPE_OBJECT)

/* Setters: notify only on change. */

void
_sb_listener_set_state (SbListener      *self,
                        SbListenerState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  _sb_listener_update_accept_queue (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_uint (SbListener *self,
          guint      *field,
          guint       value,
          int         prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_sb_listener_update_accept_queue (SbListener *self)
{
  guint length = 0;
  guint limit = 0;

  if (self->state != SB_LISTENER_LISTENING || self->socket == NULL
      || !sb_socket_get_accept_queue (g_socket_get_fd (self->socket), &length, &limit))
    length = limit = 0;

  g_object_freeze_notify (G_OBJECT (self));
  set_uint (self, &self->accept_queue, length, PROP_ACCEPT_QUEUE);
  set_uint (self, &self->accept_queue_limit, limit, PROP_ACCEPT_QUEUE_LIMIT);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sb_listener_set_port (SbListener *self,
                       guint16     port)
{
  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

void
_sb_listener_set_backlog (SbListener *self,
                          int         backlog)
{
  if (self->backlog == backlog)
    return;

  self->backlog = backlog;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKLOG]);
}

void
_sb_listener_set_pending (SbListener *self,
                          gboolean    pending)
{
  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

void
_sb_listener_set_local_tuple (SbListener *self,
                              const char *local_tuple)
{
  sb_object_set_string (G_OBJECT (self), &self->local_tuple, local_tuple,
                        properties[PROP_LOCAL_TUPLE]);
}

void
_sb_listener_set_error_message (SbListener *self,
                                const char *message)
{
  sb_object_set_string (G_OBJECT (self), &self->error_message, message,
                        properties[PROP_ERROR_MESSAGE]);
}

void
_sb_listener_emit_accepted (SbListener *self,
                            SbStream   *connection)
{
  g_signal_emit (self, signals[ACCEPTED], 0, connection);
}

guint
_sb_listener_record (SbListener  *self,
                     guint        socket_id,
                     SbEventKind  kind,
                     gint64       result,
                     int          errnum,
                     gsize        requested,
                     const char  *note)
{
  return sb_socket_record (self->capture, SB_SIDE_SERVER, socket_id, kind,
                           0, result, errnum, requested, note);
}

/* Public API */

SbListener *
sb_listener_new (SbCapture *capture)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_LISTENER, "capture", capture, NULL);
}

SbListenerState
sb_listener_get_state (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), SB_LISTENER_IDLE);

  return self->state;
}

const char *
sb_listener_get_local_tuple (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);

  return self->local_tuple;
}

guint16
sb_listener_get_port (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->port;
}

gboolean
sb_listener_get_pending (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return self->pending;
}

guint
sb_listener_get_accept_queue (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->accept_queue;
}

guint
sb_listener_get_accept_queue_limit (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->accept_queue_limit;
}

void
_sb_listener_add_connection (SbListener *self,
                             SbStream   *connection)
{
  g_hash_table_insert (self->by_socket_id,
                       GUINT_TO_POINTER (sb_stream_get_socket_id (connection)), connection);
  if (sb_stream_needs_refresh (connection))
    g_hash_table_add (self->live, g_object_ref (connection));
  if (self->accepted_batch != NULL)
    g_ptr_array_add (self->accepted_batch, g_object_ref (connection));
  else
    {
      g_list_store_append (self->connections, connection);
      _sb_listener_emit_accepted (self, connection);
    }
}

void
_sb_listener_begin_batch (SbListener *self)
{
  g_assert (self->accepted_batch == NULL);

  self->accepted_batch = g_ptr_array_new_with_free_func (g_object_unref);
}

/* One items-changed for the whole batch: list views pay per change, and
 * a burst of thousands of connections comes in batches of 64.  Then each
 * accepted signal, in order, each connection already in the model. */
void
_sb_listener_end_batch (SbListener *self)
{
  g_autoptr(GPtrArray) batch = g_steal_pointer (&self->accepted_batch);

  g_assert (batch != NULL);

  if (batch->len == 0)
    return;

  g_list_store_splice (self->connections,
                       g_list_model_get_n_items (G_LIST_MODEL (self->connections)),
                       0, batch->pdata, batch->len);
  for (guint i = 0; i < batch->len; i++)
    _sb_listener_emit_accepted (self, g_ptr_array_index (batch, i));
}

/* Visits the live connections only: a closed one leaves the set at the
 * first refresh that finds its figures final, and a quiet one (connected,
 * idle, its input watched) costs no system call.  The others are listed
 * first, since the notifications may run anything. */
guint
sb_listener_refresh (SbListener *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer stream;

  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  _sb_listener_update_accept_queue (self);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &stream, NULL))
    if (!_sb_stream_is_quiet (stream))
      g_ptr_array_add (due, g_object_ref (stream));

  for (guint i = 0; i < due->len; i++)
    {
      SbStream *connection = g_ptr_array_index (due, i);

      sb_stream_refresh (connection);
      if (!sb_stream_needs_refresh (connection))
        g_hash_table_remove (self->live, connection);
    }

  return due->len;
}

guint
sb_listener_get_n_live (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return g_hash_table_size (self->live);
}

void
sb_listener_foreach_live (SbListener *self,
                          GFunc       func,
                          gpointer    user_data)
{
  g_autoptr(GPtrArray) live = NULL;
  GHashTableIter iter;
  gpointer stream;

  g_return_if_fail (SB_IS_LISTENER (self));
  g_return_if_fail (func != NULL);

  live = g_ptr_array_new_full (g_hash_table_size (self->live), g_object_unref);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &stream, NULL))
    g_ptr_array_add (live, g_object_ref (stream));

  g_ptr_array_foreach (live, func, user_data);
}

SbStream *
sb_listener_find_connection (SbListener *self,
                             guint       socket_id)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);

  return g_hash_table_lookup (self->by_socket_id, GUINT_TO_POINTER (socket_id));
}

gboolean
sb_listener_get_auto_accept (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return self->auto_accept;
}

void
sb_listener_set_auto_accept (SbListener *self,
                             gboolean    auto_accept)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  auto_accept = !!auto_accept;
  if (self->auto_accept == auto_accept)
    return;

  self->auto_accept = auto_accept;
  _sb_listener_sync_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_ACCEPT]);
}

gboolean
sb_listener_get_auto_receive (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return self->auto_receive;
}

void
sb_listener_set_auto_receive (SbListener *self,
                              gboolean    auto_receive)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  auto_receive = !!auto_receive;
  if (self->auto_receive == auto_receive)
    return;

  self->auto_receive = auto_receive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RECEIVE]);
}

guint
sb_listener_get_receive_size (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->receive_size;
}

void
sb_listener_set_receive_size (SbListener *self,
                              guint       receive_size)
{
  g_return_if_fail (SB_IS_LISTENER (self));
  g_return_if_fail (receive_size > 0 && receive_size <= SB_MAX_RECEIVE_SIZE);

  if (self->receive_size == receive_size)
    return;

  self->receive_size = receive_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVE_SIZE]);
}

const char *
sb_listener_get_error_message (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);

  return self->error_message;
}

GListModel *
sb_listener_get_connections (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), NULL);

  return G_LIST_MODEL (self->connections);
}

/* GObject */

static void
sb_listener_dispose (GObject *object)
{
  SbListener *self = SB_LISTENER (object);

  _sb_listener_clear_sources (self);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->by_socket_id, g_hash_table_unref);
  g_clear_object (&self->connections);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_listener_parent_class)->dispose (object);
}

static void
sb_listener_finalize (GObject *object)
{
  SbListener *self = SB_LISTENER (object);

  g_free (self->local_tuple);
  g_free (self->error_message);

  G_OBJECT_CLASS (sb_listener_parent_class)->finalize (object);
}

static void
sb_listener_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbListener *self = SB_LISTENER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LOCAL_TUPLE:
      g_value_set_string (value, self->local_tuple);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_BACKLOG:
      g_value_set_int (value, self->backlog);
      break;

    case PROP_AUTO_ACCEPT:
      g_value_set_boolean (value, self->auto_accept);
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;

    case PROP_ACCEPT_QUEUE:
      g_value_set_uint (value, self->accept_queue);
      break;

    case PROP_ACCEPT_QUEUE_LIMIT:
      g_value_set_uint (value, self->accept_queue_limit);
      break;

    case PROP_AUTO_RECEIVE:
      g_value_set_boolean (value, self->auto_receive);
      break;

    case PROP_RECEIVE_SIZE:
      g_value_set_uint (value, self->receive_size);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_CONNECTIONS:
      g_value_set_object (value, self->connections);
      break;

    default:
      if (!_sb_listener_fds_get_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_listener_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbListener *self = SB_LISTENER (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_AUTO_ACCEPT:
      sb_listener_set_auto_accept (self, g_value_get_boolean (value));
      break;

    case PROP_AUTO_RECEIVE:
      sb_listener_set_auto_receive (self, g_value_get_boolean (value));
      break;

    case PROP_RECEIVE_SIZE:
      sb_listener_set_receive_size (self, g_value_get_uint (value));
      break;

    default:
      if (!_sb_listener_fds_set_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
sb_listener_class_init (SbListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_listener_dispose;
  object_class->finalize = sb_listener_finalize;
  object_class->get_property = sb_listener_get_property;
  object_class->set_property = sb_listener_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_LISTENER_STATE, SB_LISTENER_IDLE, RO);
  properties[PROP_LOCAL_TUPLE] =
    g_param_spec_string ("local-tuple", NULL, NULL, NULL, RO);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, RO);
  properties[PROP_BACKLOG] =
    g_param_spec_int ("backlog", NULL, NULL, G_MININT, G_MAXINT, DEFAULT_BACKLOG, RO);
  properties[PROP_AUTO_ACCEPT] =
    g_param_spec_boolean ("auto-accept", NULL, NULL, TRUE, RW);
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE, RO);
  /**
   * SbListener:accept-queue:
   *
   * Connections the kernel has completed and queued for accept() (TCP_INFO
   * of the listening socket), as of the last sb_listener_refresh() or
   * accept().
   */
  properties[PROP_ACCEPT_QUEUE] =
    g_param_spec_uint ("accept-queue", NULL, NULL, 0, G_MAXUINT, 0, RO);
  /**
   * SbListener:accept-queue-limit:
   *
   * The accept queue's limit: the backlog given to listen(), as the kernel
   * capped it (net.core.somaxconn); 0 while not listening.
   */
  properties[PROP_ACCEPT_QUEUE_LIMIT] =
    g_param_spec_uint ("accept-queue-limit", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL, TRUE, RW);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL, 1, SB_MAX_RECEIVE_SIZE, DEFAULT_RECEIVE_SIZE, RW);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, RO);
  properties[PROP_CONNECTIONS] =
    g_param_spec_object ("connections", NULL, NULL, G_TYPE_LIST_MODEL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  _sb_listener_fds_class_init (object_class, N_PROPS);

  /**
   * SbListener::accepted:
   * @self: the listener
   * @connection: the new #SbStream, already in the connections model
   *
   * Emitted for each accepted connection.
   */
  signals[ACCEPTED] =
    g_signal_new ("accepted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SB_TYPE_STREAM);
}

static void
sb_listener_init (SbListener *self)
{
  self->connections = g_list_store_new (SB_TYPE_STREAM);
  self->live = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->by_socket_id = g_hash_table_new (NULL, NULL);
  self->backlog = DEFAULT_BACKLOG;
  self->receive_size = DEFAULT_RECEIVE_SIZE;
  self->auto_accept = TRUE;
  self->auto_receive = TRUE;
}
