/* sb-http-compose.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-http-compose"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-http-compose.h"

#define HTTP_DEFAULT_PORT 80

char *
sb_http_format_authority (const char *host,
                          guint16     port)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (host != NULL, NULL);

  out = g_string_new (NULL);

  /* An IPv6 literal goes in brackets, its zone's "%" escaped (RFC 6874). */
  if (strchr (host, ':') != NULL)
    {
      g_string_append_c (out, '[');
      for (const char *p = host; *p != '\0'; p++)
        {
          if (*p == '%')
            g_string_append (out, "%25");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, ']');
    }
  else
    g_string_append (out, host);

  if (port != HTTP_DEFAULT_PORT)
    g_string_append_printf (out, ":%u", port);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sb_http_request_build (const char *method,
                       const char *path,
                       const char *host,
                       guint16     port,
                       guint       minor_version)
{
  g_autofree char *authority = NULL;

  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (minor_version <= 1, NULL);

  authority = sb_http_format_authority (host, port);

  return g_strdup_printf ("%s %s HTTP/1.%u\r\n"
                          "Host: %s\r\n"
                          "\r\n",
                          method, path, minor_version, authority);
}

char *
sb_http_server_uri (const char *host,
                    guint16     port)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *authority = NULL;
  const char *browsable = host;

  g_return_val_if_fail (host != NULL, NULL);

  address = g_inet_address_new_from_string (host);
  if (address != NULL && g_inet_address_get_is_any (address))
    browsable = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "::1"
                                                                          : "127.0.0.1";

  authority = sb_http_format_authority (browsable, port);

  return g_strdup_printf ("http://%s/", authority);
}
