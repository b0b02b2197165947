/* fuzz-endpoint.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-endpoint"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-endpoint.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_error (const char   *text,
             const GError *error,
             gsize         offset)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == SB_INPUT_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
  g_assert_cmpuint (offset, <=, strlen (text));
  if (g_utf8_validate (text, -1, NULL))
    g_assert_cmpuint (offset, <=, g_utf8_strlen (text, -1));
}

/* A parsed host is one sb_host_parse() takes back as it is. */
static void
check_host (const char *host)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = sb_host_parse (host, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, host);
}

static void
check_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  gsize offset = G_MAXSIZE;
  guint16 port = 0;

  if (sb_port_parse (text, &port, &offset, &error))
    {
      g_autofree char *number = g_strdup_printf ("%u", port);
      guint16 again = 0;

      g_assert_true (sb_port_parse (number, &again, NULL, NULL));
      g_assert_cmpuint (again, ==, port);
    }
  else
    check_error (text, error, offset);
  g_clear_error (&error);

  host = sb_host_parse (text, &offset, &error);
  if (host != NULL)
    check_host (host);
  else
    check_error (text, error, offset);
  g_clear_error (&error);
  g_clear_pointer (&host, g_free);

  if (sb_endpoint_parse (text, "127.0.0.1", &host, &port, &offset, &error))
    {
      g_autofree char *string = sb_endpoint_to_string (host, port);
      g_autofree char *host2 = NULL;
      guint16 port2 = 0;

      check_host (host);
      g_assert_true (sb_endpoint_parse (string, NULL, &host2, &port2, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host2, ==, host);
      g_assert_cmpuint (port2, ==, port);
    }
  else
    check_error (text, error, offset);
  g_clear_error (&error);
  g_clear_pointer (&host, g_free);

  if (sb_endpoint_parse_tuple (text, &host, &port, &offset, &error))
    check_host (host);
  else
    check_error (text, error, offset);
}

/* The bytes as a socket address: formatting and parsing back agree. */
static void
check_address (const uint8_t *data,
               size_t         size)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *tuple = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port = 0;
  guint16 want_port;
  guint32 flow = 0;
  guint32 scope = 0;

  if (size < 4 + 2)
    return;

  want_port = data[0] << 8 | data[1];
  if (size >= 16 + 2 + 8)
    {
      inet = g_inet_address_new_from_bytes (data + 2, G_SOCKET_FAMILY_IPV6);
      memcpy (&flow, data + 18, 4);
      memcpy (&scope, data + 22, 4);
      address = g_object_new (G_TYPE_INET_SOCKET_ADDRESS,
                              "address", inet, "port", want_port,
                              "flowinfo", flow, "scope-id", scope, NULL);
    }
  else
    {
      inet = g_inet_address_new_from_bytes (data + 2, G_SOCKET_FAMILY_IPV4);
      address = g_inet_socket_address_new (inet, want_port);
    }

  tuple = sb_endpoint_format_tuple (address);
  g_assert_true (sb_endpoint_parse_tuple (tuple, &host, &port, NULL, &error));
  g_assert_no_error (error);
  expected = g_inet_address_to_string (inet);
  g_assert_cmpstr (host, ==, expected);
  g_assert_cmpuint (port, ==, want_port);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);

  /* NUL-terminated; text stops at an embedded NUL, as a GtkEntry would. */
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  check_text (text);
  check_address (data, size);

  return 0;
}
