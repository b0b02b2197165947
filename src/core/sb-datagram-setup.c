/* sb-datagram-setup.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbDatagram: socket(), bind(), connect() and close(), one call per step. */

#define G_LOG_DOMAIN "sb-datagram"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-private.h"
#include "sb-endpoint.h"
#include "sb-socket-util.h"

/* Parses @address; on failure records the error and fails the step. */
GInetAddress *
_sb_datagram_parse_address (SbDatagram  *self,
                            const char  *address,
                            GError     **error)
{
  GInetAddress *inet = sb_socket_parse_address (address);

  if (inet == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("'%s' is not an IP address: use 127.0.0.1, ::1, 0.0.0.0 or ::"),
                         address);

      sb_socket_record (self->capture, self->side, self->socket_id, SB_EVENT_ERROR, 0,
                        -1, EINVAL, 0, message);
      _sb_datagram_set_error_message (self, message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
    }

  return inet;
}

/* Reads the local address the kernel gave the socket (after bind() or the
 * first sendto()). */
void
_sb_datagram_update_local (SbDatagram *self)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *tuple = NULL;

  if (self->socket == NULL)
    return;

  local = g_socket_get_local_address (self->socket, NULL);
  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return;

  tuple = sb_endpoint_format_tuple (local);
  _sb_datagram_set_local (self, tuple,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  sb_capture_set_local_tuple (self->capture, self->socket_id, tuple);
}

gboolean
sb_datagram_open_socket (SbDatagram  *self,
                         const char  *address,
                         GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  int fd, one = 1;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->socket == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A name resolved for this socket recorded its id already. */
  self->socket_id = self->reserved_socket_id != 0 ? self->reserved_socket_id
                                                  : sb_capture_new_socket_id (self->capture);
  self->reserved_socket_id = 0;
  g_object_freeze_notify (G_OBJECT (self));
  _sb_datagram_set_error_message (self, NULL);
  _sb_datagram_set_local (self, NULL, 0);
  _sb_datagram_set_peer_tuple (self, NULL);
  self->last_drop_count = 0;
  _sb_datagram_reset_counts (self);
  g_object_thaw_notify (G_OBJECT (self));

  inet = _sb_datagram_parse_address (self, address, error);
  if (inet == NULL)
    return FALSE;

  fd = sb_socket_open_type (self->capture, self->side, self->socket_id,
                            g_inet_address_get_family (inet), G_SOCKET_TYPE_DATAGRAM);
  if (fd < 0)
    {
      int errnum = errno;
      g_autofree char *message = g_strdup_printf (_("Could not create a socket: %s"),
                                                  sb_errno_get_explanation (errnum));

      _sb_datagram_set_error_message (self, message);
      g_propagate_error (error, sb_socket_error_new (errnum, message));
      return FALSE;
    }

  /* The kernel's drop count comes with every datagram received. */
  setsockopt (fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one);
  if (self->broadcast)
    setsockopt (fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);

  self->socket = sb_socket_wrap (self->capture, self->side, self->socket_id, fd, error);
  if (self->socket == NULL)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  _sb_datagram_update_receive_buffer (self);
  _sb_datagram_set_state (self, SB_DATAGRAM_OPEN);
  _sb_datagram_sync_source (self);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
sb_datagram_bind (SbDatagram  *self,
                  const char  *address,
                  guint16      port,
                  GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) requested = NULL;
  g_autofree char *tuple = NULL;
  struct sockaddr_storage native;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->state == SB_DATAGRAM_OPEN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_datagram_set_error_message (self, NULL);

  inet = _sb_datagram_parse_address (self, address, error);
  if (inet == NULL)
    return FALSE;

  requested = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (requested);

  g_socket_address_to_native (requested, &native, sizeof native, NULL);
  if (bind (g_socket_get_fd (self->socket), (struct sockaddr *) &native,
            g_socket_address_get_native_size (requested)) != 0)
    return _sb_datagram_fail (self, errno, "bind", tuple, error);

  g_object_freeze_notify (G_OBJECT (self));
  _sb_datagram_update_local (self);
  sb_socket_record (self->capture, self->side, self->socket_id, SB_EVENT_BIND, 0, 0, 0, 0,
                    self->local_tuple != NULL ? self->local_tuple : tuple);
  _sb_datagram_set_state (self, SB_DATAGRAM_BOUND);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

static void
close_socket (SbDatagram *self)
{
  sb_watch_clear (&self->watch);
  sb_socket_close_recorded (self->capture, self->side, self->socket_id, self->socket,
                            SB_CLOSE_NORMAL, NULL);
  g_clear_object (&self->socket);
  _sb_datagram_update_receive_buffer (self);
}

gboolean
sb_datagram_open (SbDatagram  *self,
                  const char  *address,
                  guint16      port,
                  GError     **error)
{
  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->socket != NULL)
    sb_datagram_close (self);

  if (sb_datagram_open_socket (self, address, error)
      && sb_datagram_bind (self, address, port, error))
    return TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->socket != NULL)
    close_socket (self);
  _sb_datagram_set_state (self, SB_DATAGRAM_FAILED);
  g_object_thaw_notify (G_OBJECT (self));

  return FALSE;
}

gboolean
sb_datagram_connect (SbDatagram  *self,
                     const char  *address,
                     guint16      port,
                     GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) peer = NULL;
  g_autofree char *tuple = NULL;
  struct sockaddr_storage native;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->socket != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_datagram_set_error_message (self, NULL);

  inet = _sb_datagram_parse_address (self, address, error);
  if (inet == NULL)
    return FALSE;

  peer = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (peer);

  g_socket_address_to_native (peer, &native, sizeof native, NULL);
  if (connect (g_socket_get_fd (self->socket), (struct sockaddr *) &native,
               g_socket_address_get_native_size (peer)) != 0)
    {
      int errnum = errno;

      sb_socket_record (self->capture, self->side, self->socket_id, SB_EVENT_CONNECT,
                        SB_CONNECT_FAILED, -1, errnum, 0, tuple);
      return _sb_datagram_fail_step (self, errnum, "connect", tuple, error);
    }

  /* No handshake: connect() only fixes the peer, at once. */
  sb_socket_record (self->capture, self->side, self->socket_id, SB_EVENT_CONNECT,
                    SB_CONNECT_ESTABLISHED, 0, 0, 0, tuple);

  g_object_freeze_notify (G_OBJECT (self));
  _sb_datagram_update_local (self);
  _sb_datagram_set_peer_tuple (self, tuple);
  _sb_datagram_set_state (self, SB_DATAGRAM_CONNECTED);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

void
sb_datagram_close (SbDatagram *self)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));

  if (self->socket == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  close_socket (self);
  _sb_datagram_set_state (self, SB_DATAGRAM_IDLE);
  g_object_thaw_notify (G_OBJECT (self));
}
