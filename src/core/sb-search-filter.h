/* sb-search-filter.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture.h"

G_BEGIN_DECLS

/* Which events of a capture the log shows: each field narrows it, and a
 * zeroed filter lets every event through. */
typedef struct
{
  guint    sides;        /* SB_SEARCH_SIDE (side) bits; 0: both sides */
  guint    socket_id;    /* 0: every socket */
  guint32  calls;        /* SB_SEARCH_CALL (kind) bits; 0: every call */
  gboolean errors_only;  /* calls that failed, resets and errors */
} SbSearchFilter;

#define SB_SEARCH_SIDE(side) (1u << (side))
#define SB_SEARCH_CALL(kind) (1u << (kind))

gboolean sb_search_filter_is_empty (const SbSearchFilter *filter);
gboolean sb_search_filter_equal    (const SbSearchFilter *a,
                                    const SbSearchFilter *b);
/* An event that went wrong: a call that failed, a reset, an error event.
 * The kernel's drops on a UDP socket are not: no call failed. */
gboolean sb_search_event_failed    (SbCapture            *capture,
                                    const SbEventInfo    *info);
gboolean sb_search_filter_matches  (const SbSearchFilter *filter,
                                    SbCapture            *capture,
                                    const SbEventInfo    *info);

G_END_DECLS
