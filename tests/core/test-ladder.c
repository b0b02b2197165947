/* test-ladder.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ladder"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-ladder.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"

#define SERVER_TUPLE "('127.0.0.1', 15000)"
#define CLIENT_TUPLE "('127.0.0.1', 50000)"
#define OTHER_TUPLE  "('127.0.0.1', 50001)"
#define UDP_SERVER_TUPLE "('127.0.0.1', 9999)"
/* A UDP client the kernel bound at its first sendto(): getsockname() says
 * the wildcard address, the receiver sees the address it left from. */
#define UDP_CLIENT_LOCAL "('0.0.0.0', 51515)"
#define UDP_CLIENT_TUPLE "('127.0.0.1', 51515)"

/* Synthetic captures */

static guint
add (SbCapture   *capture,
     SbEventKind  kind,
     SbSide       side,
     guint        socket_id,
     int          detail,
     gint64       result,
     int          errnum,
     const char  *note,
     const char  *payload)
{
  SbEventInfo info = { 0, };
  gsize len = payload != NULL ? strlen (payload) : 0;

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.detail = detail;
  info.result = result;
  info.errnum = errnum;
  info.note = note;
  info.requested = len > 0 ? len : 1024;

  return sb_capture_append (capture, &info, (const guint8 *) payload, len);
}

static guint
add_send (SbCapture  *capture,
          SbSide      side,
          guint       socket_id,
          const char *payload)
{
  return add (capture, SB_EVENT_SEND, side, socket_id, 0, strlen (payload), 0, NULL, payload);
}

static guint
add_recv (SbCapture  *capture,
          SbSide      side,
          guint       socket_id,
          const char *payload)
{
  return add (capture, SB_EVENT_RECV, side, socket_id, 0, strlen (payload), 0, NULL, payload);
}

/* Socket 1 listens on SERVER_TUPLE; client socket 2 connects from
 * CLIENT_TUPLE; the server accepts it as socket 3. */
static void
add_exercise_start (SbCapture *capture)
{
  add (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, 0, 3, 0, "AF_INET, SOCK_STREAM", NULL);
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, 1, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 2, 0, 4, 0, "AF_INET, SOCK_STREAM", NULL);
  sb_capture_set_local_tuple (capture, 2, CLIENT_TUPLE);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_STARTED, 0, 0, SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_ESTABLISHED, 0, 0, SERVER_TUPLE,
       NULL);
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 3, 0, 5, 0, CLIENT_TUPLE, NULL);
}

/* A UDP datagram event: sendto() (@detail an SbSendtoHow) or recvfrom()
 * of a datagram of @result bytes into a buffer of @requested, of which
 * @payload was kept. */
static guint
add_datagram (SbCapture   *capture,
              SbEventKind  kind,
              SbSide       side,
              guint        socket_id,
              int          detail,
              gint64       result,
              gsize        requested,
              const char  *note,
              const char  *payload)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.detail = detail;
  info.result = result;
  info.requested = requested;
  info.note = note;

  return sb_capture_append (capture, &info, (const guint8 *) payload, strlen (payload));
}

static guint
add_sendto (SbCapture  *capture,
            SbSide      side,
            guint       socket_id,
            const char *to,
            const char *payload)
{
  return add_datagram (capture, SB_EVENT_SENDTO, side, socket_id, SB_SENDTO_ADDRESSED,
                       strlen (payload), strlen (payload), to, payload);
}

static guint
add_recvfrom (SbCapture  *capture,
              SbSide      side,
              guint       socket_id,
              const char *from,
              const char *payload)
{
  return add_datagram (capture, SB_EVENT_RECVFROM, side, socket_id, 0, strlen (payload), 1024,
                       from, payload);
}

/* Every arrow's label, one a line, in the order of their rows. */
static char *
dup_labels (SbLadder *ladder)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sb_ladder_get_n_arrows (ladder); i++)
    {
      g_autofree char *label = sb_ladder_dup_arrow_label (ladder, i);

      g_string_append_printf (out, "%s\n", label);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_label (SbLadder   *ladder,
           const char *label)
{
  g_autofree char *labels = dup_labels (ladder);
  g_auto(GStrv) lines = g_strsplit (labels, "\n", -1);

  return g_strv_contains ((const char * const *) lines, label);
}

#define assert_label(ladder, label)                                            \
  G_STMT_START {                                                              \
    if (!has_label ((ladder), (label)))                                       \
      {                                                                       \
        g_autofree char *all_ = dup_labels (ladder);                          \
        g_error ("no arrow \"%s\" among:\n%s", (label), all_);                \
      }                                                                       \
  } G_STMT_END

/* Everything the ladder holds, for comparing two of them. */
static char *
describe_ladder (SbLadder *ladder)
{
  GString *out = g_string_new (NULL);
  g_autofree char *labels = dup_labels (ladder);

  for (guint i = 0; i < sb_ladder_get_n_lifelines (ladder); i++)
    {
      SbLadderLifeline l;

      g_assert_true (sb_ladder_get_lifeline (ladder, i, &l));
      g_string_append_printf (out, "L%u %s %s kind %d side %d col %u socket %u rows %u-%d\n",
                              i, l.name, l.tuple ? l.tuple : "-", l.kind, l.side, l.column,
                              l.socket_id, l.first_row, (int) l.last_row);
    }
  for (guint row = 0; row < sb_ladder_get_n_rows (ladder); row++)
    g_string_append_printf (out, "R%u L%d\n", row, (int) sb_ladder_get_row_lifeline (ladder, row));
  for (guint i = 0; i < sb_ladder_get_n_arrows (ladder); i++)
    {
      SbLadderArrow a;
      g_autofree char *preview = sb_ladder_dup_arrow_preview (ladder, i, 40);

      g_assert_true (sb_ladder_get_arrow (ladder, i, &a));
      g_string_append_printf (out, "A%u kind %d %d→%d L%d→L%d bytes %u at %u %s\n", i, a.kind,
                              (int) a.from_event, (int) a.to_event, (int) a.from_lifeline,
                              (int) a.to_lifeline, a.bytes, a.offset, preview);
    }
  g_string_append (out, labels);

  return g_string_free (out, FALSE);
}

static void
test_exercise_in_window (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;
  guint send_row, recv_row;
  g_autofree char *labels = NULL;
  g_autofree char *preview = NULL;

  add_exercise_start (capture);
  send_row = add_send (capture, SB_SIDE_CLIENT, 2, "Hello World");
  recv_row = add_recv (capture, SB_SIDE_SERVER, 3, "Hello World");
  add_send (capture, SB_SIDE_SERVER, 3, "Hello Yourself");
  add_recv (capture, SB_SIDE_CLIENT, 2, "Hello Yourself");
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 2, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_EOF, SB_SIDE_SERVER, 3, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 3, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, 14);
  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "send 11 bytes → recv 11 bytes\n"
                   "send 14 bytes → recv 14 bytes\n"
                   "close → recv b'' (FIN)\n");

  /* The handshake from connect()'s start to accept(). */
  g_assert_true (sb_ladder_get_arrow (ladder, 0, &arrow));
  g_assert_cmpint (arrow.kind, ==, SB_LADDER_ARROW_HANDSHAKE);
  g_assert_cmpuint (arrow.from_event, ==, 4);
  g_assert_cmpuint (arrow.to_event, ==, 6);

  g_assert_true (sb_ladder_get_arrow (ladder, 1, &arrow));
  g_assert_cmpint (arrow.kind, ==, SB_LADDER_ARROW_DATA);
  g_assert_cmpuint (arrow.from_event, ==, send_row);
  g_assert_cmpuint (arrow.to_event, ==, recv_row);
  g_assert_cmpuint (arrow.bytes, ==, 11);
  preview = sb_ladder_dup_arrow_preview (ladder, 1, 40);
  g_assert_cmpstr (preview, ==, "b'Hello World'");
  g_clear_pointer (&preview, g_free);
  preview = sb_ladder_dup_arrow_preview (ladder, 1, 8);
  g_assert_cmpstr (preview, ==, "b'Hell'…");

  /* Three lifelines, no peer: client on the left, server and conn right. */
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 3);
  g_assert_cmpuint (sb_ladder_get_n_columns (ladder, SB_SIDE_CLIENT), ==, 1);
  g_assert_cmpuint (sb_ladder_get_n_columns (ladder, SB_SIDE_SERVER), ==, 2);
  g_assert_true (sb_ladder_get_lifeline (ladder, sb_ladder_get_row_lifeline (ladder, send_row),
                                         &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "client");
  g_assert_cmpstr (lifeline.tuple, ==, CLIENT_TUPLE);
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_CLIENT);
  g_assert_cmpuint (lifeline.last_row, ==, 11);
  g_assert_true (sb_ladder_get_lifeline (ladder, sb_ladder_get_row_lifeline (ladder, recv_row),
                                         &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "conn");
  g_assert_cmpstr (lifeline.tuple, ==, CLIENT_TUPLE);
  g_assert_true (sb_ladder_get_lifeline (ladder, sb_ladder_get_row_lifeline (ladder, 1),
                                         &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "server");
  g_assert_cmpstr (lifeline.tuple, ==, SERVER_TUPLE);
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_SERVER);

  /* Lookups by rows and by event. */
  sb_ladder_find_arrows (ladder, send_row, send_row, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  sb_ladder_find_arrows (ladder, 5, 5, found);   /* crossed by the handshake */
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  sb_ladder_find_arrows (ladder, 0, 3, found);
  g_assert_cmpuint (found->len, ==, 0);
  sb_ladder_find_event_arrows (ladder, recv_row, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 1);
  g_array_set_size (found, 0);
  sb_ladder_find_lifelines (ladder, 0, 2, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_array_set_size (found, 0);
  sb_ladder_find_lifelines (ladder, 12, 13, found);
  g_assert_cmpuint (found->len, ==, 2);   /* the listener and the connection */
}

static void
test_split_and_coalesce (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;
  g_autofree char *second = NULL;
  SbLadderArrow arrow;

  add_exercise_start (capture);
  /* One send of 11 bytes read by two recv() calls … */
  add_send (capture, SB_SIDE_CLIENT, 2, "Hello World");
  add_recv (capture, SB_SIDE_SERVER, 3, "Hello ");
  add_recv (capture, SB_SIDE_SERVER, 3, "World");
  /* … and two sends read by one. */
  add_send (capture, SB_SIDE_SERVER, 3, "Hello ");
  add_send (capture, SB_SIDE_SERVER, 3, "Yourself");
  add_recv (capture, SB_SIDE_CLIENT, 2, "Hello Yourself");
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "send 11 bytes → recv 6 bytes (6 bytes)\n"
                   "send 11 bytes → recv 5 bytes (5 bytes)\n"
                   "send 6 bytes → recv 14 bytes (6 bytes)\n"
                   "send 8 bytes → recv 14 bytes (8 bytes)\n");

  g_assert_true (sb_ladder_get_arrow (ladder, 2, &arrow));
  g_assert_cmpuint (arrow.offset, ==, 6);
  g_assert_cmpuint (arrow.bytes, ==, 5);
  second = sb_ladder_dup_arrow_preview (ladder, 2, 40);
  g_assert_cmpstr (second, ==, "b'World'");
  g_assert_true (sb_ladder_get_arrow (ladder, 4, &arrow));
  g_assert_cmpuint (arrow.offset, ==, 0);
  g_assert_cmpuint (arrow.to_event, ==, 12);
}

static void
test_reset (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add_exercise_start (capture);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 2, SB_CLOSE_ABORT, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_RESET, SB_SIDE_SERVER, 3, 0, -1, ECONNRESET, "recv: reset", NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 3, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  /* The close after the reset sends nothing: no FIN. */
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "reset → ConnectionResetError (RST)\n");
}

static void
test_shutdown_fin (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add_exercise_start (capture);
  add (capture, SB_EVENT_SHUTDOWN, SB_SIDE_SERVER, 3, SB_SHUTDOWN_WRITE, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_EOF, SB_SIDE_CLIENT, 2, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 3, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 2, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  /* One FIN each way: the server's close after its shutdown sends none,
   * and nobody read the client's. */
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "shutdown → recv b'' (FIN)\n");
}

/* The client sends before the server accepts (Auto-accept off): the bytes
 * wait in the queue for the accept, then for the recv. */
static void
test_send_before_accept (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, "('0.0.0.0', 15000)", NULL);
  add (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, 1, 0, 0, 0, NULL, NULL);
  sb_capture_set_local_tuple (capture, 2, CLIENT_TUPLE);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_STARTED, 0, 0, SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_ESTABLISHED, 0, 0, SERVER_TUPLE,
       NULL);
  add_send (capture, SB_SIDE_CLIENT, 2, "early");
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 3, 0, 5, 0, CLIENT_TUPLE, NULL);
  add_recv (capture, SB_SIDE_SERVER, 3, "early");
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "send 5 bytes → recv 5 bytes\n");
  /* No peer lifeline: both ends are ours. */
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 3);
}

static void
test_outside_peers (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;
  SbLadderLifeline lifeline;
  SbLadderArrow arrow;

  /* A python client of our server … */
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, 1, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 3, 0, 5, 0, OTHER_TUPLE, NULL);
  add_recv (capture, SB_SIDE_SERVER, 3, "Hello World");
  add_send (capture, SB_SIDE_SERVER, 3, "Hello Yourself");
  add (capture, SB_EVENT_EOF, SB_SIDE_SERVER, 3, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 3, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  /* … and our client of a python server, which resets. */
  sb_capture_set_local_tuple (capture, 4, CLIENT_TUPLE);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 4, SB_CONNECT_STARTED, 0, 0,
       "('127.0.0.1', 8080)", NULL);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 4, SB_CONNECT_ESTABLISHED, 0, 0,
       "('127.0.0.1', 8080)", NULL);
  add_send (capture, SB_SIDE_CLIENT, 4, "GET / HTTP/1.0\r\n\r\n");
  add (capture, SB_EVENT_RESET, SB_SIDE_CLIENT, 4, 0, -1, ECONNRESET, "recv: reset", NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 4, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "peer → accept\n"
                   "peer → recv 11 bytes\n"
                   "send 14 bytes → peer\n"
                   "peer → recv b'' (FIN)\n"
                   "close → peer (FIN)\n"
                   "connect → peer\n"
                   "send 18 bytes → peer\n"
                   "peer → ConnectionResetError (RST)\n");

  g_assert_true (sb_ladder_get_arrow (ladder, 1, &arrow));
  g_assert_cmpuint (arrow.from_event, ==, SB_LADDER_NONE);
  g_assert_cmpuint (arrow.to_event, ==, 3);
  g_assert_cmpuint (arrow.top_row, ==, 3);
  g_assert_cmpuint (arrow.bottom_row, ==, 3);
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_PEER);
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_CLIENT);
  g_assert_cmpstr (lifeline.name, ==, "peer");
  g_assert_cmpstr (lifeline.tuple, ==, OTHER_TUPLE);
  g_assert_cmpuint (lifeline.last_row, ==, 6);

  /* The client's peer, on the server's half, in the column the closed
   * connection left free. */
  g_assert_true (sb_ladder_get_arrow (ladder, 6, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.to_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "peer2");
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_SERVER);
  g_assert_cmpuint (lifeline.column, ==, 1);
  g_assert_cmpuint (sb_ladder_get_n_columns (ladder, SB_SIDE_SERVER), ==, 2);
}

/* A dual-stack listener sees an IPv4 client as ::ffff:127.0.0.1. */
static void
test_mapped_address (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, "('::', 15000, 0, 0)", NULL);
  add (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, 1, 0, 0, 0, NULL, NULL);
  sb_capture_set_local_tuple (capture, 2, CLIENT_TUPLE);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_STARTED, 0, 0, SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_ESTABLISHED, 0, 0, SERVER_TUPLE,
       NULL);
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 3, 0, 5, 0, "('::ffff:127.0.0.1', 50000, 0, 0)",
       NULL);
  add_send (capture, SB_SIDE_CLIENT, 2, "Hello World");
  add_recv (capture, SB_SIDE_SERVER, 3, "Hello World");
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "connect → accept\n"
                   "send 11 bytes → recv 11 bytes\n");
}

/* A capture with a bit of everything, deterministic. */
static void
add_mixed_session (SbCapture *capture,
                   guint      rounds)
{
  add_exercise_start (capture);
  for (guint i = 0; i < rounds; i++)
    {
      add_send (capture, SB_SIDE_CLIENT, 2, "0123456789");
      if (i % 3 == 0)
        add_recv (capture, SB_SIDE_SERVER, 3, "0123");
      add_send (capture, SB_SIDE_SERVER, 3, "abc");
      if (i % 3 == 2)
        {
          add_recv (capture, SB_SIDE_SERVER, 3, "456789012345678901234567");
          add_recv (capture, SB_SIDE_CLIENT, 2, "abcabcabc");
        }
    }
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 7, 0, 5, 0, OTHER_TUPLE, NULL);
  add_recv (capture, SB_SIDE_SERVER, 7, "from outside");
  add (capture, SB_EVENT_SHUTDOWN, SB_SIDE_CLIENT, 2, SB_SHUTDOWN_WRITE, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_EOF, SB_SIDE_SERVER, 3, 0, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 3, SB_CLOSE_ABORT, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_RESET, SB_SIDE_CLIENT, 2, 0, -1, ECONNRESET, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 2, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
}

static void
test_incremental (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) live = sb_ladder_new (capture);
  g_autoptr(SbCapture) batch_capture = sb_capture_new ();
  g_autoptr(SbLadder) batch = NULL;
  g_autofree char *live_text = NULL;
  g_autofree char *batch_text = NULL;
  guint flushes = 0;

  /* The live ladder sees the events in batches of every size from 1 up. */
  add_mixed_session (batch_capture, 12);
  for (guint i = 0, batch_size = 1; i < sb_capture_get_n_recorded (batch_capture); i++)
    {
      SbEventInfo info;
      g_autoptr(GBytes) payload = sb_capture_dup_payload (batch_capture, i);

      g_assert_true (sb_capture_get_info (batch_capture, i, &info));
      if (info.socket_id != 0)
        sb_capture_set_local_tuple (capture, info.socket_id,
                                    sb_capture_get_local_tuple (batch_capture, info.socket_id));
      sb_capture_append (capture, &info, g_bytes_get_data (payload, NULL),
                         g_bytes_get_size (payload));
      if ((i + 1) % batch_size == 0)
        {
          sb_capture_flush (capture);
          flushes++;
          batch_size = batch_size % 5 + 1;
        }
    }
  sb_capture_flush (capture);
  g_assert_cmpuint (flushes, >, 10);

  batch = sb_ladder_new (batch_capture);
  g_assert_cmpuint (sb_ladder_get_n_rows (batch), ==, 0);
  sb_capture_flush (batch_capture);
  g_assert_cmpuint (sb_ladder_get_n_rows (batch), ==, sb_capture_get_n_recorded (batch_capture));

  live_text = describe_ladder (live);
  batch_text = describe_ladder (batch);
  g_assert_cmpstr (live_text, ==, batch_text);

  /* Every byte the connection received came by one arrow or another. */
  {
    guint64 carried = 0;
    guint64 received = 0;

    for (guint i = 0; i < sb_ladder_get_n_arrows (batch); i++)
      {
        SbLadderArrow arrow;
        SbEventInfo info;

        sb_ladder_get_arrow (batch, i, &arrow);
        if (arrow.kind == SB_LADDER_ARROW_DATA && arrow.from_event != SB_LADDER_NONE
            && sb_capture_get_info (batch_capture, arrow.from_event, &info)
            && info.side == SB_SIDE_CLIENT)
          carried += arrow.bytes;
      }
    for (guint i = 0; i < sb_capture_get_n_recorded (batch_capture); i++)
      {
        SbEventInfo info;

        sb_capture_get_info (batch_capture, i, &info);
        if (info.kind == SB_EVENT_RECV && info.socket_id == 3)
          received += info.result;
      }
    g_assert_cmpuint (received, >, 0);
    g_assert_cmpuint (carried, ==, received);
  }
}

static void
test_clear (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add_exercise_start (capture);
  add_send (capture, SB_SIDE_CLIENT, 2, "before");
  sb_capture_flush (capture);
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), ==, 1);

  sb_capture_clear (capture);
  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 0);

  /* The connection is still known: the bytes sent before the clear are
   * received without an arrow, those after it match. */
  add_recv (capture, SB_SIDE_SERVER, 3, "before");
  add_send (capture, SB_SIDE_CLIENT, 2, "after");
  add_recv (capture, SB_SIDE_SERVER, 3, "after");
  sb_capture_flush (capture);
  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==, "send 5 bytes → recv 5 bytes\n");
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 2);
}

/* Lazy ladders (sb_ladder_new_lazy()): the same rows as an eager ladder,
 * built only in sb_ladder_catch_up(), nothing kept per event before. */

static void
count_changed_cb (SbLadder *ladder,
                  guint    *count)
{
  (*count)++;
}

/* Takes in every waiting event, @batch at a time; returns the calls. */
static guint
catch_up_all (SbLadder *lazy,
              guint     batch)
{
  guint calls = 0;
  guint waiting = sb_ladder_get_n_waiting (lazy);

  while (waiting > 0)
    {
      guint rows = sb_ladder_get_n_rows (lazy);
      guint left = sb_ladder_catch_up (lazy, batch);

      g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, rows + MIN (batch, waiting));
      g_assert_cmpuint (left, ==, waiting - MIN (batch, waiting));
      waiting = left;
      calls++;
    }

  return calls;
}

/* Nothing taken in until asked, then a batch at a time, with one
 * "changed" per batch: the same diagram as an eager ladder's. */
static void
test_lazy_batches (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) eager = sb_ladder_new (capture);
  g_autoptr(SbLadder) lazy = sb_ladder_new_lazy (capture);
  g_autofree char *eager_text = NULL;
  g_autofree char *lazy_text = NULL;
  guint changed = 0;
  guint n, calls;

  g_signal_connect (lazy, "changed", G_CALLBACK (count_changed_cb), &changed);
  add_mixed_session (capture, 2000);
  sb_capture_flush (capture);
  n = sb_capture_get_n_recorded (capture);
  g_assert_cmpuint (n, >, 5000);

  g_assert_cmpuint (sb_ladder_get_n_rows (eager), ==, n);
  g_assert_cmpuint (sb_ladder_get_row_bytes (eager), >, n * sizeof (guint));
  g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_arrows (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_row_bytes (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_waiting (lazy), ==, n);
  g_assert_cmpuint (sb_ladder_get_n_waiting (eager), ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  calls = catch_up_all (lazy, 1000);
  g_assert_cmpuint (calls, ==, (n + 999) / 1000);
  g_assert_cmpuint (changed, ==, calls);
  g_assert_cmpuint (sb_ladder_catch_up (lazy, 1000), ==, 0);
  g_assert_cmpuint (changed, ==, calls);

  eager_text = describe_ladder (eager);
  lazy_text = describe_ladder (lazy);
  g_assert_cmpstr (lazy_text, ==, eager_text);

  /* Dropped halfway through and built again: the same. */
  sb_ladder_drop_rows (lazy);
  g_assert_cmpuint (changed, ==, calls + 1);
  g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_row_bytes (lazy), ==, 0);
  sb_ladder_catch_up (lazy, n / 2);
  sb_ladder_drop_rows (lazy);
  g_assert_cmpuint (sb_ladder_get_n_waiting (lazy), ==, n);
  catch_up_all (lazy, 777);
  g_clear_pointer (&lazy_text, g_free);
  lazy_text = describe_ladder (lazy);
  g_assert_cmpstr (lazy_text, ==, eager_text);
}

/* A clear while events wait: they are gone before the lazy ladder took
 * them in, yet what they said of the sockets is not (the connection is
 * still paired, the byte offsets still right, the names go on), as in an
 * eager ladder.  Also a clear in the middle of catching up. */
static void
test_lazy_clear (gconstpointer data)
{
  guint caught_before_clear = GPOINTER_TO_UINT (data);
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) eager = sb_ladder_new (capture);
  g_autoptr(SbLadder) lazy = sb_ladder_new_lazy (capture);
  g_autofree char *eager_text = NULL;
  g_autofree char *lazy_text = NULL;
  g_autofree char *labels = NULL;

  add_exercise_start (capture);
  add_send (capture, SB_SIDE_CLIENT, 2, "before");
  add_recv (capture, SB_SIDE_SERVER, 3, "bef");
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 4, 0, 6, 0, OTHER_TUPLE, NULL);
  add (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 5, 0, 7, 0, "AF_INET, SOCK_DGRAM", NULL);
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 5, 0, 0, 0, UDP_SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 6, 0, 8, 0, "AF_INET, SOCK_DGRAM", NULL);
  sb_capture_set_local_tuple (capture, 6, UDP_CLIENT_LOCAL);
  add_sendto (capture, SB_SIDE_CLIENT, 6, UDP_SERVER_TUPLE, "ping");
  sb_capture_flush (capture);
  sb_ladder_catch_up (lazy, caught_before_clear);

  sb_capture_clear (capture);
  g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_lifelines (lazy), ==, 0);

  add_recv (capture, SB_SIDE_SERVER, 3, "ore");
  add_send (capture, SB_SIDE_CLIENT, 2, "after");
  add_recv (capture, SB_SIDE_SERVER, 3, "after");
  add_recv (capture, SB_SIDE_SERVER, 4, "outside");
  add_recvfrom (capture, SB_SIDE_SERVER, 5, UDP_CLIENT_TUPLE, "ping");
  add_sendto (capture, SB_SIDE_CLIENT, 6, UDP_SERVER_TUPLE, "next");
  add_recvfrom (capture, SB_SIDE_SERVER, 5, UDP_CLIENT_TUPLE, "next");
  add (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 7, 0, 9, 0, "('127.0.0.1', 50002)", NULL);
  add_recv (capture, SB_SIDE_SERVER, 7, "second outside");
  sb_capture_flush (capture);
  g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, 0);

  catch_up_all (lazy, 3);
  eager_text = describe_ladder (eager);
  lazy_text = describe_ladder (lazy);
  g_assert_cmpstr (lazy_text, ==, eager_text);

  /* Dropped, its rows are built again the same, from the sockets as they
   * were at the clear. */
  sb_ladder_drop_rows (lazy);
  g_assert_cmpuint (sb_ladder_get_n_rows (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_row_bytes (lazy), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_waiting (lazy), ==, sb_capture_get_n_recorded (capture));
  catch_up_all (lazy, 4);
  g_clear_pointer (&lazy_text, g_free);
  lazy_text = describe_ladder (lazy);
  g_assert_cmpstr (lazy_text, ==, eager_text);

  /* What it says: not peers for the connection and the datagram socket. */
  labels = dup_labels (lazy);
  g_assert_cmpstr (labels, ==,
                   "send 5 bytes → recv 5 bytes\n"
                   "peer → recv 7 bytes\n"
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "peer → accept\n"
                   "peer → recv 14 bytes\n");
}

/* Real sockets */

static void
send_text (SbStream   *stream,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_stream_send (stream, bytes, &error));
  g_assert_no_error (error);
}

typedef struct
{
  SbCapture  *capture;
  SbLadder   *ladder;
  SbListener *listener;
  SbStream   *client;
  SbStream   *connection;
} Loopback;

static void
loopback_open (Loopback *lo)
{
  g_autoptr(GError) error = NULL;

  lo->capture = sb_capture_new ();
  lo->ladder = sb_ladder_new (lo->capture);
  lo->listener = sb_listener_new (lo->capture);
  g_signal_connect (lo->listener, "accepted", G_CALLBACK (sb_test_keep_accepted),
                    &lo->connection);
  g_assert_true (sb_listener_listen (lo->listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);

  lo->client = sb_stream_new (lo->capture, SB_SIDE_CLIENT);
  sb_stream_connect (lo->client, "127.0.0.1", sb_listener_get_port (lo->listener));
  sb_test_wait_until (lo->connection != NULL
                      && sb_stream_get_state (lo->client) == SB_STREAM_CONNECTED,
                      "the connection");
}

static void
loopback_close (Loopback *lo)
{
  sb_stream_close (lo->client);
  if (lo->connection != NULL)
    sb_stream_close (lo->connection);
  sb_listener_stop (lo->listener);
  g_clear_object (&lo->connection);
  g_clear_object (&lo->client);
  g_clear_object (&lo->listener);
  g_clear_object (&lo->ladder);
  g_clear_object (&lo->capture);
}

static void
test_loopback_exercise (void)
{
  Loopback lo = { 0, };
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;

  loopback_open (&lo);

  send_text (lo.client, "Hello World");
  sb_test_wait_until (sb_stream_get_bytes_received (lo.connection) == 11, "Hello World");
  send_text (lo.connection, "Hello Yourself");
  sb_test_wait_until (sb_stream_get_bytes_received (lo.client) == 14, "Hello Yourself");
  sb_stream_close (lo.client);
  sb_test_wait_until (sb_stream_get_state (lo.connection) == SB_STREAM_PEER_CLOSED, "the eof");
  sb_capture_flush (lo.capture);

  assert_label (lo.ladder, "connect → accept");
  assert_label (lo.ladder, "send 11 bytes → recv 11 bytes");
  assert_label (lo.ladder, "send 14 bytes → recv 14 bytes");
  assert_label (lo.ladder, "close → recv b'' (FIN)");
  g_assert_cmpuint (sb_ladder_get_n_arrows (lo.ladder), ==, 4);

  /* The client's header tuple is the address the connection was accepted from. */
  g_assert_true (sb_ladder_get_arrow (lo.ladder, 0, &arrow));
  g_assert_true (sb_ladder_get_lifeline (lo.ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "client");
  g_assert_cmpstr (lifeline.tuple, ==, sb_stream_get_peer_tuple (lo.connection));
  g_assert_true (sb_ladder_get_lifeline (lo.ladder, arrow.to_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "conn");

  loopback_close (&lo);
}

static void
test_loopback_split_coalesce (void)
{
  Loopback lo = { 0, };
  g_autoptr(GError) error = NULL;

  loopback_open (&lo);

  /* One send, two recv(6) calls. */
  sb_stream_set_receive_size (lo.connection, 6);
  send_text (lo.client, "Hello World");
  sb_test_wait_until (sb_stream_get_bytes_received (lo.connection) == 11, "Hello World");
  sb_capture_flush (lo.capture);
  assert_label (lo.ladder, "send 11 bytes → recv 6 bytes (6 bytes)");
  assert_label (lo.ladder, "send 11 bytes → recv 5 bytes (5 bytes)");

  /* Two sends, one recv(1024) once both wait in the kernel. */
  sb_stream_set_receive_size (lo.client, 1024);
  sb_stream_set_auto_receive (lo.client, FALSE);
  send_text (lo.connection, "Hello ");
  send_text (lo.connection, "Yourself");
  sb_test_wait_until ((sb_stream_refresh (lo.client),
                       sb_stream_get_bytes_available (lo.client) == 14), "14 bytes waiting");
  g_assert_true (sb_stream_receive (lo.client, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_stream_get_bytes_received (lo.client) == 14, "Hello Yourself");
  sb_capture_flush (lo.capture);
  assert_label (lo.ladder, "send 6 bytes → recv 14 bytes (6 bytes)");
  assert_label (lo.ladder, "send 8 bytes → recv 14 bytes (8 bytes)");

  loopback_close (&lo);
}

static void
test_loopback_reset (void)
{
  Loopback lo = { 0, };

  loopback_open (&lo);

  sb_stream_reset (lo.client);
  sb_test_wait_until (sb_stream_get_state (lo.connection) == SB_STREAM_PEER_LEFT, "the reset");
  sb_capture_flush (lo.capture);
  assert_label (lo.ladder, "reset → ConnectionResetError (RST)");
  g_assert_false (has_label (lo.ladder, "close → recv b'' (FIN)"));

  loopback_close (&lo);
}

/* Exercise 1.2 with a python3 client: its end is an outside peer. */
static void
test_python_client (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbStream) connection = NULL;
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *labels = NULL;
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;

  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &connection);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", sb_listener_get_port (listener));
  peer = sb_test_peer_spawn ("exercise-client.py", "127.0.0.1", port, NULL);

  sb_test_wait_until (connection != NULL && sb_stream_get_bytes_received (connection) == 11,
                      "Hello World");
  send_text (connection, "Hello Yourself");
  sb_test_peer_wait_line (peer, "recv b'Hello Yourself'");
  sb_stream_close (connection);
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "peer → accept\n"
                   "peer → recv 11 bytes\n"
                   "send 14 bytes → peer\n"
                   "close → peer (FIN)\n");
  g_assert_true (sb_ladder_get_arrow (ladder, 0, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_PEER);
  g_assert_cmpstr (lifeline.tuple, ==, sb_stream_get_peer_tuple (connection));

  sb_listener_stop (listener);
}

/* UDP with both ends in this window: each datagram is an arrow from its
 * sendto() to the recvfrom() that got it; no handshake, no FIN. */
static void
test_datagrams_in_window (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;
  g_autofree char *preview = NULL;
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;
  guint lost_row, truncated_row;

  add (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, 0, 3, 0, "AF_INET, SOCK_DGRAM", NULL);
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, UDP_SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 2, 0, 4, 0, "AF_INET, SOCK_DGRAM", NULL);
  sb_capture_set_local_tuple (capture, 2, UDP_CLIENT_LOCAL);
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "ping");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "ping");
  /* Two datagrams of the same length; the kernel dropped the first, and
   * said so with the second, which is truncated to 8 of its 20 bytes. */
  lost_row = add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "ABCDEFGHIJKLMNOPQRST");
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "abcdefghijklmnopqrst");
  truncated_row = add_datagram (capture, SB_EVENT_RECVFROM, SB_SIDE_SERVER, 1, 1, 20, 8,
                                UDP_CLIENT_TUPLE, "abcdefgh");
  /* An empty datagram, a reply, then send() on the connect()ed client. */
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "");
  add_sendto (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "pong");
  add_recvfrom (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "pong");
  add (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, 2, SB_CONNECT_ESTABLISHED, 0, 0,
       UDP_SERVER_TUPLE, NULL);
  add_datagram (capture, SB_EVENT_SENDTO, SB_SIDE_CLIENT, 2, SB_SENDTO_CONNECTED, 5, 5,
                UDP_SERVER_TUPLE, "again");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "again");
  add (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, 2, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 1, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "sendto 20 bytes → lost\n"
                   "sendto 20 bytes → recvfrom 20 bytes (truncated to 8)\n"
                   "sendto 0 bytes → recvfrom 0 bytes (empty datagram)\n"
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "send 5 bytes → recvfrom 5 bytes\n");
  /* No handshake, no FIN, and no peer: both ends are ours. */
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 2);
  for (guint i = 0; i < sb_ladder_get_n_arrows (ladder); i++)
    {
      g_assert_true (sb_ladder_get_arrow (ladder, i, &arrow));
      g_assert_cmpint (arrow.kind, !=, SB_LADDER_ARROW_HANDSHAKE);
      g_assert_cmpint (arrow.kind, !=, SB_LADDER_ARROW_FIN);
    }

  g_assert_true (sb_ladder_get_arrow (ladder, 1, &arrow));
  g_assert_cmpint (arrow.kind, ==, SB_LADDER_ARROW_LOST);
  g_assert_cmpuint (arrow.from_event, ==, lost_row);
  g_assert_cmpuint (arrow.to_event, ==, SB_LADDER_NONE);
  g_assert_cmpuint (arrow.top_row, ==, lost_row);
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.to_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "server");
  preview = sb_ladder_dup_arrow_preview (ladder, 1, 40);
  g_assert_cmpstr (preview, ==, "b'ABCDEFGHIJKLMNOPQRST' ✕");

  /* The received one is the second: its bytes, its length. */
  g_assert_true (sb_ladder_get_arrow (ladder, 2, &arrow));
  g_assert_cmpint (arrow.kind, ==, SB_LADDER_ARROW_DATAGRAM);
  g_assert_cmpuint (arrow.from_event, ==, lost_row + 1);
  g_assert_cmpuint (arrow.to_event, ==, truncated_row);
  g_assert_cmpuint (arrow.bytes, ==, 20);
  g_clear_pointer (&preview, g_free);
  preview = sb_ladder_dup_arrow_preview (ladder, 2, 40);
  g_assert_cmpstr (preview, ==, "b'abcdefghijklmnopqrst'");

  /* The client's lifeline is named for the address it was seen from. */
  g_assert_true (sb_ladder_get_arrow (ladder, 0, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "client");
  g_assert_cmpstr (lifeline.tuple, ==, UDP_CLIENT_TUPLE);
  g_assert_cmpint (lifeline.last_row, !=, SB_LADDER_NONE);
}

/* Clear Log between datagrams: what was sent before is forgotten, the
 * sockets stay known. */
static void
test_datagrams_clear (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;

  add (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, 0, 3, 0, "AF_INET, SOCK_DGRAM", NULL);
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, UDP_SERVER_TUPLE, NULL);
  add (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 2, 0, 4, 0, "AF_INET, SOCK_DGRAM", NULL);
  sb_capture_set_local_tuple (capture, 2, UDP_CLIENT_LOCAL);
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "ping");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, OTHER_TUPLE, "peer");
  /* Sent before the clear, received after it: no arrow. */
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "late");
  sb_capture_flush (capture);
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), ==, 1);

  sb_capture_clear (capture);
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "ping");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "late");
  add_sendto (capture, SB_SIDE_CLIENT, 2, UDP_SERVER_TUPLE, "next");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, UDP_CLIENT_TUPLE, "next");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, OTHER_TUPLE, "peer");
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "peer → recvfrom 4 bytes\n");
  /* server, client, and the outside peer's lifeline anew. */
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 3);
}

/* UDP with one end outside: one peer lifeline per peer tuple. */
static void
test_datagram_peers (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autofree char *labels = NULL;
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;

  add (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, 0, 3, 0, "AF_INET, SOCK_DGRAM", NULL);
  add (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, UDP_SERVER_TUPLE, NULL);
  add_recvfrom (capture, SB_SIDE_SERVER, 1, CLIENT_TUPLE, "one");
  add_recvfrom (capture, SB_SIDE_SERVER, 1, OTHER_TUPLE, "two");
  add_sendto (capture, SB_SIDE_SERVER, 1, CLIENT_TUPLE, "reply");
  add (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, 1, SB_CLOSE_NORMAL, 0, 0, NULL, NULL);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "peer → recvfrom 3 bytes\n"
                   "peer → recvfrom 3 bytes\n"
                   "sendto 5 bytes → peer\n");
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 3);

  g_assert_true (sb_ladder_get_arrow (ladder, 0, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_PEER);
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_CLIENT);
  g_assert_cmpstr (lifeline.tuple, ==, CLIENT_TUPLE);
  /* The peer's lifeline ends with the socket. */
  g_assert_cmpuint (lifeline.last_row, ==, 5);
  g_assert_true (sb_ladder_get_arrow (ladder, 2, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.to_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "peer");
  g_assert_true (sb_ladder_get_arrow (ladder, 1, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpstr (lifeline.name, ==, "peer2");
  g_assert_cmpstr (lifeline.tuple, ==, OTHER_TUPLE);
}

/* Real SbDatagram sockets, both ours, over loopback. */
static void
test_loopback_datagrams (gconstpointer data)
{
  const char *host = data;
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(GBytes) ping = g_bytes_new_static ("ping", 4);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) longer = g_bytes_new_static ("0123456789abcdef", 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  guint16 port;

  g_assert_true (sb_datagram_open (server, host, 0, &error));
  g_assert_no_error (error);
  port = sb_datagram_get_port (server);
  sb_datagram_set_receive_size (server, 10);

  g_assert_true (sb_datagram_open_socket (client, host, &error));
  g_assert_true (sb_datagram_send_to (client, host, port, ping, &error));
  g_assert_true (sb_datagram_send_to (client, host, port, longer, &error));
  g_assert_true (sb_datagram_send_to (client, host, port, empty, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 3, "three datagrams");

  /* A reply to the sender's port, then send() once connect()ed. */
  g_assert_true (sb_datagram_send_to (server, host, sb_datagram_get_port (client), ping, &error));
  sb_test_wait_until (sb_datagram_get_datagrams_received (client) == 1, "the reply");
  g_assert_true (sb_datagram_connect (client, host, port, &error));
  g_assert_true (sb_datagram_send (client, ping, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 4, "the connected ping");
  sb_datagram_close (client);
  sb_datagram_close (server);
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "sendto 16 bytes → recvfrom 16 bytes (truncated to 10)\n"
                   "sendto 0 bytes → recvfrom 0 bytes (empty datagram)\n"
                   "sendto 4 bytes → recvfrom 4 bytes\n"
                   "send 4 bytes → recvfrom 4 bytes\n");
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 2);
}

/* A python3 peer: our server receives from it and replies; our client
 * sends to it.  Each side's arrows go to a peer lifeline. */
static void
test_python_datagrams (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbLadder) ladder = sb_ladder_new (capture);
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(SbDatagram) client = sb_datagram_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  g_autoptr(GBytes) pong = g_bytes_new_static ("pong", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *command = NULL;
  const char *local = sb_test_peer_wait_line (peer, "local ");
  g_autofree char *tuple = g_strdup (local + strlen ("local "));
  guint16 peer_port = (guint16) g_ascii_strtoull (strchr (tuple, ',') + 2, NULL, 10);
  SbLadderArrow arrow;
  SbLadderLifeline lifeline;

  g_assert_true (sb_datagram_open (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("a sendto %u ping\n", sb_datagram_get_port (server));
  sb_test_peer_write (peer, command);
  sb_test_wait_until (sb_datagram_get_datagrams_received (server) == 1, "the ping");
  g_assert_true (sb_datagram_send_to (server, "127.0.0.1", peer_port, pong, &error));
  sb_test_peer_write (peer, "b recv 100\n");
  sb_test_peer_wait_line (peer, "b 4 b'pong'");

  g_assert_true (sb_datagram_open_socket (client, "127.0.0.1", &error));
  g_assert_true (sb_datagram_send_to (client, "127.0.0.1", peer_port, pong, &error));
  g_assert_no_error (error);
  sb_test_peer_write (peer, "c recv 100\n");
  sb_test_peer_wait_line (peer, "c 4 b'pong'");
  sb_capture_flush (capture);

  labels = dup_labels (ladder);
  g_assert_cmpstr (labels, ==,
                   "peer → recvfrom 4 bytes\n"
                   "sendto 4 bytes → peer\n"
                   "sendto 4 bytes → peer\n");

  /* The server's peer on the client half, the client's on the server half. */
  g_assert_true (sb_ladder_get_arrow (ladder, 0, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.from_lifeline, &lifeline));
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_PEER);
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_CLIENT);
  g_assert_cmpstr (lifeline.tuple, ==, tuple);
  g_assert_true (sb_ladder_get_arrow (ladder, 2, &arrow));
  g_assert_true (sb_ladder_get_lifeline (ladder, arrow.to_lifeline, &lifeline));
  g_assert_cmpint (lifeline.kind, ==, SB_LADDER_LIFELINE_PEER);
  g_assert_cmpint (lifeline.side, ==, SB_SIDE_SERVER);
  g_assert_cmpstr (lifeline.tuple, ==, tuple);
  g_assert_cmpuint (sb_ladder_get_n_lifelines (ladder), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ladder/exercise", test_exercise_in_window);
  g_test_add_func ("/ladder/split-and-coalesce", test_split_and_coalesce);
  g_test_add_func ("/ladder/reset", test_reset);
  g_test_add_func ("/ladder/shutdown-fin", test_shutdown_fin);
  g_test_add_func ("/ladder/send-before-accept", test_send_before_accept);
  g_test_add_func ("/ladder/outside-peers", test_outside_peers);
  g_test_add_func ("/ladder/mapped-address", test_mapped_address);
  g_test_add_func ("/ladder/incremental", test_incremental);
  g_test_add_func ("/ladder/clear", test_clear);
  g_test_add_func ("/ladder/lazy/batches", test_lazy_batches);
  g_test_add_data_func ("/ladder/lazy/clear-waiting", GUINT_TO_POINTER (0), test_lazy_clear);
  g_test_add_data_func ("/ladder/lazy/clear-half-caught-up", GUINT_TO_POINTER (5),
                        test_lazy_clear);
  g_test_add_func ("/ladder/loopback/exercise", test_loopback_exercise);
  g_test_add_func ("/ladder/loopback/split-coalesce", test_loopback_split_coalesce);
  g_test_add_func ("/ladder/loopback/reset", test_loopback_reset);
  g_test_add_func ("/ladder/loopback/python-client", test_python_client);
  g_test_add_func ("/ladder/udp/in-window", test_datagrams_in_window);
  g_test_add_func ("/ladder/udp/peers", test_datagram_peers);
  g_test_add_func ("/ladder/udp/clear", test_datagrams_clear);
  g_test_add_data_func ("/ladder/udp/loopback/ipv4", "127.0.0.1", test_loopback_datagrams);
  g_test_add_data_func ("/ladder/udp/loopback/ipv6", "::1", test_loopback_datagrams);
  g_test_add_func ("/ladder/udp/python-peer", test_python_datagrams);

  return g_test_run ();
}
