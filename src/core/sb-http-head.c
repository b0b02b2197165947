/* sb-http-head.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A message head, parsed with libsoup, and what it says about the body
 * (RFC 9112 section 6.3). */

#define G_LOG_DOMAIN "sb-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sb-http-private.h"

typedef struct
{
  char *name;
  char *value;
  guint used : 1;
} Pair;

static void
clear_pair (gpointer data)
{
  Pair *pair = data;

  g_free (pair->name);
  g_free (pair->value);
}

static void
take_header (SbHttpMessage *self,
             Pair          *pair,
             char          *name)
{
  g_ptr_array_add (self->header_names, name != NULL ? name : g_steal_pointer (&pair->name));
  g_ptr_array_add (self->header_values, g_steal_pointer (&pair->value));
  pair->used = TRUE;
}

/* libsoup keeps the headers it knows apart from the others, so its
 * iterator does not give them back in the order they came.  The names in
 * the head text give that order and their spelling; the values are
 * libsoup's (folded and trimmed). */
static void
copy_headers_in_order (SbHttpMessage      *self,
                       SoupMessageHeaders *headers,
                       const char         *head,
                       gsize               len)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  const char *line;
  const char *end = head + len;

  g_array_set_clear_func (pairs, clear_pair);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      Pair pair = { g_strdup (name), g_strdup (value), FALSE };

      g_array_append_val (pairs, pair);
    }

  line = memchr (head, '\n', len);
  while (line != NULL && ++line < end)
    {
      const char *next = memchr (line, '\n', end - line);
      const char *colon = memchr (line, ':', (next != NULL ? next : end) - line);

      if (colon != NULL && *line != ' ' && *line != '\t')
        {
          gsize name_len = colon - line;

          while (name_len > 0 && (line[name_len - 1] == ' ' || line[name_len - 1] == '\t'))
            name_len--;
          for (guint i = 0; i < pairs->len; i++)
            {
              Pair *pair = &g_array_index (pairs, Pair, i);

              if (!pair->used && strlen (pair->name) == name_len
                  && g_ascii_strncasecmp (pair->name, line, name_len) == 0)
                {
                  /* As it was written: libsoup spells the names it knows its way. */
                  take_header (self, pair, g_strndup (line, name_len));
                  break;
                }
            }
        }
      line = next;
    }

  /* Anything libsoup made of a line the scan above did not match. */
  for (guint i = 0; i < pairs->len; i++)
    if (!g_array_index (pairs, Pair, i).used)
      take_header (self, &g_array_index (pairs, Pair, i), NULL);
}

/* The Content-Length, repeated copies allowed when they agree; -2 when it
 * is not a number. */
static gint64
parse_content_length (SoupMessageHeaders *headers)
{
  const char *list = soup_message_headers_get_list (headers, "Content-Length");
  g_auto(GStrv) values = NULL;
  gint64 length = -1;

  if (list == NULL)
    return -1;

  values = g_strsplit (list, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *text = g_strstrip (values[i]);
      guint64 value;

      if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 18)
        return -2;
      value = g_ascii_strtoull (text, NULL, 10);
      if (length >= 0 && (guint64) length != value)
        return -2;
      length = (gint64) value;
    }

  return length;
}

static gboolean
ends_in_chunked (const char *transfer_encoding)
{
  const char *last = strrchr (transfer_encoding, ',');
  g_autofree char *coding = g_strdup (last != NULL ? last + 1 : transfer_encoding);

  return g_ascii_strcasecmp (g_strstrip (coding), "chunked") == 0;
}

static gboolean
decide_framing (SbHttpMessage      *self,
                SoupMessageHeaders *headers,
                const char         *request_method,
                char              **problem)
{
  gboolean response = self->kind == SB_HTTP_RESPONSE;
  const char *transfer_encoding;
  gint64 length;

  if (response
      && ((self->status >= 100 && self->status < 200) || self->status == 204
          || self->status == 304 || g_strcmp0 (request_method, "HEAD") == 0
          || (g_strcmp0 (request_method, "CONNECT") == 0 && self->status < 300)))
    {
      self->framing = SB_HTTP_FRAMING_NONE;
      self->content_length = MAX (parse_content_length (headers), -1);
      return TRUE;
    }

  transfer_encoding = soup_message_headers_get_list (headers, "Transfer-Encoding");
  if (transfer_encoding != NULL)
    {
      if (ends_in_chunked (transfer_encoding))
        self->framing = SB_HTTP_FRAMING_CHUNKED;
      else if (response)
        self->framing = SB_HTTP_FRAMING_UNTIL_CLOSE;
      else
        {
          *problem = g_strdup_printf (_("The request’s Transfer-Encoding “%s” does not end in chunked"),
                                      transfer_encoding);
          return FALSE;
        }
      return TRUE;
    }

  length = parse_content_length (headers);
  if (length == -2)
    {
      *problem = g_strdup_printf (_("The Content-Length “%s” is not a number of bytes"),
                                  soup_message_headers_get_list (headers, "Content-Length"));
      return FALSE;
    }

  self->content_length = length;
  if (length >= 0)
    self->framing = SB_HTTP_FRAMING_LENGTH;
  else
    self->framing = response ? SB_HTTP_FRAMING_UNTIL_CLOSE : SB_HTTP_FRAMING_NONE;

  return TRUE;
}

gboolean
_sb_http_message_parse_head (SbHttpMessage *self,
                             const char    *head,
                             gsize          len,
                             const char    *request_method,
                             char         **problem)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  SoupHTTPVersion version = SOUP_HTTP_1_0;

  g_assert (len <= SB_HTTP_MAX_HEAD_BYTES + 4);

  if (self->kind == SB_HTTP_REQUEST)
    {
      g_autofree char *method = NULL;
      g_autofree char *target = NULL;
      guint status;

      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      status = soup_headers_parse_request (head, (int) len, headers, &method, &target, &version);
      if (status != SOUP_STATUS_OK)
        {
          *problem = g_strdup_printf (_("The request head is not valid HTTP/1.x (libsoup answers %u %s)"),
                                      status, soup_status_get_phrase (status));
          return FALSE;
        }
      self->method = g_steal_pointer (&method);
      self->target = g_steal_pointer (&target);
    }
  else
    {
      g_autofree char *reason = NULL;
      guint status = 0;

      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      if (!soup_headers_parse_response (head, (int) len, headers, &version, &status, &reason)
          || status < 100 || status > 999)
        {
          *problem = g_strdup (_("The response head is not valid HTTP/1.x"));
          return FALSE;
        }
      self->status = status;
      self->reason = g_steal_pointer (&reason);
    }

  if (version != SOUP_HTTP_1_0 && version != SOUP_HTTP_1_1)
    {
      *problem = g_strdup (_("Only HTTP/1.0 and HTTP/1.1 are followed"));
      g_clear_pointer (&self->method, g_free);
      g_clear_pointer (&self->target, g_free);
      g_clear_pointer (&self->reason, g_free);
      self->status = 0;
      return FALSE;
    }
  self->minor_version = version == SOUP_HTTP_1_1 ? 1 : 0;

  if (!decide_framing (self, headers, request_method, problem))
    {
      g_clear_pointer (&self->method, g_free);
      g_clear_pointer (&self->target, g_free);
      g_clear_pointer (&self->reason, g_free);
      self->status = 0;
      return FALSE;
    }

  copy_headers_in_order (self, headers, head, len);

  if (soup_message_headers_header_contains (headers, "Connection", "close"))
    self->keep_alive = FALSE;
  else if (self->minor_version == 1)
    self->keep_alive = TRUE;
  else
    self->keep_alive = soup_message_headers_header_contains (headers, "Connection", "keep-alive");
  if (self->framing == SB_HTTP_FRAMING_UNTIL_CLOSE)
    self->keep_alive = FALSE;

  self->head_length = len;

  return TRUE;
}
