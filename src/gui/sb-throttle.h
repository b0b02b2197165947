/* sb-throttle.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs a callback at most once per interval: at once when it has not run
 * for an interval, else once at the end of the current one, however many
 * times it was queued meanwhile.  For presenting what changes per socket
 * call (counters, new log rows) at a rate a person can read and the
 * window can paint. */
typedef struct
{
  guint     interval_ms;
  int       priority;
  void    (*func) (gpointer data);
  gpointer  data;
  gint64    last_us;
  guint     source_id;
} SbThrottle;

void sb_throttle_init  (SbThrottle  *throttle,
                        guint        interval_ms,
                        int          priority,
                        void       (*func) (gpointer data),
                        gpointer     data);
void sb_throttle_queue (SbThrottle  *throttle);
void sb_throttle_run   (SbThrottle  *throttle);
void sb_throttle_clear (SbThrottle  *throttle);

G_END_DECLS
