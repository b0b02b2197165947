/* sb-step-buttons.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_STEP_BUTTONS (sb_step_buttons_get_type ())

G_DECLARE_FINAL_TYPE (SbStepButtons, sb_step_buttons, SB, STEP_BUTTONS, GtkWidget)

/* A row of socket calls made one click each — socket() → bind() →
 * listen() — and, under it, the error of the last call that failed.
 *
 * Each button activates a widget action of an ancestor (the pane), which
 * enables only the action of the next possible call; the enabled button is
 * the suggested one.  The buttons are named by their labels, the calls. */

GtkWidget *sb_step_buttons_new       (void);
void       sb_step_buttons_add_call  (SbStepButtons *self,
                                      const char    *call,
                                      const char    *action_name,
                                      const char    *tooltip);
/* Shows or hides the call of @action_name (with the arrow before it), for
 * a protocol without that call (UDP has no listen()). */
void       sb_step_buttons_set_call_visible (SbStepButtons *self,
                                             const char    *action_name,
                                             gboolean       visible);
void       sb_step_buttons_set_call_tooltip (SbStepButtons *self,
                                             const char    *action_name,
                                             const char    *tooltip);
/* Shows @message under the buttons (NULL hides it); it stays until the
 * next call. */
void       sb_step_buttons_set_error (SbStepButtons *self,
                                      const char    *message);
const char *sb_step_buttons_get_error (SbStepButtons *self);

G_END_DECLS
