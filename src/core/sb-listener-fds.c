/* sb-listener-fds.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbListener: descriptors as a resource.  When accept() fails for want of
 * a descriptor (EMFILE: this process is at its RLIMIT_NOFILE; ENFILE: the
 * system is), the failure is one event that counts its repeats, the
 * listener says it is out of descriptors (with the figures), and the
 * connections already finished in both directions (the peer closed,
 * nothing left to send) are closed, oldest first, one per failed accept(),
 * until accepting works again.  Meanwhile the listening socket, readable
 * while a connection waits, is not watched: accept() is tried again on a
 * timer (sb-listener-accept.c), never in a busy loop.
 *
 * Also the close-after-empty-read setting, given to each accepted
 * connection. */

#define G_LOG_DOMAIN "sb-listener"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-fd-limit.h"
#include "sb-listener-private.h"
#include "sb-socket-util.h"
#include "sb-stream-private.h"

/* The reserve is held once accept() has given a descriptor this close to
 * the limit (numbers go lowest free first: a high one means most below it
 * are taken); far from it, holding it would only cost system calls. */
#define RESERVE_ZONE (4 * SB_LISTENER_FD_RESERVE)

/* While out of descriptors, the figures are counted again at most this
 * often (counting reads /proc/self/fd: one entry per descriptor). */
#define COUNT_INTERVAL_US (G_USEC_PER_SEC)

/* accept() failures this close together count on one event: the process
 * near its limit fails, makes room, accepts, fails again, whatever frees a
 * descriptor for a moment.  After this long without one, a failure is a
 * new event. */
#define EPISODE_GAP_US (10 * G_USEC_PER_SEC)

enum
{
  PROP_CLOSE_AFTER_EMPTY_READ,
  PROP_OUT_OF_DESCRIPTORS,
  PROP_DESCRIPTOR_ERROR,
  PROP_OPEN_DESCRIPTORS,
  PROP_DESCRIPTOR_LIMIT,
  N_FD_PROPS
};

static GParamSpec *fd_properties[N_FD_PROPS];
static guint first_prop_id;

gboolean
_sb_listener_errno_is_fd_limit (int errnum)
{
  return errnum == EMFILE || errnum == ENFILE;
}

static void
notify (SbListener *self,
        int         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), fd_properties[prop]);
}

/* Counts the descriptors open and the limit again: at once when @now, else
 * when the last count is older than COUNT_INTERVAL_US. */
static void
update_figures (SbListener *self,
                gboolean    now)
{
  gint64 mono = g_get_monotonic_time ();
  guint open_fds;
  guint64 limit;

  if (!now && mono - self->fds_counted_us < COUNT_INTERVAL_US)
    return;

  self->fds_counted_us = mono;
  open_fds = sb_fd_count_open ();
  limit = sb_fd_limit_get ();

  if (self->open_fds != open_fds)
    {
      self->open_fds = open_fds;
      notify (self, PROP_OPEN_DESCRIPTORS);
    }
  if (self->fd_limit != limit)
    {
      self->fd_limit = limit;
      notify (self, PROP_DESCRIPTOR_LIMIT);
    }
}

static void
set_descriptor_error (SbListener *self,
                      int         errnum)
{
  gboolean was_out = self->fd_errnum != 0;

  if (self->fd_errnum == errnum)
    return;

  self->fd_errnum = errnum;
  notify (self, PROP_DESCRIPTOR_ERROR);
  if (was_out != (errnum != 0))
    notify (self, PROP_OUT_OF_DESCRIPTORS);
}

/* One event for the whole time accept() keeps failing: the first failure
 * is recorded, the later ones count on it. */
static void
count_failure (SbListener *self,
               int         errnum)
{
  gint64 now = g_get_monotonic_time ();
  SbEventInfo info;

  /* The log may have been cleared since, taking the event with it. */
  if (self->fd_failures > 0
      && (now - self->fd_failed_us > EPISODE_GAP_US
          || !(sb_capture_get_info (self->capture, self->fd_event, &info)
               && info.kind == SB_EVENT_ERROR && info.socket_id == self->socket_id
               && info.errnum == errnum)))
    self->fd_failures = 0;
  self->fd_failed_us = now;

  if (self->fd_failures == 0)
    self->fd_event = sb_socket_record_failure (self->capture, SB_SIDE_SERVER, self->socket_id,
                                               SB_EVENT_ERROR, 0, errnum, "accept");
  self->fd_failures++;
  if (self->fd_failures > 1)
    sb_capture_set_repeats (self->capture, self->fd_event, self->fd_failures);
}

/* The oldest accepted connection that is finished in both directions, or
 * NULL.  Socket ids grow with each accept(): the smallest is the oldest. */
static SbStream *
find_oldest_finished (SbListener *self)
{
  SbStream *oldest = NULL;
  GHashTableIter iter;
  gpointer stream;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &stream, NULL))
    if (_sb_stream_is_finished (stream)
        && (oldest == NULL
            || sb_stream_get_socket_id (stream) < sb_stream_get_socket_id (oldest)))
      oldest = stream;

  return oldest;
}

gboolean
_sb_listener_at_fd_limit (SbListener *self,
                          int         errnum)
{
  g_autoptr(SbStream) oldest = NULL;
  g_autofree char *note = NULL;

  count_failure (self, errnum);

  oldest = find_oldest_finished (self);
  if (oldest == NULL)
    {
      /* Nothing to close: out of descriptors until one is freed. */
      update_figures (self, self->fd_errnum == 0);
      set_descriptor_error (self, errnum);
      return FALSE;
    }

  g_object_ref (oldest);
  /* Translators: the errno's name, EMFILE or ENFILE */
  note = g_strdup_printf (_("closed to make room: out of descriptors (%s); the peer had "
                            "closed and nothing was left to send"),
                          sb_errno_get_name (errnum));
  _sb_stream_close_noted (oldest, note);

  return TRUE;
}

void
_sb_listener_fds_accepted (SbListener *self)
{
  set_descriptor_error (self, 0);
}

void
_sb_listener_fds_reset (SbListener *self)
{
  set_descriptor_error (self, 0);
  self->fd_failures = 0;
}

void
_sb_listener_fds_hold_reserve (SbListener *self)
{
  int listening_fd;

  g_assert (self->n_reserve == 0);

  if (self->socket == NULL)
    return;

  listening_fd = g_socket_get_fd (self->socket);
  if ((guint64) MAX (self->high_fd, listening_fd) + RESERVE_ZONE < sb_fd_limit_get ())
    return;

  /* Copies of the listening socket: the cheapest descriptors to make, and
   * the lowest numbers free, as accept() would take them. */
  while (self->n_reserve < SB_LISTENER_FD_RESERVE)
    {
      int fd = fcntl (listening_fd, F_DUPFD_CLOEXEC, 0);

      if (fd < 0)
        break;
      self->reserve[self->n_reserve++] = fd;
    }
}

void
_sb_listener_fds_release_reserve (SbListener *self)
{
  while (self->n_reserve > 0)
    close (self->reserve[--self->n_reserve]);
}

void
_sb_listener_fds_prepare (SbListener *self,
                          SbStream   *connection)
{
  _sb_stream_set_close_after_empty_read (connection, self->close_after_empty_read);
  self->high_fd = MAX (self->high_fd, _sb_stream_get_fd (connection));
}

/* Public API */

gboolean
sb_listener_get_close_after_empty_read (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return self->close_after_empty_read;
}

static void
apply_close_after_cb (gpointer data,
                      gpointer user_data)
{
  _sb_stream_set_close_after_empty_read (data, GPOINTER_TO_INT (user_data));
}

void
sb_listener_set_close_after_empty_read (SbListener *self,
                                        gboolean    close_after)
{
  g_return_if_fail (SB_IS_LISTENER (self));

  close_after = !!close_after;
  if (self->close_after_empty_read == close_after)
    return;

  self->close_after_empty_read = close_after;
  /* The open connections too, from their next empty read on. */
  sb_listener_foreach_live (self, apply_close_after_cb, GINT_TO_POINTER (close_after));
  notify (self, PROP_CLOSE_AFTER_EMPTY_READ);
}

gboolean
sb_listener_get_out_of_descriptors (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), FALSE);

  return self->fd_errnum != 0;
}

int
sb_listener_get_descriptor_error (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->fd_errnum;
}

guint
sb_listener_get_open_descriptors (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->open_fds;
}

guint64
sb_listener_get_descriptor_limit (SbListener *self)
{
  g_return_val_if_fail (SB_IS_LISTENER (self), 0);

  return self->fd_limit;
}

/* GObject: the properties of this file, installed after SbListener's own
 * (from @first_id on). */

gboolean
_sb_listener_fds_get_property (SbListener *self,
                               guint       prop_id,
                               GValue     *value)
{
  if (prop_id < first_prop_id || prop_id >= first_prop_id + N_FD_PROPS)
    return FALSE;

  switch (prop_id - first_prop_id)
    {
    case PROP_CLOSE_AFTER_EMPTY_READ:
      g_value_set_boolean (value, self->close_after_empty_read);
      break;

    case PROP_OUT_OF_DESCRIPTORS:
      g_value_set_boolean (value, self->fd_errnum != 0);
      break;

    case PROP_DESCRIPTOR_ERROR:
      g_value_set_int (value, self->fd_errnum);
      break;

    case PROP_OPEN_DESCRIPTORS:
      g_value_set_uint (value, self->open_fds);
      break;

    case PROP_DESCRIPTOR_LIMIT:
      g_value_set_uint64 (value, self->fd_limit);
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

gboolean
_sb_listener_fds_set_property (SbListener   *self,
                               guint         prop_id,
                               const GValue *value)
{
  if (prop_id != first_prop_id + PROP_CLOSE_AFTER_EMPTY_READ)
    return FALSE;

  sb_listener_set_close_after_empty_read (self, g_value_get_boolean (value));

  return TRUE;
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

void
_sb_listener_fds_class_init (GObjectClass *object_class,
                             guint         first_id)
{
  first_prop_id = first_id;

  /**
   * SbListener:close-after-empty-read:
   *
   * Whether an accepted connection is closed right after its empty read
   * (recv() returned 0: the peer closed), rather than stay half-closed in
   * CLOSE_WAIT until the user closes it.  Bytes still queued to send go
   * first.  Off by default: CLOSE_WAIT is something to see.
   */
  fd_properties[PROP_CLOSE_AFTER_EMPTY_READ] =
    g_param_spec_boolean ("close-after-empty-read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbListener:out-of-descriptors:
   *
   * Whether the last accept() failed for want of a descriptor (EMFILE or
   * ENFILE) and no finished connection was left to close to make room.
   */
  fd_properties[PROP_OUT_OF_DESCRIPTORS] =
    g_param_spec_boolean ("out-of-descriptors", NULL, NULL, FALSE, RO);
  /**
   * SbListener:descriptor-error:
   *
   * EMFILE or ENFILE while #SbListener:out-of-descriptors, else 0.
   */
  fd_properties[PROP_DESCRIPTOR_ERROR] =
    g_param_spec_int ("descriptor-error", NULL, NULL, 0, G_MAXINT, 0, RO);
  /**
   * SbListener:open-descriptors:
   *
   * The descriptors this process held open when it was last found out of
   * descriptors (counted again at most once a second while it lasts).
   */
  fd_properties[PROP_OPEN_DESCRIPTORS] =
    g_param_spec_uint ("open-descriptors", NULL, NULL, 0, G_MAXUINT, 0, RO);
  /**
   * SbListener:descriptor-limit:
   *
   * The soft RLIMIT_NOFILE then (G_MAXUINT64: unlimited).
   */
  fd_properties[PROP_DESCRIPTOR_LIMIT] =
    g_param_spec_uint64 ("descriptor-limit", NULL, NULL, 0, G_MAXUINT64, 0, RO);

  for (guint i = 0; i < N_FD_PROPS; i++)
    g_object_class_install_property (object_class, first_id + i, fd_properties[i]);
}
