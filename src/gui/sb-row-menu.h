/* sb-row-menu.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-event-log.h"

G_BEGIN_DECLS

/* The event log's row actions, on the selected row: a context menu (right
 * click, Menu, Shift+F10) and shortcuts in the list: Copy Row (Ctrl+C),
 * Copy Payload as Text (Ctrl+Shift+C), as Hex (Ctrl+Shift+H), as Python
 * (Ctrl+Shift+P), Follow This Connection, Filter to This Connection
 * (Ctrl+Shift+F), Export This Connection (win.export-log-dialog).  Actions
 * `row.*` on the log. */
typedef struct _SbRowMenu SbRowMenu;

SbRowMenu *sb_row_menu_new       (SbEventLog  *log,
                                  GtkListView *list_view);
void       sb_row_menu_free      (SbRowMenu   *self);
/* For the factory's setup: a right click on @row selects it and opens
 * the menu there. */
void       sb_row_menu_setup_row (SbRowMenu   *self,
                                  GtkWidget   *row,
                                  GtkListItem *item);

G_END_DECLS
