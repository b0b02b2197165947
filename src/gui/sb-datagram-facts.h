/* sb-datagram-facts.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* What the inspector says of a UDP event, one fact a line, each a label
 * named by the fact: where the datagram went or came from, its length and
 * what of it was kept, the datagrams the kernel dropped. */
typedef enum
{
  SB_DATAGRAM_FACT_ADDRESS,  /* "Sender" or "Destination": the tuple */
  SB_DATAGRAM_FACT_LENGTH,   /* "Datagram": "3000 bytes, the first 1024 kept (truncated)" */
  SB_DATAGRAM_FACT_DROPS,    /* "Drops": "37 datagrams dropped before this one" */
  SB_N_DATAGRAM_FACTS
} SbDatagramFact;

/* Whether @event is a call on a UDP socket (its socket() said SOCK_DGRAM). */
gboolean    sb_datagram_facts_applies   (SbEvent        *event);
/* The fact's name for @event ("Sender" for a recvfrom, "Destination" for a
 * sendto), translated. */
const char *sb_datagram_fact_get_name   (SbEvent        *event,
                                         SbDatagramFact  fact);
/* The fact's text, or NULL when @event has none (a failed call, a socket
 * event, no drops). */
char       *sb_datagram_fact_dup_text   (SbEvent        *event,
                                         SbDatagramFact  fact);

G_END_DECLS
