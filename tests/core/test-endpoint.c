/* test-endpoint.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-endpoint"

#include "config.h"

#include <gio/gio.h>

#include "sb-endpoint.h"

typedef struct
{
  const char   *text;
  SbInputError  code;
  gsize         offset;
  const char   *message;
} ErrorCase;

static void
assert_error (const GError   *error,
              gsize           offset,
              const ErrorCase *expected)
{
  g_assert_error (error, SB_INPUT_ERROR, (int) expected->code);
  g_assert_cmpstr (error->message, ==, expected->message);
  g_assert_cmpuint (offset, ==, expected->offset);
}

static void
test_port (void)
{
  static const struct { const char *text; guint16 port; } good[] = {
    { "8080", 8080 }, { "0", 0 }, { "65535", 65535 }, { " 80\t", 80 }, { "0080", 80 },
  };
  static const ErrorCase bad[] = {
    { "", SB_INPUT_ERROR_EMPTY, 0, "Port is empty: enter a number from 0 to 65535" },
    { "  ", SB_INPUT_ERROR_EMPTY, 2, "Port is empty: enter a number from 0 to 65535" },
    { "abc", SB_INPUT_ERROR_PORT, 0,
      "invalid character 'a' at 0: a port is a number from 0 to 65535" },
    { "70000", SB_INPUT_ERROR_PORT, 0,
      "port 70000 is out of range: a port is a number from 0 to 65535" },
    { "  65536 ", SB_INPUT_ERROR_PORT, 2,
      "port 65536 is out of range: a port is a number from 0 to 65535" },
    { "99999999999999999999", SB_INPUT_ERROR_PORT, 0,
      "port 99999999999999999999 is out of range: a port is a number from 0 to 65535" },
    { "+5", SB_INPUT_ERROR_PORT, 0,
      "invalid character '+' at 0: a port is a number from 0 to 65535" },
    { "-1", SB_INPUT_ERROR_PORT, 0,
      "invalid character '-' at 0: a port is a number from 0 to 65535" },
    { "0x10", SB_INPUT_ERROR_PORT, 1,
      "invalid character 'x' at 1: a port is a number from 0 to 65535" },
    { " 8 0", SB_INPUT_ERROR_PORT, 2,
      "invalid character ' ' at 2: a port is a number from 0 to 65535" },
    { "\xc3\xa9" "8\xc3\xa9", SB_INPUT_ERROR_PORT, 0,
      "invalid character '\xc3\xa9' at 0: a port is a number from 0 to 65535" },
    { "80\x1b", SB_INPUT_ERROR_PORT, 2,
      "invalid character '\\x1b' at 2: a port is a number from 0 to 65535" },
    { "8\xff", SB_INPUT_ERROR_PORT, 1, "invalid UTF-8 byte '\\xff' at 1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint16 port = 1;

      g_assert_true (sb_port_parse (good[i].text, &port, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (port, ==, good[i].port);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint16 port = 1;
      gsize offset = 999;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (sb_port_parse (bad[i].text, &port, &offset, &error));
      assert_error (error, offset, &bad[i]);
      g_assert_cmpuint (port, ==, 1);
    }
}

static void
test_host (void)
{
  static const struct { const char *text; const char *host; } good[] = {
    { "localhost", "localhost" },
    { "127.0.0.1", "127.0.0.1" },
    { "::1", "::1" },
    { "[::1]", "::1" },
    { " [fe80::1%eth0] ", "fe80::1%eth0" },
    { "::ffff:127.0.0.1", "::ffff:127.0.0.1" },
    { "  example.com\n", "example.com" },
    { "my_host-2.lan", "my_host-2.lan" },
  };
  static const ErrorCase bad[] = {
    { "", SB_INPUT_ERROR_EMPTY, 0, "Host is empty: enter a name or an IP address" },
    { "[::1", SB_INPUT_ERROR_HOST, 4, "missing ']' after IPv6 address" },
    { " [::1 ", SB_INPUT_ERROR_HOST, 5, "missing ']' after IPv6 address" },
    { "local host", SB_INPUT_ERROR_HOST, 5,
      "invalid character ' ' at 5: a host is a name or an IP address" },
    { "h\xc3\xa9llo", SB_INPUT_ERROR_HOST, 1,
      "invalid character '\xc3\xa9' at 1: a host is a name or an IP address" },
    { "\xc3\xa9\xc3\xa9/", SB_INPUT_ERROR_HOST, 0,
      "invalid character '\xc3\xa9' at 0: a host is a name or an IP address" },
    { "a\xe2\x80\xae" "b", SB_INPUT_ERROR_HOST, 1,
      "invalid character '\\xe2\\x80\\xae' at 1: a host is a name or an IP address" },
    { "[::1]x", SB_INPUT_ERROR_HOST, 5, "unexpected 'x' at 5 after ']'" },
    { "[]", SB_INPUT_ERROR_HOST, 1, "missing IPv6 address between '[' and ']'" },
    { "[127.0.0.1]", SB_INPUT_ERROR_HOST, 1, "127.0.0.1 is not a valid IPv6 address" },
    { "256.1.1.1", SB_INPUT_ERROR_HOST, 0, "256.1.1.1 is not a valid IPv4 address" },
    { "1.2.3", SB_INPUT_ERROR_HOST, 0, "1.2.3 is not a valid IPv4 address" },
    { "::g", SB_INPUT_ERROR_HOST, 2,
      "invalid character 'g' at 2: an IPv6 address has hex digits, ':' and '.'" },
    { "[:: 1]", SB_INPUT_ERROR_HOST, 3,
      "invalid character ' ' at 3: an IPv6 address has hex digits, ':' and '.'" },
    { "1:2", SB_INPUT_ERROR_HOST, 0, "1:2 is not a valid IPv6 address" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      host = sb_host_parse (good[i].text, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, good[i].host);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      gsize offset = 999;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      host = sb_host_parse (bad[i].text, &offset, &error);
      g_assert_null (host);
      assert_error (error, offset, &bad[i]);
    }
}

static void
test_endpoint (void)
{
  static const struct
  {
    const char *text;
    const char *default_host;
    const char *host;
    guint16     port;
  } good[] = {
    { "localhost:80", NULL, "localhost", 80 },
    { "[::1]:8080", NULL, "::1", 8080 },
    { "127.0.0.1:80", "example.com", "127.0.0.1", 80 },
    { "8080", "127.0.0.1", "127.0.0.1", 8080 },
    { " 8080 ", "::1", "::1", 8080 },
    { ":7", "localhost", "localhost", 7 },
    { " localhost : 80 ", NULL, "localhost", 80 },
    { "[fe80::1%lo]:0", NULL, "fe80::1%lo", 0 },
  };
  static const struct
  {
    ErrorCase   error;
    const char *default_host;
  } bad[] = {
    { { "", SB_INPUT_ERROR_EMPTY, 0, "Address is empty: enter host:port or a port" }, NULL },
    { { "::1", SB_INPUT_ERROR_HOST, 0,
        "an IPv6 address needs brackets and a port: use [::1]:port" }, "x" },
    { { " fe80::1", SB_INPUT_ERROR_HOST, 1,
        "an IPv6 address needs brackets and a port: use [fe80::1]:port" }, NULL },
    { { "a:b:c", SB_INPUT_ERROR_HOST, 0,
        "too many ':': write an IPv6 address as [address]:port" }, NULL },
    { { "[::1]", SB_INPUT_ERROR_PORT, 5, "port is missing: use [address]:port" }, NULL },
    { { "[::1", SB_INPUT_ERROR_HOST, 4, "missing ']' after IPv6 address" }, NULL },
    { { "[::1]x80", SB_INPUT_ERROR_HOST, 5,
        "unexpected 'x' at 5: use [address]:port" }, NULL },
    { { "[::g]:80", SB_INPUT_ERROR_HOST, 3,
        "invalid character 'g' at 3: an IPv6 address has hex digits, ':' and '.'" }, NULL },
    { { "[::1]:99999", SB_INPUT_ERROR_PORT, 6,
        "port 99999 is out of range: a port is a number from 0 to 65535" }, NULL },
    { { "localhost", SB_INPUT_ERROR_PORT, 9, "port is missing: use host:port" }, "x" },
    { { "127.0.0.1", SB_INPUT_ERROR_PORT, 9, "port is missing: use host:port" }, "x" },
    { { "8080", SB_INPUT_ERROR_HOST, 0, "host is missing: use host:port" }, NULL },
    { { "80a", SB_INPUT_ERROR_PORT, 2,
        "invalid character 'a' at 2: a port is a number from 0 to 65535" }, "x" },
    { { "host:", SB_INPUT_ERROR_EMPTY, 5,
        "Port is empty: enter a number from 0 to 65535" }, NULL },
    { { ":80", SB_INPUT_ERROR_EMPTY, 0, "Host is empty: enter a name or an IP address" }, NULL },
    { { "host:abc", SB_INPUT_ERROR_PORT, 5,
        "invalid character 'a' at 5: a port is a number from 0 to 65535" }, NULL },
    { { "h\xc3\xa9:70000", SB_INPUT_ERROR_HOST, 1,
        "invalid character '\xc3\xa9' at 1: a host is a name or an IP address" }, NULL },
    { { "\xc3\xa9.x:70000", SB_INPUT_ERROR_HOST, 0,
        "invalid character '\xc3\xa9' at 0: a host is a name or an IP address" }, NULL },
    { { "host:70000", SB_INPUT_ERROR_PORT, 5,
        "port 70000 is out of range: a port is a number from 0 to 65535" }, NULL },
    { { "ho st:80", SB_INPUT_ERROR_HOST, 2,
        "invalid character ' ' at 2: a host is a name or an IP address" }, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      guint16 port = 1;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true (sb_endpoint_parse (good[i].text, good[i].default_host,
                                        &host, &port, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, good[i].host);
      g_assert_cmpuint (port, ==, good[i].port);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      guint16 port = 1;
      gsize offset = 999;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (sb_endpoint_parse (bad[i].error.text, bad[i].default_host,
                                         &host, &port, &offset, &error));
      assert_error (error, offset, &bad[i].error);
      g_assert_null (host);
    }
}

static void
test_to_string (void)
{
  static const struct { const char *host; guint16 port; const char *text; } cases[] = {
    { "127.0.0.1", 80, "127.0.0.1:80" },
    { "::1", 8080, "[::1]:8080" },
    { "localhost", 80, "localhost:80" },
    { "fe80::1%eth0", 0, "[fe80::1%eth0]:0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sb_endpoint_to_string (cases[i].host, cases[i].port);
      g_autofree char *host = NULL;
      g_autoptr(GError) error = NULL;
      guint16 port;

      g_assert_cmpstr (text, ==, cases[i].text);

      /* And back. */
      g_assert_true (sb_endpoint_parse (text, NULL, &host, &port, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpuint (port, ==, cases[i].port);
    }
}

static GSocketAddress *
make_address (const char *ip,
              guint16     port,
              guint32     flowinfo,
              guint32     scope_id)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);

  g_assert_nonnull (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return g_inet_socket_address_new (address, port);

  return g_object_new (G_TYPE_INET_SOCKET_ADDRESS,
                       "address", address,
                       "port", port,
                       "flowinfo", flowinfo,
                       "scope-id", scope_id,
                       NULL);
}

static void
test_tuple_format (void)
{
  static const struct
  {
    const char *ip;
    guint16     port;
    guint32     flowinfo;
    guint32     scope_id;
    const char *tuple;
  } cases[] = {
    { "127.0.0.1", 62793, 0, 0, "('127.0.0.1', 62793)" },
    { "0.0.0.0", 0, 0, 0, "('0.0.0.0', 0)" },
    { "::1", 62793, 0, 0, "('::1', 62793, 0, 0)" },
    { "::", 65535, 0, 0, "('::', 65535, 0, 0)" },
    { "fe80::1", 80, 0x12345, 3, "('fe80::1', 80, 74565, 3)" },
    { "::ffff:127.0.0.1", 5, 0, 0, "('::ffff:127.0.0.1', 5, 0, 0)" },
    { "2001:db8::ff00:42:8329", 443, 0, 0, "('2001:db8::ff00:42:8329', 443, 0, 0)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketAddress) address = NULL;
      g_autofree char *tuple = NULL;
      g_autofree char *host = NULL;
      g_autoptr(GError) error = NULL;
      guint16 port = 1;

      address = make_address (cases[i].ip, cases[i].port, cases[i].flowinfo, cases[i].scope_id);
      tuple = sb_endpoint_format_tuple (address);
      g_assert_cmpstr (tuple, ==, cases[i].tuple);

      g_assert_true (sb_endpoint_parse_tuple (tuple, &host, &port, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, cases[i].ip);
      g_assert_cmpuint (port, ==, cases[i].port);
    }
}

static void
test_tuple_parse (void)
{
  static const struct { const char *text; const char *host; guint16 port; } good[] = {
    { "('127.0.0.1', 80)", "127.0.0.1", 80 },
    { "  ( \"127.0.0.1\" ,80 )  ", "127.0.0.1", 80 },
    { "('::1',8080,0,0)", "::1", 8080 },
    { "( '::1' , 8080 , 4294967295 , 7 )", "::1", 8080 },
    { "(\"localhost\", 0)", "localhost", 0 },
  };
  static const ErrorCase bad[] = {
    { "", SB_INPUT_ERROR_EMPTY, 0,
      "Address is empty: a socket address looks like ('127.0.0.1', 80)" },
    { "'127.0.0.1', 80", SB_INPUT_ERROR_TUPLE, 0,
      "expected '(' at 0: a socket address looks like ('127.0.0.1', 80)" },
    { "(127.0.0.1, 80)", SB_INPUT_ERROR_TUPLE, 1,
      "expected a quoted address at 1: a socket address looks like ('127.0.0.1', 80)" },
    { "('127.0.0.1\", 80)", SB_INPUT_ERROR_TUPLE, 17, "missing closing ' after the address" },
    { "('127.0.0.1' 80)", SB_INPUT_ERROR_TUPLE, 13,
      "expected ',' at 13: a socket address looks like ('127.0.0.1', 80)" },
    { "('127.0.0.1', 80", SB_INPUT_ERROR_TUPLE, 16,
      "expected ')' at 16: a socket address looks like ('127.0.0.1', 80)" },
    { "('127.0.0.1', 80) x", SB_INPUT_ERROR_TUPLE, 18, "unexpected 'x' at 18 after ')'" },
    { "('127.0.0.1', 70000)", SB_INPUT_ERROR_PORT, 14,
      "port 70000 is out of range: a port is a number from 0 to 65535" },
    { "('127.0.0.1', )", SB_INPUT_ERROR_EMPTY, 14,
      "Port is empty: enter a number from 0 to 65535" },
    { "('127.0.0.1', 8x)", SB_INPUT_ERROR_PORT, 15,
      "invalid character 'x' at 15: a port is a number from 0 to 65535" },
    { "('', 80)", SB_INPUT_ERROR_EMPTY, 2, "Host is empty: enter a name or an IP address" },
    { "('a b', 80)", SB_INPUT_ERROR_HOST, 3,
      "invalid character ' ' at 3: a host is a name or an IP address" },
    { "('::1', 80, 0)", SB_INPUT_ERROR_TUPLE, 13,
      "expected ',' at 13: a socket address looks like ('127.0.0.1', 80)" },
    { "('::1', 80, 4294967296, 0)", SB_INPUT_ERROR_TUPLE, 12,
      "expected a number from 0 to 4294967295 at 12" },
    { "('::1', 80, , 0)", SB_INPUT_ERROR_TUPLE, 12,
      "expected a number at 12: a socket address looks like ('127.0.0.1', 80)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      guint16 port = 1;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_true (sb_endpoint_parse_tuple (good[i].text, &host, &port, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, good[i].host);
      g_assert_cmpuint (port, ==, good[i].port);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;
      guint16 port = 1;
      gsize offset = 999;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (sb_endpoint_parse_tuple (bad[i].text, &host, &port, &offset, &error));
      assert_error (error, offset, &bad[i]);
      g_assert_null (host);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/endpoint/port", test_port);
  g_test_add_func ("/endpoint/host", test_host);
  g_test_add_func ("/endpoint/parse", test_endpoint);
  g_test_add_func ("/endpoint/to-string", test_to_string);
  g_test_add_func ("/endpoint/tuple/format", test_tuple_format);
  g_test_add_func ("/endpoint/tuple/parse", test_tuple_parse);

  return g_test_run ();
}
