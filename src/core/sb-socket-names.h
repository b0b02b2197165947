/* sb-socket-names.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-types.h"

G_BEGIN_DECLS

/**
 * SbSocketRole:
 * What a socket of the session is, learnt from its first event.
 */
typedef enum
{
  SB_SOCKET_ROLE_NONE,        /* unknown id, or no event yet */
  SB_SOCKET_ROLE_LISTENER,    /* server side: socket, bind, listen, … first */
  SB_SOCKET_ROLE_CONNECTION,  /* server side: accepted (any other first event) */
  SB_SOCKET_ROLE_CLIENT,      /* client side */
} SbSocketRole;

/* The roles and numbers of a session's sockets, learnt one event at a time
 * as the capture records them: O(1) per event and per lookup.  Each role
 * numbers its sockets 1, 2, 3, … in the order of their first event (a
 * client's resolve does not count: no socket exists yet).  A connection
 * also keeps the number of the listener that was newest when it came. */
typedef struct _SbSocketNames SbSocketNames;

SbSocketNames *sb_socket_names_new    (void);
void           sb_socket_names_free   (SbSocketNames *self);
void           sb_socket_names_learn  (SbSocketNames *self,
                                       SbSide         side,
                                       guint          socket_id,
                                       SbEventKind    kind);
/* Returns the role; @number and @listener (both may be NULL) get the
 * socket's number in its role and, for a connection, its listener's. */
SbSocketRole   sb_socket_names_lookup (SbSocketNames *self,
                                       guint          socket_id,
                                       guint         *number,
                                       guint         *listener);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSocketNames, sb_socket_names_free)

G_END_DECLS
