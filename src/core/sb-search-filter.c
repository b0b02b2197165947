/* sb-search-filter.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-search-filter"

#include "config.h"

#include "sb-search-filter.h"

gboolean
sb_search_filter_is_empty (const SbSearchFilter *filter)
{
  static const SbSearchFilter empty = { 0 };

  g_return_val_if_fail (filter != NULL, TRUE);

  return sb_search_filter_equal (filter, &empty);
}

gboolean
sb_search_filter_equal (const SbSearchFilter *a,
                        const SbSearchFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->sides == b->sides
         && a->socket_id == b->socket_id
         && a->calls == b->calls
         && !a->errors_only == !b->errors_only;
}

gboolean
sb_search_event_failed (SbCapture         *capture,
                        const SbEventInfo *info)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (sb_capture_is_kernel_drops (capture, info))
    return FALSE;

  return info->kind == SB_EVENT_ERROR
         || info->kind == SB_EVENT_RESET
         || info->errnum != 0
         || info->result < 0;
}

gboolean
sb_search_filter_matches (const SbSearchFilter *filter,
                          SbCapture            *capture,
                          const SbEventInfo    *info)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (filter->sides != 0 && (filter->sides & SB_SEARCH_SIDE (info->side)) == 0)
    return FALSE;
  if (filter->socket_id != 0 && filter->socket_id != info->socket_id)
    return FALSE;
  if (filter->calls != 0 && (filter->calls & SB_SEARCH_CALL (info->kind)) == 0)
    return FALSE;
  if (filter->errors_only && !sb_search_event_failed (capture, info))
    return FALSE;

  return TRUE;
}
