/* sb-endpoint.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-endpoint"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-endpoint.h"
#include "sb-payload.h"

#define PORT_HINT N_("a port is a number from 0 to 65535")
#define TUPLE_HINT N_("a socket address looks like ('127.0.0.1', 80)")

/* Offset in characters of @p in the (valid UTF-8) @text. */
static gsize
at (const char *text,
    const char *p)
{
  return g_utf8_strlen (text, p - text);
}

/* The character at @p as a message shows it: never raw control characters. */
static char *
describe (const char *p)
{
  return sb_payload_to_escaped ((const guint8 *) p, g_utf8_next_char (p) - p, 0);
}

static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* The parsers below work on [start, end) inside @text so that offsets
 * always count from the start of what the user typed. */

static gboolean
parse_port_range (const char  *text,
                  const char  *start,
                  const char  *end,
                  guint16     *port,
                  gsize       *error_offset,
                  GError     **error)
{
  guint value = 0;

  trim (&start, &end);

  if (start == end)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY, at (text, start),
                               _("Port is empty: enter a number from 0 to 65535"));

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *shown = describe (p);

          return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT, at (text, p),
                                     _("invalid character '%s' at %" G_GSIZE_FORMAT ": %s"),
                                     shown, at (text, p), _(PORT_HINT));
        }

      value = MIN (value * 10 + (*p - '0'), G_MAXUINT16 + 1);
    }

  if (value > G_MAXUINT16)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT, at (text, start),
                               _("port %.*s is out of range: %s"),
                               (int) (end - start), start, _(PORT_HINT));

  if (port != NULL)
    *port = value;

  return TRUE;
}

static gboolean
check_ipv6 (const char  *text,
            const char  *start,
            const char  *end,
            gsize       *error_offset,
            GError     **error)
{
  g_autofree char *literal = NULL;
  gboolean in_zone = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gboolean ok;

      if (in_zone)
        ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
      else
        ok = g_ascii_isxdigit (*p) || *p == ':' || *p == '.' || (*p == '%' && p > start);

      if (!ok)
        {
          g_autofree char *shown = describe (p);

          return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, p),
                                     _("invalid character '%s' at %" G_GSIZE_FORMAT ": "
                                       "an IPv6 address has hex digits, ':' and '.'"),
                                     shown, at (text, p));
        }

      in_zone = in_zone || *p == '%';
    }

  literal = g_strndup (start, end - start);
  if (!g_hostname_is_ip_address (literal) || strchr (literal, ':') == NULL)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, start),
                               _("%s is not a valid IPv6 address"), literal);

  return TRUE;
}

static gboolean
check_name (const char  *text,
            const char  *start,
            const char  *end,
            gsize       *error_offset,
            GError     **error)
{
  g_autofree char *name = NULL;
  gboolean numeric = TRUE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        {
          g_autofree char *shown = describe (p);

          return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, p),
                                     _("invalid character '%s' at %" G_GSIZE_FORMAT ": "
                                       "a host is a name or an IP address"),
                                     shown, at (text, p));
        }

      numeric = numeric && (g_ascii_isdigit (*p) || *p == '.');
    }

  name = g_strndup (start, end - start);
  if (numeric && !g_hostname_is_ip_address (name))
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, start),
                               _("%s is not a valid IPv4 address"), name);

  return TRUE;
}

static char *
parse_host_range (const char  *text,
                  const char  *start,
                  const char  *end,
                  gsize       *error_offset,
                  GError     **error)
{
  const char *close;

  trim (&start, &end);

  if (start == end)
    {
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY, at (text, start),
                          _("Host is empty: enter a name or an IP address"));
      return NULL;
    }

  if (*start != '[')
    {
      gboolean ok;

      if (memchr (start, ':', end - start) != NULL)
        ok = check_ipv6 (text, start, end, error_offset, error);
      else
        ok = check_name (text, start, end, error_offset, error);

      return ok ? g_strndup (start, end - start) : NULL;
    }

  close = memchr (start, ']', end - start);
  if (close == NULL)
    {
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, end),
                          _("missing ']' after IPv6 address"));
      return NULL;
    }

  if (close + 1 != end)
    {
      g_autofree char *shown = describe (close + 1);

      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, close + 1),
                          _("unexpected '%s' at %" G_GSIZE_FORMAT " after ']'"),
                          shown, at (text, close + 1));
      return NULL;
    }

  if (close == start + 1)
    {
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, close),
                          _("missing IPv6 address between '[' and ']'"));
      return NULL;
    }

  if (!check_ipv6 (text, start + 1, close, error_offset, error))
    return NULL;

  return g_strndup (start + 1, close - start - 1);
}

gboolean
sb_port_parse (const char  *text,
               guint16     *port,
               gsize       *error_offset,
               GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_PORT, error_offset, error))
    return FALSE;

  return parse_port_range (text, text, text + strlen (text), port, error_offset, error);
}

char *
sb_host_parse (const char  *text,
               gsize       *error_offset,
               GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_HOST, error_offset, error))
    return NULL;

  return parse_host_range (text, text, text + strlen (text), error_offset, error);
}

/* A colon-free word is taken for a port when it starts like a number. */
static gboolean
looks_like_port (const char *start,
                 const char *end)
{
  return (g_ascii_isdigit (*start) || *start == '+' || *start == '-') &&
         memchr (start, '.', end - start) == NULL;
}

gboolean
sb_endpoint_parse (const char  *text,
                   const char  *default_host,
                   char       **host,
                   guint16     *port,
                   gsize       *error_offset,
                   GError     **error)
{
  g_autofree char *parsed_host = NULL;
  const char *start = text;
  const char *end;
  const char *colon;
  const char *port_start;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_HOST, error_offset, error))
    return FALSE;

  end = text + strlen (text);
  trim (&start, &end);

  if (start == end)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY, at (text, start),
                               _("Address is empty: enter host:port or a port"));

  if (*start == '[')
    {
      const char *close = memchr (start, ']', end - start);

      if (close == NULL)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, end),
                                   _("missing ']' after IPv6 address"));

      if (close + 1 == end)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT, at (text, end),
                                   _("port is missing: use [address]:port"));

      if (close[1] != ':')
        {
          g_autofree char *shown = describe (close + 1);

          return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                     at (text, close + 1),
                                     _("unexpected '%s' at %" G_GSIZE_FORMAT ": "
                                       "use [address]:port"),
                                     shown, at (text, close + 1));
        }

      parsed_host = parse_host_range (text, start, close + 1, error_offset, error);
      port_start = close + 2;
    }
  else if ((colon = memchr (start, ':', end - start)) == NULL)
    {
      if (!looks_like_port (start, end))
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT, at (text, end),
                                   _("port is missing: use host:port"));

      if (default_host == NULL)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, start),
                                   _("host is missing: use host:port"));

      parsed_host = g_strdup (default_host);
      port_start = start;
    }
  else if (memchr (colon + 1, ':', end - colon - 1) != NULL)
    {
      g_autofree char *literal = g_strndup (start, end - start);

      if (check_ipv6 (text, start, end, NULL, NULL))
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, start),
                                   _("an IPv6 address needs brackets and a port: use [%s]:port"),
                                   literal);

      return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, at (text, start),
                                 _("too many ':': write an IPv6 address as [address]:port"));
    }
  else
    {
      const char *host_start = start;
      const char *host_end = colon;

      trim (&host_start, &host_end);
      if (host_start == host_end && default_host != NULL)
        parsed_host = g_strdup (default_host);
      else
        parsed_host = parse_host_range (text, start, colon, error_offset, error);
      port_start = colon + 1;
    }

  if (parsed_host == NULL)
    return FALSE;

  if (!parse_port_range (text, port_start, end, port, error_offset, error))
    return FALSE;

  if (host != NULL)
    *host = g_steal_pointer (&parsed_host);

  return TRUE;
}

char *
sb_endpoint_to_string (const char *host,
                       guint16     port)
{
  g_return_val_if_fail (host != NULL, NULL);

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", host, port);

  return g_strdup_printf ("%s:%u", host, port);
}

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
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE, at (text, *p),
                               _("expected '%c' at %" G_GSIZE_FORMAT ": %s"),
                               c, at (text, *p), _(TUPLE_HINT));
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
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE, at (text, *p),
                               _("expected a number at %" G_GSIZE_FORMAT ": %s"),
                               at (text, *p), _(TUPLE_HINT));

  for (const char *q = *p; q < end; q++)
    {
      if (!g_ascii_isdigit (*q) || (value = value * 10 + (*q - '0')) > G_MAXUINT32)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE, at (text, *p),
                                   _("expected a number from 0 to 4294967295 at %" G_GSIZE_FORMAT),
                                   at (text, *p));
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
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY, at (text, p),
                               _("Address is empty: %s"), _(TUPLE_HINT));

  if (!expect (text, &p, '(', error_offset, error))
    return FALSE;

  quote = *p;
  if (quote != '\'' && quote != '"')
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE, at (text, p),
                               _("expected a quoted address at %" G_GSIZE_FORMAT ": %s"),
                               at (text, p), _(TUPLE_HINT));

  close = strchr (p + 1, quote);
  if (close == NULL)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE,
                               at (text, p + strlen (p)),
                               _("missing closing %c after the address"), quote);

  parsed_host = parse_host_range (text, p + 1, close, error_offset, error);
  if (parsed_host == NULL)
    return FALSE;

  p = close + 1;
  if (!expect (text, &p, ',', error_offset, error))
    return FALSE;

  port_end = field_end (p);
  if (!parse_port_range (text, p, port_end, port, error_offset, error))
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
      g_autofree char *shown = describe (p);

      return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_TUPLE, at (text, p),
                                 _("unexpected '%s' at %" G_GSIZE_FORMAT " after ')'"),
                                 shown, at (text, p));
    }

  if (host != NULL)
    *host = g_steal_pointer (&parsed_host);

  return TRUE;
}
