/* test-readiness.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The readiness source on its own: watches on socketpairs, whose ends the
 * test fills and empties itself.  Work is counted (callbacks, epoll_ctl()
 * calls, dispatches), never timed. */

#define G_LOG_DOMAIN "test-readiness"

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gio.h>

#include "sb-listener.h"
#include "sb-capture.h"
#include "sb-readiness.h"
#include "sb-stream.h"
#include "sb-test-util.h"

/* One end watched (@socket), the other (@peer_fd) written by the test. */
typedef struct
{
  GSocket  *socket;
  int       peer_fd;
  SbWatch  *watch;
  SbWatch  *other_watch;   /* a second watch on the same socket, or NULL */
  guint     calls;
  guint     out_calls;
  guint     calls_at_mark; /* calls when the test set its mark */
  gsize     read_per_call; /* 0: read all */
  gboolean  remove;        /* return G_SOURCE_REMOVE */
  gpointer  test;          /* the test's own data */
} Pair;

static void
pair_init (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  int fds[2];

  memset (pair, 0, sizeof *pair);
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), ==, 0);
  pair->socket = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  pair->peer_fd = fds[1];
}

static void
pair_clear (Pair *pair)
{
  sb_watch_clear (&pair->watch);
  sb_watch_clear (&pair->other_watch);
  g_clear_object (&pair->socket);
  if (pair->peer_fd >= 0)
    close (pair->peer_fd);
  pair->peer_fd = -1;
}

static void
pair_write (Pair  *pair,
            gsize  n)
{
  g_autofree char *bytes = g_malloc0 (n);

  g_assert_cmpint (write (pair->peer_fd, bytes, n), ==, (gssize) n);
}

/* Reads what the watched end has (or read_per_call bytes of it). */
static void
pair_drain (Pair *pair)
{
  char buffer[4096];
  gsize want = pair->read_per_call > 0 ? pair->read_per_call : sizeof buffer;

  while (recv (g_socket_get_fd (pair->socket), buffer, want, 0) > 0)
    if (pair->read_per_call > 0)
      break;
}

static gboolean
in_cb (GSocket      *socket,
       GIOCondition  condition,
       gpointer      user_data)
{
  Pair *pair = user_data;

  g_assert_true (socket == pair->socket);
  g_assert_true (condition & G_IO_IN);
  pair->calls++;
  pair_drain (pair);

  return pair->remove ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
out_cb (GSocket      *socket,
        GIOCondition  condition,
        gpointer      user_data)
{
  Pair *pair = user_data;

  g_assert_true (condition & G_IO_OUT);
  pair->out_calls++;

  return G_SOURCE_CONTINUE;
}

static void
get_stats (SbReadinessStats *stats)
{
  sb_readiness_get_stats (stats);
}

/* Iterates without blocking until nothing is left to dispatch. */
static void
iterate_until_idle (void)
{
  SbTestDeadline *deadline = sb_test_deadline_new (SB_TEST_TIMEOUT_MS);

  while (g_main_context_iteration (NULL, FALSE))
    g_assert_false (sb_test_deadline_expired (deadline));
  sb_test_deadline_free (deadline);
}

/* Many sockets, a few ready: only those are called, each registered once. */
static void
test_many_sockets (void)
{
  enum { N = 300 };
  static const guint ready[] = { 0, 7, 150, 299 };
  Pair *pairs = g_new (Pair, N);
  SbReadinessStats before, after;

  get_stats (&before);
  for (guint i = 0; i < N; i++)
    {
      pair_init (&pairs[i]);
      pairs[i].watch = sb_watch_new (pairs[i].socket, G_IO_IN, in_cb, &pairs[i], "test");
    }
  get_stats (&after);
  g_assert_cmpuint (after.registered_fds - before.registered_fds, ==, N);
  g_assert_cmpuint (after.watches - before.watches, ==, N);
  g_assert_cmpuint (after.epoll_ctl_calls - before.epoll_ctl_calls, ==, N);

  /* Nothing ready: nothing dispatched. */
  iterate_until_idle ();
  get_stats (&before);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  get_stats (&after);
  g_assert_cmpuint (after.dispatch_calls, ==, before.dispatch_calls);
  g_assert_cmpuint (after.watches_dispatched, ==, before.watches_dispatched);

  for (guint i = 0; i < G_N_ELEMENTS (ready); i++)
    pair_write (&pairs[ready[i]], 10);
  sb_test_wait_until (pairs[ready[0]].calls > 0 && pairs[ready[1]].calls > 0
                      && pairs[ready[2]].calls > 0 && pairs[ready[3]].calls > 0,
                      "the ready sockets");
  iterate_until_idle ();
  get_stats (&after);

  for (guint i = 0, r = 0; i < N; i++)
    {
      gboolean is_ready = r < G_N_ELEMENTS (ready) && ready[r] == i;

      g_assert_cmpuint (pairs[i].calls, ==, is_ready ? 1 : 0);
      r += is_ready;
    }
  g_assert_cmpuint (after.watches_dispatched - before.watches_dispatched, ==, G_N_ELEMENTS (ready));
  g_assert_cmpuint (after.epoll_ctl_calls, ==, before.epoll_ctl_calls);

  get_stats (&before);
  for (guint i = 0; i < N; i++)
    pair_clear (&pairs[i]);
  get_stats (&after);
  g_assert_cmpuint (before.registered_fds - after.registered_fds, ==, N);
  g_assert_cmpuint (before.watches - after.watches, ==, N);
  g_free (pairs);
}

/* in → in+out → out → none: epoll is told only when the union changes. */
static void
test_interest_changes (void)
{
  SbReadinessStats before, after;
  SbWatch *second_in = NULL;
  Pair pair;

  pair_init (&pair);

  get_stats (&before);
  pair.watch = sb_watch_new (pair.socket, G_IO_IN, in_cb, &pair, "in");
  get_stats (&after);
  g_assert_cmpuint (after.epoll_ctl_calls - before.epoll_ctl_calls, ==, 1);  /* ADD */
  g_assert_cmpuint (after.registered_fds - before.registered_fds, ==, 1);

  /* The same interest again: no call. */
  second_in = sb_watch_new (pair.socket, G_IO_IN, in_cb, &pair, "in again");
  get_stats (&before);
  g_assert_cmpuint (before.epoll_ctl_calls, ==, after.epoll_ctl_calls);
  g_assert_cmpuint (before.registered_fds, ==, after.registered_fds);
  sb_watch_clear (&second_in);
  get_stats (&after);
  g_assert_cmpuint (after.epoll_ctl_calls, ==, before.epoll_ctl_calls);

  /* Nothing to read: only the output watch is called (the socket is
   * writable). */
  pair.other_watch = sb_watch_new (pair.socket, G_IO_OUT, out_cb, &pair, "out");
  get_stats (&before);
  g_assert_cmpuint (before.epoll_ctl_calls - after.epoll_ctl_calls, ==, 1);  /* MOD */
  sb_test_wait_until (pair.out_calls > 0, "the output watch");
  g_assert_cmpuint (pair.calls, ==, 0);

  /* Both ready: both called, from one report. */
  pair_write (&pair, 5);
  pair.out_calls = 0;
  sb_test_wait_until (pair.calls > 0, "the input watch");
  g_assert_cmpuint (pair.out_calls, >, 0);

  get_stats (&before);
  sb_watch_clear (&pair.watch);
  get_stats (&after);
  g_assert_cmpuint (after.epoll_ctl_calls - before.epoll_ctl_calls, ==, 1);  /* MOD */
  g_assert_cmpuint (after.registered_fds, ==, before.registered_fds);

  /* Readable again, but only the output watch is left. */
  pair.calls = 0;
  pair_write (&pair, 5);
  pair.out_calls = 0;
  sb_test_wait_until (pair.out_calls > 2, "the output watch");
  g_assert_cmpuint (pair.calls, ==, 0);

  get_stats (&before);
  sb_watch_clear (&pair.other_watch);
  get_stats (&after);
  g_assert_cmpuint (after.epoll_ctl_calls - before.epoll_ctl_calls, ==, 1);  /* DEL */
  g_assert_cmpuint (before.registered_fds - after.registered_fds, ==, 1);

  /* Gone: no call, however ready the socket is. */
  pair.out_calls = 0;
  iterate_until_idle ();
  g_assert_cmpuint (pair.out_calls, ==, 0);
  g_assert_cmpuint (pair.calls, ==, 0);

  pair_clear (&pair);
}

/* Two ready sockets in one batch: whichever is called first closes the
 * other (without clearing its watch, as a careless owner would), makes a
 * new socket that takes the closed one's descriptor number, and watches
 * it.  The closed socket is never called; the new one is, for its own
 * data only. */
typedef struct
{
  Pair     pairs[2];
  Pair     fresh;
  int      closed_fd;
  gboolean clear_first;   /* clear the victim's watch before closing it */
  gboolean reuse;         /* open a new socket after closing the victim */
} CloseTest;

static gboolean
close_other_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      user_data)
{
  Pair *pair = user_data;
  CloseTest *test = pair->test;
  Pair *victim = pair == &test->pairs[0] ? &test->pairs[1] : &test->pairs[0];

  pair->calls++;
  pair_drain (pair);

  if (test->closed_fd < 0)
    {
      test->closed_fd = g_socket_get_fd (victim->socket);
      if (test->clear_first)
        sb_watch_clear (&victim->watch);
      g_socket_close (victim->socket, NULL);

      if (test->reuse)
        {
          pair_init (&test->fresh);
          test->fresh.watch = sb_watch_new (test->fresh.socket, G_IO_IN, in_cb, &test->fresh,
                                            "new");
        }
    }

  return G_SOURCE_CONTINUE;
}

static void
run_close_test (gboolean clear_first,
                gboolean reuse)
{
  CloseTest test = { 0, };
  SbReadinessStats before, after;

  test.closed_fd = -1;
  test.clear_first = clear_first;
  test.reuse = reuse;
  for (guint i = 0; i < 2; i++)
    {
      pair_init (&test.pairs[i]);
      test.pairs[i].test = &test;
      test.pairs[i].watch = sb_watch_new (test.pairs[i].socket, G_IO_IN, close_other_cb,
                                          &test.pairs[i], "close test");
      pair_write (&test.pairs[i], 3);
    }

  get_stats (&before);
  sb_test_wait_until (test.closed_fd >= 0, "a callback");
  get_stats (&after);
  /* Both were ready in the same dispatch. */
  g_assert_cmpuint (after.ready_events - before.ready_events, >=, 2);
  g_assert_cmpuint (test.pairs[0].calls + test.pairs[1].calls, ==, 1);

  iterate_until_idle ();
  g_assert_cmpuint (test.pairs[0].calls + test.pairs[1].calls, ==, 1);

  /* The new socket most likely took the closed one's number: nothing
   * reported for the old one reaches it. */
  if (reuse)
    {
      g_test_message ("closed descriptor %d, new one %d", test.closed_fd,
                      g_socket_get_fd (test.fresh.socket));
      g_assert_cmpuint (test.fresh.calls, ==, 0);

      pair_write (&test.fresh, 1);
      sb_test_wait_until (test.fresh.calls == 1, "the new socket");
      iterate_until_idle ();
      g_assert_cmpuint (test.pairs[0].calls + test.pairs[1].calls, ==, 1);
    }

  /* Clearing the closed socket's watch (if still there) is harmless. */
  for (guint i = 0; i < 2; i++)
    pair_clear (&test.pairs[i]);
  pair_clear (&test.fresh);
}

static void
test_closed_while_ready (void)
{
  run_close_test (FALSE, FALSE);
}

static void
test_closed_number_reused (void)
{
  run_close_test (FALSE, TRUE);
}

static void
test_cleared_number_reused (void)
{
  run_close_test (TRUE, TRUE);
}

/* A socket closed while its open file lives on elsewhere (a dup()) stays
 * in epoll, which still reports it under the old number: those reports
 * never reach the new socket that took the number. */
static void
test_stale_report (void)
{
  Pair old, fresh;
  int old_fd;
  int dup_fd;

  pair_init (&old);
  old.watch = sb_watch_new (old.socket, G_IO_IN, in_cb, &old, "old");
  old_fd = g_socket_get_fd (old.socket);
  dup_fd = dup (old_fd);
  g_assert_cmpint (dup_fd, >=, 0);
  g_socket_close (old.socket, NULL);

  pair_init (&fresh);
  g_assert_cmpint (g_socket_get_fd (fresh.socket), ==, old_fd);
  fresh.watch = sb_watch_new (fresh.socket, G_IO_IN, in_cb, &fresh, "fresh");
  g_assert_false (sb_watch_is_active (old.watch));

  pair_write (&old, 1);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fresh.calls, ==, 0);
  g_assert_cmpuint (old.calls, ==, 0);

  /* The last descriptor of the old file gone, epoll forgets it. */
  close (dup_fd);
  iterate_until_idle ();

  pair_write (&fresh, 1);
  sb_test_wait_until (fresh.calls == 1, "the new socket");
  pair_clear (&old);
  pair_clear (&fresh);
}

/* A callback that clears its own watch, and G_SOURCE_REMOVE. */
static gboolean
clear_self_cb (GSocket      *socket,
               GIOCondition  condition,
               gpointer      user_data)
{
  Pair *pair = user_data;

  pair->calls++;
  sb_watch_clear (&pair->watch);

  return G_SOURCE_CONTINUE;
}

static void
test_remove (void)
{
  SbReadinessStats before, after;
  Pair pair;

  /* G_SOURCE_REMOVE: called once although the data stays unread. */
  pair_init (&pair);
  pair.read_per_call = 1;
  pair.remove = TRUE;
  pair.watch = sb_watch_new (pair.socket, G_IO_IN, in_cb, &pair, "remove");
  pair_write (&pair, 100);
  get_stats (&before);
  sb_test_wait_until (pair.calls == 1, "the callback");
  iterate_until_idle ();
  get_stats (&after);
  g_assert_cmpuint (pair.calls, ==, 1);
  g_assert_false (sb_watch_is_active (pair.watch));
  g_assert_cmpuint (before.watches - after.watches, ==, 1);
  g_assert_cmpuint (before.registered_fds - after.registered_fds, ==, 1);
  pair_clear (&pair);
  g_assert_null (pair.watch);

  /* A callback clearing its own watch. */
  pair_init (&pair);
  pair.watch = sb_watch_new (pair.socket, G_IO_IN, clear_self_cb, &pair, "clear self");
  pair_write (&pair, 100);
  sb_test_wait_until (pair.calls == 1, "the callback");
  iterate_until_idle ();
  g_assert_cmpuint (pair.calls, ==, 1);
  g_assert_null (pair.watch);
  pair_clear (&pair);
}

/* Flooders stay ready (each call reads one byte of many); a quiet socket
 * gets one byte.  Each flooder is called at most twice between that byte's
 * arrival and the quiet socket's call, and no dispatch makes more than
 * SB_READINESS_MAX_CALLBACKS calls. */
static void
run_fairness (guint n_flooders)
{
  Pair *flooders = g_new (Pair, n_flooders);
  SbReadinessStats before, after;
  Pair quiet;

  for (guint i = 0; i < n_flooders; i++)
    {
      pair_init (&flooders[i]);
      flooders[i].read_per_call = 1;
      flooders[i].watch = sb_watch_new (flooders[i].socket, G_IO_IN, in_cb, &flooders[i], "flood");
      pair_write (&flooders[i], 4096);
    }
  pair_init (&quiet);
  quiet.watch = sb_watch_new (quiet.socket, G_IO_IN, in_cb, &quiet, "quiet");

  /* Let the flood run a while, one dispatch at a time. */
  for (guint i = 0; i < 10; i++)
    {
      get_stats (&before);
      g_main_context_iteration (NULL, FALSE);
      get_stats (&after);
      g_assert_cmpuint (after.watches_dispatched - before.watches_dispatched, <=,
                        SB_READINESS_MAX_CALLBACKS);
      g_assert_cmpuint (after.dispatch_calls - before.dispatch_calls, <=, 1);
    }
  g_assert_cmpuint (flooders[0].calls, >, 0);

  for (guint i = 0; i < n_flooders; i++)
    flooders[i].calls_at_mark = flooders[i].calls;
  pair_write (&quiet, 1);
  sb_test_wait_until (quiet.calls == 1, "the quiet socket");

  for (guint i = 0; i < n_flooders; i++)
    {
      g_assert_cmpuint (flooders[i].calls - flooders[i].calls_at_mark, <=, 2);
      pair_clear (&flooders[i]);
    }
  pair_clear (&quiet);
  g_free (flooders);
}

static void
test_fairness_one (void)
{
  run_fairness (1);
}

static void
test_fairness_many (void)
{
  /* More ready sockets than one dispatch serves. */
  run_fairness (3 * SB_READINESS_MAX_CALLBACKS + 7);
}

/* The listener's accept under a flood: the connection is accepted while
 * each flooder is called at most twice. */
static void
test_listener_not_starved (void)
{
  enum { N_FLOODERS = 2 * SB_READINESS_MAX_CALLBACKS };
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) accepted = NULL;
  g_autoptr(GSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  Pair *flooders = g_new (Pair, N_FLOODERS);

  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &accepted);

  for (guint i = 0; i < N_FLOODERS; i++)
    {
      pair_init (&flooders[i]);
      flooders[i].read_per_call = 1;
      flooders[i].watch = sb_watch_new (flooders[i].socket, G_IO_IN, in_cb, &flooders[i], "flood");
      pair_write (&flooders[i], 4096);
    }
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < N_FLOODERS; i++)
    flooders[i].calls_at_mark = flooders[i].calls;

  client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", sb_listener_get_port (listener));
  g_assert_true (g_socket_connect (client, address, NULL, &error));
  g_assert_no_error (error);

  sb_test_wait_until (accepted != NULL, "the accept");
  for (guint i = 0; i < N_FLOODERS; i++)
    {
      g_assert_cmpuint (flooders[i].calls - flooders[i].calls_at_mark, <=, 2);
      pair_clear (&flooders[i]);
    }
  g_free (flooders);
  sb_stream_close (accepted);
  sb_listener_stop (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/readiness/many-sockets", test_many_sockets);
  g_test_add_func ("/readiness/interest-changes", test_interest_changes);
  g_test_add_func ("/readiness/closed-while-ready", test_closed_while_ready);
  g_test_add_func ("/readiness/closed-number-reused", test_closed_number_reused);
  g_test_add_func ("/readiness/cleared-number-reused", test_cleared_number_reused);
  g_test_add_func ("/readiness/stale-report", test_stale_report);
  g_test_add_func ("/readiness/remove", test_remove);
  g_test_add_func ("/readiness/fairness-one", test_fairness_one);
  g_test_add_func ("/readiness/fairness-many", test_fairness_many);
  g_test_add_func ("/readiness/listener-not-starved", test_listener_not_starved);

  return g_test_run ();
}
