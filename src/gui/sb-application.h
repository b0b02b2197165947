/* sb-application.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new          (void);
/* The org.sockbench.Sockbench settings, or NULL when the schema is not
 * installed (an uninstalled run without GSETTINGS_SCHEMA_DIR). */
GSettings     *sb_application_get_settings (SbApplication *self);
/* Preferences changed @key: emits SbApplication::preference-set, detailed
 * by @key, after the new value is in the settings.  Controls that start
 * from a setting but keep their own value afterwards (each pane's receive
 * size) take it then. */
void           sb_application_preference_set (SbApplication *self,
                                              const char    *key);

G_END_DECLS
