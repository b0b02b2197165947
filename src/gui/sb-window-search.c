/* sb-window-search.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-search"

#include "config.h"

#include "sb-log-search.h"
#include "sb-window-private.h"

static void
search_next_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       data)
{
  SbWindow *self = data;

  sb_window_set_log_view (self, "list");
  sb_log_search_next (sb_event_log_get_search (self->event_log),
                      g_str_equal (g_action_get_name (G_ACTION (action)), "search-previous"));
}

/* The selected row's connection, whole, in the inspector. */
static void
follow_stream_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       data)
{
  SbWindow *self = data;

  sb_inspector_show_view (self->inspector, "stream");
}

static const GActionEntry search_actions[] = {
  { "search-next", search_next_cb },
  { "search-previous", search_next_cb },
  { "follow-stream", follow_stream_cb },
};

void
_sb_window_search_init (SbWindow *self)
{
  g_autoptr(GPropertyAction) search = NULL;
  SbLogSearch *bar = sb_event_log_get_search (self->event_log);

  /* win.search toggles the bar (Ctrl+F and the header bar's Search). */
  search = g_property_action_new ("search", bar, "search-mode-enabled");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (search));
  g_action_map_add_action_entries (G_ACTION_MAP (self), search_actions,
                                   G_N_ELEMENTS (search_actions), self);
}
