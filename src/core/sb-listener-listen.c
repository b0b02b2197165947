/* sb-listener-listen.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbListener: socket(), bind(), listen() and close(), one call per step;
 * sb_listener_listen() makes the three in one go. */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-listener-private.h"
#include "sb-socket-util.h"

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

/* The failure of a step was recorded: sets @error and the error message
 * to @message (consumed).  The socket, if any, stays open. */
static gboolean
fail_step (SbListener  *self,
           int          errnum,
           char        *message,
           GError     **error)
{
  _sb_listener_set_error_message (self, message);
  g_propagate_error (error, sb_socket_error_new (errnum, message));
  g_free (message);

  return FALSE;
}

/* Records the failure of "@call @tuple" and fails the step with @message. */
static gboolean
fail_call (SbListener  *self,
           int          errnum,
           const char  *call,
           const char  *tuple,
           char        *message,
           GError     **error)
{
  g_autofree char *what = g_strdup_printf ("%s %s", call, tuple);

  sb_socket_record_failure (self->capture, SB_SIDE_SERVER, self->socket_id,
                            SB_EVENT_ERROR, 0, errnum, what);

  return fail_step (self, errnum, message, error);
}

/* Parses @address; on failure records the error and fails the step. */
static GInetAddress *
parse_address_recorded (SbListener  *self,
                        const char  *address,
                        GError     **error)
{
  GInetAddress *inet = sb_socket_parse_address (address);

  if (inet == NULL)
    {
      char *message = g_strdup_printf (_("'%s' is not an IP address: use 127.0.0.1, ::1, "
                                         "0.0.0.0 or ::"), address);

      _sb_listener_record (self, self->socket_id, SB_EVENT_ERROR, -1, EINVAL, 0, message);
      fail_step (self, EINVAL, message, error);
    }

  return inet;
}

static void
close_socket (SbListener *self)
{
  _sb_listener_clear_sources (self);
  _sb_listener_fds_reset (self);
  sb_socket_close_recorded (self->capture, SB_SIDE_SERVER, self->socket_id, self->socket,
                            SB_CLOSE_NORMAL, NULL);
  g_clear_object (&self->socket);
}

gboolean
sb_listener_open_socket (SbListener  *self,
                         const char  *address,
                         GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  int fd, one = 1;

  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (self->socket == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->socket_id = sb_capture_new_socket_id (self->capture);
  _sb_listener_set_error_message (self, NULL);
  _sb_listener_set_local_tuple (self, NULL);

  /* socket() needs the family, which the address gives. */
  inet = parse_address_recorded (self, address, error);
  if (inet == NULL)
    return FALSE;

  fd = sb_socket_open (self->capture, SB_SIDE_SERVER, self->socket_id,
                       g_inet_address_get_family (inet));
  if (fd < 0)
    {
      int errnum = errno;

      return fail_step (self, errnum,
                        g_strdup_printf (_("Could not create a socket: %s"),
                                         sb_errno_get_explanation (errnum)),
                        error);
    }

  /* Python's socketserver does the same: a restarted server may bind a
   * port whose old connections are still in TIME_WAIT. */
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);

  self->socket = sb_socket_wrap (self->capture, SB_SIDE_SERVER, self->socket_id, fd, error);
  if (self->socket == NULL)
    return FALSE;

  _sb_listener_set_state (self, SB_LISTENER_OPEN);

  return TRUE;
}

gboolean
sb_listener_bind (SbListener  *self,
                  const char  *address,
                  guint16      port,
                  GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) requested = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *bound_tuple = NULL;
  struct sockaddr_storage native;
  socklen_t len;
  int fd;

  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (self->state == SB_LISTENER_OPEN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_listener_set_error_message (self, NULL);

  inet = parse_address_recorded (self, address, error);
  if (inet == NULL)
    return FALSE;

  requested = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (requested);
  fd = g_socket_get_fd (self->socket);

  g_socket_address_to_native (requested, &native, sizeof native, NULL);
  if (bind (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (requested)) != 0)
    {
      int errnum = errno;

      return fail_call (self, errnum, "bind", tuple,
                        listen_error_message (errnum, port, tuple), error);
    }

  len = sizeof native;
  if (getsockname (fd, (struct sockaddr *) &native, &len) == 0)
    bound = g_socket_address_new_from_native (&native, len);
  bound_tuple = bound != NULL ? sb_endpoint_format_tuple (bound) : g_strdup (tuple);
  _sb_listener_record (self, self->socket_id, SB_EVENT_BIND, 0, 0, 0, bound_tuple);

  g_object_freeze_notify (G_OBJECT (self));
  _sb_listener_set_port (self, bound != NULL
                               ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound))
                               : port);
  _sb_listener_set_local_tuple (self, bound_tuple);
  _sb_listener_set_state (self, SB_LISTENER_BOUND);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
sb_listener_start_listening (SbListener  *self,
                             int          backlog,
                             GError     **error)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (self->state == SB_LISTENER_BOUND, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_listener_set_error_message (self, NULL);
  _sb_listener_set_backlog (self, backlog);

  if (listen (g_socket_get_fd (self->socket), backlog) != 0)
    {
      int errnum = errno;

      return fail_call (self, errnum, "listen", self->local_tuple,
                        listen_error_message (errnum, self->port, self->local_tuple), error);
    }

  _sb_listener_record (self, self->socket_id, SB_EVENT_LISTEN, 0, 0, backlog, NULL);

  g_object_freeze_notify (G_OBJECT (self));
  _sb_listener_set_pending (self, FALSE);
  self->accept_requested = FALSE;
  _sb_listener_set_state (self, SB_LISTENER_LISTENING);
  _sb_listener_sync_source (self);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/* socket(), bind() and listen() in one go: the steps above, and on the
 * first failure the socket is closed again and the listener FAILED. */
gboolean
sb_listener_listen (SbListener  *self,
                    const char  *address,
                    guint16      port,
                    int          backlog,
                    GError     **error)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->socket != NULL)
    sb_listener_stop (self);

  if (sb_listener_open_socket (self, address, error)
      && sb_listener_bind (self, address, port, error)
      && sb_listener_start_listening (self, backlog, error))
    return TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->socket != NULL)
    close_socket (self);
  _sb_listener_set_state (self, SB_LISTENER_FAILED);
  g_object_thaw_notify (G_OBJECT (self));

  return FALSE;
}

void
sb_listener_stop (SbListener *self)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  if (self->socket == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  close_socket (self);

  self->accept_requested = FALSE;
  _sb_listener_set_pending (self, FALSE);
  _sb_listener_set_state (self, SB_LISTENER_IDLE);

  g_object_thaw_notify (G_OBJECT (self));
}
