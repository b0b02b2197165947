/* test-http.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTTP follower over recorded byte streams: each stream is fed into a
 * real SbCapture whole, cut in two at every offset, and one byte per
 * event; the same messages, heads and bodies must come out every time. */

#define G_LOG_DOMAIN "test-http"

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-http.h"
#include "sb-listener.h"
#include "sb-payload.h"
#include "sb-stream.h"
#include "sb-test-util.h"
#include "sb-workbench.h"

#define BYTES(s) (s), (sizeof (s) - 1)

/* How a direction ends after its bytes. */
typedef enum
{
  END_NONE,
  END_SHUT,   /* the sender shuts down its side: EOF or SHUT_WR */
} EndHow;

typedef struct _Run Run;

typedef struct
{
  const char *name;
  const char *requests;
  gsize       requests_len;
  const char *responses;
  gsize       responses_len;
  EndHow      requests_end;
  EndHow      responses_end;
  gboolean    close;
  void      (*check) (Run *run);
} Case;

struct _Run
{
  SbCapture      *capture;
  SbHttpFollower *follower;
  SbSide          side;
  guint           socket_id;
  GHashTable     *added;      /* message → event count when added */
  GHashTable     *changed;    /* message → flush number of the last message-changed */
  guint           flushes;
};

static void
added_cb (SbHttpFollower *follower,
          SbHttpMessage  *message,
          Run            *run)
{
  g_assert_false (g_hash_table_contains (run->added, message));
  g_assert_false (g_hash_table_contains (run->changed, message));
  g_hash_table_insert (run->added, message, GUINT_TO_POINTER (run->flushes));
}

static void
changed_cb (SbHttpFollower *follower,
            SbHttpMessage  *message,
            Run            *run)
{
  gpointer last;

  g_assert_true (g_hash_table_contains (run->added, message));
  /* At most once per message per capture event (one event per flush). */
  if (g_hash_table_lookup_extended (run->changed, message, NULL, &last))
    g_assert_cmpuint (GPOINTER_TO_UINT (last), <, run->flushes);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (run->added, message)), <,
                    run->flushes);
  g_hash_table_insert (run->changed, message, GUINT_TO_POINTER (run->flushes));
}

static Run *
run_new (SbSide side)
{
  Run *run = g_new0 (Run, 1);

  run->capture = sb_capture_new ();
  run->follower = sb_http_follower_new (run->capture);
  run->side = side;
  run->socket_id = sb_capture_new_socket_id (run->capture);
  run->added = g_hash_table_new (NULL, NULL);
  run->changed = g_hash_table_new (NULL, NULL);
  g_signal_connect (run->follower, "message-added", G_CALLBACK (added_cb), run);
  g_signal_connect (run->follower, "message-changed", G_CALLBACK (changed_cb), run);

  return run;
}

static void
run_free (Run *run)
{
  g_object_unref (run->follower);
  g_object_unref (run->capture);
  g_hash_table_unref (run->added);
  g_hash_table_unref (run->changed);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static guint
append_event (Run          *run,
              SbEventKind   kind,
              int           detail,
              const guint8 *data,
              gsize         len)
{
  SbEventInfo info = {
    .kind = kind,
    .side = run->side,
    .socket_id = run->socket_id,
    .detail = detail,
    .result = len,
    .requested = len,
  };
  guint index = sb_capture_append (run->capture, &info, data, len);

  /* One event per flush, so that "once per event" can be checked. */
  run->flushes++;
  sb_capture_flush (run->capture);

  return index;
}

/* Sends or receives @data in events cut at @cuts (ascending offsets
 * inside it), or one byte per event when @bytewise. */
static void
feed (Run          *run,
      gboolean      requests,
      const char   *data,
      gsize         len,
      const gsize  *cuts,
      guint         n_cuts,
      gboolean      bytewise)
{
  gboolean server = run->side == SB_SIDE_SERVER;
  SbEventKind kind = (requests == server) ? SB_EVENT_RECV : SB_EVENT_SEND;
  gsize start = 0;

  if (bytewise)
    {
      for (gsize i = 0; i < len; i++)
        append_event (run, kind, 0, (const guint8 *) data + i, 1);
      return;
    }

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;

      g_assert_cmpuint (end, >=, start);
      if (end > start)
        append_event (run, kind, 0, (const guint8 *) data + start, end - start);
      start = end;
    }
}

static void
end_direction (Run      *run,
               gboolean  requests)
{
  gboolean server = run->side == SB_SIDE_SERVER;

  /* What we receive ends with EOF; what we send with shutdown(SHUT_WR). */
  if (requests == server)
    append_event (run, SB_EVENT_EOF, 0, NULL, 0);
  else
    append_event (run, SB_EVENT_SHUTDOWN, SB_SHUTDOWN_WRITE, NULL, 0);
}

static Run *
run_case (const Case  *c,
          SbSide       side,
          const gsize *request_cuts,
          guint        n_request_cuts,
          const gsize *response_cuts,
          guint        n_response_cuts,
          gboolean     bytewise)
{
  Run *run = run_new (side);

  feed (run, TRUE, c->requests, c->requests_len, request_cuts, n_request_cuts, bytewise);
  if (c->requests_end == END_SHUT)
    end_direction (run, TRUE);
  feed (run, FALSE, c->responses, c->responses_len, response_cuts, n_response_cuts, bytewise);
  if (c->responses_end == END_SHUT)
    end_direction (run, FALSE);
  if (c->close)
    append_event (run, SB_EVENT_CLOSE, SB_CLOSE_NORMAL, NULL, 0);

  return run;
}

static SbHttpMessage *
nth (Run   *run,
     guint  i)
{
  GListModel *messages = sb_http_follower_get_messages (run->follower, run->socket_id);
  g_autoptr(SbHttpMessage) message = g_list_model_get_item (messages, i);

  g_assert_nonnull (message);

  return message; /* the list keeps it */
}

static guint
n_messages (Run *run)
{
  return g_list_model_get_n_items (sb_http_follower_get_messages (run->follower, run->socket_id));
}

static const char *const state_names[] = { "head", "body", "complete", "raw" };
static const char *const framing_names[] = { "none", "length", "chunked", "until-close" };

/* Everything a message says, but its event indices: the same bytes cut
 * differently must give the same text. */
static char *
describe (Run *run)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_messages (run); i++)
    {
      SbHttpMessage *message = nth (run, i);
      SbHttpMessage *partner = sb_http_follower_get_partner (run->follower, message);
      g_autofree char *start = sb_http_message_dup_start_line (message);
      GBytes *preview = sb_http_message_get_preview (message);
      gsize size;
      const guint8 *data = g_bytes_get_data (preview, &size);
      g_autofree char *escaped = sb_payload_to_escaped (data, size, 0);

      g_string_append_printf (text, "#%u %s %s seq %u %s at %" G_GUINT64_FORMAT "\n", i,
                              sb_http_message_get_kind (message) == SB_HTTP_REQUEST
                              ? "request" : "response",
                              state_names[sb_http_message_get_state (message)],
                              sb_http_message_get_sequence (message),
                              sb_http_message_get_received (message) ? "received" : "sent",
                              sb_http_message_get_stream_offset (message));
      g_string_append_printf (text, "  start %s\n", start ? start : "(none)");
      for (guint h = 0; h < sb_http_message_get_n_headers (message); h++)
        g_string_append_printf (text, "  %s: %s\n",
                                sb_http_message_get_header_name (message, h),
                                sb_http_message_get_header_value (message, h));
      g_string_append_printf (text, "  %s length %" G_GINT64_FORMAT " head %" G_GUINT64_FORMAT
                              " body %" G_GUINT64_FORMAT " keep-alive %d\n",
                              framing_names[sb_http_message_get_framing (message)],
                              sb_http_message_get_content_length (message),
                              sb_http_message_get_head_length (message),
                              sb_http_message_get_body_length (message),
                              sb_http_message_get_keep_alive (message));
      g_string_append_printf (text, "  preview %s\n", escaped);
      g_string_append_printf (text, "  problem %s\n",
                              sb_http_message_get_problem (message)
                              ? sb_http_message_get_problem (message) : "(none)");
      if (partner != NULL)
        g_string_append_printf (text, "  partner seq %u %s\n",
                                sb_http_message_get_sequence (partner),
                                sb_http_message_get_kind (partner) == SB_HTTP_REQUEST
                                ? "request" : "response");

      /* Every message was announced once. */
      g_assert_true (g_hash_table_contains (run->added, message));
      g_assert_cmpuint (sb_http_message_get_socket_id (message), ==, run->socket_id);
      g_assert_cmpint (sb_http_message_get_side (message), ==, run->side);
    }
  g_assert_cmpuint (g_hash_table_size (run->added), ==, n_messages (run));

  return g_string_free (text, FALSE);
}

/* Every event carrying bytes leads to a message that covers it. */
static void
check_find_for_event (Run *run)
{
  guint n = sb_capture_get_n_recorded (run->capture);

  for (guint index = 0; index < n; index++)
    {
      SbEventInfo info;
      SbHttpMessage *message = sb_http_follower_find_for_event (run->follower, index);

      g_assert_true (sb_capture_get_info (run->capture, index, &info));
      if (info.kind != SB_EVENT_SEND && info.kind != SB_EVENT_RECV)
        {
          g_assert_null (message);
          continue;
        }
      /* An event of line ends alone between messages carries none. */
      if (message == NULL)
        continue;
      g_assert_cmpuint (sb_http_message_get_first_event (message), <=, index);
      g_assert_cmpuint (sb_http_message_get_last_event (message), >=, index);
      g_assert_cmpint (sb_http_message_get_received (message), ==, info.kind == SB_EVENT_RECV);
    }
}

/* Offsets to cut at: all of them, or for long streams a sample with every
 * offset near both ends. */
static GArray *
cut_offsets (gsize len)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = 1; i < len; i++)
    if (len <= 4096 || i < 256 || len - i < 256 || i % 509 == 0
        || (i > SB_HTTP_MAX_HEAD_BYTES - 8 && i < SB_HTTP_MAX_HEAD_BYTES + 8))
      g_array_append_val (cuts, i);

  return cuts;
}

static void
assert_same_text (const char *expected,
                  const char *got,
                  const char *what,
                  gsize       cut)
{
  if (g_strcmp0 (expected, got) != 0)
    g_error ("%s cut at %" G_GSIZE_FORMAT " differs:\n--- whole\n%s--- cut\n%s",
             what, cut, expected, got);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  SbSide sides[] = { SB_SIDE_SERVER, SB_SIDE_CLIENT };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(Run) whole = run_case (c, sides[s], NULL, 0, NULL, 0, FALSE);
      g_autofree char *expected = describe (whole);
      g_autoptr(GArray) request_cuts = cut_offsets (c->requests_len);
      g_autoptr(GArray) response_cuts = cut_offsets (c->responses_len);

      if (strlen (expected) < 8192)
        g_test_message ("%s, %s side:\n%s", c->name,
                      sides[s] == SB_SIDE_SERVER ? "server" : "client", expected);
      c->check (whole);
      check_find_for_event (whole);

      for (guint i = 0; i < request_cuts->len; i++)
        {
          gsize cut = g_array_index (request_cuts, gsize, i);
          g_autoptr(Run) run = run_case (c, sides[s], &cut, 1, NULL, 0, FALSE);
          g_autofree char *got = describe (run);

          assert_same_text (expected, got, "requests", cut);
          check_find_for_event (run);
        }

      for (guint i = 0; i < response_cuts->len; i++)
        {
          gsize cut = g_array_index (response_cuts, gsize, i);
          g_autoptr(Run) run = run_case (c, sides[s], NULL, 0, &cut, 1, FALSE);
          g_autofree char *got = describe (run);

          assert_same_text (expected, got, "responses", cut);
        }

      {
        g_autoptr(Run) run = run_case (c, sides[s], NULL, 0, NULL, 0, TRUE);
        g_autofree char *got = describe (run);

        assert_same_text (expected, got, "one byte per event", 1);
        check_find_for_event (run);
      }
    }
}

/* Assertions on single messages */

static void
assert_request (SbHttpMessage *message,
                const char    *method,
                const char    *target,
                guint          minor_version,
                SbHttpState    state)
{
  g_assert_cmpint (sb_http_message_get_kind (message), ==, SB_HTTP_REQUEST);
  g_assert_cmpstr (sb_http_message_get_method (message), ==, method);
  g_assert_cmpstr (sb_http_message_get_target (message), ==, target);
  g_assert_cmpuint (sb_http_message_get_minor_version (message), ==, minor_version);
  g_assert_cmpint (sb_http_message_get_state (message), ==, state);
  g_assert_cmpuint (sb_http_message_get_status (message), ==, 0);
}

static void
assert_response (SbHttpMessage *message,
                 guint          status,
                 const char    *reason,
                 SbHttpState    state)
{
  g_assert_cmpint (sb_http_message_get_kind (message), ==, SB_HTTP_RESPONSE);
  g_assert_cmpuint (sb_http_message_get_status (message), ==, status);
  g_assert_cmpstr (sb_http_message_get_reason (message), ==, reason);
  g_assert_cmpint (sb_http_message_get_state (message), ==, state);
  g_assert_null (sb_http_message_get_method (message));
}

static void
assert_body (SbHttpMessage *message,
             const char    *body,
             gsize          len)
{
  GBytes *preview = sb_http_message_get_preview (message);
  gsize size;
  const guint8 *data = g_bytes_get_data (preview, &size);

  g_assert_cmpuint (sb_http_message_get_body_length (message), ==, len);
  g_assert_cmpmem (data, size, body, MIN (len, SB_HTTP_PREVIEW_BYTES));
}

static void
assert_header (SbHttpMessage *message,
               guint          index,
               const char    *name,
               const char    *value)
{
  g_assert_cmpuint (index, <, sb_http_message_get_n_headers (message));
  g_assert_cmpstr (sb_http_message_get_header_name (message, index), ==, name);
  g_assert_cmpstr (sb_http_message_get_header_value (message, index), ==, value);
}

static void
assert_problem (SbHttpMessage *message,
                const char    *part)
{
  const char *problem = sb_http_message_get_problem (message);

  g_assert_nonnull (problem);
  if (strstr (problem, part) == NULL)
    g_error ("problem “%s” does not say “%s”", problem, part);
}

static void
assert_partners (Run           *run,
                 SbHttpMessage *request,
                 SbHttpMessage *response)
{
  g_assert_true (sb_http_follower_get_partner (run->follower, request) == response);
  g_assert_true (sb_http_follower_get_partner (run->follower, response) == request);
}

/* The streams */

#define CURL_GET \
  "GET /index.html HTTP/1.1\r\n" \
  "Host: 127.0.0.1:8080\r\n" \
  "User-Agent: curl/7.88.1\r\n" \
  "Accept: */*\r\n" \
  "\r\n"

#define HELLO_RESPONSE \
  "HTTP/1.1 200 OK\r\n" \
  "Content-Type: text/html\r\n" \
  "Content-Length: 20\r\n" \
  "\r\n" \
  "<h1>Hello World</h1>"

static void
check_curl (Run *run)
{
  SbHttpMessage *request = nth (run, 0);
  SbHttpMessage *response = nth (run, 1);
  g_autofree char *start = sb_http_message_dup_start_line (request);

  g_assert_cmpuint (n_messages (run), ==, 2);
  assert_request (request, "GET", "/index.html", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpstr (start, ==, "GET /index.html HTTP/1.1");
  g_assert_cmpuint (sb_http_message_get_n_headers (request), ==, 3);
  assert_header (request, 0, "Host", "127.0.0.1:8080");
  assert_header (request, 1, "User-Agent", "curl/7.88.1");
  assert_header (request, 2, "Accept", "*/*");
  g_assert_cmpstr (sb_http_message_get_header (request, "user-agent"), ==, "curl/7.88.1");
  g_assert_null (sb_http_message_get_header (request, "Cookie"));
  g_assert_cmpint (sb_http_message_get_framing (request), ==, SB_HTTP_FRAMING_NONE);
  g_assert_cmpuint (sb_http_message_get_head_length (request), ==, strlen (CURL_GET));
  g_assert_true (sb_http_message_get_keep_alive (request));
  assert_body (request, "", 0);
  g_assert_null (sb_http_message_get_problem (request));
  g_assert_cmpuint (sb_http_message_get_sequence (request), ==, 0);

  assert_response (response, 200, "OK", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpint (sb_http_message_get_framing (response), ==, SB_HTTP_FRAMING_LENGTH);
  g_assert_cmpint (sb_http_message_get_content_length (response), ==, 20);
  assert_body (response, BYTES ("<h1>Hello World</h1>"));
  g_assert_cmpuint (sb_http_message_get_stream_offset (response), ==, 0);
  g_assert_cmpuint (sb_http_message_get_sequence (response), ==, 0);
  assert_partners (run, request, response);
}

/* Recorded from headless Chromium 156 (Debian) against a local server:
 * the page, then its favicon on the same connection. */
#define CHROMIUM_PAGE \
  "GET / HTTP/1.1\r\n" \
  "Host: 127.0.0.1:43103\r\n" \
  "Connection: keep-alive\r\n" \
  "sec-ch-ua: \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"\r\n" \
  "sec-ch-ua-mobile: ?0\r\n" \
  "sec-ch-ua-platform: \"Linux\"\r\n" \
  "Upgrade-Insecure-Requests: 1\r\n" \
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " \
  "HeadlessChrome/156.0.0.0 Safari/537.36\r\n" \
  "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif," \
  "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n" \
  "Sec-Fetch-Site: none\r\n" \
  "Sec-Fetch-Mode: navigate\r\n" \
  "Sec-Fetch-User: ?1\r\n" \
  "Sec-Fetch-Dest: document\r\n" \
  "Accept-Encoding: gzip, deflate, br, zstd\r\n" \
  "Accept-Language: en-US,en;q=0.9\r\n" \
  "\r\n"

#define CHROMIUM_FAVICON \
  "GET /favicon.ico HTTP/1.1\r\n" \
  "Host: 127.0.0.1:43103\r\n" \
  "Connection: keep-alive\r\n" \
  "sec-ch-ua-platform: \"Linux\"\r\n" \
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " \
  "HeadlessChrome/156.0.0.0 Safari/537.36\r\n" \
  "sec-ch-ua: \"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"\r\n" \
  "sec-ch-ua-mobile: ?0\r\n" \
  "Accept: image/jxl,image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8\r\n" \
  "Sec-Fetch-Site: same-origin\r\n" \
  "Sec-Fetch-Mode: no-cors\r\n" \
  "Sec-Fetch-Dest: image\r\n" \
  "Referer: http://127.0.0.1:43103/\r\n" \
  "Accept-Encoding: gzip, deflate, br, zstd\r\n" \
  "Accept-Language: en-US,en;q=0.9\r\n" \
  "\r\n"

static void
check_chromium (Run *run)
{
  SbHttpMessage *page = nth (run, 0);
  SbHttpMessage *favicon = nth (run, 1);
  SbHttpMessage *page_reply = nth (run, 2);
  SbHttpMessage *favicon_reply = nth (run, 3);
  const char *const names[] = {
    "Host", "Connection", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
    "Upgrade-Insecure-Requests", "User-Agent", "Accept", "Sec-Fetch-Site", "Sec-Fetch-Mode",
    "Sec-Fetch-User", "Sec-Fetch-Dest", "Accept-Encoding", "Accept-Language",
  };

  g_assert_cmpuint (n_messages (run), ==, 4);
  assert_request (page, "GET", "/", 1, SB_HTTP_STATE_COMPLETE);
  assert_request (favicon, "GET", "/favicon.ico", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_sequence (favicon), ==, 1);

  /* In the order they came, known and unknown names alike. */
  g_assert_cmpuint (sb_http_message_get_n_headers (page), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (sb_http_message_get_header_name (page, i), ==, names[i]);
  assert_header (page, 2, "sec-ch-ua", "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"");
  g_assert_true (g_str_has_prefix (sb_http_message_get_header (page, "User-Agent"),
                                   "Mozilla/5.0 (X11; Linux x86_64)"));
  assert_header (favicon, 2, "sec-ch-ua-platform", "\"Linux\"");
  assert_header (favicon, 10, "Referer", "http://127.0.0.1:43103/");

  assert_response (page_reply, 200, "OK", SB_HTTP_STATE_COMPLETE);
  assert_response (favicon_reply, 404, "Not Found", SB_HTTP_STATE_COMPLETE);
  assert_body (favicon_reply, BYTES ("Not found\n"));
  assert_partners (run, page, page_reply);
  assert_partners (run, favicon, favicon_reply);
}

#define PIPELINED \
  "GET /one HTTP/1.1\r\nHost: a\r\n\r\n" \
  "GET /two HTTP/1.1\r\nHost: a\r\n\r\n"

static void
check_pipelined (Run *run)
{
  g_assert_cmpuint (n_messages (run), ==, 4);
  assert_request (nth (run, 0), "GET", "/one", 1, SB_HTTP_STATE_COMPLETE);
  assert_request (nth (run, 1), "GET", "/two", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_stream_offset (nth (run, 1)), ==, 30);
  assert_response (nth (run, 2), 200, "OK", SB_HTTP_STATE_COMPLETE);
  assert_response (nth (run, 3), 200, "OK", SB_HTTP_STATE_COMPLETE);
  assert_body (nth (run, 2), BYTES ("one"));
  assert_body (nth (run, 3), BYTES ("two!"));
  assert_partners (run, nth (run, 0), nth (run, 2));
  assert_partners (run, nth (run, 1), nth (run, 3));
}

static void
check_keep_alive_then_close (Run *run)
{
  g_assert_cmpuint (n_messages (run), ==, 4);
  g_assert_true (sb_http_message_get_keep_alive (nth (run, 0)));
  g_assert_false (sb_http_message_get_keep_alive (nth (run, 1)));
  g_assert_true (sb_http_message_get_keep_alive (nth (run, 2)));
  g_assert_false (sb_http_message_get_keep_alive (nth (run, 3)));
  assert_request (nth (run, 1), "GET", "/bye", 1, SB_HTTP_STATE_COMPLETE);
  assert_response (nth (run, 3), 200, "OK", SB_HTTP_STATE_COMPLETE);
}

static void
check_until_close (Run *run)
{
  SbHttpMessage *request = nth (run, 0);
  SbHttpMessage *response = nth (run, 1);

  g_assert_cmpuint (n_messages (run), ==, 2);
  assert_request (request, "GET", "/", 0, SB_HTTP_STATE_COMPLETE);
  g_assert_false (sb_http_message_get_keep_alive (request));
  assert_response (response, 200, "OK", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_minor_version (response), ==, 0);
  g_assert_cmpint (sb_http_message_get_framing (response), ==, SB_HTTP_FRAMING_UNTIL_CLOSE);
  g_assert_cmpint (sb_http_message_get_content_length (response), ==, -1);
  assert_header (response, 0, "Content-type", "text/html");
  assert_body (response, BYTES ("<h1>Hello World</h1>"));
  g_assert_null (sb_http_message_get_problem (response));
}

static void
check_chunked (Run *run)
{
  SbHttpMessage *response = nth (run, 2);

  g_assert_cmpuint (n_messages (run), ==, 4);
  assert_response (response, 200, "OK", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpint (sb_http_message_get_framing (response), ==, SB_HTTP_FRAMING_CHUNKED);
  assert_body (response, BYTES ("Hello, World"));
  g_assert_null (sb_http_message_get_problem (response));
  /* The next response on the connection is found after the trailers. */
  assert_response (nth (run, 3), 200, "OK", SB_HTTP_STATE_COMPLETE);
  assert_body (nth (run, 3), BYTES ("xy"));
  g_assert_cmpuint (sb_http_message_get_sequence (nth (run, 3)), ==, 1);
}

static void
check_head (Run *run)
{
  SbHttpMessage *response = nth (run, 2);

  g_assert_cmpuint (n_messages (run), ==, 4);
  assert_request (nth (run, 0), "HEAD", "/", 1, SB_HTTP_STATE_COMPLETE);
  assert_response (response, 200, "OK", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpint (sb_http_message_get_framing (response), ==, SB_HTTP_FRAMING_NONE);
  g_assert_cmpint (sb_http_message_get_content_length (response), ==, 1234);
  assert_body (response, "", 0);
  assert_response (nth (run, 3), 200, "OK", SB_HTTP_STATE_COMPLETE);
  assert_body (nth (run, 3), BYTES ("body"));
  assert_partners (run, nth (run, 1), nth (run, 3));
}

static void
check_no_content (Run *run)
{
  g_assert_cmpuint (n_messages (run), ==, 4);
  assert_response (nth (run, 2), 204, "No Content", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpint (sb_http_message_get_framing (nth (run, 2)), ==, SB_HTTP_FRAMING_NONE);
  assert_response (nth (run, 3), 304, "Not Modified", SB_HTTP_STATE_COMPLETE);
  assert_body (nth (run, 3), "", 0);
  assert_partners (run, nth (run, 1), nth (run, 3));
}

static void
check_continue (Run *run)
{
  SbHttpMessage *request = nth (run, 0);
  SbHttpMessage *interim = nth (run, 1);
  SbHttpMessage *final = nth (run, 2);

  g_assert_cmpuint (n_messages (run), ==, 3);
  assert_request (request, "PUT", "/upload", 1, SB_HTTP_STATE_COMPLETE);
  assert_body (request, BYTES ("hello world"));
  assert_response (interim, 100, "Continue", SB_HTTP_STATE_COMPLETE);
  assert_response (final, 201, "Created", SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_sequence (interim), ==, 0);
  g_assert_cmpuint (sb_http_message_get_sequence (final), ==, 0);
  assert_partners (run, request, final);
  g_assert_true (sb_http_follower_get_partner (run->follower, interim) == request);
}

#define POST_BODY "name=caf\xc3\xa9&data=\x00\x01\x02\xff\r\n\r\nGET / HTTP/1.1\r\n"

static void
check_post (Run *run)
{
  SbHttpMessage *request = nth (run, 0);

  g_assert_cmpuint (n_messages (run), ==, 2);
  assert_request (request, "POST", "/form", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpint (sb_http_message_get_content_length (request), ==, sizeof (POST_BODY) - 1);
  assert_body (request, BYTES (POST_BODY));
  assert_header (request, 2, "Content-Type", "application/x-www-form-urlencoded");
  assert_response (nth (run, 1), 200, "OK", SB_HTTP_STATE_COMPLETE);
}

#define JUNK "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x8a\x00GET / HTTP/1.1\r\n\r\n"

static void
check_junk (Run *run)
{
  SbHttpMessage *junk = nth (run, 0);

  g_assert_cmpuint (n_messages (run), ==, 2);
  g_assert_cmpint (sb_http_message_get_state (junk), ==, SB_HTTP_STATE_RAW);
  g_assert_null (sb_http_message_get_method (junk));
  g_assert_null (sb_http_message_dup_start_line (junk));
  assert_body (junk, BYTES (JUNK));
  assert_problem (junk, "request line");
  g_assert_null (sb_http_follower_get_partner (run->follower, junk));
  /* An answer of junk is raw too, for its own reason. */
  g_assert_cmpint (sb_http_message_get_state (nth (run, 1)), ==, SB_HTTP_STATE_RAW);
  assert_problem (nth (run, 1), "status line");
}

static void
check_cut_head (Run *run)
{
  SbHttpMessage *message = nth (run, 0);

  g_assert_cmpuint (n_messages (run), ==, 1);
  g_assert_cmpint (sb_http_message_get_state (message), ==, SB_HTTP_STATE_RAW);
  assert_problem (message, "before the head was complete");
  assert_body (message, BYTES ("GET / HTTP/1.1\r\nHost: x\r\n"));
}

static void
check_short_body (Run *run)
{
  SbHttpMessage *message = nth (run, 0);

  g_assert_cmpuint (n_messages (run), ==, 1);
  assert_request (message, "POST", "/upload", 1, SB_HTTP_STATE_BODY);
  assert_body (message, BYTES ("0123456789"));
  assert_problem (message, "10 of 25 bytes");
}

static void
check_bad_start (Run *run)
{
  g_assert_cmpuint (n_messages (run), ==, 2);
  g_assert_cmpint (sb_http_message_get_state (nth (run, 0)), ==, SB_HTTP_STATE_RAW);
  assert_problem (nth (run, 0), "not valid HTTP");
  g_assert_null (sb_http_message_get_method (nth (run, 0)));
  g_assert_cmpint (sb_http_message_get_state (nth (run, 1)), ==, SB_HTTP_STATE_RAW);
  assert_problem (nth (run, 1), "not valid HTTP");
  g_assert_cmpuint (sb_http_message_get_status (nth (run, 1)), ==, 0);
}

static void
check_bad_chunks (Run *run)
{
  SbHttpMessage *response = nth (run, 1);

  g_assert_cmpuint (n_messages (run), ==, 3);
  assert_response (response, 200, "OK", SB_HTTP_STATE_BODY);
  assert_problem (response, "malformed");
  assert_body (response, BYTES ("Hello"));
  g_assert_cmpint (sb_http_message_get_state (nth (run, 2)), ==, SB_HTTP_STATE_RAW);
  assert_body (nth (run, 2), BYTES ("zz\r\nmore"));
}

static void
check_bad_length (Run *run)
{
  g_assert_cmpuint (n_messages (run), ==, 1);
  g_assert_cmpint (sb_http_message_get_state (nth (run, 0)), ==, SB_HTTP_STATE_RAW);
  assert_problem (nth (run, 0), "Content-Length");
}

static Case cases[] = {
  { "curl", BYTES (CURL_GET), BYTES (HELLO_RESPONSE), END_NONE, END_NONE, FALSE, check_curl },
  { "chromium",
    BYTES (CHROMIUM_PAGE CHROMIUM_FAVICON),
    BYTES (HELLO_RESPONSE
           "HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nNot found\n"),
    END_SHUT, END_NONE, TRUE, check_chromium },
  { "pipelined", BYTES (PIPELINED),
    BYTES ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"
           "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ntwo!"),
    END_NONE, END_NONE, FALSE, check_pipelined },
  { "keep-alive-then-close",
    BYTES ("GET /hi HTTP/1.1\r\nHost: a\r\n\r\n"
           "GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"),
    BYTES ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
           "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye"),
    END_NONE, END_SHUT, TRUE, check_keep_alive_then_close },
  { "until-close", BYTES ("GET / HTTP/1.0\r\n\r\n"),
    BYTES ("HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n<h1>Hello World</h1>"),
    END_NONE, END_SHUT, FALSE, check_until_close },
  { "chunked", BYTES ("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n"),
    BYTES ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Check\r\n\r\n"
           "5;name=value\r\nHello\r\n"
           "7 ; quoted=\"a;b\"\r\n, World\r\n"
           "0\r\nX-Check: yes\r\nX-More: 1\r\n\r\n"
           "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"),
    END_NONE, END_NONE, FALSE, check_chunked },
  { "head", BYTES ("HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
    BYTES ("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"
           "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"),
    END_NONE, END_NONE, FALSE, check_head },
  { "no-content",
    BYTES ("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nIf-None-Match: \"1\"\r\n\r\n"),
    BYTES ("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n"),
    END_NONE, END_NONE, FALSE, check_no_content },
  { "continue",
    BYTES ("PUT /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n"
           "hello world"),
    BYTES ("HTTP/1.1 100 Continue\r\n\r\n"
           "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
    END_NONE, END_NONE, FALSE, check_continue },
  { "post",
    BYTES ("POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/7.88.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\n"
           POST_BODY),
    BYTES ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    END_NONE, END_NONE, FALSE, check_post },
  { "junk", BYTES (JUNK), BYTES ("\x15\x03\x03\x00\x02\x02\x46"),
    END_SHUT, END_NONE, TRUE, check_junk },
  { "cut-head", BYTES ("GET / HTTP/1.1\r\nHost: x\r\n"), NULL, 0,
    END_SHUT, END_NONE, FALSE, check_cut_head },
  { "short-body", BYTES ("POST /upload HTTP/1.1\r\nContent-Length: 25\r\n\r\n0123456789"), NULL, 0,
    END_SHUT, END_NONE, FALSE, check_short_body },
  { "bad-start", BYTES ("HELLO WORLD\r\n\r\n"), BYTES ("HTTP/1.1 abc OK\r\n\r\n"),
    END_NONE, END_NONE, FALSE, check_bad_start },
  { "bad-chunks", BYTES ("GET / HTTP/1.1\r\n\r\n"),
    BYTES ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHellozz\r\nmore"),
    END_NONE, END_NONE, FALSE, check_bad_chunks },
  { "bad-length", BYTES ("POST / HTTP/1.1\r\nContent-Length: 12, 13\r\n\r\n"), NULL, 0,
    END_NONE, END_NONE, FALSE, check_bad_length },
};

/* A head over 64 KiB, built at run time. */
static void
check_long_head (Run *run)
{
  SbHttpMessage *message = nth (run, 0);

  g_assert_cmpuint (n_messages (run), ==, 1);
  g_assert_cmpint (sb_http_message_get_state (message), ==, SB_HTTP_STATE_RAW);
  assert_problem (message, "64 KiB");
  /* The request line, the header name, 70000 letters, CR LF CR LF. */
  g_assert_cmpuint (sb_http_message_get_body_length (message), ==, 16 + 7 + 70000 + 4);
  g_assert_cmpuint (g_bytes_get_size (sb_http_message_get_preview (message)), ==,
                    SB_HTTP_PREVIEW_BYTES);
}

static void
test_long_head (void)
{
  g_autoptr(GString) head = g_string_new ("GET / HTTP/1.1\r\nX-Big: ");
  Case c = { "long-head", NULL, 0, NULL, 0, END_NONE, END_NONE, FALSE, check_long_head };

  for (guint i = 0; i < 70000; i++)
    g_string_append_c (head, 'a' + i % 26);
  g_string_append (head, "\r\n\r\n");
  c.requests = head->str;
  c.requests_len = head->len;

  test_case (&c);
}

/* A head of exactly 64 KiB is still one. */
static void
test_head_at_limit (void)
{
  g_autoptr(GString) head = g_string_new ("GET / HTTP/1.1\r\nX-Big: ");
  g_autoptr(Run) run = run_new (SB_SIDE_SERVER);

  while (head->len < SB_HTTP_MAX_HEAD_BYTES - 4)
    g_string_append_c (head, 'b');
  g_string_append (head, "\r\n\r\n");
  g_assert_cmpuint (head->len, ==, SB_HTTP_MAX_HEAD_BYTES);
  feed (run, TRUE, head->str, head->len, NULL, 0, FALSE);

  g_assert_cmpuint (n_messages (run), ==, 1);
  assert_request (nth (run, 0), "GET", "/", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_head_length (nth (run, 0)), ==, SB_HTTP_MAX_HEAD_BYTES);

  /* One byte more, even if it is the last line feed, and it is not. */
  {
    g_autoptr(Run) longer = run_new (SB_SIDE_SERVER);

    g_string_insert_c (head, 20, 'b');
    feed (longer, TRUE, head->str, head->len, NULL, 0, FALSE);
    g_assert_cmpuint (n_messages (longer), ==, 1);
    g_assert_cmpint (sb_http_message_get_state (nth (longer, 0)), ==, SB_HTTP_STATE_RAW);
    assert_problem (nth (longer, 0), "64 KiB");
    g_assert_cmpuint (sb_http_message_get_body_length (nth (longer, 0)), ==,
                      SB_HTTP_MAX_HEAD_BYTES + 1);
  }
}

/* CPU time of this thread, which does the following (wall time is at the
 * mercy of whatever else the machine runs). */
static gdouble
thread_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec + now.tv_nsec * 1e-9;
}

/* A request one byte per event: time grows linearly with its length.
 * The least of three tries. */
static gdouble
time_bytewise (guint len)
{
  g_autoptr(GString) head = g_string_new ("GET / HTTP/1.1\r\nX-Long: ");
  gdouble best = G_MAXDOUBLE;

  while (head->len < len - 4)
    g_string_append_c (head, 'c');
  g_string_append (head, "\r\n\r\n");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Run) run = run_new (SB_SIDE_SERVER);
      gdouble start = thread_cpu_seconds ();

      feed (run, TRUE, head->str, head->len, NULL, 0, TRUE);
      best = MIN (best, thread_cpu_seconds () - start);
      g_assert_cmpint (sb_http_message_get_state (nth (run, 0)), ==, SB_HTTP_STATE_COMPLETE);
      g_assert_cmpuint (sb_http_message_get_head_length (nth (run, 0)), ==, len);
    }

  return best;
}

static void
test_bytewise_linear (void)
{
  gdouble small = time_bytewise (8000);
  gdouble large = time_bytewise (64000);

  g_test_message ("one byte per event, thread CPU time: 8000 bytes %.3f s, 64000 bytes %.3f s",
                  small, large);
  /* Eight times the bytes; quadratic would be 64 times the time. */
  g_assert_cmpfloat (large, <, small * 24 + 0.05);
}

/* Non-HTTP bytes cost a count per event, not a copy. */
static void
test_flood (void)
{
  g_autoptr(Run) run = run_new (SB_SIDE_SERVER);
  g_autofree guint8 *block = g_malloc (64 * 1024);
  SbHttpMessage *message;

  memset (block, 'x', 64 * 1024);
  block[0] = 0xff;
  for (guint i = 0; i < 256; i++)
    append_event (run, SB_EVENT_RECV, 0, block, 64 * 1024);

  g_assert_cmpuint (n_messages (run), ==, 1);
  message = nth (run, 0);
  g_assert_cmpint (sb_http_message_get_state (message), ==, SB_HTTP_STATE_RAW);
  g_assert_cmpuint (sb_http_message_get_body_length (message), ==, 256 * 64 * 1024);
  g_assert_cmpuint (sb_http_message_get_first_event (message), ==, 0);
  g_assert_cmpuint (sb_http_message_get_last_event (message), ==, 255);
  g_assert_true (sb_http_follower_find_for_event (run->follower, 200) == message);

  /* What following costs per event of a flood, caught up all at once. */
  {
    g_autoptr(SbCapture) capture = sb_capture_new ();
    g_autoptr(SbHttpFollower) follower = NULL;
    g_autoptr(GTimer) timer = NULL;
    SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .result = 512 };
    g_autoptr(SbHttpMessage) flood = NULL;
    guint n = 200000;

    info.socket_id = sb_capture_new_socket_id (capture);
    for (guint i = 0; i < n; i++)
      sb_capture_append (capture, &info, block, 512);
    timer = g_timer_new ();
    follower = sb_http_follower_new (capture);
    g_test_message ("following %u raw recv events: %.0f ns each", n,
                    g_timer_elapsed (timer, NULL) * 1e9 / n);
    flood = g_list_model_get_item (sb_http_follower_get_messages (follower, info.socket_id), 0);
    g_assert_cmpuint (sb_http_message_get_body_length (flood), ==, (guint64) n * 512);
  }
}

static void
count_cb (SbHttpFollower *follower,
          SbHttpMessage  *message,
          guint          *count)
{
  (*count)++;
}

/* A flood announced in one flush is one message-added and one
 * message-changed for its whole message, not one per recv() event, and
 * every byte is still counted; a flood flushed in two goes is one more. */
static void
test_flood_signals (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbHttpFollower) follower = sb_http_follower_new (capture);
  g_autoptr(SbHttpMessage) flood = NULL;
  SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .result = 1024 };
  guint8 block[1024];
  guint added = 0;
  guint changed = 0;
  guint n = 5000;

  memset (block, 'x', sizeof block);
  block[0] = 0xff;
  g_signal_connect (follower, "message-added", G_CALLBACK (count_cb), &added);
  g_signal_connect (follower, "message-changed", G_CALLBACK (count_cb), &changed);
  info.socket_id = sb_capture_new_socket_id (capture);

  for (guint i = 0; i < n; i++)
    sb_capture_append (capture, &info, block, sizeof block);
  sb_capture_flush (capture);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (changed, ==, 0);

  for (guint i = 0; i < n; i++)
    sb_capture_append (capture, &info, block, sizeof block);
  sb_capture_flush (capture);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  flood = g_list_model_get_item (sb_http_follower_get_messages (follower, info.socket_id), 0);
  g_assert_cmpint (sb_http_message_get_state (flood), ==, SB_HTTP_STATE_RAW);
  g_assert_cmpuint (sb_http_message_get_body_length (flood), ==, (guint64) 2 * n * sizeof block);
  g_assert_cmpuint (sb_http_message_get_last_event (flood), ==, 2 * n - 1);
}

/* Empty lines between messages are passed over, but not without end. */
static void
test_blank_flood (void)
{
  g_autoptr(Run) run = run_new (SB_SIDE_SERVER);
  g_autofree guint8 *block = g_malloc (16 * 1024);
  SbHttpMessage *message;

  feed (run, TRUE, BYTES ("GET / HTTP/1.1\r\n\r\n\r\n\r\nGET /2 HTTP/1.1\r\n\r\n"), NULL, 0,
        FALSE);
  g_assert_cmpuint (n_messages (run), ==, 2);
  g_assert_cmpuint (sb_http_message_get_stream_offset (nth (run, 1)), ==, 22);

  memset (block, '\n', 16 * 1024);
  for (guint i = 0; i < 5; i++)
    append_event (run, SB_EVENT_RECV, 0, block, 16 * 1024);
  g_assert_cmpuint (n_messages (run), ==, 3);
  message = nth (run, 2);
  g_assert_cmpint (sb_http_message_get_state (message), ==, SB_HTTP_STATE_RAW);
  assert_problem (message, "empty lines");
  g_assert_cmpuint (sb_http_message_get_stream_offset (message), ==, 41 + 64 * 1024);
  g_assert_cmpuint (sb_http_message_get_body_length (message), ==, 16 * 1024);
}

/* After a clear the old events are gone; a message under way goes on. */
static void
test_clear (void)
{
  g_autoptr(Run) run = run_new (SB_SIDE_SERVER);
  SbHttpMessage *first;
  SbHttpMessage *second;
  guint index;

  feed (run, TRUE, BYTES ("GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n"), NULL, 0, FALSE);
  first = nth (run, 0);
  second = nth (run, 1);
  g_assert_cmpuint (sb_http_message_get_first_event (first), ==, 0);
  g_assert_true (sb_http_follower_find_for_event (run->follower, 0) == first);

  sb_capture_clear (run->capture);
  g_assert_cmpuint (sb_http_message_get_first_event (first), ==, G_MAXUINT);
  g_assert_cmpuint (sb_http_message_get_last_event (first), ==, G_MAXUINT);
  g_assert_cmpuint (sb_http_message_get_first_event (second), ==, G_MAXUINT);

  index = append_event (run, SB_EVENT_RECV, 0, (const guint8 *) "Host: a\r\n\r\n", 11);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (n_messages (run), ==, 2);
  assert_request (second, "GET", "/two", 1, SB_HTTP_STATE_COMPLETE);
  assert_header (second, 0, "Host", "a");
  g_assert_cmpuint (sb_http_message_get_first_event (second), ==, G_MAXUINT);
  g_assert_cmpuint (sb_http_message_get_last_event (second), ==, 0);
  g_assert_true (sb_http_follower_find_for_event (run->follower, 0) == second);
}

/* Messages of two connections do not mix; a follower made late catches up. */
static void
test_two_sockets_late (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbHttpFollower) follower = NULL;
  guint a = sb_capture_new_socket_id (capture);
  guint b = sb_capture_new_socket_id (capture);
  const char *parts[] = { "GET /a", "GET /b", " HTTP/1.1\r\n\r\n", " HTTP/1.0\r\n\r\n" };
  guint ids[] = { a, b, a, b };
  g_autoptr(SbHttpMessage) first_a = NULL;
  g_autoptr(SbHttpMessage) first_b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      SbEventInfo info = { .kind = SB_EVENT_RECV, .side = SB_SIDE_SERVER, .socket_id = ids[i] };

      info.result = strlen (parts[i]);
      sb_capture_append (capture, &info, (const guint8 *) parts[i], strlen (parts[i]));
    }

  follower = sb_http_follower_new (capture);
  g_assert_true (sb_http_follower_get_capture (follower) == capture);
  first_a = g_list_model_get_item (sb_http_follower_get_messages (follower, a), 0);
  first_b = g_list_model_get_item (sb_http_follower_get_messages (follower, b), 0);
  g_assert_cmpuint (g_list_model_get_n_items (sb_http_follower_get_messages (follower, a)), ==, 1);
  assert_request (first_a, "GET", "/a", 1, SB_HTTP_STATE_COMPLETE);
  assert_request (first_b, "GET", "/b", 0, SB_HTTP_STATE_COMPLETE);
  g_assert_cmpuint (sb_http_message_get_first_event (first_a), ==, 0);
  g_assert_cmpuint (sb_http_message_get_last_event (first_a), ==, 2);
  g_assert_true (sb_http_follower_find_for_event (follower, 1) == first_b);
  g_assert_true (sb_http_follower_find_for_event (follower, 2) == first_a);
  g_assert_cmpuint (g_list_model_get_n_items (sb_http_follower_get_messages (follower, 99)), ==, 0);
}

/* Real peers */

/* python3 -m http.server answers the client pane's GET: the response head
 * is parsed and its Content-Length body followed across the recvs. */
static void
test_real_python_server (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbHttpFollower) follower = sb_http_follower_new (capture);
  g_autoptr(SbStream) stream = sb_stream_new (capture, SB_SIDE_CLIENT);
  g_autoptr(SbTestPeer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(SbHttpMessage) get = NULL;
  g_autoptr(SbHttpMessage) reply = NULL;
  g_autofree char *directory = g_dir_make_tmp ("sockbench-http-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *port_text = NULL;
  GListModel *messages;
  guint16 port = 0;
  guint n_recv = 0;

  g_assert_no_error (error);
  for (guint i = 0; page->len < 20000; i++)
    g_string_append_printf (page, "<p>line %05u</p>\n", i);
  path = g_build_filename (directory, "page.html", NULL);
  g_file_set_contents (path, page->str, page->len, &error);
  g_assert_no_error (error);

  for (guint attempt = 0; attempt < 3 && server == NULL; attempt++)
    {
      port = sb_test_free_port ("127.0.0.1");
      g_free (port_text);
      port_text = g_strdup_printf ("%u", port);
      server = sb_test_peer_spawnv ((const char * const[]) {
                                      "/usr/bin/python3", "-u", "-m", "http.server",
                                      "--bind", "127.0.0.1", port_text,
                                      "--directory", directory, NULL });
      if (sb_test_peer_wait_line_or_end (server, "Serving HTTP on ") == NULL)
        g_clear_pointer (&server, sb_test_peer_free);
    }
  g_assert_nonnull (server);

  sb_stream_set_receive_size (stream, 4000);
  sb_stream_connect (stream, "127.0.0.1", port);
  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_CONNECTED
                      || sb_stream_get_state (stream) == SB_STREAM_FAILED, "connect");
  g_assert_cmpint (sb_stream_get_state (stream), ==, SB_STREAM_CONNECTED);
  request = g_bytes_new_static (BYTES ("GET /page.html HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  g_assert_true (sb_stream_send (stream, request, &error));
  g_assert_no_error (error);
  sb_test_wait_until (sb_stream_get_state (stream) == SB_STREAM_PEER_CLOSED, "the end of the reply");
  sb_capture_flush (capture);

  messages = sb_http_follower_get_messages (follower, sb_stream_get_socket_id (stream));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  get = g_list_model_get_item (messages, 0);
  reply = g_list_model_get_item (messages, 1);
  assert_request (get, "GET", "/page.html", 1, SB_HTTP_STATE_COMPLETE);
  g_assert_false (sb_http_message_get_received (get));
  assert_response (reply, 200, "OK", SB_HTTP_STATE_COMPLETE);
  g_assert_true (sb_http_message_get_received (reply));
  g_assert_cmpstr (sb_http_message_get_header (reply, "Content-Type"), ==, "text/html");
  g_assert_true (g_str_has_prefix (sb_http_message_get_header (reply, "Server"), "SimpleHTTP/"));
  g_assert_cmpint (sb_http_message_get_content_length (reply), ==, page->len);
  assert_body (reply, page->str, page->len);
  g_assert_true (sb_http_follower_get_partner (follower, get) == reply);

  /* Every recv of the reply leads to it. */
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.kind != SB_EVENT_RECV)
        continue;
      g_assert_true (sb_http_follower_find_for_event (follower, i) == reply);
      n_recv++;
    }
  g_assert_cmpuint (n_recv, >=, 5);

  sb_stream_close (stream);
  g_remove (path);
  g_rmdir (directory);
}

/* curl fetches two URLs from the server pane over one connection: the
 * follower tells when each request is complete, and a reply with a
 * Content-Length keeps the connection open for the next. */
typedef struct
{
  SbStream *connection;
  guint     replies;
} KeepAlive;

static void
reply_cb (SbHttpFollower *follower,
          SbHttpMessage  *message,
          KeepAlive      *keep)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *target;

  if (sb_http_message_get_kind (message) != SB_HTTP_REQUEST
      || sb_http_message_get_state (message) != SB_HTTP_STATE_COMPLETE)
    return;

  g_assert_nonnull (keep->connection);
  g_assert_cmpuint (sb_http_message_get_socket_id (message), ==,
                    sb_stream_get_socket_id (keep->connection));
  target = sb_http_message_get_target (message);
  text = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                          strlen (target + 1), target + 1);
  bytes = g_bytes_new (text, strlen (text));
  g_assert_true (sb_stream_send (keep->connection, bytes, &error));
  g_assert_no_error (error);
  keep->replies++;
}

static void
test_real_curl_keep_alive (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbHttpFollower) follower = sb_http_follower_new (capture);
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  g_autoptr(SbTestPeer) curl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *curl_path = g_find_program_in_path ("curl");
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *out = NULL;
  KeepAlive keep = { NULL, 0 };
  GListModel *messages;

  g_assert_nonnull (curl_path);
  g_signal_connect (listener, "accepted", G_CALLBACK (sb_test_keep_accepted), &keep.connection);
  g_signal_connect (follower, "message-added", G_CALLBACK (reply_cb), &keep);
  g_signal_connect (follower, "message-changed", G_CALLBACK (reply_cb), &keep);
  g_assert_true (sb_listener_listen (listener, "127.0.0.1", 0, 5, &error));
  g_assert_no_error (error);

  one = g_strdup_printf ("http://127.0.0.1:%u/one", sb_listener_get_port (listener));
  two = g_strdup_printf ("http://127.0.0.1:%u/two", sb_listener_get_port (listener));
  curl = sb_test_peer_spawnv ((const char * const[]) {
                                curl_path, "--silent", "--show-error", "--max-time", "15",
                                one, two, NULL });
  sb_test_wait_until (sb_test_peer_has_exited (curl), "curl");
  g_assert_cmpint (sb_test_peer_wait_exit (curl), ==, 0);
  out = sb_test_peer_dup_stdout (curl);
  g_assert_cmpstr (out, ==, "onetwo");
  g_assert_cmpuint (keep.replies, ==, 2);

  sb_capture_flush (capture);
  messages = sb_http_follower_get_messages (follower, sb_stream_get_socket_id (keep.connection));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);
  {
    g_autoptr(SbHttpMessage) first = g_list_model_get_item (messages, 0);
    g_autoptr(SbHttpMessage) second = NULL;

    assert_request (first, "GET", "/one", 1, SB_HTTP_STATE_COMPLETE);
    g_assert_true (sb_http_message_get_received (first));
    g_assert_true (g_str_has_prefix (sb_http_message_get_header (first, "User-Agent"), "curl/"));
    for (guint i = 1; i < 4; i++)
      {
        g_autoptr(SbHttpMessage) message = g_list_model_get_item (messages, i);

        if (sb_http_message_get_kind (message) == SB_HTTP_REQUEST)
          second = g_object_ref (message);
      }
    g_assert_nonnull (second);
    assert_request (second, "GET", "/two", 1, SB_HTTP_STATE_COMPLETE);
    g_assert_cmpuint (sb_http_message_get_sequence (second), ==, 1);
    assert_response (sb_http_follower_get_partner (follower, second), 200, "OK",
                     SB_HTTP_STATE_COMPLETE);
    assert_body (sb_http_follower_get_partner (follower, second), BYTES ("two"));
  }

  sb_stream_close (keep.connection);
  g_clear_object (&keep.connection);
  sb_listener_stop (listener);
}

/* The workbench makes one follower, on first use, over its capture. */
static void
test_workbench (void)
{
  g_autoptr(SbWorkbench) workbench = sb_workbench_new ();
  SbHttpFollower *follower = sb_workbench_get_http_follower (workbench);

  g_assert_true (SB_IS_HTTP_FOLLOWER (follower));
  g_assert_true (sb_workbench_get_http_follower (workbench) == follower);
  g_assert_true (sb_http_follower_get_capture (follower) == sb_workbench_get_capture (workbench));
  g_object_add_weak_pointer (G_OBJECT (follower), (gpointer *) &follower);
  g_clear_object (&workbench);
  g_assert_null (follower);
}

static void
add_other_tests (void)
{
  g_test_add_func ("/http/long-head", test_long_head);
  g_test_add_func ("/http/head-at-limit", test_head_at_limit);
  g_test_add_func ("/http/bytewise-linear", test_bytewise_linear);
  g_test_add_func ("/http/flood", test_flood);
  g_test_add_func ("/http/flood-signals", test_flood_signals);
  g_test_add_func ("/http/clear", test_clear);
  g_test_add_func ("/http/blank-flood", test_blank_flood);
  g_test_add_func ("/http/two-sockets-late", test_two_sockets_late);
  g_test_add_func ("/http/workbench", test_workbench);
  g_test_add_func ("/http/real/python-http-server", test_real_python_server);
  g_test_add_func ("/http/real/curl-keep-alive", test_real_curl_keep_alive);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/http/stream/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  add_other_tests ();

  return g_test_run ();
}
