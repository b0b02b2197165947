/* sb-stream.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-stream"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-enum-types.h"
#include "sb-sock-diag.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

#define DEFAULT_RECEIVE_SIZE    1024
#define DEFAULT_CONNECT_TIMEOUT 10000

/* After close(), sb_stream_refresh() looks the connection up each time for
 * this long (it moves from FIN_WAIT to TIME_WAIT within it), then at most
 * every LATE_LOOKUP_US: TIME_WAIT lasts 60 s on Linux, and a thousand
 * closed connections must not cost a thousand look-ups per refresh. */
#define EARLY_LOOKUP_US (5 * G_USEC_PER_SEC)
#define LATE_LOOKUP_US  (5 * G_USEC_PER_SEC)

enum
{
  PROP_0,
  PROP_CAPTURE,
  PROP_STATE,
  PROP_SIDE,
  PROP_SOCKET_ID,
  PROP_LOCAL_TUPLE,
  PROP_PEER_TUPLE,
  PROP_BYTES_SENT,
  PROP_BYTES_RECEIVED,
  PROP_BYTES_QUEUED,
  PROP_TCP_STATE,
  PROP_BYTES_AVAILABLE,
  PROP_BYTES_UNACKNOWLEDGED,
  PROP_AUTO_RECEIVE,
  PROP_RECEIVE_SIZE,
  PROP_CONNECT_TIMEOUT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbStream, sb_stream, G_TYPE_OBJECT)

/* Setters: notify only on change. */

void
_sb_stream_set_state (SbStream      *self,
                      SbStreamState  state)
{
  if (self->state == state)
    return;

  g_debug ("stream %u: %s -> %s", self->socket_id,
           sb_stream_state_to_string (self->state),
           sb_stream_state_to_string (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_sb_stream_set_socket_id (SbStream *self,
                          guint     socket_id)
{
  if (self->socket_id == socket_id)
    return;

  self->socket_id = socket_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOCKET_ID]);
}

void
_sb_stream_set_tuples (SbStream   *self,
                       const char *local_tuple,
                       const char *peer_tuple)
{
  sb_object_set_string (G_OBJECT (self), &self->local_tuple, local_tuple,
                        properties[PROP_LOCAL_TUPLE]);
  sb_object_set_string (G_OBJECT (self), &self->peer_tuple, peer_tuple,
                        properties[PROP_PEER_TUPLE]);
}

void
_sb_stream_set_error_message_take (SbStream *self,
                                   char     *message)
{
  sb_object_set_string (G_OBJECT (self), &self->error_message, message,
                        properties[PROP_ERROR_MESSAGE]);
  g_free (message);
}

static void
add_counter (SbStream *self,
             guint64  *field,
             gint64    delta,
             int       prop_id)
{
  if (delta == 0)
    return;

  *field += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_sb_stream_add_queued (SbStream *self,
                       gint64    delta)
{
  add_counter (self, &self->bytes_queued, delta, PROP_BYTES_QUEUED);
}

void
_sb_stream_add_sent (SbStream *self,
                     gsize     n)
{
  g_assert (n <= self->bytes_queued);

  add_counter (self, &self->bytes_sent, n, PROP_BYTES_SENT);
  add_counter (self, &self->bytes_queued, -(gint64) n, PROP_BYTES_QUEUED);
}

void
_sb_stream_add_received (SbStream *self,
                         gsize     n)
{
  add_counter (self, &self->bytes_received, n, PROP_BYTES_RECEIVED);
}

int
_sb_stream_get_fd (SbStream *self)
{
  return self->socket != NULL ? g_socket_get_fd (self->socket) : -1;
}

guint
_sb_stream_record (SbStream    *self,
                   SbEventKind  kind,
                   int          detail,
                   gint64       result,
                   int          errnum,
                   gsize        requested,
                   const char  *note)
{
  return sb_socket_record (self->capture, self->side, self->socket_id, kind,
                           detail, result, errnum, requested, note);
}

void
_sb_stream_remember_tuple (SbStream *self)
{
  g_clear_object (&self->closed_local);
  g_clear_object (&self->closed_peer);

  if (self->socket == NULL)
    return;

  /* An accepted connection knows its addresses from accept time, even
   * when a reset left the socket without them. */
  if (self->local_address != NULL && self->peer_address != NULL)
    {
      self->closed_local = g_object_ref (self->local_address);
      self->closed_peer = g_object_ref (self->peer_address);
    }
  else if (g_socket_is_connected (self->socket))
    {
      self->closed_local = g_socket_get_local_address (self->socket, NULL);
      self->closed_peer = g_socket_get_remote_address (self->socket, NULL);
    }
  else
    return;

  self->closed_us = g_get_monotonic_time ();
  self->next_lookup_us = 0;
}

/* The state the kernel keeps for our closed socket, or NULL once it is
 * gone (or cannot be asked: then the look-ups stop too). */
static const char *
look_up_closed (SbStream *self)
{
  gint64 now = g_get_monotonic_time ();
  int state = 0;

  if (self->closed_local == NULL || self->closed_peer == NULL)
    return NULL;

  self->next_lookup_us = now - self->closed_us < EARLY_LOOKUP_US ? 0 : now + LATE_LOOKUP_US;

  if (sb_sock_diag_lookup_tcp (self->closed_local, self->closed_peer, &state)
      == SB_SOCK_DIAG_FOUND)
    return sb_tcp_state_get_name (state);

  g_clear_object (&self->closed_local);
  g_clear_object (&self->closed_peer);

  return NULL;
}

static void
set_uint (SbStream *self,
          guint    *field,
          guint     value,
          int       prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_sb_stream_update_kernel_info (SbStream *self)
{
  const char *tcp_state = NULL;
  guint available = 0;
  guint unacknowledged = 0;

  if (self->socket != NULL)
    {
      int fd = _sb_stream_get_fd (self);

      tcp_state = sb_socket_get_tcp_state (fd);
      if (!sb_socket_get_queues (fd, &available, &unacknowledged))
        available = unacknowledged = 0;
    }
  else
    tcp_state = look_up_closed (self);

  if (g_strcmp0 (tcp_state, self->tcp_state) != 0)
    {
      self->tcp_state = tcp_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCP_STATE]);
    }

  set_uint (self, &self->bytes_available, available, PROP_BYTES_AVAILABLE);
  set_uint (self, &self->bytes_unacknowledged, unacknowledged, PROP_BYTES_UNACKNOWLEDGED);
}

/* Public API */

SbStream *
sb_stream_new (SbCapture *capture,
               SbSide     side)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_STREAM,
                       "capture", capture,
                       "side", side,
                       NULL);
}

SbStream *
sb_stream_new_accepted (SbCapture      *capture,
                        GSocket        *socket,
                        GSocketAddress *local,
                        GSocketAddress *peer,
                        gboolean        auto_receive,
                        guint           receive_size)
{
  SbStream *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (local == NULL || G_IS_SOCKET_ADDRESS (local), NULL);
  g_return_val_if_fail (peer == NULL || G_IS_SOCKET_ADDRESS (peer), NULL);

  self = g_object_new (SB_TYPE_STREAM,
                       "capture", capture,
                       "side", SB_SIDE_SERVER,
                       "auto-receive", auto_receive,
                       "receive-size", receive_size,
                       NULL);
  self->socket = g_object_ref (socket);
  self->state = SB_STREAM_CONNECTED;

  /* Not getpeername() now: a peer that reset the connection before it was
   * accepted has no address left to ask for. */
  g_set_object (&self->local_address, local);
  g_set_object (&self->peer_address, peer);
  self->local_tuple = local != NULL ? sb_endpoint_format_tuple (local) : NULL;
  self->peer_tuple = peer != NULL ? sb_endpoint_format_tuple (peer) : NULL;

  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  return self;
}

void
sb_stream_refresh (SbStream *self)
{
  g_return_if_fail (SB_IS_STREAM (self));

  if (self->socket != NULL
      || (self->closed_peer != NULL && g_get_monotonic_time () >= self->next_lookup_us))
    _sb_stream_update_kernel_info (self);
}

gboolean
_sb_stream_is_quiet (SbStream *self)
{
  return self->state == SB_STREAM_CONNECTED
         && self->input_watch != NULL
         && self->bytes_queued == 0
         && self->bytes_unacknowledged == 0
         && self->bytes_available == 0;
}

gboolean
sb_stream_needs_refresh (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);

  return self->socket != NULL || self->closed_peer != NULL;
}

SbStreamState
sb_stream_get_state (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), SB_STREAM_IDLE);

  return self->state;
}

SbSide
sb_stream_get_side (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), SB_SIDE_CLIENT);

  return self->side;
}

guint
sb_stream_get_socket_id (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->socket_id;
}

const char *
sb_stream_get_local_tuple (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), NULL);

  return self->local_tuple;
}

const char *
sb_stream_get_peer_tuple (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), NULL);

  return self->peer_tuple;
}

guint64
sb_stream_get_bytes_sent (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->bytes_sent;
}

guint64
sb_stream_get_bytes_received (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->bytes_received;
}

guint64
sb_stream_get_bytes_queued (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->bytes_queued;
}

const char *
sb_stream_get_tcp_state (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), NULL);

  return self->tcp_state;
}

guint
sb_stream_get_bytes_available (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->bytes_available;
}

guint
sb_stream_get_bytes_unacknowledged (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->bytes_unacknowledged;
}

gboolean
sb_stream_get_auto_receive (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);

  return self->auto_receive;
}

void
sb_stream_set_auto_receive (SbStream *self,
                            gboolean  auto_receive)
{
  g_return_if_fail (SB_IS_STREAM (self));

  auto_receive = !!auto_receive;
  if (self->auto_receive == auto_receive)
    return;

  self->auto_receive = auto_receive;
  _sb_stream_sync_sources (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RECEIVE]);
}

guint
sb_stream_get_receive_size (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->receive_size;
}

void
sb_stream_set_receive_size (SbStream *self,
                            guint     receive_size)
{
  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (receive_size > 0 && receive_size <= SB_MAX_RECEIVE_SIZE);

  if (self->receive_size == receive_size)
    return;

  self->receive_size = receive_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVE_SIZE]);
}

guint
sb_stream_get_connect_timeout (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), 0);

  return self->connect_timeout;
}

void
sb_stream_set_connect_timeout (SbStream *self,
                               guint     timeout_ms)
{
  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->connect_timeout == timeout_ms)
    return;

  self->connect_timeout = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

const char *
sb_stream_get_error_message (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), NULL);

  return self->error_message;
}

char *
sb_stream_dup_error_text (SbStream *self)
{
  g_return_val_if_fail (SB_IS_STREAM (self), NULL);

  if (self->error_message == NULL)
    return NULL;

  if (self->peer_tuple == NULL)
    return g_strdup (self->error_message);

  /* Translators: a connection's peer tuple, then what went wrong */
  return g_strdup_printf (_("%s: %s"), self->peer_tuple, self->error_message);
}

const char *
sb_stream_state_to_string (SbStreamState state)
{
  switch (state)
    {
    case SB_STREAM_IDLE:        return _("idle");
    case SB_STREAM_RESOLVING:   return _("resolving");
    case SB_STREAM_RESOLVED:    return _("resolved");
    case SB_STREAM_SOCKET_OPEN: return _("socket open");
    case SB_STREAM_CONNECTING:  return _("connecting");
    case SB_STREAM_CONNECTED:   return _("connected");
    case SB_STREAM_PEER_CLOSED: return _("peer closed");
    case SB_STREAM_WRITE_SHUT:  return _("sending shut down");
    case SB_STREAM_BOTH_SHUT:   return _("both directions shut down");
    case SB_STREAM_CLOSED:      return _("closed");
    case SB_STREAM_PEER_LEFT:   return _("peer left");
    case SB_STREAM_FAILED:      return _("failed");
    default:                    return NULL;
    }
}

gboolean
sb_stream_state_is_open (SbStreamState state)
{
  switch (state)
    {
    case SB_STREAM_RESOLVING:
    case SB_STREAM_RESOLVED:
    case SB_STREAM_SOCKET_OPEN:
    case SB_STREAM_CONNECTING:
    case SB_STREAM_CONNECTED:
    case SB_STREAM_PEER_CLOSED:
    case SB_STREAM_WRITE_SHUT:
    case SB_STREAM_BOTH_SHUT:
      return TRUE;

    case SB_STREAM_IDLE:
    case SB_STREAM_CLOSED:
    case SB_STREAM_PEER_LEFT:
    case SB_STREAM_FAILED:
    default:
      return FALSE;
    }
}

/* GObject */

static void
sb_stream_constructed (GObject *object)
{
  SbStream *self = SB_STREAM (object);

  G_OBJECT_CLASS (sb_stream_parent_class)->constructed (object);

  self->socket_id = sb_capture_new_socket_id (self->capture);
}

static void
sb_stream_dispose (GObject *object)
{
  SbStream *self = SB_STREAM (object);

  sb_watch_clear (&self->input_watch);
  sb_watch_clear (&self->output_watch);
  sb_clear_source (&self->timeout_source);
  _sb_stream_abandon_connect (self);
  g_clear_object (&self->socket);
  g_clear_object (&self->closed_local);
  g_clear_object (&self->closed_peer);
  g_clear_object (&self->local_address);
  g_clear_object (&self->peer_address);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_stream_parent_class)->dispose (object);
}

static void
sb_stream_finalize (GObject *object)
{
  SbStream *self = SB_STREAM (object);

  g_queue_clear_full (&self->send_queue, (GDestroyNotify) g_bytes_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_free (self->host);
  g_free (self->attempt_tuple);
  g_clear_object (&self->attempt_address);
  g_free (self->local_tuple);
  g_free (self->peer_tuple);
  g_free (self->error_message);

  G_OBJECT_CLASS (sb_stream_parent_class)->finalize (object);
}

static void
sb_stream_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbStream *self = SB_STREAM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_SOCKET_ID:
      g_value_set_uint (value, self->socket_id);
      break;

    case PROP_LOCAL_TUPLE:
      g_value_set_string (value, self->local_tuple);
      break;

    case PROP_PEER_TUPLE:
      g_value_set_string (value, self->peer_tuple);
      break;

    case PROP_BYTES_SENT:
      g_value_set_uint64 (value, self->bytes_sent);
      break;

    case PROP_BYTES_RECEIVED:
      g_value_set_uint64 (value, self->bytes_received);
      break;

    case PROP_BYTES_QUEUED:
      g_value_set_uint64 (value, self->bytes_queued);
      break;

    case PROP_TCP_STATE:
      g_value_set_string (value, self->tcp_state);
      break;

    case PROP_BYTES_AVAILABLE:
      g_value_set_uint (value, self->bytes_available);
      break;

    case PROP_BYTES_UNACKNOWLEDGED:
      g_value_set_uint (value, self->bytes_unacknowledged);
      break;

    case PROP_AUTO_RECEIVE:
      g_value_set_boolean (value, self->auto_receive);
      break;

    case PROP_RECEIVE_SIZE:
      g_value_set_uint (value, self->receive_size);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_stream_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbStream *self = SB_STREAM (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_SIDE:
      self->side = g_value_get_enum (value);
      break;

    case PROP_AUTO_RECEIVE:
      sb_stream_set_auto_receive (self, g_value_get_boolean (value));
      break;

    case PROP_RECEIVE_SIZE:
      sb_stream_set_receive_size (self, g_value_get_uint (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      sb_stream_set_connect_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
sb_stream_class_init (SbStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sb_stream_constructed;
  object_class->dispose = sb_stream_dispose;
  object_class->finalize = sb_stream_finalize;
  object_class->get_property = sb_stream_get_property;
  object_class->set_property = sb_stream_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SbStream:state:
   *
   * Where the connection is in its life, from idle to closed.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SB_TYPE_STREAM_STATE, SB_STREAM_IDLE, RO);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, SB_TYPE_SIDE, SB_SIDE_CLIENT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOCKET_ID] =
    g_param_spec_uint ("socket-id", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_LOCAL_TUPLE] =
    g_param_spec_string ("local-tuple", NULL, NULL, NULL, RO);
  properties[PROP_PEER_TUPLE] =
    g_param_spec_string ("peer-tuple", NULL, NULL, NULL, RO);
  properties[PROP_BYTES_SENT] =
    g_param_spec_uint64 ("bytes-sent", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_BYTES_RECEIVED] =
    g_param_spec_uint64 ("bytes-received", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_BYTES_QUEUED] =
    g_param_spec_uint64 ("bytes-queued", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  /**
   * SbStream:tcp-state:
   *
   * The kernel's TCP state: from TCP_INFO while the socket is open; after
   * close(), what the kernel still keeps of the connection (FIN_WAIT2,
   * TIME_WAIT, LAST_ACK), looked up by its 4-tuple on each
   * sb_stream_refresh(), then %NULL once it is gone.
   */
  properties[PROP_TCP_STATE] =
    g_param_spec_string ("tcp-state", NULL, NULL, NULL, RO);
  /**
   * SbStream:bytes-available:
   *
   * Bytes in the kernel's receive buffer, not yet read (SIOCINQ).
   */
  properties[PROP_BYTES_AVAILABLE] =
    g_param_spec_uint ("bytes-available", NULL, NULL, 0, G_MAXUINT, 0, RO);
  /**
   * SbStream:bytes-unacknowledged:
   *
   * Bytes the kernel took from send() that the peer has not acknowledged
   * yet (SIOCOUTQ): sent and unacknowledged, or still in the send buffer.
   */
  properties[PROP_BYTES_UNACKNOWLEDGED] =
    g_param_spec_uint ("bytes-unacknowledged", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL, TRUE, RW | G_PARAM_CONSTRUCT);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL, 1, SB_MAX_RECEIVE_SIZE, DEFAULT_RECEIVE_SIZE,
                       RW | G_PARAM_CONSTRUCT);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_CONNECT_TIMEOUT,
                       RW | G_PARAM_CONSTRUCT);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_stream_init (SbStream *self)
{
  g_queue_init (&self->send_queue);
  self->receive_size = DEFAULT_RECEIVE_SIZE;
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->auto_receive = TRUE;
}
