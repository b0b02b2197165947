/* sb-search.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-search"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* memmem () */
#endif

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-event.h"
#include "sb-payload.h"
#include "sb-search.h"

/* The last bytes (fewer than the pattern's length) of one stream: a
 * socket's sent or received bytes, and for each the event it came in and
 * its offset there.  A match starting in them ends in a later call. */
typedef struct
{
  gsize  len;
  guint8 *bytes;
  guint  *events;
  guint  *offsets;
} Tail;

struct _SbSearch
{
  SbCapture      *capture;
  GBytes         *pattern;  /* in lower case, without match_case */
  SbSearchFilter  filter;
  gboolean        match_case;
  guint           next;     /* the next event to search */
  GArray         *matches;  /* SbSearchMatch, by first event and offset */
  GHashTable     *tails;    /* stream key → Tail */
  GByteArray     *buffer;   /* the payload being searched */
  GByteArray     *joined;   /* a tail and the start of a payload */
};

GBytes *
sb_search_parse_pattern (const char  *text,
                         gboolean     hex,
                         gsize       *error_offset,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return sb_payload_parse (text, hex ? SB_PAYLOAD_HEX : SB_PAYLOAD_TEXT, error_offset, error);
}

static void
tail_free (gpointer data)
{
  Tail *tail = data;

  g_free (tail->bytes);
  g_free (tail->events);
  g_free (tail->offsets);
  g_free (tail);
}

/* ASCII letters in lower case, in place: the bytes as the search sees
 * them without match_case. */
static void
fold_case (guint8 *data,
           gsize   len)
{
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_ascii_tolower (data[i]);
}

SbSearch *
sb_search_new (SbCapture            *capture,
               GBytes               *pattern,
               const SbSearchFilter *filter,
               gboolean              match_case)
{
  SbSearch *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (pattern != NULL && g_bytes_get_size (pattern) > 0, NULL);

  self = g_new0 (SbSearch, 1);
  self->capture = g_object_ref (capture);
  self->match_case = match_case;
  if (match_case)
    self->pattern = g_bytes_ref (pattern);
  else
    {
      gsize len;
      guint8 *folded = g_bytes_unref_to_data (g_bytes_ref (pattern), &len);

      fold_case (folded, len);
      self->pattern = g_bytes_new_take (folded, len);
    }
  if (filter != NULL)
    self->filter = *filter;
  self->matches = g_array_new (FALSE, FALSE, sizeof (SbSearchMatch));
  self->tails = g_hash_table_new_full (NULL, NULL, NULL, tail_free);
  self->buffer = g_byte_array_new ();
  self->joined = g_byte_array_new ();

  return self;
}

void
sb_search_free (SbSearch *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->capture);
  g_bytes_unref (self->pattern);
  g_array_unref (self->matches);
  g_hash_table_unref (self->tails);
  g_byte_array_unref (self->buffer);
  g_byte_array_unref (self->joined);
  g_free (self);
}

static int
compare_matches (const SbSearchMatch *a,
                 const SbSearchMatch *b)
{
  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  if (a->offset != b->offset)
    return a->offset < b->offset ? -1 : 1;
  return 0;
}

/* Matches arrive in the order of the event where they end; one that
 * started in an earlier call goes back among those before it. */
static void
add_match (SbSearch *self,
           guint     first,
           guint     offset,
           guint     last,
           guint     n_events)
{
  SbSearchMatch match = { first, last, offset, n_events };
  guint i = self->matches->len;

  while (i > 0 && compare_matches (&g_array_index (self->matches, SbSearchMatch, i - 1),
                                   &match) > 0)
    i--;
  g_array_insert_val (self->matches, i, match);
}

/* The stream an event's payload belongs to, or 0 for a datagram, which
 * stands alone. */
static guint
stream_key (const SbEventInfo *info)
{
  if (info->kind == SB_EVENT_SEND)
    return info->socket_id * 2 + 1;
  if (info->kind == SB_EVENT_RECV)
    return info->socket_id * 2 + 2;
  return 0;
}

static Tail *
lookup_tail (SbSearch *self,
             guint     key)
{
  gsize keep = g_bytes_get_size (self->pattern) - 1;
  Tail *tail = g_hash_table_lookup (self->tails, GUINT_TO_POINTER (key));

  if (tail == NULL)
    {
      tail = g_new0 (Tail, 1);
      tail->bytes = g_new (guint8, keep);
      tail->events = g_new (guint, keep);
      tail->offsets = g_new (guint, keep);
      g_hash_table_insert (self->tails, GUINT_TO_POINTER (key), tail);
    }

  return tail;
}

/* Matches that start in @tail and end in the payload of event @index. */
static void
search_across (SbSearch     *self,
               Tail         *tail,
               guint         index,
               const guint8 *data,
               gsize         len)
{
  gsize m;
  const guint8 *pattern = g_bytes_get_data (self->pattern, &m);
  gsize head = MIN (len, m - 1);

  g_byte_array_set_size (self->joined, 0);
  g_byte_array_append (self->joined, tail->bytes, tail->len);
  g_byte_array_append (self->joined, data, head);

  for (gsize s = 0; s < tail->len && s + m <= self->joined->len; s++)
    if (memcmp (self->joined->data + s, pattern, m) == 0)
      {
        guint n_events = 2;

        for (gsize i = s + 1; i < tail->len; i++)
          if (tail->events[i] != tail->events[i - 1])
            n_events++;
        add_match (self, tail->events[s], tail->offsets[s], index, n_events);
      }
}

/* Keeps the stream's last bytes, fewer than the pattern's length. */
static void
update_tail (SbSearch *self,
             Tail     *tail,
             guint     index,
             gsize     len)
{
  gsize keep = g_bytes_get_size (self->pattern) - 1;
  gsize from_payload = MIN (len, keep);
  gsize from_tail = MIN (tail->len, keep - from_payload);
  gsize drop = tail->len - from_tail;

  memmove (tail->bytes, tail->bytes + drop, from_tail);
  memmove (tail->events, tail->events + drop, from_tail * sizeof (guint));
  memmove (tail->offsets, tail->offsets + drop, from_tail * sizeof (guint));
  memcpy (tail->bytes + from_tail, self->buffer->data + len - from_payload, from_payload);
  for (gsize i = 0; i < from_payload; i++)
    {
      tail->events[from_tail + i] = index;
      tail->offsets[from_tail + i] = len - from_payload + i;
    }
  tail->len = from_tail + from_payload;
}

static void
search_event (SbSearch          *self,
              guint              index,
              const SbEventInfo *info)
{
  gsize m;
  const guint8 *pattern = g_bytes_get_data (self->pattern, &m);
  guint key = stream_key (info);
  Tail *tail = NULL;
  gsize len = info->payload_len;
  const guint8 *data;

  if (key != 0 && m > 1)
    {
      tail = lookup_tail (self, key);
      /* Bytes counted but not kept break the stream: nothing spans them. */
      if (info->result != (gint64) info->payload_len)
        tail->len = 0;
    }
  if (len == 0)
    return;

  g_byte_array_set_size (self->buffer, len);
  len = sb_capture_copy_payload (self->capture, index, 0, self->buffer->data, len);
  if (!self->match_case)
    fold_case (self->buffer->data, len);
  data = self->buffer->data;

  if (tail != NULL && tail->len > 0)
    search_across (self, tail, index, data, len);

  for (const guint8 *p = data; (gsize) (data + len - p) >= m; p++)
    {
      p = memmem (p, data + len - p, pattern, m);
      if (p == NULL)
        break;
      add_match (self, index, p - data, index, 1);
    }

  if (tail != NULL)
    update_tail (self, tail, index, len);
}

gboolean
sb_search_step (SbSearch *self,
                guint     max_events)
{
  guint n;

  g_return_val_if_fail (self != NULL, TRUE);

  n = sb_capture_get_n_recorded (self->capture);
  for (guint done = 0; self->next < n && done < max_events; done++, self->next++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (self->capture, self->next, &info)
          && sb_search_filter_matches (&self->filter, self->capture, &info))
        search_event (self, self->next, &info);
    }

  return self->next >= n;
}

guint
sb_search_get_n_searched (SbSearch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->next;
}

guint
sb_search_get_n_matches (SbSearch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->matches->len;
}

const SbSearchMatch *
sb_search_get_match (SbSearch *self,
                     guint     i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->matches->len, NULL);

  return &g_array_index (self->matches, SbSearchMatch, i);
}

/* The first match whose event is after @index (before it, backward). */
static guint
bisect (SbSearch *self,
        guint     index,
        gboolean  backward)
{
  guint lo = 0, hi = self->matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint first = g_array_index (self->matches, SbSearchMatch, mid).first;

      if (backward ? first < index : first <= index)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

int
sb_search_find_next (SbSearch *self,
                     guint     index,
                     gboolean  backward)
{
  guint n, i;

  g_return_val_if_fail (self != NULL, -1);

  n = self->matches->len;
  if (n == 0)
    return -1;

  if (index == G_MAXUINT)
    return backward ? (int) n - 1 : 0;

  i = bisect (self, index, backward);
  if (backward)
    return i > 0 ? (int) i - 1 : (int) n - 1;

  return i < n ? (int) i : 0;
}

char *
sb_search_dup_span_text (SbSearch            *self,
                         const SbSearchMatch *match)
{
  SbEventInfo info;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (match->n_events < 2 || !sb_capture_get_info (self->capture, match->first, &info))
    return NULL;

  /* TRANSLATORS: "spans 2 recv() calls"; the call is not translated. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "spans %u %s() call",
                                       "spans %u %s() calls", match->n_events),
                          match->n_events, sb_event_kind_to_string (info.kind));
}
