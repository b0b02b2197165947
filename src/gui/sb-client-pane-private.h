/* sb-client-pane-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-client-pane.h"
#include "sb-client-udp.h"
#include "sb-kernel-view.h"
#include "sb-step-buttons.h"
#include "sb-stream-controls.h"

G_BEGIN_DECLS

/* SbClientPane is split by concern: sb-client-pane.c (the widget, its
 * actions and fields) and sb-client-pane-state.c (what it shows of the
 * socket: state, tuples, which controls are enabled, TCP or UDP). */
struct _SbClientPane
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkDropDown      *protocol_dropdown;
  GtkEntry         *host_entry;
  GtkEntry         *port_entry;
  GtkLabel         *host_error;
  GtkLabel         *port_error;
  GtkButton        *connect_button;
  GtkLabel         *state_pill;
  GtkLabel         *state_detail;
  SbKernelView     *kernel_view;
  SbStreamControls *controls;
  GtkWidget        *title_box;
  GtkSwitch        *step_switch;
  GtkWidget        *step_label;
  SbStepButtons    *step_buttons;
  SbClientUdp      *udp;

  /* owned */
  SbWorkbench      *workbench;
  SbStream         *client;
  GSettings        *settings;
  char             *target;
  gboolean          compact;
};

/* sb-client-pane-state.c */
gboolean    _sb_client_pane_is_udp           (SbClientPane *self);
/* Step by step, the call that can be made next: "pane.step-resolve",
 * "pane.step-socket", "pane.step-connect", or NULL. */
const char *_sb_client_pane_next_step_action (SbClientPane *self);
void        _sb_client_pane_update           (SbClientPane *self);

G_END_DECLS
