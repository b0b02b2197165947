/* sb-fd-limit.h — the descriptors this process may hold
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raises the soft RLIMIT_NOFILE to the hard limit (one socket is one
 * descriptor: ten thousand connections need more than the usual 1,024).
 * Returns the soft limit in force afterwards, or 0 when it cannot be read. */
guint64 sb_fd_limit_raise (void);
/* The soft RLIMIT_NOFILE now: G_MAXUINT64 when unlimited, 0 when it cannot
 * be read. */
guint64 sb_fd_limit_get   (void);
/* Descriptors this process holds open now (the entries of /proc/self/fd,
 * less the one that lists them); 0 when they cannot be listed.  Costs one
 * directory read: call it when the figure is shown, not per event. */
guint   sb_fd_count_open  (void);

G_END_DECLS
