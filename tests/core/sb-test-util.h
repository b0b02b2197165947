/* sb-test-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-listener.h"

#include "sb-types.h"

G_BEGIN_DECLS

/* Every wait in the socket tests is bounded by this. */
#define SB_TEST_TIMEOUT_MS 20000

typedef struct _SbTestDeadline SbTestDeadline;

SbTestDeadline *sb_test_deadline_new     (guint           timeout_ms);
gboolean        sb_test_deadline_expired (SbTestDeadline *deadline);
void            sb_test_deadline_free    (SbTestDeadline *deadline);

/* Iterates the default main context until @cond holds; fails the test
 * after SB_TEST_TIMEOUT_MS, naming @what. */
#define sb_test_wait_until(cond, what)                                        \
  G_STMT_START {                                                              \
    SbTestDeadline *sb_deadline_ = sb_test_deadline_new (SB_TEST_TIMEOUT_MS); \
    while (!(cond))                                                           \
      {                                                                       \
        if (sb_test_deadline_expired (sb_deadline_))                          \
          g_error ("timed out after %u ms waiting for %s",                    \
                   SB_TEST_TIMEOUT_MS, (what));                               \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
    sb_test_deadline_free (sb_deadline_);                                     \
  } G_STMT_END

/* Lets the default main context run for @ms, sleeping while it has
 * nothing to do: whatever would happen by itself in that time, does. */
void        sb_test_run_for_ms        (guint        ms);

/* A python3 peer from tests/core/peers (or any program, when @script
 * contains no ".py"), spawned with its stdout read asynchronously line by
 * line and a pipe on its stdin.  stderr goes to the test's stderr. */
typedef struct _SbTestPeer SbTestPeer;

SbTestPeer *sb_test_peer_spawn        (const char  *script,
                                       ...) G_GNUC_NULL_TERMINATED;
SbTestPeer *sb_test_peer_spawnv       (const char * const *argv);
/* peers/conn-burst.py, to connect @n_connections times to
 * 127.0.0.1:@port when told, once it says it started. */
SbTestPeer *sb_test_conn_burst_spawn  (guint16      port,
                                       guint        n_connections);
/* Whether @listener's accept queue (TCP_INFO) holds @n connections now. */
gboolean    sb_test_accept_queue_is   (SbListener  *listener,
                                       guint        n);
/* Waits for a line starting with @prefix; returns it (owned by the peer). */
const char *sb_test_peer_wait_line    (SbTestPeer  *peer,
                                       const char  *prefix);
/* The same, but NULL when the peer's stdout ends first. */
const char *sb_test_peer_wait_line_or_end (SbTestPeer *peer,
                                           const char *prefix);
/* Waits for the peer's "local ('127.0.0.1', 5000)" line; returns the tuple,
 * "('127.0.0.1', 5000)", and stores its port in @port. */
char       *sb_test_peer_wait_tuple   (SbTestPeer  *peer,
                                       guint16     *port);
/* Everything the peer printed so far, lines joined with "\n". */
char       *sb_test_peer_dup_stdout   (SbTestPeer  *peer);
void        sb_test_peer_write        (SbTestPeer  *peer,
                                       const char  *text);
void        sb_test_peer_writef       (SbTestPeer  *peer,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (2, 3);
/* Waits until the peer exited and its stdout is at its end; returns the
 * exit status (or -1 after a signal). */
int         sb_test_peer_wait_exit    (SbTestPeer  *peer);
gboolean    sb_test_peer_has_exited   (SbTestPeer  *peer);
/* Waits for the exit without iterating any main context (so that socket
 * sources do not run meanwhile); bounded by SB_TEST_TIMEOUT_MS. */
void        sb_test_peer_wait_exit_blocking (SbTestPeer *peer);
/* Runs @argv to its end while the main context iterates, asserts that it
 * exited with 0, and returns what it printed (as sb_test_peer_dup_stdout). */
char       *sb_test_run_for_stdout    (const char * const *argv);
/* Kills the peer if still running, and frees it. */
void        sb_test_peer_free         (SbTestPeer  *peer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTestPeer, sb_test_peer_free)

/* One line per recorded event, for exact comparisons:
 *   "S1 bind ('127.0.0.1', 40000)", "S2 recv 11/1024 b'Hello World'",
 *   "C3 connect refused ECONNREFUSED ('127.0.0.1', 9)", "C3 eof".
 * S/C is the side, then the socket id.  Payloads longer than 64 bytes
 * are shown as "<N bytes>". */
char       *sb_test_describe_event    (SbCapture   *capture,
                                       guint        index);
char       *sb_test_describe_capture  (SbCapture   *capture);

/* Concatenated payloads of all events of @kind on @socket_id, followed by
 * a NUL that is not counted in the size. */
GBytes     *sb_test_collect_payload   (SbCapture   *capture,
                                       guint        socket_id,
                                       SbEventKind  kind);
/* Number of events of @kind on @socket_id (0: any socket). */
guint       sb_test_count_events      (SbCapture   *capture,
                                       guint        socket_id,
                                       SbEventKind  kind);

/* A port nothing listens on right now (bound to port 0, then closed). */
guint16     sb_test_free_port         (const char  *address);

/* An "accepted" handler that keeps the (only) accepted connection in the
 * SbStream ** given as user data; a second connection fails the test. */
void        sb_test_keep_accepted     (SbListener  *listener,
                                       SbStream    *stream,
                                       SbStream   **out);

G_END_DECLS
