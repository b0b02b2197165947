/* sb-listener-accept.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbListener: the listening socket's watch and accept(), automatic or
 * one at a time on request. */

#define G_LOG_DOMAIN "sb-listener"

/* accept4() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-listener-private.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

/* After accept() failed for another reason than an empty backlog (EMFILE,
 * ENOBUFS, …), the listening socket stays readable: wait this long before
 * polling it again rather than record one failure per main-loop turn. */
#define ACCEPT_RETRY_MS 1000

typedef enum
{
  ACCEPT_DONE,
  ACCEPT_NONE_WAITING,
  ACCEPT_FAILED,
  ACCEPT_FULL,         /* the capture is full: no accept() was made */
} AcceptOutcome;

/* The capture had room again: accepting resumes. */
static void
resume_cb (gpointer object)
{
  _sb_listener_sync_source (SB_LISTENER (object));
}

gboolean
_sb_listener_may_accept (SbListener *self)
{
  return sb_capture_can_record_or_wait (self->capture, &self->full_handler, resume_cb, self);
}

static gboolean
retry_cb (gpointer user_data)
{
  SbListener *self = SB_LISTENER (user_data);

  g_clear_pointer (&self->retry_source, g_source_unref);
  _sb_listener_sync_source (self);

  return G_SOURCE_REMOVE;
}

static void
pause_accepting (SbListener *self,
                 guint       interval_ms)
{
  sb_watch_clear (&self->watch);
  if (self->retry_source != NULL)
    return;

  self->retry_source = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->retry_source, retry_cb, self, NULL);
  g_source_set_priority (self->retry_source, SB_SOCKET_PRIORITY);
  g_source_set_static_name (self->retry_source, "[sockbench] listener retry");
  g_source_attach (self->retry_source, NULL);
}

/* One accept(), recorded. */
static AcceptOutcome
accept_once (SbListener *self)
{
  g_autoptr(GSocketAddress) peer = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(SbStream) stream = NULL;
  g_autofree char *tuple = NULL;
  struct sockaddr_storage native;
  struct sockaddr_storage local_native;
  socklen_t len;
  socklen_t local_len = sizeof local_native;
  int errnum = 0;
  int fd;

  if (G_UNLIKELY (!_sb_listener_may_accept (self)))
    return ACCEPT_FULL;

  /* Taken from the kernel's queue already (sb-listener-drain.c)? */
  len = sizeof native;
  fd = _sb_listener_take_drained (self, (struct sockaddr *) &native, &len);
  while (fd < 0)
    {
      len = sizeof native;
      fd = accept4 (g_socket_get_fd (self->socket), (struct sockaddr *) &native, &len,
                    SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd >= 0)
        break;
      errnum = errno;
      if (errnum == EINTR || errnum == ECONNABORTED)
        continue;
      /* Out of descriptors: a finished connection closed makes room. */
      if (_sb_listener_errno_is_fd_limit (errnum) && _sb_listener_at_fd_limit (self, errnum))
        continue;
      break;
    }

  if (fd < 0)
    {
      if (errnum == EAGAIN)
        {
          _sb_listener_fds_accepted (self);
          return ACCEPT_NONE_WAITING;
        }

      /* Recorded (and counted) already; the listening socket stays
       * readable: not watched until the timer, else it would spin. */
      if (_sb_listener_errno_is_fd_limit (errnum))
        {
          pause_accepting (self, SB_LISTENER_FD_RETRY_MS);
          return ACCEPT_FAILED;
        }

      sb_socket_record_failure (self->capture, SB_SIDE_SERVER, self->socket_id,
                                SB_EVENT_ERROR, 0, errnum, "accept");
      pause_accepting (self, ACCEPT_RETRY_MS);
      return ACCEPT_FAILED;
    }

  _sb_listener_fds_accepted (self);

  /* The addresses now, from accept4() and getsockname(): a reset may take
   * them from the socket before anyone asks again. */
  peer = g_socket_address_new_from_native (&native, len);
  if (getsockname (fd, (struct sockaddr *) &local_native, &local_len) == 0)
    local = g_socket_address_new_from_native (&local_native, local_len);
  tuple = peer != NULL ? sb_endpoint_format_tuple (peer) : NULL;

  socket = sb_socket_wrap (self->capture, SB_SIDE_SERVER, self->socket_id, fd, NULL);
  if (socket == NULL)
    return ACCEPT_FAILED;

  stream = sb_stream_new_accepted (self->capture, socket, local, peer, self->auto_receive,
                                   self->receive_size);
  _sb_listener_fds_prepare (self, stream);
  _sb_listener_record (self, sb_stream_get_socket_id (stream), SB_EVENT_ACCEPT, fd, 0, 0, tuple);

  _sb_listener_add_connection (self, stream);

  return ACCEPT_DONE;
}

static gboolean
source_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  g_autoptr(SbListener) self = g_object_ref (SB_LISTENER (user_data));

  if (self->auto_accept)
    {
      _sb_listener_accept_batch (self);
      return G_SOURCE_CONTINUE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->accept_requested)
    {
      /* The request stands until a connection is accepted. */
      _sb_listener_fds_hold_reserve (self);
      if (accept_once (self) == ACCEPT_DONE)
        self->accept_requested = FALSE;
      _sb_listener_fds_release_reserve (self);
      _sb_listener_set_pending (self, FALSE);
    }
  else
    _sb_listener_set_pending (self, TRUE);

  _sb_listener_sync_source (self);
  _sb_listener_update_accept_queue (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

void
_sb_listener_accept_batch (SbListener *self)
{
  AcceptOutcome outcome = ACCEPT_NONE_WAITING;
  guint calls;

  /* A handler of what is announced may drop the last other reference. */
  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));

  self->drain_failed = FALSE;
  _sb_listener_drain (self);
  _sb_listener_begin_batch (self);
  _sb_listener_fds_hold_reserve (self);
  for (calls = 0; calls < SB_MAX_CALLS_PER_DISPATCH && self->socket != NULL; calls++)
    if ((outcome = accept_once (self)) != ACCEPT_DONE)
      break;
  _sb_listener_fds_release_reserve (self);
  _sb_listener_end_batch (self);

  /* Stopped early: more may wait, and the source fires again. */
  _sb_listener_set_pending (self, calls == SB_MAX_CALLS_PER_DISPATCH
                                  || outcome == ACCEPT_FAILED);

  _sb_listener_sync_source (self);
  _sb_listener_update_accept_queue (self);

  g_object_thaw_notify (G_OBJECT (self));
  g_object_unref (self);
}

void
_sb_listener_sync_source (SbListener *self)
{
  gboolean wanted = self->state == SB_LISTENER_LISTENING
                    && self->retry_source == NULL
                    && (self->auto_accept || self->accept_requested || !self->pending)
                    && _sb_listener_may_accept (self);

  if (wanted && self->watch == NULL)
    self->watch = sb_watch_new (self->socket, G_IO_IN, source_cb, self,
                                "[sockbench] listener");
  else if (!wanted)
    sb_watch_clear (&self->watch);
  _sb_listener_sync_drained (self);
}

void
_sb_listener_clear_sources (SbListener *self)
{
  sb_watch_clear (&self->watch);
  sb_clear_source (&self->retry_source);
  _sb_listener_clear_drained (self);
}

gboolean
sb_listener_accept_one (SbListener  *self,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != SB_LISTENER_LISTENING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           _("Not listening: start listening first"));
      return FALSE;
    }

  /* As a single Receive: the capture full, no accept() is made. */
  if (!_sb_listener_may_accept (self))
    {
      g_autofree char *message = sb_capture_dup_full_message (self->capture);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, message);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  /* As a blocking accept() would: now if a connection waits, else as soon
   * as one arrives. */
  _sb_listener_fds_hold_reserve (self);
  if (accept_once (self) != ACCEPT_DONE)
    self->accept_requested = TRUE;
  _sb_listener_fds_release_reserve (self);
  _sb_listener_set_pending (self, FALSE);
  _sb_listener_sync_source (self);
  _sb_listener_update_accept_queue (self);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}
