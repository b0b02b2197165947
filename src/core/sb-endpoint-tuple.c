/* sb-endpoint-tuple.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Socket addresses as Python prints them: ('127.0.0.1', 80) and
 * ('::1', 80, 0, 0). */

#define G_LOG_DOMAIN "sb-endpoint"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-endpoint-private.h"

#define TUPLE_HINT N_("a socket address looks like ('127.0.0.1', 80)")

char *
sb_endpoint_format_tuple (GSocketAddress *address)
{
  GInetSocketAddress *inet;
  g_autofree char *host = NULL;

  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);

  inet = G_INET_SOCKET_ADDRESS (address);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));

  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("('%s', %u, %u, %u)", host,
                            g_inet_socket_address_get_port (inet),
                            g_inet_socket_address_get_flowinfo (inet),
                            g_inet_socket_address_get_scope_id (inet));

  return g_strdup_printf ("('%s', %u)", host, g_inet_socket_address_get_port (inet));
}

static void
skip_space (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
expect (const char   *text,
        const char  **p,
        char          c,
        gsize        *error_offset,
        GError      **error)
{
  skip_space (p);
  if (**p != c)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                               _sb_endpoint_offset (text, *p),
                               _("expected '%c' at %zu: %s"),
                               c, _sb_endpoint_offset (text, *p), _(TUPLE_HINT));
  (*p)++;
  skip_space (p);
  return TRUE;
}

/* The end of the number at @p: the next separator of a tuple. */
static const char *
field_end (const char *p)
{
  while (*p != '\0' && *p != ',' && *p != ')' && !g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
parse_u32 (const char   *text,
           const char  **p,
           gsize        *error_offset,
           GError      **error)
{
  const char *end = field_end (*p);
  guint64 value = 0;

  if (*p == end)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                               _sb_endpoint_offset (text, *p),
                               _("expected a number at %zu: %s"),
                               _sb_endpoint_offset (text, *p), _(TUPLE_HINT));

  for (const char *q = *p; q < end; q++)
    {
      if (!g_ascii_isdigit (*q) || (value = value * 10 + (*q - '0')) > G_MAXUINT32)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                                   _sb_endpoint_offset (text, *p),
                                   _("expected a number from 0 to 4294967295 at %zu"),
                                   _sb_endpoint_offset (text, *p));
    }

  *p = end;
  return TRUE;
}

gboolean
sb_endpoint_parse_tuple (const char  *text,
                         char       **host,
                         guint16     *port,
                         gsize       *error_offset,
                         GError     **error)
{
  g_autofree char *parsed_host = NULL;
  const char *p = text;
  const char *close;
  const char *port_end;
  char quote;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_TUPLE, error_offset, error))
    return FALSE;

  skip_space (&p);
  if (*p == '\0')
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY,
                               _sb_endpoint_offset (text, p),
                               _("Address is empty: %s"), _(TUPLE_HINT));

  if (!expect (text, &p, '(', error_offset, error))
    return FALSE;

  quote = *p;
  if (quote != '\'' && quote != '"')
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                               _sb_endpoint_offset (text, p),
                               _("expected a quoted address at %zu: %s"),
                               _sb_endpoint_offset (text, p), _(TUPLE_HINT));

  close = strchr (p + 1, quote);
  if (close == NULL)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                               _sb_endpoint_offset (text, p + strlen (p)),
                               _("missing closing %c after the address"), quote);

  parsed_host = _sb_endpoint_parse_host_range (text, p + 1, close, error_offset, error);
  if (parsed_host == NULL)
    return FALSE;

  p = close + 1;
  if (!expect (text, &p, ',', error_offset, error))
    return FALSE;

  port_end = field_end (p);
  if (!_sb_endpoint_parse_port_range (text, p, port_end, port, error_offset, error))
    return FALSE;
  p = port_end;

  skip_space (&p);
  if (*p == ',')
    {
      p++;
      skip_space (&p);
      if (!parse_u32 (text, &p, error_offset, error) ||
          !expect (text, &p, ',', error_offset, error) ||
          !parse_u32 (text, &p, error_offset, error))
        return FALSE;
    }

  if (!expect (text, &p, ')', error_offset, error))
    return FALSE;

  if (*p != '\0')
    {
      g_autofree char *shown = _sb_endpoint_describe_char (p);

      return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                                 _sb_endpoint_offset (text, p),
                                 _("unexpected '%s' at %zu after ')'"),
                                 shown, _sb_endpoint_offset (text, p));
    }

  if (host != NULL)
    *host = g_steal_pointer (&parsed_host);

  return TRUE;
}
