/* sb-stream-close.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbStream's end: close(), the abortive close that sends RST, and the
 * failures that end a connection. */

#define G_LOG_DOMAIN "sb-stream"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

/* Drops what is still queued; returns how many bytes were dropped. */
static guint64
discard_send_queue (SbStream *self)
{
  guint64 dropped = self->bytes_queued;

  g_queue_clear_full (&self->send_queue, (GDestroyNotify) g_bytes_unref);
  self->head_offset = 0;
  self->shutdown_pending = FALSE;
  self->close_pending = FALSE;
  _sb_stream_add_queued (self, -(gint64) dropped);

  return dropped;
}

/* close() with a close event; removes every source. */
void
_sb_stream_close_socket (SbStream    *self,
                         SbCloseHow   how,
                         const char  *note)
{
  sb_watch_clear (&self->input_watch);
  sb_watch_clear (&self->output_watch);
  sb_clear_source (&self->timeout_source);

  if (self->socket == NULL)
    return;

  _sb_stream_remember_tuple (self);
  sb_socket_close_recorded (self->capture, self->side, self->socket_id, self->socket, how, note);
  g_clear_object (&self->socket);
  _sb_stream_update_kernel_info (self);
}

/* A call found the connection ended: when the peer left (ECONNRESET,
 * EPIPE, ENOTCONN: sb_errno_means_peer_left()) a reset event and state
 * PEER_LEFT, anything else an error event and state FAILED.  The note
 * keeps the call and the errno either way. */
void
_sb_stream_fail_connection (SbStream   *self,
                            int         errnum,
                            const char *call)
{
  g_autofree char *note = NULL;
  char *message;
  guint64 dropped;
  gboolean peer_left = sb_errno_means_peer_left (errnum, self->write_done);

  g_object_freeze_notify (G_OBJECT (self));

  dropped = discard_send_queue (self);

  if (dropped > 0)
    note = g_strdup_printf (_("%s: %s; %llu queued bytes were not sent"),
                            call, sb_errno_get_explanation (errnum), (unsigned long long) dropped);
  else
    note = g_strdup_printf ("%s: %s", call, sb_errno_get_explanation (errnum));

  /* A recv() records the buffer it asked for, as its successful twin does. */
  _sb_stream_record (self, peer_left ? SB_EVENT_RESET : SB_EVENT_ERROR, 0, -1, errnum,
                     g_str_equal (call, "recv") ? self->receive_size : 0, note);

  if (errnum == ECONNRESET)
    message = g_strdup_printf (_("The peer left: it reset the connection (ECONNRESET in %s())"),
                               call);
  else if (peer_left)
    /* Translators: the errno's name, then the call, as in "ENOTCONN in shutdown()" */
    message = g_strdup_printf (_("The peer left: the connection was already gone (%s in %s())"),
                               sb_errno_get_name (errnum), call);
  else
    {
      g_autofree char *description = sb_errno_describe (errnum);

      message = g_strdup_printf (_("The connection failed: %s"), description);
    }
  _sb_stream_set_error_message_take (self, message);

  _sb_stream_close_socket (self, SB_CLOSE_NORMAL,
                           peer_left ? _("closed after the peer left")
                                     : _("closed after the error"));
  /* The state and the message change together (notifications are frozen),
   * so that a listener sees both. */
  _sb_stream_set_state (self, peer_left ? SB_STREAM_PEER_LEFT : SB_STREAM_FAILED);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
_sb_stream_is_finished (SbStream *self)
{
  return self->socket != NULL
         && self->read_done
         && sb_stream_state_is_open (self->state)
         && g_queue_is_empty (&self->send_queue);
}

void
_sb_stream_close_noted (SbStream   *self,
                        const char *note)
{
  g_autofree char *full_note = NULL;
  guint64 dropped;

  if (!sb_stream_state_is_open (self->state))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  _sb_stream_abandon_connect (self);

  dropped = discard_send_queue (self);
  if (dropped > 0 && note != NULL)
    /* Translators: why the connection was closed, then the bytes dropped */
    full_note = g_strdup_printf (_("%s; %llu queued bytes were not sent"),
                                 note, (unsigned long long) dropped);
  else if (dropped > 0)
    full_note = g_strdup_printf (_("%llu queued bytes were not sent"),
                                 (unsigned long long) dropped);

  _sb_stream_close_socket (self, SB_CLOSE_NORMAL, full_note != NULL ? full_note : note);
  _sb_stream_set_state (self, SB_STREAM_CLOSED);

  g_object_thaw_notify (G_OBJECT (self));
}

void
_sb_stream_set_close_after_empty_read (SbStream *self,
                                       gboolean  close_after)
{
  self->close_after_empty_read = !!close_after;
}

void
_sb_stream_empty_read_done (SbStream *self)
{
  if (!self->close_after_empty_read || self->socket == NULL)
    return;

  /* What was offered to send still goes first, as a server that sends its
   * reply and then closes. */
  if (!g_queue_is_empty (&self->send_queue))
    {
      self->close_pending = TRUE;
      return;
    }

  _sb_stream_close_noted (self, _("closed after the empty read"));
}

void
_sb_stream_queue_drained (SbStream *self)
{
  if (self->close_pending && self->socket != NULL)
    _sb_stream_close_noted (self, _("closed after the empty read, once the send queue drained"));
}

/* Public API */

void
sb_stream_close (SbStream *self)
{
  g_return_if_fail (SB_IS_STREAM (self));

  _sb_stream_close_noted (self, NULL);
}

void
sb_stream_reset (SbStream *self)
{
  struct linger linger = { 1, 0 };

  g_return_if_fail (SB_IS_STREAM (self));

  if (self->socket == NULL)
    {
      sb_stream_close (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  _sb_stream_abandon_connect (self);
  discard_send_queue (self);
  setsockopt (_sb_stream_get_fd (self), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  _sb_stream_close_socket (self, SB_CLOSE_ABORT, _("SO_LINGER 0: RST sent to the peer"));
  _sb_stream_set_state (self, SB_STREAM_CLOSED);

  g_object_thaw_notify (G_OBJECT (self));
}

