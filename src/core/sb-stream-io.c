/* sb-stream-io.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbStream once connected: the socket watches, recv(), the send queue
 * and shutdown.  Every call is one event with its own return value. */

#define G_LOG_DOMAIN "sb-stream"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

/* Receiving */

/* A dispatch also stops after this long: a recv() that spills to disk or
 * faults in fresh pages can take far longer than the usual microseconds,
 * and painting must not wait for a batch of them. */
#define MAX_DISPATCH_US 4000

typedef enum
{
  RECV_DATA,
  RECV_WOULD_BLOCK,
  RECV_EOF,
  RECV_FAILED,
  RECV_FULL,         /* the capture is full: no recv() was made */
} RecvOutcome;

static void
mark_read_done (SbStream *self)
{
  self->read_done = TRUE;
  _sb_stream_set_state (self, self->write_done ? SB_STREAM_BOTH_SHUT : SB_STREAM_PEER_CLOSED);
  _sb_stream_empty_read_done (self);
}

/* One recv() on @fd (the stream's, looked up once per dispatch) straight
 * into the capture's arena.  A recv() that would block is recorded only
 * when @record_would_block (a single Receive; the automatic ones only
 * poll). */
static RecvOutcome
receive_once (SbStream *self,
              int       fd,
              gboolean  record_would_block)
{
  SbEventInfo info = { 0, };
  guint8 *buffer;
  gssize n;
  int errnum;

  buffer = sb_capture_reserve (self->capture, self->receive_size);
  if (G_UNLIKELY (buffer == NULL))
    return RECV_FULL;

  do
    n = recv (fd, buffer, self->receive_size, 0);
  while (n < 0 && errno == EINTR);
  errnum = n < 0 ? errno : 0;

  info.side = self->side;
  info.socket_id = self->socket_id;
  info.requested = self->receive_size;
  info.result = n;

  if (n > 0)
    {
      info.kind = SB_EVENT_RECV;
      sb_capture_commit (self->capture, &info, n);
      _sb_stream_count_received (self, n);
      self->last_recv_short = (gsize) n < self->receive_size;
      return RECV_DATA;
    }

  if (n == 0)
    {
      info.kind = SB_EVENT_EOF;
      info.note = _("the peer closed its sending side");
      sb_capture_commit (self->capture, &info, 0);
      mark_read_done (self);
      return RECV_EOF;
    }

  if (errnum == EAGAIN)
    {
      if (record_would_block)
        {
          info.kind = SB_EVENT_RECV;
          info.errnum = EAGAIN;
          info.note = _("nothing is waiting: recv() would block");
          sb_capture_commit (self->capture, &info, 0);
        }
      return RECV_WOULD_BLOCK;
    }

  _sb_stream_fail_connection (self, errnum, "recv");
  return RECV_FAILED;
}

static gboolean
can_receive (SbStream *self)
{
  return self->socket != NULL
         && !self->read_done
         && (self->state == SB_STREAM_CONNECTED || self->state == SB_STREAM_WRITE_SHUT);
}

static gboolean
input_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  g_autoptr(SbStream) self = g_object_ref (SB_STREAM (user_data));
  gint64 deadline = g_get_monotonic_time () + MAX_DISPATCH_US;
  int fd = _sb_stream_get_fd (self);

  g_object_freeze_notify (G_OBJECT (self));

  /* Each recv() that returned data was recorded, and its record's time
   * is the clock read this loop needs: none of its own per call. */
  for (guint calls = 0;
       calls < SB_MAX_RECVS_PER_DISPATCH
       && (calls == 0 || sb_capture_get_last_record_time (self->capture) < deadline);
       calls++)
    {
      if (!can_receive (self) || !self->auto_receive)
        break;

      if (receive_once (self, fd, FALSE) != RECV_DATA)
        break;

      /* A short read emptied the kernel's buffer: poll again rather than
       * make a recv() call that can only fail with EAGAIN. */
      if (self->last_recv_short)
        break;
    }

  _sb_stream_notify_received (self);
  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* Sending */

static void
shutdown_now (SbStream   *self,
              const char *note)
{
  int r = shutdown (_sb_stream_get_fd (self), SHUT_WR);

  if (r != 0)
    {
      _sb_stream_fail_connection (self, errno, "shutdown");
      return;
    }

  _sb_stream_record (self, SB_EVENT_SHUTDOWN, SB_SHUTDOWN_WRITE, 0, 0, 0, note);
  self->write_done = TRUE;
  self->shutdown_pending = FALSE;
  _sb_stream_set_state (self, self->read_done ? SB_STREAM_BOTH_SHUT : SB_STREAM_WRITE_SHUT);
}

/* send() what is queued, each call recorded with what the kernel took,
 * until the queue is empty, the kernel is full or the call budget is spent.
 * Returns FALSE, with @error set, when the connection failed. */
static gboolean
flush_send_queue (SbStream  *self,
                  GError   **error)
{
  for (guint calls = 0;
       calls < SB_MAX_CALLS_PER_DISPATCH && !g_queue_is_empty (&self->send_queue);
       calls++)
    {
      GBytes *head = g_queue_peek_head (&self->send_queue);
      gsize len;
      const guint8 *data = g_bytes_get_data (head, &len);
      gsize remaining = len - self->head_offset;
      SbEventInfo info = { 0, };
      gssize n;

      do
        n = send (_sb_stream_get_fd (self), data + self->head_offset, remaining,
                  MSG_NOSIGNAL | MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);

      if (n < 0)
        {
          int errnum = errno;

          if (errnum == EAGAIN)
            break;

          _sb_stream_fail_connection (self, errnum, "send");
          g_propagate_error (error, sb_socket_error_new (errnum, self->error_message));
          return FALSE;
        }

      info.kind = SB_EVENT_SEND;
      info.side = self->side;
      info.socket_id = self->socket_id;
      info.result = n;
      info.requested = remaining;
      sb_capture_append (self->capture, &info, data + self->head_offset, n);

      _sb_stream_add_sent (self, n);
      self->head_offset += n;

      if (self->head_offset == len)
        {
          g_bytes_unref (g_queue_pop_head (&self->send_queue));
          self->head_offset = 0;
        }
      else
        break;  /* the kernel's buffer is full: wait for G_IO_OUT */
    }

  if (g_queue_is_empty (&self->send_queue) && self->shutdown_pending)
    shutdown_now (self, _("after the send queue drained"));
  if (g_queue_is_empty (&self->send_queue))
    _sb_stream_queue_drained (self);

  return TRUE;
}

static gboolean
output_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  g_autoptr(SbStream) self = g_object_ref (SB_STREAM (user_data));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->state == SB_STREAM_CONNECTING)
    _sb_stream_finish_connect (self);
  else if (self->socket != NULL)
    flush_send_queue (self, NULL);

  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* Watches */

/* The capture had room again: reading resumes. */
static void
resume_cb (gpointer object)
{
  _sb_stream_sync_sources (SB_STREAM (object));
}

/* Polls for input while receiving automatically (and the capture has
 * room: while it is full, the kernel's buffer fills and TCP holds the peer
 * back) and for output while connecting or while bytes wait to be sent. */
void
_sb_stream_sync_sources (SbStream *self)
{
  gboolean want_input = can_receive (self) && self->auto_receive;
  gboolean want_output = self->socket != NULL
                         && (self->state == SB_STREAM_CONNECTING
                             || (!g_queue_is_empty (&self->send_queue) && !self->write_done));

  if (want_input)
    want_input = sb_capture_can_record_or_wait (self->capture, &self->full_handler,
                                                resume_cb, self);

  if (want_input && self->input_watch == NULL)
    self->input_watch = sb_watch_new (self->socket, G_IO_IN, input_cb, self,
                                      "[sockbench] stream input");
  else if (!want_input)
    sb_watch_clear (&self->input_watch);

  if (want_output && self->output_watch == NULL)
    self->output_watch = sb_watch_new (self->socket, G_IO_OUT, output_cb, self,
                                       "[sockbench] stream output");
  else if (!want_output)
    sb_watch_clear (&self->output_watch);
}

/* Public API */

/* Why no call can be made on a connection in @state, or NULL while it is
 * open. */
static const char *
not_open_message (SbStreamState state)
{
  switch (state)
    {
    case SB_STREAM_IDLE:
    case SB_STREAM_RESOLVING:
    case SB_STREAM_RESOLVED:
    case SB_STREAM_SOCKET_OPEN:
    case SB_STREAM_CONNECTING:
      return _("Not connected yet: wait until the connection is established");

    case SB_STREAM_CLOSED:
      return _("The connection is closed");

    case SB_STREAM_PEER_LEFT:
      return _("The peer left: the connection is closed");

    case SB_STREAM_FAILED:
      return _("The connection failed");

    case SB_STREAM_CONNECTED:
    case SB_STREAM_PEER_CLOSED:
    case SB_STREAM_WRITE_SHUT:
    case SB_STREAM_BOTH_SHUT:
    default:
      return NULL;
    }
}

static gboolean
check_can_send (SbStream  *self,
                GError   **error)
{
  const char *message = not_open_message (self->state);

  if (message == NULL)
    {
      if (!self->write_done && !self->shutdown_pending)
        return TRUE;

      message = _("Sending was shut down: nothing more can be sent on this connection");
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, message);
  return FALSE;
}

gboolean
sb_stream_send (SbStream  *self,
                GBytes    *bytes,
                GError   **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_can_send (self, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  g_queue_push_tail (&self->send_queue, g_bytes_ref (bytes));
  _sb_stream_add_queued (self, g_bytes_get_size (bytes));

  /* Send at once unless earlier bytes still wait for G_IO_OUT. */
  if (self->output_watch == NULL)
    ok = flush_send_queue (self, error);

  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

gboolean
sb_stream_receive (SbStream  *self,
                   GError   **error)
{
  RecvOutcome outcome;

  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!can_receive (self))
    {
      const char *message = not_open_message (self->state);

      if (message == NULL)
        message = _("The peer closed its sending side: there is nothing more to receive");

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, message);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  /* As recv() on a non-blocking socket: data now, the empty read, or
   * "would block" when nothing waits; never a wait. */
  outcome = receive_once (self, _sb_stream_get_fd (self), TRUE);
  if (outcome == RECV_FULL)
    {
      g_autofree char *message = sb_capture_dup_full_message (self->capture);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, message);
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }
  if (outcome == RECV_FAILED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           self->error_message);
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }

  _sb_stream_notify_received (self);
  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
sb_stream_shutdown_write (SbStream  *self,
                          GError   **error)
{
  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_can_send (self, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  if (g_queue_is_empty (&self->send_queue))
    shutdown_now (self, NULL);
  else
    self->shutdown_pending = TRUE;

  _sb_stream_update_kernel_info (self);
  _sb_stream_sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  if (self->state == SB_STREAM_PEER_LEFT || self->state == SB_STREAM_FAILED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           self->error_message);
      return FALSE;
    }

  return TRUE;
}
