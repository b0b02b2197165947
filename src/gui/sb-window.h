/* sb-window.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-application.h"
#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

/* The main window: client and server panes side by side, the event log and
 * the inspector below.  It owns the session's SbWorkbench. */

SbWindow    *sb_window_new           (SbApplication *application);
SbWorkbench *sb_window_get_workbench (SbWindow      *self);
/* As the Listen and Connect buttons do, with the fields filled in. */
/* Chooses UDP (or TCP) in both panes, before sb_window_listen_on() and
 * sb_window_connect_to(). */
void         sb_window_set_udp       (SbWindow      *self,
                                      gboolean       udp);
void         sb_window_listen_on     (SbWindow      *self,
                                      const char    *address,
                                      guint16        port);
void         sb_window_connect_to    (SbWindow      *self,
                                      const char    *host,
                                      guint16        port);
void         sb_window_add_toast     (SbWindow      *self,
                                      const char    *message);
/* Which view of the log shows: "list", "ladder" or "python". */
const char  *sb_window_get_log_view  (SbWindow      *self);
void         sb_window_set_log_view  (SbWindow      *self,
                                      const char    *name);
/* The presentation layout (F5): the panes folded into compact bars, the
 * log taking the rest of the height. */
gboolean     sb_window_get_presentation (SbWindow   *self);
void         sb_window_set_presentation (SbWindow   *self,
                                         gboolean    presentation);

G_END_DECLS
