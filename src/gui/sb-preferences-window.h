/* sb-preferences-window.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_PREFERENCES_WINDOW (sb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, SB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Every setting a user can change, each bound to its GSettings key:
 * changes apply at once. */
GtkWidget *sb_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

/* Applies the color-scheme key to the style manager, now and whenever it
 * changes. */
void       sb_preferences_follow_color_scheme (GSettings *settings);

G_END_DECLS
