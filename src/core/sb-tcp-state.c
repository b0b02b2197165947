/* sb-tcp-state.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-tcp-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-tcp-state.h"

typedef struct
{
  const char *name;
  const char *explanation;
} StateEntry;

static const StateEntry state_entries[] = {
  { "SYN_SENT", N_("connect() sent SYN and waits for the peer's SYN-ACK") },
  { "SYN_RECV", N_("the peer's SYN arrived and our SYN-ACK waits for its ACK") },
  { "ESTABLISHED", N_("the handshake is done: both sides may send and receive") },
  { "FIN_WAIT1", N_("we shut down sending: our FIN waits to be acknowledged") },
  { "FIN_WAIT2", N_("our FIN was acknowledged; we wait for the peer to close its side") },
  { "CLOSE_WAIT", N_("the peer closed its sending side (FIN): recv() returns b''; we may still send, then close") },
  { "LAST_ACK", N_("the peer closed first, then we did: our FIN waits for its last ACK") },
  { "CLOSING", N_("both sides sent FIN at the same time; we wait for the ACK of ours") },
  { "TIME_WAIT", N_("we closed first: the socket is gone, the kernel keeps the 4-tuple for 60 s so that late segments die out") },
  { "CLOSE", N_("the connection is over: both directions shut down, or the peer reset it; the socket is still open") },
  { "LISTEN", N_("listen() was called: the kernel completes handshakes and queues them for accept()") },
};

const char *
sb_tcp_state_explain (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (state_entries); i++)
    if (strcmp (state_entries[i].name, name) == 0)
      return _(state_entries[i].explanation);

  return NULL;
}
