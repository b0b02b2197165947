/* sb-export-sockets.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Before an export writes anything: each socket's addresses, and which
 * client of the workbench is the other end of which accepted connection
 * (its local tuple is the peer tuple the accept returned).  One pass over
 * the event records, none over the payloads. */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include "sb-export-private.h"

static void
socket_free (gpointer data)
{
  SbExportSocket *socket = data;

  g_free (socket->local);
  g_free (socket->peer);
  g_free (socket);
}

static SbExportSocket *
ensure_socket (GHashTable *sockets,
               SbCapture  *capture,
               guint       socket_id)
{
  SbExportSocket *socket = g_hash_table_lookup (sockets, GUINT_TO_POINTER (socket_id));

  if (socket == NULL)
    {
      socket = g_new0 (SbExportSocket, 1);
      socket->socket_id = socket_id;
      socket->datagram = sb_capture_is_datagram_socket (capture, socket_id);
      socket->local = g_strdup (sb_capture_get_local_tuple (capture, socket_id));
      g_hash_table_insert (sockets, GUINT_TO_POINTER (socket_id), socket);
    }

  return socket;
}

static void
learn (SbExportSocket    *socket,
       GHashTable        *bound,
       SbCapture         *capture,
       const SbEventInfo *info)
{
  SbSocketRole role;
  guint number = 0;

  if (info->note == NULL || info->errnum != 0 || info->result < 0)
    return;

  if (info->kind == SB_EVENT_ACCEPT
      /* The address tried last is the one connected to. */
      || (info->kind == SB_EVENT_CONNECT
          && (info->detail == SB_CONNECT_STARTED || info->detail == SB_CONNECT_ESTABLISHED)))
    {
      g_free (socket->peer);
      socket->peer = g_strdup (info->note);
    }
  else if (info->kind == SB_EVENT_BIND)
    {
      role = sb_capture_get_socket_role (capture, info->socket_id, &number, NULL);
      if (role == SB_SOCKET_ROLE_LISTENER)
        g_hash_table_insert (bound, GUINT_TO_POINTER (number), g_strdup (info->note));
      if (socket->local == NULL)
        socket->local = g_strdup (info->note);
    }
}

GHashTable *
_sb_export_find_sockets (SbCapture *capture,
                         guint      n_events)
{
  g_autoptr(GHashTable) bound = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) clients = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *sockets = g_hash_table_new_full (NULL, NULL, NULL, socket_free);
  GHashTableIter iter;
  SbExportSocket *socket;

  for (guint i = 0; i < n_events; i++)
    {
      SbEventInfo info;

      if (!sb_capture_get_info (capture, i, &info) || info.socket_id == 0)
        continue;
      socket = ensure_socket (sockets, capture, info.socket_id);
      learn (socket, bound, capture, &info);
    }

  /* Clients by their local tuple, then each accepted connection finds
   * its client, or takes its listener's address. */
  g_hash_table_iter_init (&iter, sockets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &socket))
    if (!socket->datagram && socket->local != NULL
        && sb_capture_get_socket_role (capture, socket->socket_id, NULL, NULL)
           == SB_SOCKET_ROLE_CLIENT)
      g_hash_table_insert (clients, socket->local, socket);

  g_hash_table_iter_init (&iter, sockets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &socket))
    {
      SbExportSocket *client;
      guint listener = 0;

      if (socket->datagram
          || sb_capture_get_socket_role (capture, socket->socket_id, NULL, &listener)
             != SB_SOCKET_ROLE_CONNECTION)
        continue;

      client = socket->peer != NULL ? g_hash_table_lookup (clients, socket->peer) : NULL;
      if (client != NULL && client->paired == 0)
        {
          client->paired = socket->socket_id;
          socket->paired = client->socket_id;
          if (socket->local == NULL)
            socket->local = g_strdup (client->peer);
        }
      if (socket->local == NULL)
        socket->local = g_strdup (g_hash_table_lookup (bound, GUINT_TO_POINTER (listener)));
    }

  return sockets;
}
