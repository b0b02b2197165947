/* sb-window-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-capture-full.h"
#include "sb-client-pane.h"
#include "sb-event-log.h"
#include "sb-inspector.h"
#include "sb-server-pane.h"
#include "sb-transcript-view.h"
#include "sb-window.h"

G_BEGIN_DECLS

#define SB_ZOOM_DEFAULT 100

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  SbCaptureFull        *capture_full;
  GtkPaned             *main_paned;
  GtkScrolledWindow    *panes_scroller;
  GtkWidget            *panes_box;
  GtkPaned             *log_paned;
  SbClientPane         *client_pane;
  SbServerPane         *server_pane;
  GtkStack             *log_stack;    /* pages "list", "ladder", "python" */
  SbEventLog           *event_log;
  GtkBox               *ladder_page;
  GtkBox               *python_page;
  SbTranscriptView     *transcript_view;  /* in python_page */
  SbInspector          *inspector;
  GtkLabel             *zoom_label;

  /* owned */
  SbWorkbench          *workbench;
  GSettings            *settings;
  GtkCssProvider       *zoom_css;
  guint                 refresh_id;
  guint                 position_id;
  GdkFrameClock        *frame_clock;
  gulong                layout_handler;
  int                   fitted_natural;  /* the panes' natural height at the last fit */
  int                   fit_position;    /* where the last fit asked the handle to be */
  int                   user_position;   /* the user's handle position, kept while presenting */
  double                inspector_fraction;  /* the inspector's share of the log's width */
  int                   split_width;     /* the log paned's width when the share was applied */

  guint                 user_positioned : 1;
  guint                 positioning : 1;
  guint                 presentation : 1;
  guint                 splitting : 1;

  int                   zoom;  /* percent */
};

void _sb_window_class_actions_init (SbWindowClass *klass);
void _sb_window_actions_init       (SbWindow      *self);
/* win.clear-log: enabled while the live log is shown and has rows. */
void _sb_window_update_clear_log   (SbWindow      *self);
void _sb_window_class_export_init  (SbWindowClass *klass);
/* Export (sb-window-export-log.c): win.export-log-dialog, win.export-log. */
void _sb_window_class_export_log_init (SbWindowClass *klass);
/* A dialog: @title, "Sockbench could not write “@path”", the error, and
 * that the log is as it was. */
void _sb_window_show_export_error  (SbWindow      *self,
                                    const char    *title,
                                    const char    *path,
                                    GError        *error);
/* The log/inspector split as a share of the width (sb-window-split.c). */
void _sb_window_split_init         (SbWindow      *self);
void _sb_window_split_layout       (SbWindow      *self);
void _sb_window_split_load         (SbWindow      *self,
                                    GSettings     *settings);
void _sb_window_split_save         (SbWindow      *self,
                                    GSettings     *settings);
/* Save Session, Open Session and the way back (sb-window-session.c). */
void _sb_window_class_session_init (SbWindowClass *klass);
void _sb_window_session_init       (SbWindow      *self);
/* The capture the log shows: a saved session opened, or the live one. */
SbCapture *_sb_window_get_shown_capture (SbWindow   *self);
/* A modal GtkFileChooserNative (sb-window-chooser.c): @title, open or
 * save, @accept_label, the name it suggests (or NULL) and a @filter (or
 * NULL).  On accept it activates @action with the chosen path: "s" when
 * no string follows @action, else "(s…s)", the strings (up to a NULL)
 * then the path. */
void _sb_window_choose_file        (SbWindow             *self,
                                    const char           *title,
                                    GtkFileChooserAction  mode,
                                    const char           *accept_label,
                                    const char           *current_name,
                                    GtkFileFilter        *filter,
                                    const char           *action,
                                    ...) G_GNUC_NULL_TERMINATED;
/* The search bar's actions: search, search-next, search-previous,
 * follow-stream (sb-window-search.c). */
void _sb_window_search_init        (SbWindow      *self);
/* Sets the zoom (percent, clamped to the steps) and remembers it. */
void _sb_window_set_zoom           (SbWindow      *self,
                                    int            zoom);

G_END_DECLS
