/* sb-readiness.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One readiness source for every socket: a single GSource on the default
 * main context, at SB_SOCKET_PRIORITY, owning an epoll descriptor.  Each
 * socket is registered once (its watches share the entry, with the union
 * of their conditions) and its interest changes only when its watches do,
 * so an idle socket costs nothing on a main-loop iteration.
 *
 * A dispatch serves only the sockets epoll reported ready, oldest first,
 * each at most once, and stops after SB_READINESS_MAX_CALLBACKS callbacks
 * or SB_READINESS_BUDGET_US of work; the ready sockets not served yet keep
 * their turn for the next dispatch (the source is then ready at once), and
 * a socket that is still ready after its turn goes to the back of the line.
 *
 * A watch behaves as a GSocket source did: @callback gets @condition's
 * part of what happened, plus G_IO_HUP and G_IO_ERR; returning
 * G_SOURCE_REMOVE detaches the watch (sb_watch_clear() must still be
 * called).  A watch may be cleared from any callback, its own included;
 * nothing is called for a socket once it is closed. */
typedef struct _SbWatch SbWatch;

/* Callbacks per dispatch, and the time after which a dispatch stops
 * (checked between callbacks: one always runs). */
#define SB_READINESS_MAX_CALLBACKS 128
#define SB_READINESS_BUDGET_US     5000

/* What the readiness source did since the start, for tests and benchmarks. */
typedef struct
{
  guint   registered_fds;      /* sockets in the epoll set now */
  guint   watches;             /* watches attached now */
  guint   queued;              /* ready sockets waiting for their turn now */
  guint64 epoll_ctl_calls;     /* EPOLL_CTL_ADD, _MOD and _DEL */
  guint64 epoll_wait_calls;
  guint64 ready_events;        /* sockets epoll_wait() reported ready */
  guint64 dispatch_calls;      /* dispatches of the readiness source */
  guint64 watches_dispatched;  /* callbacks called */
} SbReadinessStats;

/* Watches @socket for @condition (G_IO_IN, G_IO_OUT, G_IO_PRI); @user_data
 * is not referenced, @name is a static string (for debugging).  The watch
 * holds a reference on @socket. */
SbWatch  *sb_watch_new           (GSocket           *socket,
                                  GIOCondition       condition,
                                  GSocketSourceFunc  callback,
                                  gpointer           user_data,
                                  const char        *name);
/* Detaches and frees *@watch, if any, and sets it to NULL. */
void      sb_watch_clear         (SbWatch          **watch);
/* FALSE once its callback returned G_SOURCE_REMOVE, or its socket was
 * replaced by another on the same descriptor. */
gboolean  sb_watch_is_active     (SbWatch           *watch);
const char *sb_watch_get_name    (SbWatch           *watch);

void      sb_readiness_get_stats (SbReadinessStats  *stats);

G_END_DECLS
