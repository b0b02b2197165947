/* sb-readiness.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One GSource owning an epoll descriptor for every socket's watches.
 *
 * Each socket has one entry, keyed by its descriptor, registered once
 * with the union of its watches' conditions (level-triggered).  epoll's
 * data holds the descriptor and a generation number, so a report for an
 * entry that is gone, or for an older socket on the same descriptor
 * number, finds nothing and is dropped.  Entries that die during a
 * dispatch (their last watch cleared, their descriptor taken by a new
 * socket) are freed after it, since the dispatch may still hold them. */

#define G_LOG_DOMAIN "sb-readiness"

#include "config.h"

#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "sb-readiness.h"
#include "sb-types.h"

/* Reports read by one epoll_wait(): the rest wait in the kernel, which
 * hands them out in turn. */
#define MAX_EVENTS 256

typedef struct _Entry Entry;

struct _SbWatch
{
  Entry             *entry;        /* NULL once detached */
  SbWatch           *next;         /* the entry's next watch */
  GSocketSourceFunc  callback;
  gpointer           user_data;
  const char        *name;
  GIOCondition       condition;
  guint              ref_count;    /* the owner's, the entry's, a dispatch's */
};

struct _Entry
{
  GList     link;                  /* in the ready queue while queued */
  GSocket  *socket;                /* owned */
  SbWatch  *watches;
  guint32   generation;
  int       fd;
  guint32   interest;              /* what epoll was told */
  guint32   revents;               /* what epoll reported last */
  guint     registered : 1;
  guint     queued : 1;
  guint     dead : 1;
};

typedef struct
{
  GSource     source;

  gpointer    tag;
  int         epfd;
  GHashTable *entries;             /* fd → Entry, the live ones */
  GQueue      ready;               /* Entry, ready and not served yet */
  GPtrArray  *graveyard;           /* Entry, dead during this dispatch */
  guint32     next_generation;
  guint       dispatching : 1;
} Readiness;

static SbReadinessStats stats;
static Readiness *default_readiness;

static guint64
entry_key (Entry *entry)
{
  return ((guint64) entry->generation << 32) | (guint32) entry->fd;
}

static guint32
to_epoll (GIOCondition condition)
{
  return ((condition & G_IO_IN) ? EPOLLIN : 0)
         | ((condition & G_IO_OUT) ? EPOLLOUT : 0)
         | ((condition & G_IO_PRI) ? EPOLLPRI : 0);
}

static GIOCondition
from_epoll (guint32 events)
{
  return ((events & EPOLLIN) ? G_IO_IN : 0)
         | ((events & EPOLLOUT) ? G_IO_OUT : 0)
         | ((events & EPOLLPRI) ? G_IO_PRI : 0)
         | ((events & EPOLLERR) ? G_IO_ERR : 0)
         | ((events & EPOLLHUP) ? G_IO_HUP : 0);
}

static SbWatch *
watch_ref (SbWatch *watch)
{
  watch->ref_count++;
  return watch;
}

static void
watch_unref (SbWatch *watch)
{
  g_assert (watch->ref_count > 0);

  if (--watch->ref_count == 0)
    g_free (watch);
}

static void
entry_free (Entry *entry)
{
  g_assert (entry->watches == NULL);

  g_object_unref (entry->socket);
  g_free (entry);
}

/* epoll_ctl() for @entry; a socket that is gone from epoll already is no
 * failure when it is being removed. */
static void
control (Readiness *self,
         int        op,
         Entry     *entry,
         guint32    events)
{
  struct epoll_event event = { 0, };

  event.events = events;
  event.data.u64 = entry_key (entry);

  stats.epoll_ctl_calls++;
  if (epoll_ctl (self->epfd, op, entry->fd, &event) == 0)
    return;

  if (op == EPOLL_CTL_ADD && errno == EEXIST)
    control (self, EPOLL_CTL_MOD, entry, events);
  else if (op == EPOLL_CTL_DEL && (errno == EBADF || errno == ENOENT))
    return;
  else
    g_critical ("epoll_ctl() on descriptor %d: %s", entry->fd, g_strerror (errno));
}

static void
entry_kill (Readiness *self,
            Entry     *entry)
{
  g_assert (!entry->dead);

  /* close() took a closed socket out of epoll already. */
  if (entry->registered)
    {
      if (!g_socket_is_closed (entry->socket))
        control (self, EPOLL_CTL_DEL, entry, 0);
      stats.registered_fds--;
      entry->registered = FALSE;
    }

  while (entry->watches != NULL)
    {
      SbWatch *watch = entry->watches;

      entry->watches = watch->next;
      watch->next = NULL;
      watch->entry = NULL;
      stats.watches--;
      watch_unref (watch);
    }

  if (g_hash_table_lookup (self->entries, GINT_TO_POINTER (entry->fd)) == entry)
    g_hash_table_remove (self->entries, GINT_TO_POINTER (entry->fd));

  if (entry->queued)
    {
      g_queue_unlink (&self->ready, &entry->link);
      entry->queued = FALSE;
    }

  entry->dead = TRUE;
  if (self->dispatching)
    g_ptr_array_add (self->graveyard, entry);
  else
    entry_free (entry);
}

/* Tells epoll what @entry's watches want now, only when it changed; the
 * entry dies with its last watch. */
static void
entry_sync (Readiness *self,
            Entry     *entry)
{
  guint32 interest = 0;

  if (entry->watches == NULL)
    {
      entry_kill (self, entry);
      return;
    }

  for (SbWatch *watch = entry->watches; watch != NULL; watch = watch->next)
    interest |= to_epoll (watch->condition);

  if (g_socket_is_closed (entry->socket))
    return;

  if (!entry->registered)
    {
      control (self, EPOLL_CTL_ADD, entry, interest);
      entry->registered = TRUE;
      stats.registered_fds++;
    }
  else if (interest != entry->interest)
    control (self, EPOLL_CTL_MOD, entry, interest);

  entry->interest = interest;
}

static void
watch_detach (Readiness *self,
              SbWatch   *watch)
{
  Entry *entry = watch->entry;

  if (entry == NULL)
    return;

  for (SbWatch **link = &entry->watches; *link != NULL; link = &(*link)->next)
    if (*link == watch)
      {
        *link = watch->next;
        break;
      }

  watch->next = NULL;
  watch->entry = NULL;
  stats.watches--;
  entry_sync (self, entry);
  watch_unref (watch);
}

/* Calls the watches of @entry that what epoll reported concerns; returns
 * how many were called. */
static guint
serve (Readiness *self,
       Entry     *entry)
{
  GIOCondition revents = from_epoll (entry->revents);
  SbWatch *local[4];
  SbWatch **batch = local;
  guint n_watches = 0;
  guint n = 0;
  guint calls = 0;

  if (g_socket_is_closed (entry->socket))
    return 0;

  for (SbWatch *watch = entry->watches; watch != NULL; watch = watch->next)
    n_watches++;
  if (n_watches > G_N_ELEMENTS (local))
    batch = g_new (SbWatch *, n_watches);

  for (SbWatch *watch = entry->watches; watch != NULL; watch = watch->next)
    if (revents & (watch->condition | G_IO_HUP | G_IO_ERR))
      batch[n++] = watch_ref (watch);

  /* A callback may clear any watch, close any socket, or open a new one
   * on this descriptor: each is checked again before its call. */
  for (guint i = 0; i < n; i++)
    {
      SbWatch *watch = batch[i];

      if (watch->entry == entry && !g_socket_is_closed (entry->socket))
        {
          GIOCondition condition = revents & (watch->condition | G_IO_HUP | G_IO_ERR);

          stats.watches_dispatched++;
          calls++;
          if (!watch->callback (entry->socket, condition, watch->user_data))
            watch_detach (self, watch);
        }

      watch_unref (watch);
    }

  if (batch != local)
    g_free (batch);

  return calls;
}

static Entry *
lookup_report (Readiness *self,
               guint64    key)
{
  int fd = (int) (guint32) key;
  Entry *entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (fd));

  return entry != NULL && entry_key (entry) == key ? entry : NULL;
}

static void
read_reports (Readiness *self)
{
  struct epoll_event events[MAX_EVENTS];
  int n;

  do
    n = epoll_wait (self->epfd, events, MAX_EVENTS, 0);
  while (n < 0 && errno == EINTR);
  stats.epoll_wait_calls++;

  for (int i = 0; i < n; i++)
    {
      Entry *entry = lookup_report (self, events[i].data.u64);

      if (entry == NULL)
        continue;

      stats.ready_events++;
      entry->revents = events[i].events;
      if (!entry->queued)
        {
          entry->queued = TRUE;
          g_queue_push_tail_link (&self->ready, &entry->link);
        }
    }
}

static gboolean
readiness_prepare (GSource *source,
                   int     *timeout)
{
  Readiness *self = (Readiness *) source;
  gboolean queued = !g_queue_is_empty (&self->ready);

  *timeout = queued ? 0 : -1;

  return queued;
}

static gboolean
readiness_check (GSource *source)
{
  Readiness *self = (Readiness *) source;

  return !g_queue_is_empty (&self->ready)
         || (g_source_query_unix_fd (source, self->tag) & G_IO_IN) != 0;
}

static gboolean
readiness_dispatch (GSource     *source,
                    GSourceFunc  callback,
                    gpointer     user_data)
{
  Readiness *self = (Readiness *) source;
  gint64 deadline;
  guint calls = 0;

  stats.dispatch_calls++;

  /* New reports join the back of the line: those left over from the last
   * dispatch go first. */
  read_reports (self);

  self->dispatching = TRUE;
  deadline = g_get_monotonic_time () + SB_READINESS_BUDGET_US;

  while (calls < SB_READINESS_MAX_CALLBACKS && !g_queue_is_empty (&self->ready))
    {
      Entry *entry = g_queue_pop_head_link (&self->ready)->data;

      entry->queued = FALSE;
      calls += serve (self, entry);

      if (g_get_monotonic_time () >= deadline)
        break;
    }

  self->dispatching = FALSE;
  g_ptr_array_set_size (self->graveyard, 0);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs readiness_funcs = {
  .prepare = readiness_prepare,
  .check = readiness_check,
  .dispatch = readiness_dispatch,
};

/* The readiness source of the default main context, where the sockets'
 * sources always were; made on first use, kept for the process's life. */
static Readiness *
get_default (void)
{
  Readiness *readiness = default_readiness;

  if (readiness == NULL)
    {
      GSource *source = g_source_new (&readiness_funcs, sizeof (Readiness));
      int epfd = epoll_create1 (EPOLL_CLOEXEC);

      if (epfd < 0)
        g_error ("epoll_create1(): %s", g_strerror (errno));

      readiness = (Readiness *) source;
      readiness->epfd = epfd;
      readiness->entries = g_hash_table_new (NULL, NULL);
      readiness->graveyard = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_queue_init (&readiness->ready);
      readiness->tag = g_source_add_unix_fd (source, epfd, G_IO_IN);
      g_source_set_priority (source, SB_SOCKET_PRIORITY);
      g_source_set_static_name (source, "[sockbench] sockets");
      g_source_attach (source, NULL);
      default_readiness = readiness;
    }

  return readiness;
}

/* Public API */

SbWatch *
sb_watch_new (GSocket           *socket,
              GIOCondition       condition,
              GSocketSourceFunc  callback,
              gpointer           user_data,
              const char        *name)
{
  Readiness *self = get_default ();
  SbWatch *watch;
  Entry *entry;
  int fd;

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (!g_socket_is_closed (socket), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  fd = g_socket_get_fd (socket);
  entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (fd));

  /* The descriptor was closed and given to a new socket while the old
   * one still had watches: those watch nothing any more. */
  if (entry != NULL && entry->socket != socket)
    {
      entry_kill (self, entry);
      entry = NULL;
    }

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->link.data = entry;
      entry->socket = g_object_ref (socket);
      entry->fd = fd;
      entry->generation = ++self->next_generation;
      g_hash_table_insert (self->entries, GINT_TO_POINTER (fd), entry);
    }

  watch = g_new0 (SbWatch, 1);
  watch->callback = callback;
  watch->user_data = user_data;
  watch->name = name;
  watch->condition = condition;
  watch->ref_count = 2;  /* the owner's and the entry's */
  watch->entry = entry;
  watch->next = entry->watches;
  entry->watches = watch;
  stats.watches++;

  entry_sync (self, entry);

  return watch;
}

void
sb_watch_clear (SbWatch **watch)
{
  SbWatch *old = *watch;

  if (old == NULL)
    return;

  *watch = NULL;
  watch_detach (get_default (), old);
  watch_unref (old);
}

gboolean
sb_watch_is_active (SbWatch *watch)
{
  g_return_val_if_fail (watch != NULL, FALSE);

  return watch->entry != NULL;
}

const char *
sb_watch_get_name (SbWatch *watch)
{
  g_return_val_if_fail (watch != NULL, NULL);

  return watch->name;
}

void
sb_readiness_get_stats (SbReadinessStats *out)
{
  g_return_if_fail (out != NULL);

  *out = stats;
  out->queued = default_readiness != NULL ? default_readiness->ready.length : 0;
}
