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

#include "sb-endpoint-private.h"
#include "sb-payload.h"

#define PORT_HINT N_("a port is a number from 0 to 65535")

gsize
_sb_endpoint_offset (const char *text,
                     const char *p)
{
  return g_utf8_strlen (text, p - text);
}

char *
_sb_endpoint_describe_char (const char *p)
{
  return sb_payload_to_escaped ((const guint8 *) p, g_utf8_next_char (p) - p, 0);
}

/* "invalid character 'x' at 3: @hint" */
static gboolean
invalid_character (const char    *text,
                   const char    *p,
                   SbInputError   code,
                   const char    *hint,
                   gsize         *error_offset,
                   GError       **error)
{
  g_autofree char *shown = _sb_endpoint_describe_char (p);

  return sb_input_error_set (error, error_offset, code, _sb_endpoint_offset (text, p),
                             _("invalid character '%s' at %zu: %s"),
                             shown, _sb_endpoint_offset (text, p), hint);
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

gboolean
_sb_endpoint_parse_port_range (const char  *text,
                               const char  *start,
                               const char  *end,
                               guint16     *port,
                               gsize       *error_offset,
                               GError     **error)
{
  guint value = 0;

  trim (&start, &end);

  if (start == end)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY,
                               _sb_endpoint_offset (text, start),
                               _("Port is empty: enter a number from 0 to 65535"));

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isdigit (*p))
        return invalid_character (text, p, SB_INPUT_ERROR_PORT, _(PORT_HINT),
                                  error_offset, error);

      value = MIN (value * 10 + (*p - '0'), G_MAXUINT16 + 1);
    }

  if (value > G_MAXUINT16)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT,
                               _sb_endpoint_offset (text, start),
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
        return invalid_character (text, p, SB_INPUT_ERROR_HOST,
                                  _("an IPv6 address has hex digits, ':' and '.'"),
                                  error_offset, error);

      in_zone = in_zone || *p == '%';
    }

  literal = g_strndup (start, end - start);
  if (!g_hostname_is_ip_address (literal) || strchr (literal, ':') == NULL)
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                               _sb_endpoint_offset (text, start),
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
        return invalid_character (text, p, SB_INPUT_ERROR_HOST,
                                  _("a host is a name or an IP address"),
                                  error_offset, error);

      numeric = numeric && (g_ascii_isdigit (*p) || *p == '.');
    }

  name = g_strndup (start, end - start);
  if (numeric && !g_hostname_is_ip_address (name))
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                               _sb_endpoint_offset (text, start),
                               _("%s is not a valid IPv4 address"), name);

  return TRUE;
}

char *
_sb_endpoint_parse_host_range (const char  *text,
                               const char  *start,
                               const char  *end,
                               gsize       *error_offset,
                               GError     **error)
{
  const char *close;

  trim (&start, &end);

  if (start == end)
    {
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY,
                          _sb_endpoint_offset (text, start),
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
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST, _sb_endpoint_offset (text, end),
                          _("missing ']' after IPv6 address"));
      return NULL;
    }

  if (close + 1 != end)
    {
      g_autofree char *shown = _sb_endpoint_describe_char (close + 1);

      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                          _sb_endpoint_offset (text, close + 1),
                          _("unexpected '%s' at %zu after ']'"),
                          shown, _sb_endpoint_offset (text, close + 1));
      return NULL;
    }

  if (close == start + 1)
    {
      sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                          _sb_endpoint_offset (text, close),
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

  return _sb_endpoint_parse_port_range (text, text, text + strlen (text), port,
                                        error_offset, error);
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

  return _sb_endpoint_parse_host_range (text, text, text + strlen (text), error_offset, error);
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
    return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_EMPTY,
                               _sb_endpoint_offset (text, start),
                               _("Address is empty: enter host:port or a port"));

  if (*start == '[')
    {
      const char *close = memchr (start, ']', end - start);

      if (close == NULL)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                   _sb_endpoint_offset (text, end),
                                   _("missing ']' after IPv6 address"));

      if (close + 1 == end)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT,
                                   _sb_endpoint_offset (text, end),
                                   _("port is missing: use [address]:port"));

      if (close[1] != ':')
        {
          g_autofree char *shown = _sb_endpoint_describe_char (close + 1);

          return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                     _sb_endpoint_offset (text, close + 1),
                                     _("unexpected '%s' at %zu: "
                                       "use [address]:port"),
                                     shown, _sb_endpoint_offset (text, close + 1));
        }

      parsed_host = _sb_endpoint_parse_host_range (text, start, close + 1, error_offset, error);
      port_start = close + 2;
    }
  else if ((colon = memchr (start, ':', end - start)) == NULL)
    {
      if (!looks_like_port (start, end))
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_PORT,
                                   _sb_endpoint_offset (text, end),
                                   _("port is missing: use host:port"));

      if (default_host == NULL)
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                   _sb_endpoint_offset (text, start),
                                   _("host is missing: use host:port"));

      parsed_host = g_strdup (default_host);
      port_start = start;
    }
  else if (memchr (colon + 1, ':', end - colon - 1) != NULL)
    {
      g_autofree char *literal = g_strndup (start, end - start);

      if (check_ipv6 (text, start, end, NULL, NULL))
        return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                   _sb_endpoint_offset (text, start),
                                   _("an IPv6 address needs brackets and a port: use [%s]:port"),
                                   literal);

      return sb_input_error_set (error, error_offset, SB_INPUT_ERROR_HOST,
                                 _sb_endpoint_offset (text, start),
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
        parsed_host = _sb_endpoint_parse_host_range (text, start, colon, error_offset, error);
      port_start = colon + 1;
    }

  if (parsed_host == NULL)
    return FALSE;

  if (!_sb_endpoint_parse_port_range (text, port_start, end, port, error_offset, error))
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
