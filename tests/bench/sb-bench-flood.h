/* sb-bench-flood.h — one stream into a listener driven by the main loop
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* An SbBenchSender stream of @total bytes into @listener (the window's
 * server, say), whose next accepted connection it takes for its own.  When
 * that connection has seen the end of the stream (or ended otherwise),
 * @done runs from the main loop, once, with the time from the start to the
 * end of the stream; sb_bench_flood_get_ok() then says whether every byte
 * arrived. */
typedef struct _SbBenchFlood SbBenchFlood;

typedef void (*SbBenchFloodDone) (SbBenchFlood *flood,
                                  gint64        elapsed_us,
                                  gpointer      user_data);

SbBenchFlood *sb_bench_flood_start   (SbListener       *listener,
                                      guint64           total,
                                      SbBenchFloodDone  done,
                                      gpointer          user_data);
/* The accepted connection (NULL before it is accepted). */
SbStream     *sb_bench_flood_get_stream (SbBenchFlood  *flood);
/* Every byte received, and the stream ended by the peer. */
gboolean      sb_bench_flood_get_ok  (SbBenchFlood     *flood);
/* Joins the sender (it must be done, or be able to finish), closes the
 * connection and frees. */
void          sb_bench_flood_free    (SbBenchFlood     *flood);

G_END_DECLS
