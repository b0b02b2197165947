/* sb-bench-accept-floor.h — how fast a peer's connections can be accepted
 * at all on this machine
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @peers_path (bench-peers) against a plain listening socket of this
 * process (backlog @backlog, 127.0.0.1) and accepts its @count connections
 * in a blocking accept4() loop: no window, no main loop.  Returns the
 * seconds from "go" to the last accept, the floor of any accept time with
 * this peer on this machine, or a negative number (and says why on a "#"
 * line) when it could not be measured. */
double sb_bench_accept_floor (const char *peers_path,
                              guint       count,
                              int         backlog);

G_END_DECLS
