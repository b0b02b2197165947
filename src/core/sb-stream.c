/* sb-stream.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-stream"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-enum-types.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

#define DEFAULT_RECEIVE_SIZE    1024
#define DEFAULT_CONNECT_TIMEOUT 10000

struct _SbStream
{
  GObject        parent_instance;

  /* owned references */
  SbCapture     *capture;
  GSocket       *socket;
  GSource       *input_source;
  GSource       *output_source;
  GSource       *timeout_source;
  GCancellable  *cancellable;
  GPtrArray     *addresses;      /* GInetAddress, from the resolver */
  GQueue         send_queue;     /* GBytes; the head is sent from head_offset */
  gsize          head_offset;

  /* connecting */
  char          *host;
  guint16        port;
  guint          next_address;
  guint          n_attempts;
  int            last_errnum;
  char          *attempt_tuple;

  /* properties */
  SbStreamState  state;
  SbSide         side;
  guint          socket_id;
  char          *local_tuple;
  char          *peer_tuple;
  char          *error_message;
  const char    *tcp_state;
  guint64        bytes_sent;
  guint64        bytes_received;
  guint64        bytes_queued;
  guint          bytes_available;
  guint          receive_size;
  guint          connect_timeout;
  guint          auto_receive : 1;

  /* flags */
  guint          receive_pending : 1;   /* sb_stream_receive() waits for data */
  guint          shutdown_pending : 1;  /* shut down writing once the queue drains */
  guint          read_done : 1;         /* eof seen */
  guint          last_recv_short : 1;   /* the last recv() returned less than asked */
  guint          write_done : 1;        /* shutdown(SHUT_WR) done */
};

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
  PROP_AUTO_RECEIVE,
  PROP_RECEIVE_SIZE,
  PROP_CONNECT_TIMEOUT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbStream, sb_stream, G_TYPE_OBJECT)

static void sync_sources (SbStream *self);
static void try_next_address (SbStream *self);

/* Property setters: notify only on change. */

static void
set_state (SbStream      *self,
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

static void
set_string (SbStream    *self,
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
set_error_message_take (SbStream *self,
                        char     *message)
{
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
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

static void
set_socket_id (SbStream *self,
               guint     socket_id)
{
  if (self->socket_id == socket_id)
    return;

  self->socket_id = socket_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOCKET_ID]);
}

static int
get_fd (SbStream *self)
{
  return self->socket != NULL ? g_socket_get_fd (self->socket) : -1;
}

static guint
record (SbStream    *self,
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

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Re-reads tcp-state and bytes-available. */
static void
update_kernel_info (SbStream *self)
{
  const char *tcp_state = NULL;
  guint available = 0;

  if (self->socket != NULL)
    {
      gssize n = g_socket_get_available_bytes (self->socket);

      tcp_state = sb_socket_get_tcp_state (get_fd (self));
      available = n > 0 ? (guint) n : 0;
    }

  if (g_strcmp0 (tcp_state, self->tcp_state) != 0)
    {
      self->tcp_state = tcp_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCP_STATE]);
    }

  if (available != self->bytes_available)
    {
      self->bytes_available = available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_AVAILABLE]);
    }
}

/* Drops what is still queued; returns how many bytes were dropped. */
static guint64
discard_send_queue (SbStream *self)
{
  guint64 dropped = self->bytes_queued;

  g_queue_clear_full (&self->send_queue, (GDestroyNotify) g_bytes_unref);
  self->head_offset = 0;
  self->shutdown_pending = FALSE;
  add_counter (self, &self->bytes_queued, -(gint64) dropped, PROP_BYTES_QUEUED);

  return dropped;
}

/* close() with a close event; removes every source. */
static void
close_socket (SbStream    *self,
              SbCloseHow   how,
              const char  *note)
{
  g_autoptr(GError) error = NULL;

  clear_source (&self->input_source);
  clear_source (&self->output_source);
  clear_source (&self->timeout_source);

  if (self->socket == NULL)
    return;

  if (g_socket_close (self->socket, &error))
    record (self, SB_EVENT_CLOSE, how, 0, 0, 0, note);
  else
    record (self, SB_EVENT_CLOSE, how, -1, 0, 0, error->message);

  g_clear_object (&self->socket);
  update_kernel_info (self);
}

/* A failure that ends the connection: ECONNRESET and EPIPE become a reset
 * event and state RESET, anything else an error event and state FAILED. */
static void
fail_connection (SbStream   *self,
                 int         errnum,
                 const char *call)
{
  g_autofree char *description = sb_errno_describe (errnum);
  g_autofree char *note = NULL;
  guint64 dropped;
  gboolean reset = errnum == ECONNRESET || errnum == EPIPE;

  dropped = discard_send_queue (self);

  if (dropped > 0)
    note = g_strdup_printf (_("%s: %s; %" G_GUINT64_FORMAT " queued bytes were not sent"),
                            call, sb_errno_get_explanation (errnum), dropped);
  else
    note = g_strdup_printf ("%s: %s", call, sb_errno_get_explanation (errnum));

  record (self, reset ? SB_EVENT_RESET : SB_EVENT_ERROR, 0, -1, errnum, 0, note);

  if (reset)
    set_error_message_take (self, g_strdup_printf (_("The peer reset the connection (%s)"),
                                                   sb_errno_get_name (errnum)));
  else
    set_error_message_take (self, g_strdup_printf (_("The connection failed: %s"),
                                                   description));

  close_socket (self, SB_CLOSE_NORMAL,
                reset ? _("closed after the reset") : _("closed after the error"));
  set_state (self, reset ? SB_STREAM_RESET : SB_STREAM_FAILED);
}

/* Receiving */

typedef enum
{
  RECV_DATA,
  RECV_WOULD_BLOCK,
  RECV_EOF,
  RECV_FAILED,
} RecvOutcome;

static void
mark_read_done (SbStream *self)
{
  self->read_done = TRUE;
  self->receive_pending = FALSE;
  set_state (self, self->write_done ? SB_STREAM_BOTH_SHUT : SB_STREAM_PEER_CLOSED);
}

/* One recv() straight into the capture's arena. */
static RecvOutcome
receive_once (SbStream *self)
{
  SbEventInfo info = { 0, };
  guint8 *buffer;
  gssize n;
  int errnum;

  buffer = sb_capture_reserve (self->capture, self->receive_size);

  do
    n = recv (get_fd (self), buffer, self->receive_size, 0);
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
      add_counter (self, &self->bytes_received, n, PROP_BYTES_RECEIVED);
      self->receive_pending = FALSE;
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
    return RECV_WOULD_BLOCK;

  fail_connection (self, errnum, "recv");
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

  g_object_freeze_notify (G_OBJECT (self));

  for (guint calls = 0; calls < SB_MAX_CALLS_PER_DISPATCH; calls++)
    {
      if (!can_receive (self) || !(self->auto_receive || self->receive_pending))
        break;

      if (receive_once (self) != RECV_DATA)
        break;

      /* A short read emptied the kernel's buffer: poll again rather than
       * make a recv() call that can only fail with EAGAIN. */
      if (self->last_recv_short)
        break;
    }

  update_kernel_info (self);
  sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* Sending */

static void
shutdown_now (SbStream   *self,
              const char *note)
{
  int r = shutdown (get_fd (self), SHUT_WR);

  if (r != 0)
    {
      fail_connection (self, errno, "shutdown");
      return;
    }

  record (self, SB_EVENT_SHUTDOWN, SB_SHUTDOWN_WRITE, 0, 0, 0, note);
  self->write_done = TRUE;
  self->shutdown_pending = FALSE;
  set_state (self, self->read_done ? SB_STREAM_BOTH_SHUT : SB_STREAM_WRITE_SHUT);
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
        n = send (get_fd (self), data + self->head_offset, remaining,
                  MSG_NOSIGNAL | MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);

      if (n < 0)
        {
          int errnum = errno;

          if (errnum == EAGAIN)
            break;

          fail_connection (self, errnum, "send");
          g_propagate_error (error, sb_socket_error_new (errnum, self->error_message));
          return FALSE;
        }

      info.kind = SB_EVENT_SEND;
      info.side = self->side;
      info.socket_id = self->socket_id;
      info.result = n;
      info.requested = remaining;
      sb_capture_append (self->capture, &info, data + self->head_offset, n);

      add_counter (self, &self->bytes_sent, n, PROP_BYTES_SENT);
      add_counter (self, &self->bytes_queued, -n, PROP_BYTES_QUEUED);
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

  return TRUE;
}

/* Connecting */

static void
connected (SbStream *self)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (self->socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (self->socket, NULL);
  g_autofree char *local_tuple = local != NULL ? sb_endpoint_format_tuple (local) : NULL;
  g_autofree char *peer_tuple = remote != NULL ? sb_endpoint_format_tuple (remote)
                                                : g_strdup (self->attempt_tuple);

  clear_source (&self->timeout_source);
  clear_source (&self->output_source);

  record (self, SB_EVENT_CONNECT, SB_CONNECT_ESTABLISHED, 0, 0, 0, self->attempt_tuple);
  set_string (self, &self->local_tuple, local_tuple, PROP_LOCAL_TUPLE);
  set_string (self, &self->peer_tuple, peer_tuple, PROP_PEER_TUPLE);
  set_error_message_take (self, NULL);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  set_state (self, SB_STREAM_CONNECTED);
}

/* The attempt on the current address failed: record it, close its socket
 * and go on with the next address. */
static void
attempt_failed (SbStream       *self,
                SbConnectPhase  phase,
                int             errnum)
{
  record (self, SB_EVENT_CONNECT, phase, -1, errnum, 0, self->attempt_tuple);
  self->last_errnum = errnum;
  close_socket (self, SB_CLOSE_NORMAL, NULL);
  try_next_address (self);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  g_autoptr(SbStream) self = g_object_ref (SB_STREAM (user_data));

  g_object_freeze_notify (G_OBJECT (self));
  clear_source (&self->timeout_source);
  attempt_failed (self, SB_CONNECT_TIMED_OUT, ETIMEDOUT);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

static void
finish_connect (SbStream *self)
{
  int errnum = 0;
  socklen_t len = sizeof errnum;

  if (getsockopt (get_fd (self), SOL_SOCKET, SO_ERROR, &errnum, &len) != 0)
    errnum = errno;

  if (errnum == EINPROGRESS || errnum == EALREADY)
    return;

  if (errnum == ECONNRESET || errnum == EPIPE)
    {
      /* A refused handshake is ECONNREFUSED: this one completed, and the
       * peer reset the connection before we looked.  Show both. */
      connected (self);
      fail_connection (self, errnum, "connect");
      return;
    }

  if (errnum != 0)
    {
      attempt_failed (self, errnum == ECONNREFUSED ? SB_CONNECT_REFUSED : SB_CONNECT_FAILED,
                      errnum);
      return;
    }

  /* Lets GSocket know, too. */
  g_socket_check_connect_result (self->socket, NULL);
  connected (self);
}

static gboolean
output_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  g_autoptr(SbStream) self = g_object_ref (SB_STREAM (user_data));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->state == SB_STREAM_CONNECTING)
    finish_connect (self);
  else if (self->socket != NULL)
    flush_send_queue (self, NULL);

  update_kernel_info (self);
  sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* Starts connecting to @address; FALSE when the attempt failed at once. */
static gboolean
try_address (SbStream     *self,
             GInetAddress *address)
{
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (address, self->port);
  g_autoptr(GError) error = NULL;
  GSocketFamily family = g_inet_address_get_family (address);
  struct sockaddr_storage native;
  int fd, r;

  if (self->n_attempts++ > 0)
    set_socket_id (self, sb_capture_new_socket_id (self->capture));

  g_free (self->attempt_tuple);
  self->attempt_tuple = sb_endpoint_format_tuple (sockaddr);

  fd = socket (family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      int errnum = errno;

      sb_socket_record_failure (self->capture, self->side, self->socket_id,
                                SB_EVENT_ERROR, 0, errnum, "socket");
      self->last_errnum = errnum;
      return FALSE;
    }

  record (self, SB_EVENT_SOCKET, 0, fd, 0, 0, sb_socket_family_describe (family));

  self->socket = g_socket_new_from_fd (fd, &error);
  if (self->socket == NULL)
    {
      /* GSocket closes @fd when it fails to wrap it. */
      record (self, SB_EVENT_ERROR, 0, -1, 0, 0, error->message);
      self->last_errnum = EINVAL;
      return FALSE;
    }

  g_socket_address_to_native (sockaddr, &native, sizeof native, NULL);

  do
    r = connect (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (sockaddr));
  while (r != 0 && errno == EINTR);

  if (r != 0 && errno != EINPROGRESS)
    {
      int errnum = errno;

      attempt_failed (self, errnum == ECONNREFUSED ? SB_CONNECT_REFUSED : SB_CONNECT_FAILED,
                      errnum);
      /* attempt_failed() went on with the next address itself. */
      return TRUE;
    }

  record (self, SB_EVENT_CONNECT, SB_CONNECT_STARTED, 0, 0, 0, self->attempt_tuple);

  if (r == 0)
    {
      connected (self);
      sync_sources (self);
      return TRUE;
    }

  set_state (self, SB_STREAM_CONNECTING);
  self->timeout_source = g_timeout_source_new (self->connect_timeout);
  g_source_set_callback (self->timeout_source, connect_timeout_cb, self, NULL);
  g_source_set_name (self->timeout_source, "[sockbench] connect timeout");
  g_source_attach (self->timeout_source, NULL);
  sync_sources (self);

  return TRUE;
}

static void
try_next_address (SbStream *self)
{
  g_autofree char *description = NULL;

  while (self->addresses != NULL && self->next_address < self->addresses->len)
    {
      GInetAddress *address = g_ptr_array_index (self->addresses, self->next_address++);

      if (try_address (self, address))
        return;
    }

  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  description = sb_errno_describe (self->last_errnum);
  set_error_message_take (self, g_strdup_printf (_("Could not connect to %s port %u: %s"),
                                                 self->host, self->port, description));
  set_state (self, SB_STREAM_FAILED);
}

static char *
format_addresses (GPtrArray *addresses)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *address = g_inet_address_to_string (g_ptr_array_index (addresses, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, address);
    }

  return g_string_free (text, FALSE);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbStream) self = SB_STREAM (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_object_freeze_notify (G_OBJECT (self));

  if (addresses == NULL)
    {
      note = g_strdup_printf ("%s: %s", self->host, error->message);
      record (self, SB_EVENT_RESOLVE, 0, -1, 0, 0, note);
      set_error_message_take (self, g_strdup_printf (_("Could not resolve '%s': %s"),
                                                     self->host, error->message));
      set_state (self, SB_STREAM_FAILED);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = addresses; l != NULL; l = l->next)
    g_ptr_array_add (self->addresses, l->data);
  g_list_free (addresses);

  list = format_addresses (self->addresses);
  note = g_strdup_printf (_("%s: %s (tried in this order)"), self->host, list);
  record (self, SB_EVENT_RESOLVE, 0, self->addresses->len, 0, 0, note);

  self->next_address = 0;
  try_next_address (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Sources */

static GSource *
create_source (SbStream          *self,
               GIOCondition       condition,
               GSocketSourceFunc  callback,
               const char        *name)
{
  GSource *source = g_socket_create_source (self->socket, condition, NULL);

  g_source_set_callback (source, G_SOURCE_FUNC (callback), self, NULL);
  g_source_set_priority (source, SB_SOCKET_PRIORITY);
  g_source_set_name (source, name);
  g_source_attach (source, NULL);

  return source;
}

/* Polls for input while someone wants to receive and for output while
 * connecting or while bytes wait to be sent. */
static void
sync_sources (SbStream *self)
{
  gboolean want_input = can_receive (self) && (self->auto_receive || self->receive_pending);
  gboolean want_output = self->socket != NULL
                         && (self->state == SB_STREAM_CONNECTING
                             || (!g_queue_is_empty (&self->send_queue) && !self->write_done));

  if (want_input && self->input_source == NULL)
    self->input_source = create_source (self, G_IO_IN, input_cb, "[sockbench] stream input");
  else if (!want_input)
    clear_source (&self->input_source);

  if (want_output && self->output_source == NULL)
    self->output_source = create_source (self, G_IO_OUT, output_cb, "[sockbench] stream output");
  else if (!want_output)
    clear_source (&self->output_source);
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
sb_stream_new_accepted (SbCapture *capture,
                        GSocket   *socket,
                        gboolean   auto_receive,
                        guint      receive_size)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  SbStream *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  self = g_object_new (SB_TYPE_STREAM,
                       "capture", capture,
                       "side", SB_SIDE_SERVER,
                       "auto-receive", auto_receive,
                       "receive-size", receive_size,
                       NULL);
  self->socket = g_object_ref (socket);
  self->state = SB_STREAM_CONNECTED;

  local = g_socket_get_local_address (socket, NULL);
  remote = g_socket_get_remote_address (socket, NULL);
  self->local_tuple = local != NULL ? sb_endpoint_format_tuple (local) : NULL;
  self->peer_tuple = remote != NULL ? sb_endpoint_format_tuple (remote) : NULL;

  update_kernel_info (self);
  sync_sources (self);

  return self;
}

void
sb_stream_connect (SbStream   *self,
                   const char *host,
                   guint16     port)
{
  g_autoptr(GInetAddress) numeric = NULL;

  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (self->state == SB_STREAM_IDLE);

  g_free (self->host);
  self->host = g_strdup (host);
  self->port = port;

  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, SB_STREAM_RESOLVING);

  numeric = g_inet_address_new_from_string (host);
  if (numeric != NULL)
    {
      /* A numeric address needs no lookup. */
      self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->addresses, g_steal_pointer (&numeric));
      self->next_address = 0;
      try_next_address (self);
    }
  else
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();

      self->cancellable = g_cancellable_new ();
      g_resolver_lookup_by_name_async (resolver, host, self->cancellable,
                                       resolved_cb, g_object_ref (self));
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
check_can_send (SbStream  *self,
                GError   **error)
{
  const char *message = NULL;

  switch (self->state)
    {
    case SB_STREAM_CONNECTED:
    case SB_STREAM_PEER_CLOSED:
      if (!self->shutdown_pending)
        return TRUE;
      message = _("Sending was shut down: nothing more can be sent on this connection");
      break;

    case SB_STREAM_IDLE:
    case SB_STREAM_RESOLVING:
    case SB_STREAM_CONNECTING:
      message = _("Not connected yet: wait until the connection is established");
      break;

    case SB_STREAM_WRITE_SHUT:
    case SB_STREAM_BOTH_SHUT:
      message = _("Sending was shut down: nothing more can be sent on this connection");
      break;

    case SB_STREAM_CLOSED:
      message = _("The connection is closed");
      break;

    case SB_STREAM_RESET:
      message = _("The peer reset the connection");
      break;

    case SB_STREAM_FAILED:
    default:
      message = _("The connection failed");
      break;
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
  add_counter (self, &self->bytes_queued, g_bytes_get_size (bytes), PROP_BYTES_QUEUED);

  /* Send at once unless earlier bytes still wait for G_IO_OUT. */
  if (self->output_source == NULL)
    ok = flush_send_queue (self, error);

  update_kernel_info (self);
  sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

gboolean
sb_stream_receive (SbStream  *self,
                   GError   **error)
{
  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!can_receive (self))
    {
      const char *message;

      if (self->read_done)
        message = _("The peer closed its sending side: there is nothing more to receive");
      else if (self->state == SB_STREAM_IDLE || self->state == SB_STREAM_RESOLVING
               || self->state == SB_STREAM_CONNECTING)
        message = _("Not connected yet: wait until the connection is established");
      else
        message = _("The connection is closed");

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, message);
      return FALSE;
    }

  if (self->receive_pending)
    return TRUE;

  g_object_freeze_notify (G_OBJECT (self));

  /* As a blocking recv() would: now if the socket is readable, else on the
   * next G_IO_IN. */
  self->receive_pending = TRUE;
  if (g_socket_condition_check (self->socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0
      && receive_once (self) == RECV_FAILED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           self->error_message);
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }

  update_kernel_info (self);
  sync_sources (self);

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

  update_kernel_info (self);
  sync_sources (self);

  g_object_thaw_notify (G_OBJECT (self));

  if (self->state == SB_STREAM_RESET || self->state == SB_STREAM_FAILED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           self->error_message);
      return FALSE;
    }

  return TRUE;
}

void
sb_stream_close (SbStream *self)
{
  g_autofree char *note = NULL;
  guint64 dropped;

  g_return_if_fail (SB_IS_STREAM (self));

  if (!sb_stream_state_is_open (self->state))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  dropped = discard_send_queue (self);
  if (dropped > 0)
    note = g_strdup_printf (_("%" G_GUINT64_FORMAT " queued bytes were not sent"), dropped);

  close_socket (self, SB_CLOSE_NORMAL, note);
  set_state (self, SB_STREAM_CLOSED);

  g_object_thaw_notify (G_OBJECT (self));
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

  discard_send_queue (self);
  setsockopt (get_fd (self), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  close_socket (self, SB_CLOSE_ABORT, _("SO_LINGER 0: RST sent to the peer"));
  set_state (self, SB_STREAM_CLOSED);

  g_object_thaw_notify (G_OBJECT (self));
}

void
sb_stream_refresh (SbStream *self)
{
  g_return_if_fail (SB_IS_STREAM (self));

  update_kernel_info (self);
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
  sync_sources (self);
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
  g_return_if_fail (receive_size > 0);

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

const char *
sb_stream_state_to_string (SbStreamState state)
{
  switch (state)
    {
    case SB_STREAM_IDLE:        return _("idle");
    case SB_STREAM_RESOLVING:   return _("resolving");
    case SB_STREAM_CONNECTING:  return _("connecting");
    case SB_STREAM_CONNECTED:   return _("connected");
    case SB_STREAM_PEER_CLOSED: return _("peer closed");
    case SB_STREAM_WRITE_SHUT:  return _("sending shut down");
    case SB_STREAM_BOTH_SHUT:   return _("both directions shut down");
    case SB_STREAM_CLOSED:      return _("closed");
    case SB_STREAM_RESET:       return _("reset");
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
    case SB_STREAM_CONNECTING:
    case SB_STREAM_CONNECTED:
    case SB_STREAM_PEER_CLOSED:
    case SB_STREAM_WRITE_SHUT:
    case SB_STREAM_BOTH_SHUT:
      return TRUE;

    case SB_STREAM_IDLE:
    case SB_STREAM_CLOSED:
    case SB_STREAM_RESET:
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

  clear_source (&self->input_source);
  clear_source (&self->output_source);
  clear_source (&self->timeout_source);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->socket);
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
  properties[PROP_TCP_STATE] =
    g_param_spec_string ("tcp-state", NULL, NULL, NULL, RO);
  properties[PROP_BYTES_AVAILABLE] =
    g_param_spec_uint ("bytes-available", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL, TRUE, RW | G_PARAM_CONSTRUCT);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL, 1, G_MAXUINT32, DEFAULT_RECEIVE_SIZE,
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
