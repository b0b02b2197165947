/* sb-stream-connect.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbStream: name resolution, one non-blocking connect() per address in
 * turn, the connect timeout.  Each call is a step of its own
 * (sb_stream_resolve(), sb_stream_open_socket(), sb_stream_connect_socket());
 * sb_stream_connect() goes through the same steps by itself. */

#define G_LOG_DOMAIN "sb-stream"

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

static void try_next_address (SbStream *self);

static gboolean
has_next_address (SbStream *self)
{
  return self->addresses != NULL && self->next_address < self->addresses->len;
}

static void
connected (SbStream *self)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (self->socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (self->socket, NULL);
  g_autofree char *local_tuple = local != NULL ? sb_endpoint_format_tuple (local) : NULL;
  g_autofree char *peer_tuple = remote != NULL ? sb_endpoint_format_tuple (remote)
                                                : g_strdup (self->attempt_tuple);

  sb_clear_source (&self->timeout_source);
  sb_watch_clear (&self->output_watch);

  _sb_stream_record (self, SB_EVENT_CONNECT, SB_CONNECT_ESTABLISHED, 0, 0, 0,
                     self->attempt_tuple);
  _sb_stream_set_tuples (self, local_tuple, peer_tuple);
  _sb_stream_set_error_message_take (self, NULL);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  _sb_stream_set_state (self, SB_STREAM_CONNECTED);
}

/* No address is left to try. */
static void
all_failed (SbStream *self)
{
  g_autofree char *description = sb_errno_describe (self->last_errnum);

  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  _sb_stream_set_error_message_take (self,
                                     g_strdup_printf (_("Could not connect to %s port %u: %s"),
                                                      self->host, self->port, description));
  _sb_stream_set_state (self, SB_STREAM_FAILED);
}

/* An attempt is over without a connection: the next address is tried now,
 * or, step by step, on the next sb_stream_open_socket(). */
static void
go_on (SbStream *self)
{
  if (!has_next_address (self))
    all_failed (self);
  else if (self->stepping)
    _sb_stream_set_state (self, SB_STREAM_RESOLVED);
  else
    try_next_address (self);
}

/* The attempt on the current address failed: record it, close its socket
 * and go on with the next address.  While one is left, the failure is a
 * normal step (SB_CONNECT_NEXT_ADDRESS), not the connection's. */
static void
attempt_failed (SbStream       *self,
                SbConnectPhase  phase,
                int             errnum)
{
  if (has_next_address (self))
    phase = SB_CONNECT_NEXT_ADDRESS;

  _sb_stream_record (self, SB_EVENT_CONNECT, phase, -1, errnum, 0, self->attempt_tuple);
  self->last_errnum = errnum;
  _sb_stream_close_socket (self, SB_CLOSE_NORMAL, NULL);
  go_on (self);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  g_autoptr(SbStream) self = g_object_ref (SB_STREAM (user_data));

  g_object_freeze_notify (G_OBJECT (self));
  sb_clear_source (&self->timeout_source);
  attempt_failed (self, SB_CONNECT_TIMED_OUT, ETIMEDOUT);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

void
_sb_stream_finish_connect (SbStream *self)
{
  int errnum = 0;
  socklen_t len = sizeof errnum;

  if (getsockopt (_sb_stream_get_fd (self), SOL_SOCKET, SO_ERROR, &errnum, &len) != 0)
    errnum = errno;

  if (errnum == EINPROGRESS || errnum == EALREADY)
    return;

  if (errnum == ECONNRESET || errnum == EPIPE)
    {
      /* A refused handshake is ECONNREFUSED: this one completed, and the
       * peer reset the connection before we looked.  Show both. */
      connected (self);
      _sb_stream_fail_connection (self, errnum, "connect");
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

/* socket() for the next address; FALSE, with last_errnum set, when it
 * failed (the failure is recorded). */
static gboolean
open_next_socket (SbStream *self)
{
  GInetAddress *address = g_ptr_array_index (self->addresses, self->next_address++);
  int fd;

  if (self->n_attempts++ > 0)
    _sb_stream_set_socket_id (self, sb_capture_new_socket_id (self->capture));

  g_clear_object (&self->attempt_address);
  self->attempt_address = g_inet_socket_address_new (address, self->port);
  g_free (self->attempt_tuple);
  self->attempt_tuple = sb_endpoint_format_tuple (self->attempt_address);

  fd = sb_socket_open (self->capture, self->side, self->socket_id,
                       g_inet_address_get_family (address));
  if (fd < 0)
    {
      self->last_errnum = errno;
      return FALSE;
    }

  self->socket = sb_socket_wrap (self->capture, self->side, self->socket_id, fd, NULL);
  if (self->socket == NULL)
    {
      self->last_errnum = EINVAL;
      return FALSE;
    }

  _sb_stream_set_state (self, SB_STREAM_SOCKET_OPEN);

  return TRUE;
}

/* connect() of the socket open_next_socket() made, to its address. */
static void
start_connect (SbStream *self)
{
  struct sockaddr_storage native;
  int fd = _sb_stream_get_fd (self);
  int r;

  g_socket_address_to_native (self->attempt_address, &native, sizeof native, NULL);

  /* Interrupted, a non-blocking connect() goes on in the background as
   * if it had returned EINPROGRESS: calling it again would fail with
   * EALREADY. */
  r = connect (fd, (struct sockaddr *) &native,
               g_socket_address_get_native_size (self->attempt_address));

  if (r != 0 && errno != EINPROGRESS && errno != EINTR)
    {
      int errnum = errno;

      attempt_failed (self, errnum == ECONNREFUSED ? SB_CONNECT_REFUSED : SB_CONNECT_FAILED,
                      errnum);
      return;
    }

  /* The kernel chose our address at connect(): the ladder pairs us by it. */
  sb_socket_note_local_tuple (self->capture, self->socket_id, self->socket);
  _sb_stream_record (self, SB_EVENT_CONNECT, SB_CONNECT_STARTED, 0, 0, 0, self->attempt_tuple);

  if (r == 0)
    {
      connected (self);
      _sb_stream_sync_sources (self);
      return;
    }

  _sb_stream_set_state (self, SB_STREAM_CONNECTING);
  self->timeout_source = g_timeout_source_new (self->connect_timeout);
  g_source_set_callback (self->timeout_source, connect_timeout_cb, self, NULL);
  g_source_set_static_name (self->timeout_source, "[sockbench] connect timeout");
  g_source_attach (self->timeout_source, NULL);
  _sb_stream_sync_sources (self);
}

/* All by itself: socket() and connect() for each address in turn, until
 * one connects. */
static void
try_next_address (SbStream *self)
{
  while (has_next_address (self))
    {
      if (open_next_socket (self))
        {
          /* attempt_failed() goes on with the next address itself. */
          start_connect (self);
          return;
        }
    }

  all_failed (self);
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

/* The addresses are known: recorded as the resolve event (when @record),
 * then the first is tried, or, step by step, the state says socket() is
 * next. */
static void
resolved (SbStream *self,
          GList    *addresses,
          gboolean  record)
{
  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = addresses; l != NULL; l = l->next)
    g_ptr_array_add (self->addresses, l->data);
  g_list_free (addresses);
  self->next_address = 0;

  if (record)
    {
      g_autofree char *list = format_addresses (self->addresses);
      g_autofree char *note = g_strdup_printf (_("%s: %s (tried in this order)"),
                                               self->host, list);

      _sb_stream_record (self, SB_EVENT_RESOLVE, 0, self->addresses->len, 0, 0, note);
    }

  if (self->stepping)
    _sb_stream_set_state (self, SB_STREAM_RESOLVED);
  else
    try_next_address (self);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbStream) self = SB_STREAM (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  /* Closed meanwhile: the cancellation may lose the race with the answer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || self->state != SB_STREAM_RESOLVING)
    {
      g_resolver_free_addresses (addresses);
      return;
    }

  g_clear_object (&self->cancellable);
  g_object_freeze_notify (G_OBJECT (self));

  if (addresses == NULL)
    {
      note = g_strdup_printf ("%s: %s", self->host, error->message);
      _sb_stream_record (self, SB_EVENT_RESOLVE, 0, -1, 0, 0, note);
      _sb_stream_set_error_message_take (self,
                                         g_strdup_printf (_("Could not resolve '%s': %s"),
                                                          self->host, error->message));
      _sb_stream_set_state (self, SB_STREAM_FAILED);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  resolved (self, addresses, TRUE);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_resolving (SbStream   *self,
                 const char *host,
                 guint16     port,
                 gboolean    stepping)
{
  g_autoptr(GInetAddress) numeric = NULL;

  g_free (self->host);
  self->host = g_strdup (host);
  self->port = port;
  self->stepping = !!stepping;

  g_object_freeze_notify (G_OBJECT (self));
  _sb_stream_set_state (self, SB_STREAM_RESOLVING);

  numeric = g_inet_address_new_from_string (host);
  if (numeric != NULL)
    {
      /* A numeric address needs no lookup, as connect(('127.0.0.1', port))
       * makes none; an explicit getaddrinfo() step is still shown. */
      resolved (self, g_list_prepend (NULL, g_steal_pointer (&numeric)), stepping);
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

/* Public API */

void
sb_stream_connect (SbStream   *self,
                   const char *host,
                   guint16     port)
{
  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (self->state == SB_STREAM_IDLE);

  start_resolving (self, host, port, FALSE);
}

void
sb_stream_resolve (SbStream   *self,
                   const char *host,
                   guint16     port)
{
  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (self->state == SB_STREAM_IDLE);

  start_resolving (self, host, port, TRUE);
}

gboolean
sb_stream_open_socket (SbStream  *self,
                       GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (SB_IS_STREAM (self), FALSE);
  g_return_val_if_fail (self->state == SB_STREAM_RESOLVED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  ok = open_next_socket (self);
  if (!ok)
    {
      g_autofree char *description = sb_errno_describe (self->last_errnum);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (self->last_errnum),
                   _("Could not create a socket: %s"), description);
      go_on (self);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

void
sb_stream_connect_socket (SbStream *self)
{
  g_return_if_fail (SB_IS_STREAM (self));
  g_return_if_fail (self->state == SB_STREAM_SOCKET_OPEN);

  g_object_freeze_notify (G_OBJECT (self));
  start_connect (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sb_stream_abandon_connect (SbStream *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
}
