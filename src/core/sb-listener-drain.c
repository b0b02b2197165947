/* sb-listener-drain.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbListener: the kernel's accept queue drained ahead of the work.
 *
 * A connection accepted automatically costs the window far more than the
 * accept() itself: its SbStream, its event, its place in the model and
 * whatever the window shows of it.  A burst of thousands arrives faster
 * than that: the kernel's queue (the backlog) fills, and the kernel drops
 * the connection attempts that find it full, which the peers retry only
 * after 1 s, then 3 s.  So, while accepting automatically, each turn of the
 * listener first takes every connection waiting in the kernel's queue
 * (accept4() alone, a few microseconds each), and the connections taken
 * are then recorded, wrapped and announced in batches, in the order they
 * were accepted, as if accept() had returned them then: nothing of them
 * shows before their turn, and nothing is lost. */

#define G_LOG_DOMAIN "sb-listener"

/* accept4() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sb-fd-limit.h"
#include "sb-listener-private.h"
#include "sb-socket-util.h"

/* The time one drain may take, checked every DRAIN_CHECK_EVERY accepts
 * (the first DRAIN_CHECK_EVERY always go): a full queue of 4,096 is taken
 * in a few turns, each short beside a frame. */
#define DRAIN_BUDGET_US   2000
#define DRAIN_CHECK_EVERY 256

/* Above GDK's painting (G_PRIORITY_HIGH_IDLE + 20) and the window's
 * throttled updates. */
#define DRAIN_PRIORITY    G_PRIORITY_DEFAULT
/* The rest between two drains above painting: a local peer makes about
 * 35,000 connections a second (10,000 into a bare accept() loop in 0.28 s
 * here), so some 140 come meanwhile, far from a backlog's worth. */
#define DRAIN_GAP_MS      4

typedef struct
{
  int                     fd;
  socklen_t               len;
  struct sockaddr_storage address;
} Drained;

static void sync_drained_source (SbListener *self);

static gboolean
drain_gap_cb (gpointer user_data)
{
  SbListener *self = SB_LISTENER (user_data);

  g_clear_pointer (&self->drain_gap_source, g_source_unref);
  sync_drained_source (self);

  return G_SOURCE_REMOVE;
}

/* Drains, then rests DRAIN_GAP_MS: above painting, a queue that keeps
 * filling would otherwise be all the main loop does (GLib dispatches the
 * highest priority ready only), and the connections drained would wait
 * for the peer to be done. */
static gboolean
drain_source_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  SbListener *self = SB_LISTENER (user_data);

  g_clear_pointer (&self->drain_source, g_source_unref);
  self->drain_gap_source = g_timeout_source_new (DRAIN_GAP_MS);
  g_source_set_priority (self->drain_gap_source, DRAIN_PRIORITY);
  g_source_set_callback (self->drain_gap_source, drain_gap_cb, self, NULL);
  g_source_set_static_name (self->drain_gap_source, "[sockbench] listener drain gap");
  g_source_attach (self->drain_gap_source, NULL);

  _sb_listener_drain (self);

  return G_SOURCE_REMOVE;
}

static gboolean
drained_source_cb (gpointer user_data)
{
  SbListener *self = SB_LISTENER (user_data);

  _sb_listener_accept_batch (self);

  return G_SOURCE_CONTINUE;
}

/* The drained connections are served by a source of their own while any
 * wait: the listening socket is no longer readable for them. */
static void
sync_drained_source (SbListener *self)
{
  gboolean wanted = _sb_listener_get_n_drained (self) > 0 && self->auto_accept
                    && self->state == SB_LISTENER_LISTENING && _sb_listener_may_accept (self);
  gboolean draining;

  /* Accepting one at a time: the next one waits here. */
  if (_sb_listener_get_n_drained (self) > 0 && !self->auto_accept)
    _sb_listener_set_pending (self, TRUE);

  /* The queue is watched at a priority above painting, so that no frame,
   * nor any update of the window, keeps it full for long: taking costs a
   * few microseconds a connection, and DRAIN_BUDGET_US at most. */
  draining = self->auto_accept && self->state == SB_LISTENER_LISTENING && self->socket != NULL
             && self->retry_source == NULL && !self->drain_failed
             && _sb_listener_may_accept (self);
  if (draining && self->drain_source == NULL && self->drain_gap_source == NULL)
    {
      self->drain_source = g_unix_fd_source_new (g_socket_get_fd (self->socket), G_IO_IN);
      g_source_set_priority (self->drain_source, DRAIN_PRIORITY);
      g_source_set_callback (self->drain_source, G_SOURCE_FUNC (drain_source_cb), self, NULL);
      g_source_set_static_name (self->drain_source, "[sockbench] listener drain");
      g_source_attach (self->drain_source, NULL);
    }
  else if (!draining)
    {
      sb_clear_source (&self->drain_source);
      sb_clear_source (&self->drain_gap_source);
    }

  if (wanted && self->drained_source == NULL)
    {
      self->drained_source = g_idle_source_new ();
      g_source_set_priority (self->drained_source, SB_SOCKET_PRIORITY);
      g_source_set_callback (self->drained_source, drained_source_cb, self, NULL);
      g_source_set_static_name (self->drained_source, "[sockbench] listener drained");
      g_source_attach (self->drained_source, NULL);
    }
  else if (!wanted && self->drained_source != NULL)
    sb_clear_source (&self->drained_source);
}

guint
_sb_listener_drain (SbListener *self)
{
  gint64 start = g_get_monotonic_time ();
  guint64 limit;
  guint taken = 0;
  int listen_fd;

  if (self->socket == NULL || !_sb_listener_may_accept (self))
    return 0;

  if (self->drained == NULL)
    self->drained = g_array_new (FALSE, FALSE, sizeof (Drained));

  listen_fd = g_socket_get_fd (self->socket);
  limit = sb_fd_limit_get ();
  /* Near the descriptor limit, accept_once() takes them one by one with
   * the reserve held (sb-listener-fds.c): the drain holds none. */
  if ((guint64) MAX (self->high_fd, listen_fd) + SB_LISTENER_FD_ZONE >= limit)
    {
      self->drain_failed = TRUE;
      sync_drained_source (self);
      return 0;
    }

  for (;;)
    {
      Drained item;

      item.len = sizeof item.address;
      item.fd = accept4 (listen_fd, (struct sockaddr *) &item.address, &item.len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (item.fd < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED)
            continue;
          /* Empty, or a failure (EMFILE, …): accept_once() meets it again
           * once the drained ones are served, and records it; meanwhile
           * the queue, still readable, is not watched. */
          if (errno != EAGAIN)
            self->drain_failed = TRUE;
          break;
        }

      g_array_append_val (self->drained, item);
      self->high_fd = MAX (self->high_fd, item.fd);
      if ((guint64) item.fd + SB_LISTENER_FD_ZONE >= limit)
        {
          self->drain_failed = TRUE;
          break;
        }
      if (++taken % DRAIN_CHECK_EVERY == 0
          && g_get_monotonic_time () - start >= DRAIN_BUDGET_US)
        break;
    }

  sync_drained_source (self);

  return taken;
}

int
_sb_listener_take_drained (SbListener      *self,
                           struct sockaddr *address,
                           socklen_t       *len)
{
  Drained *item;
  int fd;

  if (_sb_listener_get_n_drained (self) == 0)
    return -1;

  item = &g_array_index (self->drained, Drained, self->drained_head);
  fd = item->fd;
  *len = MIN (*len, item->len);
  memcpy (address, &item->address, *len);
  *len = item->len;

  if (++self->drained_head == self->drained->len)
    {
      g_array_set_size (self->drained, 0);
      self->drained_head = 0;
    }
  sync_drained_source (self);

  return fd;
}

guint
_sb_listener_get_n_drained (SbListener *self)
{
  return self->drained != NULL ? self->drained->len - self->drained_head : 0;
}

void
_sb_listener_sync_drained (SbListener *self)
{
  sync_drained_source (self);
}

/* The connections drained but not served yet are closed: stopping the
 * listener drops them, as it drops those still in the kernel's queue. */
void
_sb_listener_clear_drained (SbListener *self)
{
  sb_clear_source (&self->drain_source);
  sb_clear_source (&self->drain_gap_source);
  sb_clear_source (&self->drained_source);
  self->drain_failed = FALSE;
  for (guint i = self->drained_head; self->drained != NULL && i < self->drained->len; i++)
    close (g_array_index (self->drained, Drained, i).fd);
  g_clear_pointer (&self->drained, g_array_unref);
  self->drained_head = 0;
}
