/* test-http-reply.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-http-reply"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-http-replies.h"
#include "sb-http-reply.h"

static void
assert_reply (GBytes     *bytes,
              const char *expected,
              gsize       expected_len)
{
  gsize len;
  gconstpointer data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, expected, expected_len);
}

#define ASSERT_REPLY(bytes, literal) assert_reply ((bytes), (literal), sizeof (literal) - 1)

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The exercise's reply, with the length we count and what we do. */
static void
test_build_exercise (void)
{
  g_autoptr(GBytes) body = text_bytes ("<h1>Hello World</h1>");
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) closed = NULL;

  kept = sb_http_reply_build ("HTTP/1.0 200 OK", "Content-type: text/html", NULL, body,
                              SB_HTTP_REPLY_KEEP_ALIVE);
  ASSERT_REPLY (kept,
                "HTTP/1.0 200 OK\r\n"
                "Content-type: text/html\r\n"
                "Content-Length: 20\r\n"
                "Connection: keep-alive\r\n"
                "\r\n"
                "<h1>Hello World</h1>");

  closed = sb_http_reply_build ("HTTP/1.0 200 OK", "Content-type: text/html", NULL, body, 0);
  ASSERT_REPLY (closed,
                "HTTP/1.0 200 OK\r\n"
                "Content-type: text/html\r\n"
                "Content-Length: 20\r\n"
                "Connection: close\r\n"
                "\r\n"
                "<h1>Hello World</h1>");
}

/* HTTP/1.1 keeps the connection without saying so; what the user typed
 * about the length and the connection is replaced by the truth. */
static void
test_build_headers (void)
{
  g_autoptr(GBytes) body = text_bytes ("moved");
  g_autoptr(GBytes) reply = NULL;

  reply = sb_http_reply_build ("HTTP/1.1 302 Found",
                               "Location: /new\r\n"
                               "\n"
                               "content-length: 999\n"
                               "Connection: close\n"
                               "not a header\n"
                               "X-Two:  spaced value  \n",
                               "text/plain", body, SB_HTTP_REPLY_KEEP_ALIVE);
  ASSERT_REPLY (reply,
                "HTTP/1.1 302 Found\r\n"
                "Location: /new\r\n"
                "X-Two: spaced value\r\n"
                "Content-Type: text/plain\r\n"
                "Content-Length: 5\r\n"
                "\r\n"
                "moved");
}

static void
test_build_content_type (void)
{
  g_autoptr(GBytes) body = text_bytes ("x");
  g_autoptr(GBytes) reply = NULL;

  /* The user's Content-Type wins over the guess. */
  reply = sb_http_reply_build ("HTTP/1.1 200 OK", "content-type: text/x-mine", "text/html",
                               body, 0);
  ASSERT_REPLY (reply,
                "HTTP/1.1 200 OK\r\n"
                "content-type: text/x-mine\r\n"
                "Content-Length: 1\r\n"
                "Connection: close\r\n"
                "\r\n"
                "x");
}

/* Every byte of a binary body, NULs included; HEAD gets the length only. */
static void
test_build_binary_and_head (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0xff, 0 };
  g_autoptr(GBytes) body = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) head = NULL;
  const char *expected_head =
    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 12\r\n\r\n";
  g_autoptr(GByteArray) expected = g_byte_array_new ();

  g_byte_array_append (expected, (const guint8 *) expected_head, strlen (expected_head));
  g_byte_array_append (expected, png, sizeof png);

  reply = sb_http_reply_build ("HTTP/1.1 200 OK", "", "image/png", body,
                               SB_HTTP_REPLY_KEEP_ALIVE);
  assert_reply (reply, (const char *) expected->data, expected->len);

  head = sb_http_reply_build ("HTTP/1.1 200 OK", "", "image/png", body,
                              SB_HTTP_REPLY_KEEP_ALIVE | SB_HTTP_REPLY_HEAD_ONLY);
  assert_reply (head, expected_head, strlen (expected_head));
}

static void
test_check_status_line (void)
{
  static const struct { const char *line; gboolean ok; guint minor; } cases[] = {
    { "HTTP/1.0 200 OK", TRUE, 0 },
    { "HTTP/1.1 404 Not Found", TRUE, 1 },
    { "HTTP/1.1 302", TRUE, 1 },
    { "HTTP/2 200 OK", FALSE, 0 },
    { "HTTP/1.1 20 OK", FALSE, 0 },
    { "200 OK", FALSE, 0 },
    { "", FALSE, 0 },
    { "HTTP/1.1 200 OK\r\nX: y", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint minor = 7;
      gboolean ok = sb_http_reply_check_status_line (cases[i].line, &minor, &error);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (minor, ==, cases[i].minor);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        }
    }
}

static void
test_check_headers (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_http_reply_check_headers ("", NULL));
  g_assert_true (sb_http_reply_check_headers ("A: b\r\n\nC-D: \n", NULL));
  g_assert_false (sb_http_reply_check_headers ("A: b\n\nno colon here\nX: y", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_clear_error (&error);
  g_assert_false (sb_http_reply_check_headers ("Bad Name: x", &error));
  g_assert_nonnull (strstr (error->message, "Line 1 "));
}

static void
test_choose (void)
{
  g_autoptr(SbHttpReplies) replies = sb_http_replies_new ();
  static const struct { const char *target; SbHttpReplyKind kind; } cases[] = {
    { "/", SB_HTTP_REPLY_HELLO },
    { "/index.html", SB_HTTP_REPLY_HELLO },
    { "/index.html?x=1", SB_HTTP_REPLY_HELLO },
    { "http://127.0.0.1:8080/favicon.ico", SB_HTTP_REPLY_NOT_FOUND },
    { "/favicon.ico", SB_HTTP_REPLY_NOT_FOUND },
    { "/favicon.ico#a", SB_HTTP_REPLY_NOT_FOUND },
    { "/other", SB_HTTP_REPLY_ECHO },
    { "*", SB_HTTP_REPLY_ECHO },
    { "http://host", SB_HTTP_REPLY_HELLO },
  };

  g_object_set (replies, "rule-other", "echo", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].target);
      g_assert_cmpint (sb_http_replies_choose (replies, cases[i].target), ==, cases[i].kind);
    }

  g_object_set (replies, "rule-index", "file", "rule-favicon", "redirect", NULL);
  g_assert_cmpint (sb_http_replies_choose (replies, "/"), ==, SB_HTTP_REPLY_FILE);
  g_assert_cmpint (sb_http_replies_choose (replies, "/favicon.ico"), ==, SB_HTTP_REPLY_REDIRECT);
  g_assert_cmpstr (sb_http_replies_get_body (replies, SB_HTTP_REPLY_HELLO), ==,
                   "<h1>Hello World</h1>");
  g_assert_null (sb_http_replies_get_body (replies, SB_HTTP_REPLY_ECHO));
}

/* Every template property is a GSettings key "reply-NAME" with the same
 * default. */
static void
test_schema_defaults (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(SbHttpReplies) replies = sb_http_replies_new ();
  const char * const *names = sb_http_replies_list_properties ();
  guint n = 0;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, "org.sockbench.Sockbench", TRUE);
  g_assert_nonnull (schema);

  for (; names[n] != NULL; n++)
    {
      g_autofree char *key_name = g_strconcat ("reply-", names[n], NULL);
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autofree char *property = NULL;

      g_test_message ("%s", key_name);
      g_assert_true (g_settings_schema_has_key (schema, key_name));
      key = g_settings_schema_get_key (schema, key_name);
      value = g_settings_schema_key_get_default_value (key);
      g_object_get (replies, names[n], &property, NULL);
      g_assert_cmpstr (g_variant_get_string (value, NULL), ==, property);
    }
  g_assert_cmpuint (n, ==, 17);
}

static void
test_mime_type (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autoptr(GBytes) html = text_bytes ("<!DOCTYPE html><h1>x</h1>");
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  g_autofree char *html_type = sb_http_reply_guess_mime_type ("/srv/index.html", html);
  g_autofree char *png_type = sb_http_reply_guess_mime_type ("/srv/data.bin", image);
  g_autofree char *css_type = sb_http_reply_guess_mime_type ("/srv/style.css", NULL);

  g_assert_cmpstr (html_type, ==, "text/html");
  g_assert_cmpstr (png_type, ==, "image/png");
  g_assert_cmpstr (css_type, ==, "text/css");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-reply/build/exercise", test_build_exercise);
  g_test_add_func ("/http-reply/build/headers", test_build_headers);
  g_test_add_func ("/http-reply/build/content-type", test_build_content_type);
  g_test_add_func ("/http-reply/build/binary-and-head", test_build_binary_and_head);
  g_test_add_func ("/http-reply/check/status-line", test_check_status_line);
  g_test_add_func ("/http-reply/check/headers", test_check_headers);
  g_test_add_func ("/http-reply/rules/choose", test_choose);
  g_test_add_func ("/http-reply/rules/schema-defaults", test_schema_defaults);
  g_test_add_func ("/http-reply/mime-type", test_mime_type);

  return g_test_run ();
}
