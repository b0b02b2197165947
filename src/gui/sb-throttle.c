/* sb-throttle.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-throttle"

#include "config.h"

#include "sb-throttle.h"

void
sb_throttle_init (SbThrottle  *throttle,
                  guint        interval_ms,
                  int          priority,
                  void       (*func) (gpointer data),
                  gpointer     data)
{
  g_return_if_fail (throttle != NULL);
  g_return_if_fail (func != NULL);

  throttle->interval_ms = interval_ms;
  throttle->priority = priority;
  throttle->func = func;
  throttle->data = data;
  throttle->last_us = 0;
  throttle->source_id = 0;
}

/* Cancels what is queued and runs the callback now. */
void
sb_throttle_run (SbThrottle *throttle)
{
  g_return_if_fail (throttle != NULL);

  g_clear_handle_id (&throttle->source_id, g_source_remove);
  throttle->last_us = g_get_monotonic_time ();
  throttle->func (throttle->data);
}

static gboolean
throttle_cb (gpointer data)
{
  SbThrottle *throttle = data;

  throttle->source_id = 0;
  sb_throttle_run (throttle);

  return G_SOURCE_REMOVE;
}

/* A deferred run waits for the next multiple of its interval on the
 * monotonic clock, not for an interval after the last run: throttles whose
 * intervals divide one another (the log's 100 ms, the counters' 200 ms)
 * then run in the same main-loop turn, and the window paints one frame for
 * all of them instead of one each. */
static gint64
next_grid_time (const SbThrottle *throttle)
{
  gint64 interval_us = (gint64) throttle->interval_ms * 1000;
  gint64 earliest = throttle->last_us + interval_us;

  return (earliest + interval_us - 1) / interval_us * interval_us;
}

void
sb_throttle_queue (SbThrottle *throttle)
{
  g_autoptr(GSource) source = NULL;
  gint64 now;

  g_return_if_fail (throttle != NULL);

  if (throttle->source_id != 0)
    return;

  now = g_get_monotonic_time ();
  if (throttle->last_us == 0
      || now >= throttle->last_us + (gint64) throttle->interval_ms * 1000)
    {
      sb_throttle_run (throttle);
      return;
    }

  /* A timeout source whose expiration is set exactly: GLib's own
   * g_timeout_add() counts from now, in whole milliseconds. */
  source = g_timeout_source_new (throttle->interval_ms);
  g_source_set_ready_time (source, next_grid_time (throttle));
  g_source_set_priority (source, throttle->priority);
  g_source_set_callback (source, throttle_cb, throttle, NULL);
  g_source_set_static_name (source, "[sockbench] throttle");
  throttle->source_id = g_source_attach (source, NULL);
}

/* Forgets what is queued; for dispose. */
void
sb_throttle_clear (SbThrottle *throttle)
{
  g_return_if_fail (throttle != NULL);

  g_clear_handle_id (&throttle->source_id, g_source_remove);
}
