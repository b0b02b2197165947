/* sb-search.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"
#include "sb-search-filter.h"

G_BEGIN_DECLS

/* A search for a byte pattern in a capture's payloads, run in steps so
 * that a window can search a million events without freezing.  The bytes
 * a TCP socket sends, and those it receives, are each one stream: a match
 * may start in one recv() and end in a later one of the same socket (never
 * across sockets, directions or datagrams).  Matches are kept in the order
 * of the event and offset where they start. */
typedef struct _SbSearch SbSearch;

typedef struct
{
  guint first;     /* the event where the match starts */
  guint last;      /* the event where it ends */
  guint offset;    /* of its first byte in @first's payload */
  guint n_events;  /* the calls it spans: 1, or 2 and more across calls */
} SbSearchMatch;

/* What the user typed as a pattern, as text with escapes (\r \n \xNN) or
 * as hex bytes: the parsers of the message input, with their errors. */
GBytes              *sb_search_parse_pattern (const char           *text,
                                              gboolean              hex,
                                              gsize                *error_offset,
                                              GError              **error);

/* @pattern must not be empty; @filter (may be NULL) limits the search to
 * the events it lets through.  Without @match_case, ASCII letters match
 * either case ("content-length" finds "Content-Length"); every other byte
 * only itself.  Hex patterns are bytes: search them with @match_case. */
SbSearch            *sb_search_new           (SbCapture            *capture,
                                              GBytes               *pattern,
                                              const SbSearchFilter *filter,
                                              gboolean              match_case);
void                 sb_search_free          (SbSearch             *self);
/* Searches up to @max_events more events; TRUE once every event recorded
 * so far is searched.  Events recorded later are searched by later steps. */
gboolean             sb_search_step          (SbSearch             *self,
                                              guint                 max_events);
/* Events searched so far, of sb_capture_get_n_recorded (). */
guint                sb_search_get_n_searched (SbSearch            *self);
guint                sb_search_get_n_matches (SbSearch             *self);
const SbSearchMatch *sb_search_get_match     (SbSearch             *self,
                                              guint                 i);
/* The first match starting after event @index (G_MAXUINT: from the start),
 * or before it when @backward (G_MAXUINT: from the end), wrapping around;
 * -1 when there is none. */
int                  sb_search_find_next     (SbSearch             *self,
                                              guint                 index,
                                              gboolean              backward);
/* "spans 2 recv() calls", or NULL for a match inside one call. */
char                *sb_search_dup_span_text (SbSearch             *self,
                                              const SbSearchMatch  *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSearch, sb_search_free)

G_END_DECLS
