/* sb-datagram-resolve.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbDatagram: sendto() and connect() to a host name, resolved with
 * GResolver first (asynchronously), socket() made on the way when there is
 * none yet. */

#define G_LOG_DOMAIN "sb-datagram"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-private.h"
#include "sb-datagram-resolve.h"
#include "sb-socket-util.h"

typedef struct
{
  char    *host;
  GBytes  *payload;   /* what to send; unused for connect() */
  guint16  port;
  gboolean connect;
} Request;

static void
request_free (Request *request)
{
  g_free (request->host);
  g_clear_pointer (&request->payload, g_bytes_unref);
  g_free (request);
}

static GSocketFamily
socket_family (SbDatagram *self)
{
  return self->socket != NULL ? g_socket_get_family (self->socket) : G_SOCKET_FAMILY_INVALID;
}

static const char *
family_name (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? "IPv6" : "IPv4";
}

/* The socket id a resolve event goes with: the socket's, or, before there
 * is one, the id its socket() will take. */
static guint
resolve_socket_id (SbDatagram *self)
{
  if (self->socket != NULL)
    return self->socket_id;

  if (self->reserved_socket_id == 0)
    self->reserved_socket_id = sb_capture_new_socket_id (self->capture);

  return self->reserved_socket_id;
}

/* The address to use among @addresses: one of the socket's family, or
 * without a socket the first IPv4 one, else the first.  (transfer none) */
static GInetAddress *
choose_address (SbDatagram *self,
                GList      *addresses)
{
  GSocketFamily family = socket_family (self);

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      GSocketFamily each = g_inet_address_get_family (l->data);

      if (family != G_SOCKET_FAMILY_INVALID ? each == family : each == G_SOCKET_FAMILY_IPV4)
        return l->data;
    }

  return family == G_SOCKET_FAMILY_INVALID && addresses != NULL ? addresses->data : NULL;
}

static void
task_fail (GTask      *task,
           GQuark      domain,
           int         code,
           const char *message)
{
  SbDatagram *self = g_task_get_source_object (task);

  _sb_datagram_set_error_message (self, message);
  g_task_return_new_error (task, domain, code, "%s", message);
}

/* The host has no address of the socket's family: no call is made. */
static void
fail_family (GTask      *task,
             const char *host,
             gboolean    numeric)
{
  SbDatagram *self = g_task_get_source_object (task);
  GSocketFamily family = socket_family (self);
  const char *socket_name = family == G_SOCKET_FAMILY_IPV6 ? "AF_INET6" : "AF_INET";
  g_autofree char *message = NULL;

  if (numeric)
    /* Translators: "::1 is an IPv6 address, the socket is AF_INET: …" */
    message = g_strdup_printf (_("%s is an %s address, the socket is %s: close the socket "
                                 "to change its family"),
                               host, family == G_SOCKET_FAMILY_IPV6 ? "IPv4" : "IPv6",
                               socket_name);
  else
    message = g_strdup_printf (_("“%s” has no %s address for the %s socket: close the "
                                 "socket to change its family"),
                               host, family_name (family), socket_name);

  task_fail (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, message);
}

/* Makes the call the task is for, to @inet. */
static void
make_call (GTask        *task,
           GInetAddress *inet)
{
  SbDatagram *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *address = g_inet_address_to_string (inet);
  GError *error = NULL;
  gboolean ok;

  if (self->socket == NULL && !sb_datagram_open_socket (self, address, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (request->connect)
    ok = sb_datagram_connect (self, address, request->port, &error);
  else
    ok = sb_datagram_send_to (self, address, request->port, request->payload, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
format_addresses (GList        *addresses,
                  GInetAddress *chosen,
                  gboolean      connect)
{
  GString *text = g_string_new (NULL);
  g_autofree char *used = NULL;

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *address = g_inet_address_to_string (l->data);

      if (l != addresses)
        g_string_append (text, ", ");
      g_string_append (text, address);
    }

  if (chosen == NULL || addresses->next == NULL)
    return g_string_free (text, FALSE);

  used = g_inet_address_to_string (chosen);
  /* Translators: after the addresses a name has, the one used: "(sendto uses 127.0.0.1)" */
  g_string_append_printf (text, _(" (%s uses %s)"), connect ? "connect" : "sendto", used);

  return g_string_free (text, FALSE);
}

/* The resolver's message without its "Error resolving “host”: " part. */
static const char *
resolver_detail (const char *message,
                 const char *host)
{
  const char *named = strstr (message, host);
  const char *rest = named != NULL ? strstr (named + strlen (host), ": ") : NULL;

  return rest != NULL && rest[2] != '\0' ? rest + 2 : message;
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  SbDatagram *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *list = NULL;
  GInetAddress *chosen;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_resolver_free_addresses (addresses);
      return;
    }

  if (addresses == NULL)
    {
      g_autofree char *message = NULL;

      note = g_strdup_printf ("%s: %s", request->host, error->message);
      sb_socket_record (self->capture, self->side, resolve_socket_id (self), SB_EVENT_RESOLVE,
                        0, -1, 0, 0, note);
      /* Translators: “nosuch.invalid” does not resolve: Name or service not known */
      message = g_strdup_printf (_("“%s” does not resolve: %s"), request->host,
                                 resolver_detail (error->message, request->host));
      task_fail (task, G_RESOLVER_ERROR, error->code, message);
      return;
    }

  chosen = choose_address (self, addresses);
  list = format_addresses (addresses, chosen, request->connect);
  note = g_strdup_printf ("%s: %s", request->host, list);
  sb_socket_record (self->capture, self->side, resolve_socket_id (self), SB_EVENT_RESOLVE, 0,
                    g_list_length (addresses), 0, 0, note);

  if (chosen == NULL)
    fail_family (task, request->host, FALSE);
  else
    make_call (task, chosen);

  g_resolver_free_addresses (addresses);
}

static void
start (SbDatagram          *self,
       const char          *host,
       guint16              port,
       GBytes              *payload,
       gboolean             connect,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GInetAddress) numeric = NULL;
  Request *request = g_new0 (Request, 1);

  request->host = g_strdup (host);
  request->port = port;
  request->payload = payload != NULL ? g_bytes_ref (payload) : NULL;
  request->connect = connect;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  _sb_datagram_set_error_message (self, NULL);

  /* An address needs no lookup, as sendto(b'…', ('127.0.0.1', port)) makes none. */
  numeric = g_inet_address_new_from_string (host);
  if (numeric != NULL)
    {
      GSocketFamily family = socket_family (self);

      if (family != G_SOCKET_FAMILY_INVALID && g_inet_address_get_family (numeric) != family)
        fail_family (task, host, TRUE);
      else
        make_call (task, numeric);
      return;
    }

  {
    g_autoptr(GResolver) resolver = g_resolver_get_default ();

    g_resolver_lookup_by_name_async (resolver, host, cancellable, resolved_cb,
                                     g_steal_pointer (&task));
  }
}

void
sb_datagram_send_to_host_async (SbDatagram          *self,
                                const char          *host,
                                guint16              port,
                                GBytes              *payload,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));
  g_return_if_fail (host != NULL);

  start (self, host, port, payload, FALSE, cancellable, callback, user_data,
         sb_datagram_send_to_host_async);
}

gboolean
sb_datagram_send_to_host_finish (SbDatagram    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == sb_datagram_send_to_host_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sb_datagram_connect_host_async (SbDatagram          *self,
                                const char          *host,
                                guint16              port,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));
  g_return_if_fail (host != NULL);

  start (self, host, port, NULL, TRUE, cancellable, callback, user_data,
         sb_datagram_connect_host_async);
}

gboolean
sb_datagram_connect_host_finish (SbDatagram    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == sb_datagram_connect_host_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
