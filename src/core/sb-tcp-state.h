/* sb-tcp-state.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One plain sentence about the kernel TCP state named @name ("CLOSE_WAIT",
 * as sb_tcp_state_get_name() gives it), for a socket that is still open
 * or, for FIN_WAIT2, TIME_WAIT and LAST_ACK, one the kernel keeps after
 * close().  NULL for a name it does not know.  Translated. */
const char *sb_tcp_state_explain (const char *name);

G_END_DECLS
