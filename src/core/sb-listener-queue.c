/* sb-listener-queue.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbListener: whether the kernel's accept queue is full, from the figures
 * TCP_INFO gives for a listening socket (tcpi_unacked: the connections
 * waiting for accept(); tcpi_sacked: the backlog given to listen(), capped
 * by net.core.somaxconn).  Only the listener's public API is used. */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include "sb-listener.h"

gboolean
sb_listener_accept_queue_is_full (guint length,
                                  guint limit)
{
  /* Linux queues one connection more than the backlog (its test is
   * sk_ack_backlog > sk_max_ack_backlog): listen(5) holds six. */
  return length > limit;
}

gboolean
sb_listener_get_accept_queue_full (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return sb_listener_get_state (self) == SB_LISTENER_LISTENING
         && sb_listener_accept_queue_is_full (sb_listener_get_accept_queue (self),
                                              sb_listener_get_accept_queue_limit (self));
}

gboolean
sb_listener_read_accept_queue (SbListener *self,
                               guint      *length,
                               guint      *limit)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  sb_listener_refresh (self);

  if (length != NULL)
    *length = sb_listener_get_accept_queue (self);
  if (limit != NULL)
    *limit = sb_listener_get_accept_queue_limit (self);

  return sb_listener_get_state (self) == SB_LISTENER_LISTENING;
}
