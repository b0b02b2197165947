/* test-http-compose.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The client pane's ready-made requests and the address "Open in
 * Browser" opens: the Host header and the URI as RFC 9110 and RFC 3986
 * write them, and each request parsed back by libsoup, as a server would. */

#define G_LOG_DOMAIN "test-http-compose"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "sb-http-compose.h"

static void
test_authority (void)
{
  static const struct
  {
    const char *host;
    guint16     port;
    const char *authority;
  } cases[] = {
    { "127.0.0.1", 8080, "127.0.0.1:8080" },
    { "127.0.0.1", 80, "127.0.0.1" },
    { "localhost", 15000, "localhost:15000" },
    { "example.org", 80, "example.org" },
    { "::1", 8080, "[::1]:8080" },
    { "::1", 80, "[::1]" },
    { "fe80::1%eth0", 8000, "[fe80::1%25eth0]:8000" },
    { "127.0.0.1", 0, "127.0.0.1:0" },
    { "127.0.0.1", 65535, "127.0.0.1:65535" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *authority = sb_http_format_authority (cases[i].host, cases[i].port);

      g_assert_cmpstr (authority, ==, cases[i].authority);
    }
}

/* Parses @text as a server does; the request line and the one header. */
static void
assert_parses (const char *text,
               const char *method,
               const char *path,
               SoupHTTPVersion version,
               const char *host)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *got_method = NULL;
  g_autofree char *got_path = NULL;
  SoupHTTPVersion got_version;
  guint status;

  status = soup_headers_parse_request (text, strlen (text), headers,
                                       &got_method, &got_path, &got_version);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (got_method, ==, method);
  g_assert_cmpstr (got_path, ==, path);
  g_assert_cmpint (got_version, ==, version);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Host"), ==, host);
}

static void
test_request (void)
{
  g_autofree char *get11 = sb_http_request_build ("GET", "/", "127.0.0.1", 8080, 1);
  g_autofree char *head10 = sb_http_request_build ("HEAD", "/index.html", "::1", 80, 0);
  g_autofree char *get10 = sb_http_request_build ("GET", "/", "localhost", 15000, 0);

  g_assert_cmpstr (get11, ==, "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
  g_assert_cmpstr (head10, ==, "HEAD /index.html HTTP/1.0\r\nHost: [::1]\r\n\r\n");
  g_assert_cmpstr (get10, ==, "GET / HTTP/1.0\r\nHost: localhost:15000\r\n\r\n");

  assert_parses (get11, "GET", "/", SOUP_HTTP_1_1, "127.0.0.1:8080");
  assert_parses (head10, "HEAD", "/index.html", SOUP_HTTP_1_0, "[::1]");
  assert_parses (get10, "GET", "/", SOUP_HTTP_1_0, "localhost:15000");
}

static void
test_server_uri (void)
{
  static const struct
  {
    const char *host;
    guint16     port;
    const char *uri;
  } cases[] = {
    { "127.0.0.1", 8080, "http://127.0.0.1:8080/" },
    { "0.0.0.0", 8080, "http://127.0.0.1:8080/" },
    { "::", 8080, "http://[::1]:8080/" },
    { "::1", 15000, "http://[::1]:15000/" },
    { "127.0.0.2", 80, "http://127.0.0.2/" },
    { "localhost", 8000, "http://localhost:8000/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = sb_http_server_uri (cases[i].host, cases[i].port);
      g_autoptr(GUri) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (uri, ==, cases[i].uri);
      /* GLib reads it back: the host without brackets, the port. */
      parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "http");
      g_assert_cmpint (g_uri_get_port (parsed), ==, cases[i].port == 80 ? -1 : cases[i].port);
      g_assert_cmpstr (g_uri_get_path (parsed), ==, "/");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/compose/authority", test_authority);
  g_test_add_func ("/http/compose/request", test_request);
  g_test_add_func ("/http/compose/server-uri", test_server_uri);

  return g_test_run ();
}
