/* sb-http-responder-conn.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbHttpResponder's connections: replies in order, and the ending.
 *
 * The ending is a graceful close: when the peer has sent its eof already,
 * close() once the kernel has taken the last reply.  Otherwise
 * shutdown(SHUT_WR) once the last reply has
 * left the send queue (the stream defers it until then), so the peer reads
 * the whole reply and then its eof; we close() when the peer's eof comes
 * back (both directions done), or after close-timeout if it never does.
 * Closing at once instead would discard what the kernel has not sent yet
 * from the stream's queue, and a close() with unread request bytes in the
 * receive buffer makes the kernel send RST: a well-behaved peer would see
 * "connection reset" instead of the end of the reply.
 *
 * A connection kept alive but left idle (no request, or one that never
 * ends) for idle-timeout gets the same ending, as web servers time out
 * keep-alive connections, so a browser's spare connections do not pile
 * up. */

#define G_LOG_DOMAIN "sb-http-responder"

#include "config.h"

#include "sb-capture.h"
#include "sb-http.h"
#include "sb-http-responder-private.h"
#include "sb-stream.h"

void
_sb_responder_reply_free (SbResponderReply *reply)
{
  g_clear_pointer (&reply->reply, g_bytes_unref);
  g_clear_object (&reply->cancellable);
  g_free (reply->status_line);
  g_free (reply->headers);
  g_free (reply);
}

static void
drop_reply (SbResponderReply *reply)
{
  /* A file still being read: its callback frees it. */
  if (reply->cancellable != NULL)
    {
      reply->conn = NULL;
      g_cancellable_cancel (reply->cancellable);
      return;
    }

  _sb_responder_reply_free (reply);
}

static gboolean
close_timeout_cb (gpointer user_data)
{
  SbResponderConn *conn = user_data;

  conn->close_id = 0;
  g_debug ("Socket %u: no eof from the peer after our shutdown; closing", conn->socket_id);
  sb_stream_close (conn->stream);

  return G_SOURCE_REMOVE;
}

static void
end_connection (SbResponderConn *conn)
{
  g_autoptr(GError) error = NULL;

  if (conn->shut)
    return;

  conn->ending = TRUE;
  conn->shut = TRUE;
  g_clear_handle_id (&conn->idle_id, g_source_remove);
  g_queue_clear_full (&conn->replies, (GDestroyNotify) drop_reply);

  if (!sb_stream_state_is_open (sb_stream_get_state (conn->stream)))
    return;

  /* The peer has finished sending and the kernel holds all our bytes:
   * close() sends them and the FIN as shutdown() would, and cannot fail
   * with ENOTCONN when the peer has already gone (a browser that leaves
   * without reading its favicon's reply resets the connection). */
  if (conn->peer_done && sb_stream_get_bytes_queued (conn->stream) == 0)
    {
      sb_stream_close (conn->stream);
      return;
    }

  if (!sb_stream_shutdown_write (conn->stream, &error))
    {
      g_debug ("Socket %u: %s; closing", conn->socket_id, error->message);
      sb_stream_close (conn->stream);
      return;
    }

  /* The rest happens as the state changes: WRITE_SHUT once the queue
   * has drained (the close timeout starts), BOTH_SHUT at the peer's eof. */
}

static gboolean
idle_timeout_cb (gpointer user_data)
{
  SbResponderConn *conn = user_data;

  conn->idle_id = 0;

  /* A reply still being made (a file being read) is not idleness. */
  if (!g_queue_is_empty (&conn->replies))
    {
      _sb_responder_conn_touch (conn);
      return G_SOURCE_REMOVE;
    }

  g_debug ("Socket %u: idle for %u ms; ending it", conn->socket_id,
           conn->responder->idle_timeout_ms);
  end_connection (conn);

  return G_SOURCE_REMOVE;
}

void
_sb_responder_conn_touch (SbResponderConn *conn)
{
  g_clear_handle_id (&conn->idle_id, g_source_remove);
  if (conn->shut || conn->responder->idle_timeout_ms == 0)
    return;

  conn->idle_id = g_timeout_add (conn->responder->idle_timeout_ms, idle_timeout_cb, conn);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, conn->idle_id),
                            "[sockbench] responder idle");
}

void
_sb_responder_conn_flush (SbResponderConn *conn)
{
  while (!g_queue_is_empty (&conn->replies))
    {
      SbResponderReply *reply = g_queue_peek_head (&conn->replies);
      g_autoptr(GError) error = NULL;
      gboolean keep_alive;

      if (reply->reply == NULL)
        return;

      g_queue_pop_head (&conn->replies);
      keep_alive = (reply->flags & SB_HTTP_REPLY_KEEP_ALIVE) != 0;

      if (!sb_stream_send (conn->stream, reply->reply, &error))
        {
          g_debug ("No reply on socket %u: %s", conn->socket_id, error->message);
          keep_alive = FALSE;
        }
      _sb_responder_reply_free (reply);

      if (!keep_alive)
        {
          end_connection (conn);
          return;
        }
    }

  if (conn->peer_done)
    end_connection (conn);
}

void
_sb_responder_conn_push (SbResponderConn  *conn,
                         SbResponderReply *reply)
{
  reply->conn = conn;
  g_queue_push_tail (&conn->replies, reply);
  if ((reply->flags & SB_HTTP_REPLY_KEEP_ALIVE) == 0)
    conn->ending = TRUE;

  _sb_responder_conn_flush (conn);
}

static gboolean
check_cb (gpointer user_data)
{
  SbResponderConn *conn = user_data;
  SbHttpResponder *self = conn->responder;
  SbStreamState state = sb_stream_get_state (conn->stream);

  conn->check_id = 0;

  if (state == SB_STREAM_PEER_CLOSED && !conn->peer_done)
    {
      /* A request that came just before the eof is reported by the
       * follower when the capture announces its events: let it, so the
       * request is answered before the ending. */
      conn->peer_done = TRUE;
      sb_capture_flush (sb_http_follower_get_capture (self->follower));
      if (g_hash_table_lookup (self->conns, GUINT_TO_POINTER (conn->socket_id)) == conn)
        _sb_responder_conn_flush (conn);
    }
  else if (state == SB_STREAM_WRITE_SHUT && conn->shut && conn->close_id == 0)
    {
      conn->close_id = g_timeout_add (self->close_timeout_ms, close_timeout_cb, conn);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, conn->close_id),
                                "[sockbench] responder close");
    }
  else if (state == SB_STREAM_BOTH_SHUT && conn->shut)
    {
      sb_stream_close (conn->stream);
    }
  else if (!sb_stream_state_is_open (state))
    {
      g_hash_table_remove (self->conns, GUINT_TO_POINTER (conn->socket_id));
    }

  return G_SOURCE_REMOVE;
}

static void
state_cb (SbResponderConn *conn)
{
  /* Not from inside the stream's own notification. */
  if (conn->check_id == 0)
    {
      conn->check_id = g_idle_add (check_cb, conn);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, conn->check_id),
                                "[sockbench] responder check");
    }
}

SbResponderConn *
_sb_responder_conn_new (SbHttpResponder *self,
                        SbStream        *stream)
{
  SbResponderConn *conn = g_new0 (SbResponderConn, 1);

  conn->responder = self;
  conn->stream = g_object_ref (stream);
  conn->socket_id = sb_stream_get_socket_id (stream);
  g_queue_init (&conn->replies);
  g_signal_connect_swapped (stream, "notify::state", G_CALLBACK (state_cb), conn);
  _sb_responder_conn_touch (conn);

  /* It may have reached its eof before we looked. */
  state_cb (conn);

  return conn;
}

void
_sb_responder_conn_free (SbResponderConn *conn)
{
  g_signal_handlers_disconnect_by_data (conn->stream, conn);
  g_clear_handle_id (&conn->check_id, g_source_remove);
  g_clear_handle_id (&conn->close_id, g_source_remove);
  g_clear_handle_id (&conn->idle_id, g_source_remove);
  g_queue_clear_full (&conn->replies, (GDestroyNotify) drop_reply);
  g_clear_object (&conn->stream);
  g_free (conn);
}
