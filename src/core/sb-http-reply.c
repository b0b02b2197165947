/* sb-http-reply.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Building the auto-responder's replies from what the user typed. */

#define G_LOG_DOMAIN "sb-http-reply"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sb-http-reply.h"

static const char * const kind_nicks[SB_HTTP_REPLY_N_KINDS] = {
  [SB_HTTP_REPLY_HELLO] = "hello",
  [SB_HTTP_REPLY_NOT_FOUND] = "not-found",
  [SB_HTTP_REPLY_REDIRECT] = "redirect",
  [SB_HTTP_REPLY_ECHO] = "echo",
  [SB_HTTP_REPLY_FILE] = "file",
};

const char *
sb_http_reply_kind_to_nick (SbHttpReplyKind kind)
{
  g_return_val_if_fail (kind < SB_HTTP_REPLY_N_KINDS, "hello");

  return kind_nicks[kind];
}

SbHttpReplyKind
sb_http_reply_kind_from_nick (const char *nick)
{
  for (guint i = 0; nick != NULL && i < SB_HTTP_REPLY_N_KINDS; i++)
    if (g_str_equal (nick, kind_nicks[i]))
      return i;

  return SB_HTTP_REPLY_HELLO;
}

gboolean
sb_http_reply_check_status_line (const char  *status_line,
                                 guint       *minor_version,
                                 GError     **error)
{
  SoupHTTPVersion version;
  guint status = 0;

  g_return_val_if_fail (status_line != NULL, FALSE);

  if (strpbrk (status_line, "\r\n") != NULL
      || !g_str_has_prefix (status_line, "HTTP/1.")
      || !soup_headers_parse_status_line (status_line, &version, &status, NULL)
      || status < 100 || status > 999)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A status line is “HTTP/1.1”, a three-digit status and a reason, "
                     "such as “HTTP/1.1 200 OK”"));
      return FALSE;
    }

  if (minor_version != NULL)
    *minor_version = version == SOUP_HTTP_1_0 ? 0 : 1;

  return TRUE;
}

/* RFC 9110 5.6.2: a token. */
static gboolean
is_token (const char *text,
          gsize       len)
{
  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && strchr ("!#$%&'*+-.^_`|~", text[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Calls @func for each header line of @headers; returns the 1-based number
 * of the first line that is not "Name: value", or 0. */
typedef void (*HeaderFunc) (const char *name,
                            gsize       name_len,
                            const char *value,
                            gsize       value_len,
                            gpointer    user_data);

static guint
foreach_header (const char *headers,
                HeaderFunc  func,
                gpointer    user_data)
{
  const char *line = headers;
  guint number = 0;
  guint first_bad = 0;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      const char *next = end != NULL ? end + 1 : NULL;
      const char *colon;
      const char *value;

      if (end == NULL)
        end = line + strlen (line);
      number++;

      /* Trailing CR and blanks; a line of blanks only is skipped. */
      while (end > line && g_ascii_isspace (end[-1]))
        end--;
      if (end == line)
        {
          line = next;
          continue;
        }

      colon = memchr (line, ':', end - line);
      if (colon == NULL || !is_token (line, colon - line))
        {
          if (first_bad == 0)
            first_bad = number;
          line = next;
          continue;
        }

      value = colon + 1;
      while (value < end && (*value == ' ' || *value == '\t'))
        value++;

      if (func != NULL)
        func (line, colon - line, value, end - value, user_data);
      line = next;
    }

  return first_bad;
}

gboolean
sb_http_reply_check_headers (const char  *headers,
                             GError     **error)
{
  guint bad;

  g_return_val_if_fail (headers != NULL, FALSE);

  bad = foreach_header (headers, NULL, NULL);
  if (bad != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Line %u is not a header: write “Name: value”, one per line"), bad);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GString  *text;
  gboolean  has_content_type;
} BuildData;

static gboolean
name_is (const char *name,
         gsize       name_len,
         const char *wanted)
{
  return name_len == strlen (wanted) && g_ascii_strncasecmp (name, wanted, name_len) == 0;
}

static void
append_header_cb (const char *name,
                  gsize       name_len,
                  const char *value,
                  gsize       value_len,
                  gpointer    user_data)
{
  BuildData *data = user_data;

  /* Ours to say: the length we count and what we do with the connection. */
  if (name_is (name, name_len, "Content-Length") || name_is (name, name_len, "Connection"))
    return;
  if (name_is (name, name_len, "Content-Type"))
    data->has_content_type = TRUE;

  g_string_append_len (data->text, name, name_len);
  g_string_append (data->text, ": ");
  g_string_append_len (data->text, value, value_len);
  g_string_append (data->text, "\r\n");
}

GBytes *
sb_http_reply_build (const char       *status_line,
                     const char       *headers,
                     const char       *content_type,
                     GBytes           *body,
                     SbHttpReplyFlags  flags)
{
  BuildData data = { NULL, FALSE };
  gconstpointer body_data = NULL;
  gsize body_len = 0;
  guint minor = 0;
  gboolean keep_alive = (flags & SB_HTTP_REPLY_KEEP_ALIVE) != 0;

  g_return_val_if_fail (status_line != NULL, NULL);

  if (body != NULL)
    body_data = g_bytes_get_data (body, &body_len);

  /* A status line that does not parse is sent as typed: the user asked
   * for it.  Its version is then unknown, so HTTP/1.0's rules apply. */
  sb_http_reply_check_status_line (status_line, &minor, NULL);

  data.text = g_string_new (status_line);
  g_string_append (data.text, "\r\n");
  if (headers != NULL)
    foreach_header (headers, append_header_cb, &data);
  if (content_type != NULL && !data.has_content_type)
    g_string_append_printf (data.text, "Content-Type: %s\r\n", content_type);
  g_string_append_printf (data.text, "Content-Length: %" G_GSIZE_FORMAT "\r\n", body_len);
  if (!keep_alive)
    g_string_append (data.text, "Connection: close\r\n");
  else if (minor == 0)
    g_string_append (data.text, "Connection: keep-alive\r\n");
  g_string_append (data.text, "\r\n");

  if ((flags & SB_HTTP_REPLY_HEAD_ONLY) == 0 && body_len > 0)
    g_string_append_len (data.text, body_data, body_len);

  return g_string_free_to_bytes (data.text);
}

char *
sb_http_reply_guess_mime_type (const char *name,
                               GBytes     *contents)
{
  g_autofree char *content_type = NULL;
  gconstpointer data = NULL;
  gsize len = 0;
  char *mime_type;

  if (contents != NULL)
    data = g_bytes_get_data (contents, &len);

  content_type = g_content_type_guess (name, data, len, NULL);
  mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;

  return mime_type != NULL ? mime_type : g_strdup ("application/octet-stream");
}
