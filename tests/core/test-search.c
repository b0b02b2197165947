/* test-search.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-input-error.h"
#include "sb-search.h"

static guint
append (SbCapture   *capture,
        SbEventKind  kind,
        SbSide       side,
        guint        socket_id,
        const char  *payload)
{
  SbEventInfo info = { 0 };
  gsize len = payload != NULL ? strlen (payload) : 0;

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.result = len;
  info.requested = len;
  return sb_capture_append (capture, &info, (const guint8 *) payload, len);
}

static guint
append_error (SbCapture *capture,
              guint      socket_id)
{
  SbEventInfo info = { 0 };

  info.kind = SB_EVENT_CONNECT;
  info.side = SB_SIDE_CLIENT;
  info.socket_id = socket_id;
  info.detail = SB_CONNECT_REFUSED;
  info.result = -1;
  info.errnum = ECONNREFUSED;
  info.note = "('127.0.0.1', 9)";
  return sb_capture_append (capture, &info, NULL, 0);
}

/* The exercise's exchange, with the server's reply split over two recv()
 * calls of the client, and an unrelated connection in between. */
static SbCapture *
new_exercise_capture (void)
{
  SbCapture *capture = sb_capture_new ();

  append (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, NULL);      /* 0 */
  append (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 2, NULL);      /* 1 */
  append (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, 3, NULL);      /* 2 */
  append (capture, SB_EVENT_SEND, SB_SIDE_CLIENT, 2, "Hello World");    /* 3 */
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 3, "Hello World");    /* 4 */
  append (capture, SB_EVENT_SEND, SB_SIDE_SERVER, 3, "Hello Yourself"); /* 5 */
  append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, 2, "Hel");            /* 6 */
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 4, "xx");             /* 7: another conn */
  append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, 2, "lo Yourself");    /* 8 */
  append_error (capture, 5);                                            /* 9 */

  return capture;
}

static SbSearch *
search_case (SbCapture            *capture,
             const char           *text,
             gboolean              hex,
             const SbSearchFilter *filter,
             gboolean              match_case)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pattern = sb_search_parse_pattern (text, hex, NULL, &error);
  SbSearch *search;

  g_assert_no_error (error);
  search = sb_search_new (capture, pattern, filter, match_case);
  /* In small steps, as the window does, so that steps must carry on. */
  while (!sb_search_step (search, 3))
    ;
  g_assert_cmpuint (sb_search_get_n_searched (search), ==, sb_capture_get_n_recorded (capture));

  return search;
}

/* Byte for byte. */
static SbSearch *
search_all (SbCapture            *capture,
            const char           *text,
            gboolean              hex,
            const SbSearchFilter *filter)
{
  return search_case (capture, text, hex, filter, TRUE);
}

static void
assert_match (SbSearch *search,
              guint     i,
              guint     first,
              guint     offset,
              guint     last,
              guint     n_events)
{
  const SbSearchMatch *match = sb_search_get_match (search, i);

  g_assert_cmpuint (match->first, ==, first);
  g_assert_cmpuint (match->offset, ==, offset);
  g_assert_cmpuint (match->last, ==, last);
  g_assert_cmpuint (match->n_events, ==, n_events);
}

static void
test_search_text (void)
{
  g_autoptr(SbCapture) capture = new_exercise_capture ();
  g_autoptr(SbSearch) search = search_all (capture, "Hello", FALSE, NULL);

  /* Three in single calls, one across the client's two recv() calls. */
  g_assert_cmpuint (sb_search_get_n_matches (search), ==, 4);
  assert_match (search, 0, 3, 0, 3, 1);
  assert_match (search, 1, 4, 0, 4, 1);
  assert_match (search, 2, 5, 0, 5, 1);
  assert_match (search, 3, 6, 0, 8, 2);
  g_assert_null (sb_search_dup_span_text (search, sb_search_get_match (search, 0)));
  {
    g_autofree char *span = sb_search_dup_span_text (search, sb_search_get_match (search, 3));
    g_assert_cmpstr (span, ==, "spans 2 recv() calls");
  }
}

/* Without match_case, ASCII letters match either case, also across
 * calls; other bytes (Latin-1 Ä and ä here) only themselves. */
static void
test_search_case (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbSearch) folded = NULL;
  g_autoptr(SbSearch) exact = NULL;
  g_autoptr(SbSearch) upper = NULL;
  g_autoptr(SbSearch) latin1 = NULL;

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "GET / HTTP/1.1\r\nCont");  /* 0 */
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "ent-Length: 5\r\n");     /* 1 */
  append (capture, SB_EVENT_SEND, SB_SIDE_SERVER, 1, "content-length \xc4");   /* 2 */
  append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, 2, "CONTENT-LENGTH \xe4");   /* 3 */

  folded = search_case (capture, "content-length", FALSE, NULL, FALSE);
  g_assert_cmpuint (sb_search_get_n_matches (folded), ==, 3);
  assert_match (folded, 0, 0, 16, 1, 2);
  assert_match (folded, 1, 2, 0, 2, 1);
  assert_match (folded, 2, 3, 0, 3, 1);

  exact = search_case (capture, "content-length", FALSE, NULL, TRUE);
  g_assert_cmpuint (sb_search_get_n_matches (exact), ==, 1);
  assert_match (exact, 0, 2, 0, 2, 1);

  upper = search_case (capture, "get / http", FALSE, NULL, FALSE);
  g_assert_cmpuint (sb_search_get_n_matches (upper), ==, 1);

  latin1 = search_case (capture, "\\xe4", FALSE, NULL, FALSE);
  g_assert_cmpuint (sb_search_get_n_matches (latin1), ==, 1);
  assert_match (latin1, 0, 3, 15, 3, 1);
}

static void
test_search_overlapping (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbSearch) search = NULL;

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "aaa");
  search = search_all (capture, "aa", FALSE, NULL);
  g_assert_cmpuint (sb_search_get_n_matches (search), ==, 2);
  assert_match (search, 0, 0, 0, 0, 1);
  assert_match (search, 1, 0, 1, 0, 1);
}

static void
test_search_escapes_and_hex (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbSearch) by_text = NULL;
  g_autoptr(SbSearch) by_hex = NULL;

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "GET / HTTP/1.0\r\n\r\n");
  by_text = search_all (capture, "\\r\\n\\r\\n", FALSE, NULL);
  g_assert_cmpuint (sb_search_get_n_matches (by_text), ==, 1);
  assert_match (by_text, 0, 0, 14, 0, 1);

  by_hex = search_all (capture, "0d 0a", TRUE, NULL);
  g_assert_cmpuint (sb_search_get_n_matches (by_hex), ==, 2);
  assert_match (by_hex, 0, 0, 14, 0, 1);
  assert_match (by_hex, 1, 0, 16, 0, 1);
}

/* A match over three calls of one byte each, and the stream's bytes kept
 * across a call that holds no match. */
static void
test_search_spans_many (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbSearch) search = NULL;
  g_autofree char *span = NULL;

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "xa");
  append (capture, SB_EVENT_SEND, SB_SIDE_SERVER, 1, "b");  /* other direction */
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "b");
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "cy");
  search = search_all (capture, "abc", FALSE, NULL);
  g_assert_cmpuint (sb_search_get_n_matches (search), ==, 1);
  assert_match (search, 0, 0, 1, 3, 3);
  span = sb_search_dup_span_text (search, sb_search_get_match (search, 0));
  g_assert_cmpstr (span, ==, "spans 3 recv() calls");
}

/* Bytes of one connection never join those of another, nor datagrams
 * each other, nor a stream across bytes that were not kept. */
static void
test_search_no_false_matches (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbSearch) search = NULL;
  SbEventInfo gap = { 0 };

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 1, "Hel");
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 2, "lo");
  append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, 3, "Hel");
  append (capture, SB_EVENT_SEND, SB_SIDE_CLIENT, 3, "lo");
  append (capture, SB_EVENT_RECVFROM, SB_SIDE_SERVER, 4, "Hel");
  append (capture, SB_EVENT_RECVFROM, SB_SIDE_SERVER, 4, "lo");
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 5, "Hel");
  gap.kind = SB_EVENT_RECV;
  gap.side = SB_SIDE_SERVER;
  gap.socket_id = 5;
  gap.result = 100;  /* 100 bytes counted, none kept */
  sb_capture_append (capture, &gap, NULL, 0);
  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 5, "lo");

  search = search_all (capture, "Hello", FALSE, NULL);
  g_assert_cmpuint (sb_search_get_n_matches (search), ==, 0);
  g_assert_cmpint (sb_search_find_next (search, 0, FALSE), ==, -1);
}

static void
test_search_invalid_hex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pattern = NULL;
  gsize offset = 0;

  pattern = sb_search_parse_pattern ("48 6z", TRUE, &offset, &error);
  g_assert_null (pattern);
  g_assert_error (error, SB_INPUT_ERROR, SB_INPUT_ERROR_HEX_DIGIT);
  g_assert_cmpstr (error->message, ==, "invalid hex digit 'z' at 4");
  g_assert_cmpuint (offset, ==, 4);

  g_clear_error (&error);
  pattern = sb_search_parse_pattern ("486", TRUE, &offset, &error);
  g_assert_null (pattern);
  g_assert_error (error, SB_INPUT_ERROR, SB_INPUT_ERROR_HEX_ODD);
}

static void
test_search_next (void)
{
  g_autoptr(SbCapture) capture = new_exercise_capture ();
  g_autoptr(SbSearch) search = search_all (capture, "Hello", FALSE, NULL);

  g_assert_cmpint (sb_search_find_next (search, G_MAXUINT, FALSE), ==, 0);
  g_assert_cmpint (sb_search_find_next (search, G_MAXUINT, TRUE), ==, 3);
  g_assert_cmpint (sb_search_find_next (search, 3, FALSE), ==, 1);
  g_assert_cmpint (sb_search_find_next (search, 4, TRUE), ==, 0);
  /* From a row between matches, and wrapping at both ends. */
  g_assert_cmpint (sb_search_find_next (search, 7, TRUE), ==, 3);
  g_assert_cmpint (sb_search_find_next (search, 7, FALSE), ==, 0);
  g_assert_cmpint (sb_search_find_next (search, 3, TRUE), ==, 3);
}

/* Events recorded after a search caught up are searched by its next steps. */
static void
test_search_live (void)
{
  g_autoptr(SbCapture) capture = new_exercise_capture ();
  g_autoptr(SbSearch) search = search_all (capture, "Hello", FALSE, NULL);

  append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, 3, "Hello again");
  g_assert_false (sb_search_step (search, 0));
  g_assert_true (sb_search_step (search, 100));
  g_assert_cmpuint (sb_search_get_n_matches (search), ==, 5);
}

static void
test_search_filtered (void)
{
  g_autoptr(SbCapture) capture = new_exercise_capture ();
  SbSearchFilter filter = { 0 };
  g_autoptr(SbSearch) client_only = NULL;

  filter.sides = SB_SEARCH_SIDE (SB_SIDE_CLIENT);
  client_only = search_all (capture, "Hello", FALSE, &filter);
  g_assert_cmpuint (sb_search_get_n_matches (client_only), ==, 2);
  assert_match (client_only, 0, 3, 0, 3, 1);
  assert_match (client_only, 1, 6, 0, 8, 2);
}

static guint
count_filtered (SbCapture            *capture,
                const SbSearchFilter *filter,
                guint                *first)
{
  guint n = 0;

  *first = G_MAXUINT;
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (sb_search_filter_matches (filter, capture, &info))
        {
          if (n++ == 0)
            *first = i;
        }
    }

  return n;
}

static void
test_filters (void)
{
  g_autoptr(SbCapture) capture = new_exercise_capture ();
  SbSearchFilter filter = { 0 };
  guint first;

  g_assert_true (sb_search_filter_is_empty (&filter));
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 10);

  filter.sides = SB_SEARCH_SIDE (SB_SIDE_SERVER);
  g_assert_false (sb_search_filter_is_empty (&filter));
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 5);
  g_assert_cmpuint (first, ==, 0);

  filter = (SbSearchFilter) { .socket_id = 2 };
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 4);
  g_assert_cmpuint (first, ==, 1);

  filter = (SbSearchFilter) { .calls = SB_SEARCH_CALL (SB_EVENT_RECV) };
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 4);
  g_assert_cmpuint (first, ==, 4);

  filter.calls |= SB_SEARCH_CALL (SB_EVENT_SEND);
  filter.sides = SB_SEARCH_SIDE (SB_SIDE_CLIENT);
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 3);
  g_assert_cmpuint (first, ==, 3);

  filter = (SbSearchFilter) { .errors_only = TRUE };
  g_assert_cmpuint (count_filtered (capture, &filter, &first), ==, 1);
  g_assert_cmpuint (first, ==, 9);

  g_assert_true (sb_search_filter_equal (&filter, &(SbSearchFilter) { .errors_only = 2 }));
  g_assert_false (sb_search_filter_equal (&filter, &(SbSearchFilter) { .socket_id = 2 }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/text", test_search_text);
  g_test_add_func ("/search/case", test_search_case);
  g_test_add_func ("/search/overlapping", test_search_overlapping);
  g_test_add_func ("/search/escapes-and-hex", test_search_escapes_and_hex);
  g_test_add_func ("/search/spans-many", test_search_spans_many);
  g_test_add_func ("/search/no-false-matches", test_search_no_false_matches);
  g_test_add_func ("/search/invalid-hex", test_search_invalid_hex);
  g_test_add_func ("/search/next", test_search_next);
  g_test_add_func ("/search/live", test_search_live);
  g_test_add_func ("/search/filtered", test_search_filtered);
  g_test_add_func ("/search/filters", test_filters);

  return g_test_run ();
}
