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

void
sb_throttle_queue (SbThrottle *throttle)
{
  gint64 now;
  gint64 wait_us;

  g_return_if_fail (throttle != NULL);

  if (throttle->source_id != 0)
    return;

  now = g_get_monotonic_time ();
  wait_us = throttle->last_us + (gint64) throttle->interval_ms * 1000 - now;
  if (throttle->last_us == 0 || wait_us <= 0)
    {
      sb_throttle_run (throttle);
      return;
    }

  throttle->source_id = g_timeout_add_full (throttle->priority,
                                            (guint) MAX (1, wait_us / 1000),
                                            throttle_cb, throttle, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, throttle->source_id),
                            "[sockbench] throttle");
}

/* Forgets what is queued; for dispose. */
void
sb_throttle_clear (SbThrottle *throttle)
{
  g_return_if_fail (throttle != NULL);

  g_clear_handle_id (&throttle->source_id, g_source_remove);
}
