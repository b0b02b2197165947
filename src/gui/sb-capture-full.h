/* sb-capture-full.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-capture.h"

G_BEGIN_DECLS

#define SB_TYPE_CAPTURE_FULL (sb_capture_full_get_type ())

G_DECLARE_FINAL_TYPE (SbCaptureFull, sb_capture_full, SB, CAPTURE_FULL, GtkWidget)

/* The message shown while the capture is full (a label named `Capture
 * full` whose text holds the figures) with one click each to go on:
 * `Raise Disk Limit` (doubles the `disk-budget` setting), `Clear Log`
 * (win.clear-log) and `Keep Counts Only`.  Hidden while there is room. */
GtkWidget *sb_capture_full_new           (void);
void       sb_capture_full_set_capture   (SbCaptureFull *self,
                                          SbCapture     *capture);
/* Applies the `disk-budget` and `capture-full-action` settings to the
 * capture, now and whenever they change. */
void       sb_capture_full_bind_settings (SbCaptureFull *self,
                                          GSettings     *settings);

G_END_DECLS
