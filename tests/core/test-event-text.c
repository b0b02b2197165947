/* test-event-text.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-event-text"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"

#define C SB_SIDE_CLIENT
#define S SB_SIDE_SERVER

typedef struct
{
  SbEventKind  kind;
  SbSide       side;
  guint        socket_id;
  int          detail;
  gint64       result;
  int          errnum;
  gsize        requested;
  const char  *note;
  const char  *payload;    /* NUL-terminated unless payload_len says otherwise */
  gsize        payload_len;
  const char  *summary;
  const char  *python;
} Case;

/* One session, in order: the Python names depend on which sockets were
 * seen before (listener 1 `server`, client 2 `client`, connections 3
 * `conn`, 4 `conn2`, client 5 `client2`, listener 6 `server2`, client 7
 * `client3`). */
static const Case session[] = {
  { SB_EVENT_SOCKET, S, 1, 0, 0, 0, 0, "AF_INET, SOCK_STREAM", NULL, 0,
    "socket(AF_INET, SOCK_STREAM)",
    "server = socket(AF_INET, SOCK_STREAM)" },
  { SB_EVENT_BIND, S, 1, 0, 0, 0, 0, "('127.0.0.1', 15000)", NULL, 0,
    "bind(('127.0.0.1', 15000))",
    "server.bind(('127.0.0.1', 15000))" },
  { SB_EVENT_LISTEN, S, 1, 0, 0, 0, 5, NULL, NULL, 0,
    "listen(5)",
    "server.listen(5)" },
  { SB_EVENT_SOCKET, C, 2, 0, 0, 0, 0, NULL, NULL, 0,
    "socket(AF_INET, SOCK_STREAM)",
    "client = socket(AF_INET, SOCK_STREAM)" },
  { SB_EVENT_RESOLVE, C, 2, 0, 2, 0, 0, "localhost: ::1, 127.0.0.1", NULL, 0,
    "getaddrinfo('localhost') → ::1, 127.0.0.1",
    "# getaddrinfo('localhost', None) → ::1, 127.0.0.1" },
  { SB_EVENT_CONNECT, C, 2, SB_CONNECT_STARTED, 0, 0, 0, "('127.0.0.1', 15000)", NULL, 0,
    "connect(('127.0.0.1', 15000)) started",
    "client.connect(('127.0.0.1', 15000))" },
  { SB_EVENT_ACCEPT, S, 3, 0, 0, 0, 0, "('127.0.0.1', 62793)", NULL, 0,
    "accept() → ('127.0.0.1', 62793)",
    "conn, addr = server.accept()  # addr == ('127.0.0.1', 62793)" },
  { SB_EVENT_CONNECT, C, 2, SB_CONNECT_ESTABLISHED, 0, 0, 0, "('127.0.0.1', 15000)", NULL, 0,
    "connect(('127.0.0.1', 15000)) established",
    "# client.connect(('127.0.0.1', 15000)) → None: connected" },
  { SB_EVENT_SEND, C, 2, 0, 11, 0, 11, NULL, "Hello World", 0,
    "send() took 11 of 11 bytes",
    "client.send(b'Hello World')  # → 11" },
  { SB_EVENT_RECV, S, 3, 0, 11, 0, 1024, NULL, "Hello World", 0,
    "recv(1024) returned 11 bytes",
    "conn.recv(1024)  # → b'Hello World'" },
  { SB_EVENT_SEND, S, 3, 0, 14, 0, 14, NULL, "Hello Yourself", 0,
    "send() took 14 of 14 bytes",
    "conn.send(b'Hello Yourself')  # → 14" },
  { SB_EVENT_RECV, C, 2, 0, 1, 0, 1, NULL, "H", 0,
    "recv(1) returned 1 byte",
    "client.recv(1)  # → b'H'" },
  { SB_EVENT_RECV, C, 2, 0, 6, 0, 64, NULL, "\0\xff'\r\n\\", 6,
    "recv(64) returned 6 bytes",
    "client.recv(64)  # → b\"\\x00\\xff'\\r\\n\\\\\"" },
  { SB_EVENT_SHUTDOWN, C, 2, SB_SHUTDOWN_WRITE, 0, 0, 0, NULL, NULL, 0,
    "shutdown(SHUT_WR)",
    "client.shutdown(SHUT_WR)" },
  { SB_EVENT_EOF, S, 3, 0, 0, 0, 1024, NULL, NULL, 0,
    "recv() returned b'' — the peer closed",
    "conn.recv(1024)  # → b''  (the peer closed)" },
  { SB_EVENT_SHUTDOWN, S, 3, SB_SHUTDOWN_READ, 0, 0, 0, NULL, NULL, 0,
    "shutdown(SHUT_RD)",
    "conn.shutdown(SHUT_RD)" },
  { SB_EVENT_SHUTDOWN, S, 3, SB_SHUTDOWN_BOTH, 0, 0, 0, NULL, NULL, 0,
    "shutdown(SHUT_RDWR)",
    "conn.shutdown(SHUT_RDWR)" },
  { SB_EVENT_CLOSE, S, 3, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0,
    "close()",
    "conn.close()" },
  { SB_EVENT_ACCEPT, S, 4, 0, 0, 0, 0, "('127.0.0.1', 62794)", NULL, 0,
    "accept() → ('127.0.0.1', 62794)",
    "conn2, addr = server.accept()  # addr == ('127.0.0.1', 62794)" },
  { SB_EVENT_CLOSE, S, 4, SB_CLOSE_ABORT, 0, 0, 0, NULL, NULL, 0,
    "close() with SO_LINGER 0: sent RST",
    "conn2.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); conn2.close()" },
  { SB_EVENT_RESET, C, 2, 0, -1, ECONNRESET, 1024, NULL, NULL, 0,
    "the peer left (ECONNRESET): connection reset by peer",
    "client.recv(1024)  # → ConnectionResetError: [Errno 104] Connection reset by peer" },
  { SB_EVENT_RESET, C, 2, 0, -1, EPIPE, 0, NULL, NULL, 0,
    "the peer left (EPIPE): broken pipe",
    "# client.send(…) → BrokenPipeError: [Errno 32] Broken pipe" },
  { SB_EVENT_RESET, C, 2, 0, -1, ECONNRESET, 0, "send: the peer reset the connection", NULL, 0,
    "the peer left (ECONNRESET): connection reset by peer — send: the peer reset the connection",
    "# client.send(…) → ConnectionResetError: [Errno 104] Connection reset by peer" },
  { SB_EVENT_RESET, C, 2, 0, -1, ENOTCONN, 0, "shutdown: the socket is not connected", NULL, 0,
    "the peer left (ENOTCONN): the connection is gone — shutdown: the socket is not connected",
    "client.shutdown(SHUT_WR)  # → OSError: [Errno 107] Transport endpoint is not connected" },
  { SB_EVENT_SHUTDOWN, C, 2, SB_SHUTDOWN_WRITE, 0, 0, 0, "after the send queue drained",
    NULL, 0,
    "shutdown(SHUT_WR) — after the send queue drained",
    "client.shutdown(SHUT_WR)" },
  { SB_EVENT_CLOSE, C, 2, SB_CLOSE_ABORT, 0, 0, 0, "SO_LINGER 0: RST sent to the peer", NULL, 0,
    "close() with SO_LINGER 0: sent RST",
    "client.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0)); client.close()" },
  { SB_EVENT_CONNECT, C, 5, SB_CONNECT_REFUSED, -1, ECONNREFUSED, 0, "('127.0.0.1', 15001)",
    NULL, 0,
    "connect(('127.0.0.1', 15001)) refused: ECONNREFUSED",
    "# client2.connect(('127.0.0.1', 15001)) → "
    "ConnectionRefusedError: [Errno 111] Connection refused" },
  { SB_EVENT_CONNECT, C, 5, SB_CONNECT_TIMED_OUT, -1, 0, 0, "('10.255.255.1', 80)", NULL, 0,
    "connect(('10.255.255.1', 80)) timed out",
    "# client2.connect(('10.255.255.1', 80)) → TimeoutError: timed out" },
  { SB_EVENT_CONNECT, C, 5, SB_CONNECT_FAILED, -1, EHOSTUNREACH, 0, "('10.0.0.1', 80)", NULL, 0,
    "connect(('10.0.0.1', 80)) failed: EHOSTUNREACH (No route to host)",
    "# client2.connect(('10.0.0.1', 80)) → OSError: [Errno 113] No route to host" },
  /* Refused while more addresses are left: a normal step. */
  { SB_EVENT_CONNECT, C, 5, SB_CONNECT_NEXT_ADDRESS, -1, ECONNREFUSED, 0,
    "('::1', 15000, 0, 0)", NULL, 0,
    "connect(('::1', 15000, 0, 0)) refused, trying the next address",
    "# client2.connect(('::1', 15000, 0, 0)) → "
    "ConnectionRefusedError: [Errno 111] Connection refused; trying the next address" },
  { SB_EVENT_CONNECT, C, 5, SB_CONNECT_NEXT_ADDRESS, -1, EHOSTUNREACH, 0,
    "('10.0.0.1', 80)", NULL, 0,
    "connect(('10.0.0.1', 80)) failed (EHOSTUNREACH), trying the next address",
    "# client2.connect(('10.0.0.1', 80)) → OSError: [Errno 113] No route to host; "
    "trying the next address" },
  { SB_EVENT_RESOLVE, C, 5, 0, -1, 0, 0, "Name or service not known", NULL, 0,
    "getaddrinfo() failed: Name or service not known",
    "# getaddrinfo(…) → gaierror: Name or service not known" },
  { SB_EVENT_RESOLVE, C, 5, 0, -1, 0, 0, "nowhere.invalid: Name or service not known", NULL, 0,
    "getaddrinfo('nowhere.invalid') failed: Name or service not known",
    "# getaddrinfo('nowhere.invalid', None) → gaierror: Name or service not known" },
  { SB_EVENT_RESOLVE, C, 5, 0, 1, 0, 0, "::1: ::1", NULL, 0,
    "getaddrinfo('::1') → ::1",
    "# getaddrinfo('::1', None) → ::1" },
  { SB_EVENT_SOCKET, S, 6, 0, 0, 0, 0, "AF_INET6, SOCK_STREAM", NULL, 0,
    "socket(AF_INET6, SOCK_STREAM)",
    "server2 = socket(AF_INET6, SOCK_STREAM)" },
  { SB_EVENT_BIND, S, 6, 0, -1, EADDRINUSE, 0, "('::1', 15000)", NULL, 0,
    "bind(('::1', 15000)) failed: EADDRINUSE (Address already in use)",
    "server2.bind(('::1', 15000))  # → OSError: [Errno 98] Address already in use" },
  { SB_EVENT_ERROR, S, 6, 0, -1, EADDRINUSE, 0, "Address already in use", NULL, 0,
    "EADDRINUSE: Address already in use",
    "# → OSError: [Errno 98] Address already in use" },
  { SB_EVENT_ERROR, S, 6, 0, -1, 9999, 0, "something odd", NULL, 0,
    "errno 9999: something odd",
    "# → OSError: [Errno 9999] Unknown error 9999" },
  { SB_EVENT_ERROR, C, 0, 0, -1, 0, 0, "no route", NULL, 0,
    "no route",
    "# → error: no route" },
  { SB_EVENT_SEND, S, 3, 0, -1, EPIPE, 5, NULL, "hello", 0,
    "send() failed: EPIPE (Broken pipe)",
    "conn.send(b'hello')  # → BrokenPipeError: [Errno 32] Broken pipe" },
  { SB_EVENT_RECV, S, 3, 0, -1, EAGAIN, 1024, NULL, NULL, 0,
    "recv(1024) would block: nothing is waiting (EAGAIN)",
    "conn.recv(1024)  # → BlockingIOError: [Errno 11] Resource temporarily unavailable" },
  { SB_EVENT_CLOSE, S, 1, SB_CLOSE_NORMAL, 0, 0, 0, NULL, NULL, 0,
    "close()",
    "server.close()" },
  { SB_EVENT_SENDTO, C, 7, 0, 2, 0, 2, "('127.0.0.1', 9999)", "hi", 0,
    "sendto(('127.0.0.1', 9999)) took 2 bytes",
    "client3.sendto(b'hi', ('127.0.0.1', 9999))  # → 2" },
  { SB_EVENT_RECVFROM, C, 7, 0, 2, 0, 512, "('127.0.0.1', 9999)", "ho", 0,
    "recvfrom(512) returned 2 bytes from ('127.0.0.1', 9999)",
    "data, addr = client3.recvfrom(512)  # data == b'ho', addr == ('127.0.0.1', 9999)" },
  /* UDP: an empty datagram is no end of file. */
  { SB_EVENT_RECVFROM, C, 7, 0, 0, 0, 512, "('127.0.0.1', 9999)", NULL, 0,
    "recvfrom(512) returned an empty datagram from ('127.0.0.1', 9999) "
    "(0 bytes, not an end of file)",
    "data, addr = client3.recvfrom(512)  # data == b'', addr == ('127.0.0.1', 9999)" },
  /* Truncated to the buffer, its real length kept; 300 drops before it. */
  { SB_EVENT_RECVFROM, C, 7, 300, 20, 0, 8, "('127.0.0.1', 9999)", "abcdefgh", 0,
    "recvfrom(8) returned 20 bytes from ('127.0.0.1', 9999), truncated to 8 (MSG_TRUNC); "
    "the kernel dropped 300 datagrams before it",
    "data, addr = client3.recvfrom(8)  # data == b'abcdefgh' (truncated: the datagram had "
    "20 bytes), addr == ('127.0.0.1', 9999); the kernel dropped 300 before it (SO_RXQ_OVFL)" },
  { SB_EVENT_SENDTO, C, 7, SB_SENDTO_CONNECTED, -1, ECONNREFUSED, 2, "('127.0.0.1', 9999)",
    "hi", 0,
    "send() to ('127.0.0.1', 9999) failed: ECONNREFUSED (Connection refused)",
    "client3.send(b'hi')  # → ConnectionRefusedError: [Errno 111] Connection refused" },
  { SB_EVENT_SENDTO, C, 7, 0, -1, EMSGSIZE, 65508, "('127.0.0.1', 9999)", NULL, 0,
    "sendto(('127.0.0.1', 9999)) failed: EMSGSIZE (Message too long)",
    "client3.sendto(b'', ('127.0.0.1', 9999))  # → OSError: [Errno 90] Message too long" },
};

static SbCapture *
record_session (void)
{
  SbCapture *capture = sb_capture_new ();

  for (guint i = 0; i < G_N_ELEMENTS (session); i++)
    {
      const Case *c = &session[i];
      SbEventInfo info = { 0, };
      gsize len = c->payload_len;

      if (c->payload != NULL && len == 0)
        len = strlen (c->payload);

      info.kind = c->kind;
      info.side = c->side;
      info.socket_id = c->socket_id;
      info.detail = c->detail;
      info.result = c->result;
      info.errnum = c->errnum;
      info.requested = c->requested;
      info.note = c->note;
      g_assert_cmpuint (sb_capture_append (capture, &info, (const guint8 *) c->payload, len),
                        ==, i);
    }

  return capture;
}

static void
test_session (void)
{
  g_autoptr(SbCapture) capture = record_session ();

  for (guint i = 0; i < G_N_ELEMENTS (session); i++)
    {
      g_autoptr(SbEvent) event = sb_event_new (capture, i);
      g_autofree char *summary = sb_event_dup_summary (event);
      g_autofree char *python = sb_event_dup_python (event);

      g_test_message ("event %u: %s | %s", i, summary, python);
      g_assert_cmpstr (summary, ==, session[i].summary);
      g_assert_cmpstr (python, ==, session[i].python);
      g_assert_true (g_utf8_validate (summary, -1, NULL));
      g_assert_true (g_utf8_validate (python, -1, NULL));
    }
}

static char *
python_for_recv (gsize len,
                 char  fill)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autofree char *data = g_malloc (len);
  SbEventInfo info = { 0, };

  memset (data, fill, len);
  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_CLIENT;
  info.socket_id = 1;
  info.result = len;
  info.requested = 65536;
  sb_capture_append (capture, &info, (const guint8 *) data, len);
  event = sb_event_new (capture, 0);

  return sb_event_dup_python (event);
}

static void
test_long_payload (void)
{
  g_autofree char *a56 = g_strnfill (56, 'A');
  g_autofree char *a57 = g_strnfill (57, 'A');
  g_autofree char *fits = python_for_recv (57, 'A');
  g_autofree char *cut = python_for_recv (58, 'A');
  g_autofree char *huge = python_for_recv (100000, 'A');
  g_autofree char *binary = python_for_recv (1000, '\x01');
  g_autofree char *expect_fits = g_strdup_printf ("client.recv(65536)  # → b'%s'", a57);
  g_autofree char *expect_cut = g_strdup_printf ("client.recv(65536)  # → b'%s'…  (2 more bytes)",
                                                 a56);
  g_autofree char *expect_huge = g_strdup_printf ("client.recv(65536)  # → b'%s'…  "
                                                  "(99944 more bytes)", a56);

  /* A literal of exactly 60 characters is shown whole; one byte more and it
   * is folded to the longest prefix that fits with the "…", and the line
   * says how many bytes are left out. */
  g_assert_cmpstr (fits, ==, expect_fits);
  g_assert_cmpstr (cut, ==, expect_cut);
  g_assert_cmpstr (huge, ==, expect_huge);
  /* \x01 takes 4 characters: 14 of them fit in 59 with b''. */
  g_assert_cmpstr (binary, ==,
                   "client.recv(65536)  # → b'\\x01\\x01\\x01\\x01\\x01\\x01\\x01\\x01\\x01"
                   "\\x01\\x01\\x01\\x01\\x01'…  (986 more bytes)");
}

static void
test_partial_send (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autofree char *data = g_malloc (4096);
  g_autofree char *summary = NULL;
  g_autofree char *python = NULL;
  g_autofree char *a56 = g_strnfill (56, 'A');
  g_autofree char *expect = g_strdup_printf ("conn.send(b'%s'…)  # → 4096 of 65536 "
                                             "(the rest went on later)  (4040 more bytes)", a56);
  SbEventInfo info = { 0, };

  memset (data, 'A', 4096);
  info.kind = SB_EVENT_SEND;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 9;
  info.result = 4096;
  info.requested = 65536;
  sb_capture_append (capture, &info, (const guint8 *) data, 4096);
  event = sb_event_new (capture, 0);

  summary = sb_event_dup_summary (event);
  python = sb_event_dup_python (event);
  g_assert_cmpstr (summary, ==, "send() took 4096 of 65536 bytes, the rest is queued");
  g_assert_cmpstr (python, ==, expect);
}

static void
test_names (void)
{
  static const char * const kinds[] = {
    "socket", "bind", "listen", "accept", "resolve", "connect", "send", "recv",
    "eof", "shutdown", "close", "reset", "error", "sendto", "recvfrom",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (sb_event_kind_to_string ((SbEventKind) i), ==, kinds[i]);
  g_assert_cmpint (SB_EVENT_RECVFROM + 1, ==, G_N_ELEMENTS (kinds));

  g_assert_cmpstr (sb_side_to_string (SB_SIDE_CLIENT), ==, "client");
  g_assert_cmpstr (sb_side_to_string (SB_SIDE_SERVER), ==, "server");

}

static void
test_connection_numbers (void)
{
  g_autoptr(SbCapture) capture = record_session ();

  g_assert_cmpuint (sb_capture_get_connection_number (capture, 1), ==, 0);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 2), ==, 0);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 3), ==, 1);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 4), ==, 2);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 6), ==, 0);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 0), ==, 0);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 1000), ==, 0);

  /* Numbers survive a clear: live connections keep their names. */
  sb_capture_clear (capture);
  g_assert_cmpuint (sb_capture_get_connection_number (capture, 4), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-text/session", test_session);
  g_test_add_func ("/event-text/long-payload", test_long_payload);
  g_test_add_func ("/event-text/partial-send", test_partial_send);
  g_test_add_func ("/event-text/names", test_names);
  g_test_add_func ("/event-text/connection-numbers", test_connection_numbers);

  return g_test_run ();
}
