/* sb-server-pane-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-connection-list.h"
#include "sb-connection-row.h"
#include "sb-http-replies.h"
#include "sb-http-responder.h"
#include "sb-kernel-view.h"
#include "sb-reply-editor.h"
#include "sb-server-pane.h"
#include "sb-server-udp.h"
#include "sb-step-buttons.h"
#include "sb-stream-controls.h"

G_BEGIN_DECLS

struct _SbServerPane
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkDropDown        *protocol_dropdown;
  GtkEntry           *address_entry;
  GtkEntry           *port_entry;
  GtkSpinButton      *backlog_spin;
  GtkLabel           *address_error;
  GtkLabel           *port_error;
  GtkWidget          *all_interfaces_warning;
  GtkButton          *listen_button;
  GtkLabel           *state_pill;
  GtkLabel           *state_detail;
  GtkSwitch          *auto_accept_switch;
  SbKernelView       *queue_view;
  GtkLabel           *count_label;
  GtkSwitch          *auto_respond_switch;
  GtkDropDown        *reply_dropdown;
  GtkLabel           *reply_problem;
  SbConnectionList   *connection_list;
  SbKernelView       *kernel_view;
  SbStreamControls   *controls;
  GtkWidget          *title_box;
  GtkWidget          *accept_box;
  GtkWidget          *connection_button;
  GtkWidget          *connection_popover;
  SbConnectionRow    *selected_row;
  GtkSwitch          *step_switch;
  SbStepButtons      *step_buttons;
  GtkWidget          *backlog_caption;
  GtkWidget          *tcp_box;
  SbServerUdp        *udp;
  GtkWidget          *queue_full_box;
  GtkLabel           *queue_full_label;
  GtkMenuButton      *backlog_button;
  GtkSpinButton      *new_backlog_spin;
  GtkSwitch          *close_after_switch;  /* sb-server-pane-fds.c */
  GtkWidget          *fds_box;
  GtkLabel           *fds_label;

  /* owned */
  SbWorkbench        *workbench;
  SbListener         *listener;
  SbDatagram         *datagram;
  SbHttpResponder    *responder;
  SbHttpReplies      *replies;
  GBinding           *reply_binding;
  SbReplyEditor      *reply_editor;     /* weak: destroyed when closed */
  SbHttpReplyKind     reply_template;   /* the template it showed when closed */
  GSettings          *settings;
  char               *listen_error;
  GPtrArray          *bindings;
  guint               queue_poll_id;
  gint64              queue_full_until;  /* monotonic µs: the full-queue message stays */

  guint               in_listen : 1;
  guint               compact : 1;
};

/* What the state pill, the detail beside it, Listen/Stop and the fields
 * show, from the listener (TCP) or the datagram socket (UDP). */
typedef struct
{
  const char *pill;
  const char *tone;
  char       *detail;
  gboolean    has_socket;  /* Stop closes it; Protocol is fixed */
  gboolean    bound;       /* Address and Port are used */
  gboolean    running;     /* listening, or a bound UDP socket */
  const char *next_step;   /* the step action that can be made next, or NULL */
} SbServerStatus;

/* sb-server-pane.c */
void     _sb_server_pane_update         (SbServerPane  *self);
gboolean _sb_server_pane_read_endpoint  (SbServerPane  *self,
                                         char         **address,
                                         guint16       *port);
void     _sb_server_pane_save_endpoint  (SbServerPane  *self,
                                         guint16        port);

/* sb-server-pane-http.c */
void     _sb_server_pane_open_in_browser_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param);
void     _sb_server_pane_edit_replies_action    (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param);
void     _sb_server_pane_reply_problem_cb       (SbServerPane *self);

/* sb-server-pane-queue.c: the accept queue, polled while listening, and
 * the message when it is full. */
void     _sb_server_pane_queue_update   (SbServerPane  *self);
void     _sb_server_pane_queue_stop     (SbServerPane  *self);
void     _sb_server_pane_queue_class_init (GtkWidgetClass *widget_class);
void     _sb_server_pane_queue_init     (SbServerPane  *self);

/* sb-server-pane-fds.c: Close After Empty Read, and the message while
 * accept() is out of descriptors. */
void     _sb_server_pane_fds_init       (SbServerPane  *self);
void     _sb_server_pane_fds_update     (SbServerPane  *self);
/* The switch to the listener (self->bindings). */
void     _sb_server_pane_fds_bind       (SbServerPane  *self);
void     _sb_server_pane_fds_bind_settings (SbServerPane *self,
                                            GSettings    *settings);

/* sb-server-pane-udp.c */
gboolean _sb_server_pane_is_udp         (SbServerPane  *self);
void     _sb_server_pane_udp_status     (SbServerPane  *self,
                                         SbServerStatus *status);
void     _sb_server_pane_udp_listen     (SbServerPane  *self);
void     _sb_server_pane_udp_step       (SbServerPane  *self,
                                         const char    *action_name);
void     _sb_server_pane_udp_bind       (SbServerPane  *self,
                                         SbWorkbench   *workbench);
void     _sb_server_pane_udp_unbind     (SbServerPane  *self);
void     _sb_server_pane_udp_init       (SbServerPane  *self);

G_END_DECLS
