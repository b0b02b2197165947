/* test-stream-text.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow Stream's text: one socket's sends and recvs in capture order,
 * each line marked with its direction, lines broken after \n; other
 * sockets' bytes and events without bytes left out.
 */

#define G_LOG_DOMAIN "test-stream-text"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-stream-text.h"

static void
append (SbCapture   *capture,
        guint        socket_id,
        SbEventKind  kind,
        const char  *bytes)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = SB_SIDE_SERVER;
  info.socket_id = socket_id;
  info.result = bytes != NULL ? (gint64) strlen (bytes) : 0;
  sb_capture_append (capture, &info, (const guint8 *) bytes, bytes != NULL ? strlen (bytes) : 0);
}

static SbCapture *
conversation (void)
{
  SbCapture *capture = sb_capture_new ();

  append (capture, 2, SB_EVENT_ACCEPT, NULL);
  append (capture, 2, SB_EVENT_RECV, "GET / HTTP/1.1\r\nHo");
  append (capture, 3, SB_EVENT_RECV, "other socket\n");
  append (capture, 2, SB_EVENT_RECV, "st: x\r\n\r\n");
  append (capture, 2, SB_EVENT_SEND, "HTTP/1.0 200 OK\r\n\r\n<h1>Hi</h1>");
  append (capture, 2, SB_EVENT_RECV, "bye");
  append (capture, 2, SB_EVENT_EOF, NULL);

  return capture;
}

static void
test_text (void)
{
  g_autoptr(SbCapture) capture = conversation ();
  g_autofree char *text = sb_stream_text_render (capture, 2, FALSE);

  g_assert_cmpstr (text, ==,
                   "< GET / HTTP/1.1\\r\\n\n"
                   "< Host: x\\r\\n\n"
                   "< \\r\\n\n"
                   "> HTTP/1.0 200 OK\\r\\n\n"
                   "> \\r\\n\n"
                   "> <h1>Hi</h1>\n"
                   "< bye");
}

static void
test_hex (void)
{
  g_autoptr(SbCapture) capture = conversation ();
  g_autofree char *text = sb_stream_text_render (capture, 2, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* Received bytes at their offsets in that direction: 18, then 9 more. */
  g_assert_true (g_str_has_prefix (lines[0], "< 00000000: 4745 5420"));
  g_assert_true (g_str_has_prefix (lines[1], "< 00000010: 486f "));
  g_assert_true (g_str_has_prefix (lines[2], "< 00000012: 7374 3a20"));
  g_assert_true (g_str_has_prefix (lines[3], "> 00000000: 4854 5450"));
  g_assert_true (g_str_has_prefix (lines[4], "> 00000010: "));
  g_assert_true (g_str_has_prefix (lines[5], "< 0000001b: 6279 65"));
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_null (lines[7]);
}

/* Rendering event by event, as the live view does, gives the same text. */
static void
test_incremental (void)
{
  g_autoptr(SbCapture) capture = conversation ();
  g_autofree char *whole = sb_stream_text_render (capture, 2, FALSE);
  g_autoptr(GString) out = g_string_new (NULL);
  SbStreamText text;
  SbEventInfo info;
  guint n = sb_capture_get_n_recorded (capture);
  guint i = 0;

  sb_stream_text_init (&text, FALSE);
  while ((i = sb_stream_text_next_event (capture, 2, i, n, &info)) != G_MAXUINT)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      sb_stream_text_append (&text, out, info.kind == SB_EVENT_RECV, data, len);
      i++;
    }
  g_assert_cmpstr (out->str, ==, whole);

  sb_stream_text_init (&text, FALSE);
  g_string_truncate (out, 0);
  sb_stream_text_append (&text, out, TRUE, (const guint8 *) "ab", 2);
  sb_stream_text_append_gap (&text, out, TRUE, 5);
  g_assert_cmpstr (out->str, ==, "< ab\n< [5 bytes not retained]\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stream-text/text", test_text);
  g_test_add_func ("/stream-text/hex", test_hex);
  g_test_add_func ("/stream-text/incremental", test_incremental);

  return g_test_run ();
}
