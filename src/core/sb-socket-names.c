/* sb-socket-names.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-socket-names"

#include "config.h"

#include "sb-socket-names.h"

/* Ids past this are not named (a session of a million sockets is not one
 * to read as Python). */
#define MAX_NAMED_SOCKET (1u << 20)

typedef struct
{
  guint32 number;     /* 0: not seen yet */
  guint32 listener;   /* for a connection */
  guint8  role;
} Entry;

struct _SbSocketNames
{
  GArray *entries;    /* of Entry, by socket id */
  guint   counts[SB_SOCKET_ROLE_CLIENT + 1];
};

SbSocketNames *
sb_socket_names_new (void)
{
  SbSocketNames *self = g_new0 (SbSocketNames, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));

  return self;
}

void
sb_socket_names_free (SbSocketNames *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

static SbSocketRole
role_of_first_event (SbSide      side,
                     SbEventKind kind)
{
  if (side == SB_SIDE_CLIENT)
    return kind == SB_EVENT_RESOLVE ? SB_SOCKET_ROLE_NONE : SB_SOCKET_ROLE_CLIENT;

  switch (kind)
    {
    case SB_EVENT_SOCKET:
    case SB_EVENT_BIND:
    case SB_EVENT_LISTEN:
    case SB_EVENT_RESOLVE:
    case SB_EVENT_ERROR:
      return SB_SOCKET_ROLE_LISTENER;

    case SB_EVENT_ACCEPT:
    case SB_EVENT_CONNECT:
    case SB_EVENT_SEND:
    case SB_EVENT_RECV:
    case SB_EVENT_EOF:
    case SB_EVENT_SHUTDOWN:
    case SB_EVENT_CLOSE:
    case SB_EVENT_RESET:
    case SB_EVENT_SENDTO:
    case SB_EVENT_RECVFROM:
    default:
      return SB_SOCKET_ROLE_CONNECTION;
    }
}

void
sb_socket_names_learn (SbSocketNames *self,
                       SbSide         side,
                       guint          socket_id,
                       SbEventKind    kind)
{
  SbSocketRole role;
  Entry *entry;

  g_return_if_fail (self != NULL);

  if (socket_id == 0 || socket_id >= MAX_NAMED_SOCKET)
    return;

  if (socket_id >= self->entries->len)
    g_array_set_size (self->entries, socket_id + 1);

  entry = &g_array_index (self->entries, Entry, socket_id);
  if (entry->number != 0)
    return;

  role = role_of_first_event (side, kind);
  if (role == SB_SOCKET_ROLE_NONE)
    return;

  entry->role = role;
  entry->number = ++self->counts[role];
  if (role == SB_SOCKET_ROLE_CONNECTION)
    entry->listener = self->counts[SB_SOCKET_ROLE_LISTENER];
}

SbSocketRole
sb_socket_names_lookup (SbSocketNames *self,
                        guint          socket_id,
                        guint         *number,
                        guint         *listener)
{
  const Entry *entry = NULL;

  g_return_val_if_fail (self != NULL, SB_SOCKET_ROLE_NONE);

  if (socket_id != 0 && socket_id < self->entries->len)
    entry = &g_array_index (self->entries, Entry, socket_id);
  if (entry != NULL && entry->number == 0)
    entry = NULL;

  if (number != NULL)
    *number = entry != NULL ? entry->number : 0;
  if (listener != NULL)
    *listener = entry != NULL ? entry->listener : 0;

  return entry != NULL ? entry->role : SB_SOCKET_ROLE_NONE;
}
