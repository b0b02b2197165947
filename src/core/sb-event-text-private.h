/* sb-event-text-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-event.h"

G_BEGIN_DECLS

/* Shared by sb-event-text.c (the summary) and sb-event-python.c (the
 * Python statement). */

/* "SHUT_WR" for an SbShutdownHow. */
const char *_sb_event_shutdown_how_name  (int           how);
/* Splits a resolve note "host: addresses" in two; *host is NULL when the
 * note names no host.  No host name, nor an IPv6 literal, holds ": ". */
const char *_sb_event_split_resolve_note (const char   *note,
                                          char        **host);

G_END_DECLS
