/* sb-datagram.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-datagram"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-peer.h"
#include "sb-datagram-private.h"
#include "sb-endpoint.h"
#include "sb-enum-types.h"
#include "sb-socket-util.h"

#define DEFAULT_RECEIVE_SIZE 1024

enum
{
  PROP_0,
  PROP_CAPTURE,
  PROP_SIDE,
  PROP_STATE,
  PROP_LOCAL_TUPLE,
  PROP_PORT,
  PROP_PEER_TUPLE,
  PROP_AUTO_RECEIVE,
  PROP_RECEIVE_SIZE,
  PROP_RECEIVE_BUFFER,
  PROP_BROADCAST,
  PROP_DATAGRAMS_RECEIVED,
  PROP_BYTES_RECEIVED,
  PROP_KERNEL_DROPS,
  PROP_ERROR_MESSAGE,
  PROP_PEERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbDatagram, sb_datagram, G_TYPE_OBJECT)

/* Setters: notify only on change. */

void
_sb_datagram_set_state (SbDatagram      *self,
                        SbDatagramState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_sb_datagram_set_local (SbDatagram *self,
                        const char *tuple,
                        guint16     port)
{
  sb_object_set_string (G_OBJECT (self), &self->local_tuple, tuple,
                        properties[PROP_LOCAL_TUPLE]);
  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
}

void
_sb_datagram_set_peer_tuple (SbDatagram *self,
                             const char *tuple)
{
  sb_object_set_string (G_OBJECT (self), &self->peer_tuple, tuple,
                        properties[PROP_PEER_TUPLE]);
}

void
_sb_datagram_set_error (SbDatagram *self,
                        int         errnum,
                        const char *message)
{
  self->error_errnum = message != NULL ? errnum : 0;
  sb_object_set_string (G_OBJECT (self), &self->error_message, message,
                        properties[PROP_ERROR_MESSAGE]);
}

void
_sb_datagram_set_error_message (SbDatagram *self,
                                const char *message)
{
  self->error_errnum = 0;
  sb_object_set_string (G_OBJECT (self), &self->error_message, message,
                        properties[PROP_ERROR_MESSAGE]);
}

void
_sb_datagram_update_receive_buffer (SbDatagram *self)
{
  int value = 0;
  socklen_t len = sizeof value;

  if (self->socket == NULL
      || getsockopt (g_socket_get_fd (self->socket), SOL_SOCKET, SO_RCVBUF, &value, &len) != 0)
    value = 0;

  if (self->receive_buffer == (guint) MAX (value, 0))
    return;

  self->receive_buffer = MAX (value, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVE_BUFFER]);
}

void
_sb_datagram_add_drops (SbDatagram *self,
                        guint       dropped)
{
  if (dropped == 0)
    return;

  self->kernel_drops += dropped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KERNEL_DROPS]);
}

void
_sb_datagram_reset_counts (SbDatagram *self)
{
  _sb_datagram_thaw_peer (self);
  g_hash_table_remove_all (self->peers_by_tuple);
  g_list_store_remove_all (self->peers);

  if (self->datagrams_received != 0)
    {
      self->datagrams_received = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATAGRAMS_RECEIVED]);
    }
  if (self->bytes_received != 0)
    {
      self->bytes_received = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_RECEIVED]);
    }
  if (self->kernel_drops != 0)
    {
      self->kernel_drops = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KERNEL_DROPS]);
    }
}

void
_sb_datagram_count_received (SbDatagram     *self,
                             GSocketAddress *sender,
                             const char     *tuple,
                             gsize           length,
                             guint           dropped)
{
  SbDatagramPeer *peer;

  _sb_datagram_add_drops (self, dropped);

  self->datagrams_received++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATAGRAMS_RECEIVED]);
  if (length > 0)
    {
      self->bytes_received += length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_RECEIVED]);
    }
  if (tuple == NULL)
    return;

  peer = g_hash_table_lookup (self->peers_by_tuple, tuple);
  if (peer == NULL)
    {
      g_autoptr(SbDatagramPeer) added = NULL;
      g_autofree char *host = NULL;
      guint16 port = 0;

      if (G_IS_INET_SOCKET_ADDRESS (sender))
        {
          GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (sender);

          host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
          port = g_inet_socket_address_get_port (inet);
        }

      added = sb_datagram_peer_new (tuple, host, port);
      peer = added;
      g_hash_table_insert (self->peers_by_tuple, g_strdup (tuple), peer);
      g_list_store_append (self->peers, added);
    }

  /* A flood from one sender notifies its row once per dispatch, not once
   * per datagram. */
  if (peer != self->frozen_peer)
    {
      _sb_datagram_thaw_peer (self);
      self->frozen_peer = g_object_ref (peer);
      g_object_freeze_notify (G_OBJECT (peer));
    }
  sb_datagram_peer_add (peer, length);
}

void
_sb_datagram_thaw_peer (SbDatagram *self)
{
  SbDatagramPeer *peer = g_steal_pointer (&self->frozen_peer);

  if (peer == NULL)
    return;

  g_object_thaw_notify (G_OBJECT (peer));
  g_object_unref (peer);
}

gboolean
_sb_datagram_fail_step (SbDatagram  *self,
                        int          errnum,
                        const char  *call,
                        const char  *tuple,
                        GError     **error)
{
  g_autofree char *description = sb_errno_describe (errnum);
  g_autofree char *message = tuple != NULL
                             ? g_strdup_printf ("%s %s: %s", call, tuple, description)
                             : g_strdup_printf ("%s: %s", call, description);

  _sb_datagram_set_error (self, errnum, message);
  g_propagate_error (error, sb_socket_error_new (errnum, message));

  return FALSE;
}

gboolean
_sb_datagram_fail (SbDatagram  *self,
                   int          errnum,
                   const char  *call,
                   const char  *tuple,
                   GError     **error)
{
  g_autofree char *what = tuple != NULL ? g_strdup_printf ("%s %s", call, tuple)
                                        : g_strdup (call);

  sb_socket_record_failure (self->capture, self->side, self->socket_id, SB_EVENT_ERROR, 0,
                            errnum, what);

  return _sb_datagram_fail_step (self, errnum, call, tuple, error);
}

/* GObject */

static void
sb_datagram_dispose (GObject *object)
{
  SbDatagram *self = SB_DATAGRAM (object);

  sb_watch_clear (&self->watch);
  _sb_datagram_thaw_peer (self);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->peers_by_tuple, g_hash_table_unref);
  g_clear_object (&self->peers);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_datagram_parent_class)->dispose (object);
}

static void
sb_datagram_finalize (GObject *object)
{
  SbDatagram *self = SB_DATAGRAM (object);

  g_free (self->local_tuple);
  g_free (self->peer_tuple);
  g_free (self->error_message);
  g_free (self->batch_buffer);
  g_free (self->last_from_tuple);
  g_clear_object (&self->last_from_address);

  G_OBJECT_CLASS (sb_datagram_parent_class)->finalize (object);
}

static void
sb_datagram_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbDatagram *self = SB_DATAGRAM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case PROP_SIDE:
      g_value_set_enum (value, self->side);
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
    case PROP_PEER_TUPLE:
      g_value_set_string (value, self->peer_tuple);
      break;
    case PROP_AUTO_RECEIVE:
      g_value_set_boolean (value, self->auto_receive);
      break;
    case PROP_RECEIVE_SIZE:
      g_value_set_uint (value, self->receive_size);
      break;
    case PROP_RECEIVE_BUFFER:
      g_value_set_uint (value, self->receive_buffer);
      break;
    case PROP_BROADCAST:
      g_value_set_boolean (value, self->broadcast);
      break;
    case PROP_DATAGRAMS_RECEIVED:
      g_value_set_uint64 (value, self->datagrams_received);
      break;
    case PROP_BYTES_RECEIVED:
      g_value_set_uint64 (value, self->bytes_received);
      break;
    case PROP_KERNEL_DROPS:
      g_value_set_uint64 (value, self->kernel_drops);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_PEERS:
      g_value_set_object (value, self->peers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_datagram_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbDatagram *self = SB_DATAGRAM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;
    case PROP_SIDE:
      self->side = g_value_get_enum (value);
      break;
    case PROP_AUTO_RECEIVE:
      sb_datagram_set_auto_receive (self, g_value_get_boolean (value));
      break;
    case PROP_RECEIVE_SIZE:
      sb_datagram_set_receive_size (self, g_value_get_uint (value));
      break;
    case PROP_RECEIVE_BUFFER:
      sb_datagram_set_receive_buffer (self, g_value_get_uint (value), NULL);
      break;
    case PROP_BROADCAST:
      sb_datagram_set_broadcast (self, g_value_get_boolean (value), NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_datagram_class_init (SbDatagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = sb_datagram_dispose;
  object_class->finalize = sb_datagram_finalize;
  object_class->get_property = sb_datagram_get_property;
  object_class->set_property = sb_datagram_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, SB_TYPE_SIDE, SB_SIDE_CLIENT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_DATAGRAM_STATE, SB_DATAGRAM_IDLE, ro);
  properties[PROP_LOCAL_TUPLE] = g_param_spec_string ("local-tuple", NULL, NULL, NULL, ro);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_PEER_TUPLE] = g_param_spec_string ("peer-tuple", NULL, NULL, NULL, ro);
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL, TRUE, rw);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL, 1, SB_MAX_RECEIVE_SIZE,
                       DEFAULT_RECEIVE_SIZE, rw);
  properties[PROP_RECEIVE_BUFFER] =
    g_param_spec_uint ("receive-buffer", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_BROADCAST] = g_param_spec_boolean ("broadcast", NULL, NULL, FALSE, rw);
  properties[PROP_DATAGRAMS_RECEIVED] =
    g_param_spec_uint64 ("datagrams-received", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_BYTES_RECEIVED] =
    g_param_spec_uint64 ("bytes-received", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_KERNEL_DROPS] =
    g_param_spec_uint64 ("kernel-drops", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_PEERS] =
    g_param_spec_object ("peers", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_datagram_init (SbDatagram *self)
{
  self->auto_receive = TRUE;
  self->receive_size = DEFAULT_RECEIVE_SIZE;
  self->peers = g_list_store_new (SB_TYPE_DATAGRAM_PEER);
  self->peers_by_tuple = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SbDatagram *
sb_datagram_new (SbCapture *capture,
                 SbSide     side)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_DATAGRAM, "capture", capture, "side", side, NULL);
}

/* Getters and setters */

SbSide
sb_datagram_get_side (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), SB_SIDE_CLIENT);
  return self->side;
}

SbDatagramState
sb_datagram_get_state (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), SB_DATAGRAM_IDLE);
  return self->state;
}

const char *
sb_datagram_get_local_tuple (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), NULL);
  return self->local_tuple;
}

guint16
sb_datagram_get_port (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->port;
}

const char *
sb_datagram_get_peer_tuple (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), NULL);
  return self->peer_tuple;
}

const char *
sb_datagram_get_error_message (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), NULL);
  return self->error_message;
}

gboolean
sb_datagram_get_auto_receive (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  return self->auto_receive;
}

void
sb_datagram_set_auto_receive (SbDatagram *self,
                              gboolean    auto_receive)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));

  auto_receive = !!auto_receive;
  if (self->auto_receive == (guint) auto_receive)
    return;

  self->auto_receive = auto_receive;
  _sb_datagram_sync_source (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RECEIVE]);
}

guint
sb_datagram_get_receive_size (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->receive_size;
}

void
sb_datagram_set_receive_size (SbDatagram *self,
                              guint       receive_size)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));
  g_return_if_fail (receive_size > 0 && receive_size <= SB_MAX_RECEIVE_SIZE);

  if (self->receive_size == receive_size)
    return;

  self->receive_size = receive_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVE_SIZE]);
}

guint
sb_datagram_get_receive_buffer (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->receive_buffer;
}

gboolean
sb_datagram_set_receive_buffer (SbDatagram  *self,
                                guint        bytes,
                                GError     **error)
{
  int value = (int) MIN (bytes, (guint) G_MAXINT);

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);

  if (self->socket == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no socket yet"));
      return FALSE;
    }

  if (setsockopt (g_socket_get_fd (self->socket), SOL_SOCKET, SO_RCVBUF,
                  &value, sizeof value) != 0)
    return _sb_datagram_fail (self, errno, "setsockopt", "SO_RCVBUF", error);

  _sb_datagram_update_receive_buffer (self);

  return TRUE;
}

gboolean
sb_datagram_get_broadcast (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  return self->broadcast;
}

gboolean
sb_datagram_set_broadcast (SbDatagram  *self,
                           gboolean     broadcast,
                           GError     **error)
{
  int value = !!broadcast;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);

  if (self->socket != NULL
      && setsockopt (g_socket_get_fd (self->socket), SOL_SOCKET, SO_BROADCAST,
                     &value, sizeof value) != 0)
    return _sb_datagram_fail (self, errno, "setsockopt", "SO_BROADCAST", error);

  if (self->broadcast != (guint) value)
    {
      self->broadcast = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROADCAST]);
    }

  return TRUE;
}

int
sb_datagram_get_error_errno (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->error_errnum;
}

guint64
sb_datagram_get_datagrams_received (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->datagrams_received;
}

guint64
sb_datagram_get_bytes_received (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->bytes_received;
}

guint64
sb_datagram_get_kernel_drops (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), 0);
  return self->kernel_drops;
}

GListModel *
sb_datagram_get_peers (SbDatagram *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), NULL);
  return G_LIST_MODEL (self->peers);
}
