/* sb-listener.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-enum-types.h"
#include "sb-listener.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"
#include "sb-stream.h"

#define DEFAULT_BACKLOG      5
#define DEFAULT_RECEIVE_SIZE 1024

struct _SbListener
{
  GObject          parent_instance;

  /* owned references */
  SbCapture       *capture;
  GSocket         *socket;
  GSource         *source;
  GListStore      *connections;

  /* properties */
  SbListenerState  state;
  char            *local_tuple;
  char            *error_message;
  guint            socket_id;
  guint16          port;
  int              backlog;
  guint            receive_size;
  guint            auto_accept : 1;
  guint            auto_receive : 1;
  guint            pending : 1;

  guint            accept_requested : 1;  /* accept_one() waits for a connection */
};

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

static void sync_source (SbListener *self);

static void
set_state (SbListener      *self,
           SbListenerState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (SbListener  *self,
            char       **field,
            const char  *value,
            int          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_port (SbListener *self,
          guint16     port)
{
  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

static void
set_backlog (SbListener *self,
             int         backlog)
{
  if (self->backlog == backlog)
    return;

  self->backlog = backlog;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKLOG]);
}

static void
set_pending (SbListener *self,
             gboolean    pending)
{
  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static guint
record (SbListener  *self,
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

/* "localhost" is 127.0.0.1; "" all IPv4 interfaces, as Python's bind(("", port)). */
static GInetAddress *
parse_address (const char *address)
{
  g_autofree char *bare = NULL;
  gsize len;

  if (address == NULL || address[0] == '\0')
    return g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);

  if (g_ascii_strcasecmp (address, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  len = strlen (address);
  if (len > 2 && address[0] == '[' && address[len - 1] == ']')
    bare = g_strndup (address + 1, len - 2);
  else
    bare = g_strdup (address);

  return g_inet_address_new_from_string (bare);
}

static char *
listen_error_message (int         errnum,
                      guint16     port,
                      const char *tuple)
{
  g_autofree char *description = sb_errno_describe (errnum);

  switch (errnum)
    {
    case EADDRINUSE:
      return g_strdup_printf (_("Port %u is already in use (EADDRINUSE)"), port);

    case EACCES:
      return g_strdup_printf (_("Port %u needs administrator privileges (EACCES)"), port);

    case EADDRNOTAVAIL:
      return g_strdup_printf (_("The address of %s does not belong to this computer "
                                "(EADDRNOTAVAIL)"), tuple);

    default:
      return g_strdup_printf (_("Could not listen on %s: %s"), tuple, description);
    }
}

/* Records the failure (note: "@call: explanation", or @message when @call is
 * NULL), closes @fd if there is one, sets @error to @message (consumed). */
static gboolean
fail (SbListener  *self,
      int          fd,
      int          errnum,
      const char  *call,
      char        *message,
      GError     **error)
{
  if (call != NULL)
    sb_socket_record_failure (self->capture, SB_SIDE_SERVER, self->socket_id,
                              SB_EVENT_ERROR, 0, errnum, call);
  else
    record (self, self->socket_id, SB_EVENT_ERROR, -1, errnum, 0, message);

  if (fd >= 0)
    {
      int r = close (fd);

      record (self, self->socket_id, SB_EVENT_CLOSE, r, r != 0 ? errno : 0, 0, NULL);
    }

  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  set_state (self, SB_LISTENER_FAILED);
  g_propagate_error (error, sb_socket_error_new (errnum, message));
  g_free (message);

  return FALSE;
}

/* Accepting */

/* One accept(); FALSE when nothing more is waiting (or accept failed). */
static gboolean
accept_once (SbListener *self)
{
  g_autoptr(GSocketAddress) peer = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(SbStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tuple = NULL;
  struct sockaddr_storage native;
  socklen_t len = sizeof native;
  int fd;

  do
    fd = accept (g_socket_get_fd (self->socket), (struct sockaddr *) &native, &len);
  while (fd < 0 && (errno == EINTR || errno == ECONNABORTED));

  if (fd < 0)
    {
      if (errno != EAGAIN)
        sb_socket_record_failure (self->capture, SB_SIDE_SERVER, self->socket_id,
                                  SB_EVENT_ERROR, 0, errno, "accept");
      return FALSE;
    }

  /* GSocket makes it non-blocking. */
  fcntl (fd, F_SETFD, FD_CLOEXEC);
  socket = g_socket_new_from_fd (fd, &error);
  if (socket == NULL)
    {
      record (self, self->socket_id, SB_EVENT_ERROR, -1, 0, 0, error->message);
      return FALSE;
    }

  peer = g_socket_address_new_from_native (&native, len);
  tuple = peer != NULL ? sb_endpoint_format_tuple (peer) : NULL;

  stream = sb_stream_new_accepted (self->capture, socket, self->auto_receive,
                                   self->receive_size);
  record (self, sb_stream_get_socket_id (stream), SB_EVENT_ACCEPT, fd, 0, 0, tuple);

  g_list_store_append (self->connections, stream);
  g_signal_emit (self, signals[ACCEPTED], 0, stream);

  return TRUE;
}

static gboolean
source_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  g_autoptr(SbListener) self = g_object_ref (SB_LISTENER (user_data));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->auto_accept)
    {
      guint calls;

      for (calls = 0; calls < SB_MAX_CALLS_PER_DISPATCH && self->socket != NULL; calls++)
        if (!accept_once (self))
          break;

      /* Stopped early: more may wait, and the source fires again. */
      set_pending (self, calls == SB_MAX_CALLS_PER_DISPATCH);
    }
  else if (self->accept_requested)
    {
      self->accept_requested = FALSE;
      accept_once (self);
      set_pending (self, FALSE);
    }
  else
    set_pending (self, TRUE);

  sync_source (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* Polls while connections are accepted as they arrive, or until one is
 * known to be pending (then accept_one() or auto-accept re-arms it). */
static void
sync_source (SbListener *self)
{
  gboolean wanted = self->socket != NULL
                    && (self->auto_accept || self->accept_requested || !self->pending);

  if (wanted && self->source == NULL)
    {
      self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
      g_source_set_callback (self->source, G_SOURCE_FUNC (source_cb), self, NULL);
      g_source_set_priority (self->source, SB_SOCKET_PRIORITY);
      g_source_set_name (self->source, "[sockbench] listener");
      g_source_attach (self->source, NULL);
    }
  else if (!wanted && self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

/* Public API */

SbListener *
sb_listener_new (SbCapture *capture)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_LISTENER, "capture", capture, NULL);
}

gboolean
sb_listener_listen (SbListener  *self,
                    const char  *address,
                    guint16      port,
                    int          backlog,
                    GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) requested = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *bound_tuple = NULL;
  g_autofree char *what = NULL;
  struct sockaddr_storage native;
  socklen_t len;
  GSocketFamily family;
  int fd, one = 1;

  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->socket != NULL)
    sb_listener_stop (self);

  self->socket_id = sb_capture_new_socket_id (self->capture);
  set_backlog (self, backlog);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);

  inet = parse_address (address);
  if (inet == NULL)
    return fail (self, -1, EINVAL, NULL,
                 g_strdup_printf (_("'%s' is not an IP address: use 127.0.0.1, ::1, "
                                    "0.0.0.0 or ::"), address),
                 error);

  family = g_inet_address_get_family (inet);
  requested = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (requested);

  fd = socket (family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      int errnum = errno;

      return fail (self, -1, errnum, "socket",
                   g_strdup_printf (_("Could not create a socket: %s"),
                                    sb_errno_get_explanation (errnum)),
                   error);
    }

  record (self, self->socket_id, SB_EVENT_SOCKET, fd, 0, 0,
          sb_socket_family_describe (family));
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);

  g_socket_address_to_native (requested, &native, sizeof native, NULL);
  if (bind (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (requested)) != 0)
    {
      int errnum = errno;

      what = g_strdup_printf ("bind %s", tuple);
      return fail (self, fd, errnum, what, listen_error_message (errnum, port, tuple), error);
    }

  len = sizeof native;
  if (getsockname (fd, (struct sockaddr *) &native, &len) == 0)
    bound = g_socket_address_new_from_native (&native, len);
  bound_tuple = bound != NULL ? sb_endpoint_format_tuple (bound) : g_strdup (tuple);
  record (self, self->socket_id, SB_EVENT_BIND, 0, 0, 0, bound_tuple);

  if (listen (fd, backlog) != 0)
    {
      int errnum = errno;

      what = g_strdup_printf ("listen %s", bound_tuple);
      return fail (self, fd, errnum, what, listen_error_message (errnum, port, tuple), error);
    }

  record (self, self->socket_id, SB_EVENT_LISTEN, 0, 0, backlog, NULL);

  self->socket = g_socket_new_from_fd (fd, &local_error);
  if (self->socket == NULL)
    {
      /* Not expected for a socket we just made; GSocket closed @fd. */
      record (self, self->socket_id, SB_EVENT_ERROR, -1, 0, 0, local_error->message);
      set_string (self, &self->error_message, local_error->message, PROP_ERROR_MESSAGE);
      set_state (self, SB_LISTENER_FAILED);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_port (self, bound != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound))
                                : port);
  set_string (self, &self->local_tuple, bound_tuple, PROP_LOCAL_TUPLE);
  set_pending (self, FALSE);
  self->accept_requested = FALSE;
  set_state (self, SB_LISTENER_LISTENING);
  sync_source (self);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

void
sb_listener_stop (SbListener *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_LISTENER (self));

  if (self->socket == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }

  if (g_socket_close (self->socket, &error))
    record (self, self->socket_id, SB_EVENT_CLOSE, 0, 0, 0, NULL);
  else
    record (self, self->socket_id, SB_EVENT_CLOSE, -1, 0, 0, error->message);
  g_clear_object (&self->socket);

  self->accept_requested = FALSE;
  set_pending (self, FALSE);
  set_state (self, SB_LISTENER_IDLE);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sb_listener_accept_one (SbListener  *self,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->socket == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("Not listening: start listening first"));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  /* As a blocking accept() would: now if a connection waits, else as soon
   * as one arrives. */
  if (!accept_once (self))
    self->accept_requested = TRUE;
  set_pending (self, FALSE);
  sync_source (self);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
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
  sync_source (self);
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
  g_return_if_fail (receive_size > 0);

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

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  g_clear_object (&self->socket);
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
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL, TRUE, RW);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL, 1, G_MAXUINT32, DEFAULT_RECEIVE_SIZE, RW);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, RO);
  properties[PROP_CONNECTIONS] =
    g_param_spec_object ("connections", NULL, NULL, G_TYPE_LIST_MODEL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->backlog = DEFAULT_BACKLOG;
  self->receive_size = DEFAULT_RECEIVE_SIZE;
  self->auto_accept = TRUE;
  self->auto_receive = TRUE;
}
