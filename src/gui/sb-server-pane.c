/* sb-server-pane.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-server-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-compact.h"
#include "sb-connection-list.h"
#include "sb-connection-row.h"
#include "sb-endpoint.h"
#include "sb-http-compose.h"
#include "sb-http-replies.h"
#include "sb-http-responder.h"
#include "sb-kernel-view.h"
#include "sb-listener.h"
#include "sb-pane-util.h"
#include "sb-reply-editor.h"
#include "sb-server-pane-private.h"
#include "sb-step-buttons.h"
#include "sb-stream.h"
#include "sb-stream-controls.h"
#include "sb-workbench.h"

enum {
  PROP_0,
  PROP_WORKBENCH,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbServerPane, sb_server_pane, GTK_TYPE_WIDGET)

/* The TCP side of the status: the listener's state. */
static void
tcp_status (SbServerPane   *self,
            SbServerStatus *status)
{
  SbListenerState state = SB_LISTENER_IDLE;
  const char *error = self->listen_error;

  if (self->listener != NULL)
    {
      state = sb_listener_get_state (self->listener);
      if (sb_listener_get_error_message (self->listener) != NULL)
        error = sb_listener_get_error_message (self->listener);
    }

  status->running = state == SB_LISTENER_LISTENING;
  status->has_socket = state == SB_LISTENER_OPEN || state == SB_LISTENER_BOUND || status->running;
  status->bound = state == SB_LISTENER_BOUND || status->running;

  if (status->running)
    {
      status->pill = _("listening");
      status->tone = "success";
      /* Translators: the address the server listens on, as Python prints it */
      status->detail = g_strdup_printf (_("on %s"), sb_listener_get_local_tuple (self->listener));
    }
  else if (state == SB_LISTENER_OPEN)
    {
      status->pill = _("socket open");
      status->tone = "accent";
      status->detail = g_strdup (_("not bound yet"));
    }
  else if (state == SB_LISTENER_BOUND)
    {
      status->pill = _("bound");
      status->tone = "accent";
      /* Translators: the address the socket is bound to, as Python prints it */
      status->detail = g_strdup_printf (_("to %s"), sb_listener_get_local_tuple (self->listener));
    }
  else if (state == SB_LISTENER_FAILED || self->listen_error != NULL)
    {
      status->pill = _("failed");
      status->tone = "error";
      status->detail = g_strdup (error);
    }
  else
    {
      status->pill = _("not listening");
    }

  /* Step by step, the call that can be made next. */
  if (self->listener == NULL || !gtk_switch_get_active (self->step_switch))
    status->next_step = NULL;
  else if (state == SB_LISTENER_IDLE || state == SB_LISTENER_FAILED)
    status->next_step = "pane.step-socket";
  else if (state == SB_LISTENER_OPEN)
    status->next_step = "pane.step-bind";
  else if (state == SB_LISTENER_BOUND)
    status->next_step = "pane.step-listen";
}

static void
get_status (SbServerPane   *self,
            SbServerStatus *status)
{
  memset (status, 0, sizeof *status);
  if (_sb_server_pane_is_udp (self))
    _sb_server_pane_udp_status (self, status);
  else
    tcp_status (self, status);
}

/* Step by step, the call that can be made next: "pane.step-socket",
 * "pane.step-bind", "pane.step-listen", or NULL. */
static const char *
next_step_action (SbServerPane *self)
{
  SbServerStatus status;

  get_status (self, &status);
  g_free (status.detail);

  return status.next_step;
}

/* Step by step: socket(), bind() and listen() replace Listen, each
 * enabled when it is the next call; Stop stays while there is a socket. */
static void
sb_server_pane_update_steps (SbServerPane         *self,
                             const SbServerStatus *status)
{
  static const char * const actions[] = {
    "pane.step-socket", "pane.step-bind", "pane.step-listen",
  };
  gboolean stepping = gtk_switch_get_active (self->step_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->step_buttons), stepping);
  gtk_widget_set_visible (GTK_WIDGET (self->listen_button), !stepping || status->has_socket);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i],
                                   g_strcmp0 (status->next_step, actions[i]) == 0);
}

void
_sb_server_pane_update (SbServerPane *self)
{
  SbServerStatus status;
  gboolean udp = _sb_server_pane_is_udp (self);
  gboolean pending = FALSE;
  gboolean auto_accept = TRUE;

  get_status (self, &status);

  if (self->listener != NULL)
    {
      pending = sb_listener_get_pending (self->listener);
      auto_accept = sb_listener_get_auto_accept (self->listener);
    }

  gtk_label_set_text (self->state_pill, status.pill);
  sb_pill_set_tone (GTK_WIDGET (self->state_pill), status.tone);
  gtk_label_set_text (self->state_detail, status.detail != NULL ? status.detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_detail), status.detail != NULL);
  if (status.bound)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_detail), "tuple");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_detail), "tuple");

  gtk_button_set_label (self->listen_button, status.has_socket ? _("Stop") : _("Listen"));
  if (status.has_socket)
    gtk_widget_remove_css_class (GTK_WIDGET (self->listen_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->listen_button), "suggested-action");

  /* Each field stays editable until the call that uses it succeeded, so
   * that a failed bind() can be retried on another port. */
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->protocol_dropdown), !status.has_socket,
                                      GTK_WIDGET (self->listen_button));
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->address_entry), !status.bound,
                                      GTK_WIDGET (self->listen_button));
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->port_entry), !status.bound,
                                      GTK_WIDGET (self->listen_button));
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->backlog_spin), !status.running,
                                      GTK_WIDGET (self->listen_button));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.accept",
                                 !udp && status.running && pending && !auto_accept);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.open-in-browser",
                                 !udp && status.running);
  sb_server_pane_update_steps (self, &status);
  _sb_server_pane_queue_update (self);
  _sb_server_pane_fds_update (self);
  g_free (status.detail);
}

static void
listener_notify_cb (SbServerPane *self,
                    GParamSpec   *pspec,
                    SbListener   *listener)
{
  _sb_server_pane_update (self);
}

static void
listener_error_cb (SbServerPane *self,
                   GParamSpec   *pspec,
                   SbListener   *listener)
{
  /* A failed listen() is reported where it is called. */
  if (!self->in_listen)
    sb_widget_toast (GTK_WIDGET (self), sb_listener_get_error_message (listener));
}

static void
n_connections_cb (SbServerPane     *self,
                  GParamSpec       *pspec,
                  SbConnectionList *list)
{
  g_autofree char *count = g_strdup_printf ("%u", sb_connection_list_get_n_items (list));

  gtk_label_set_text (self->count_label, count);
}

static void
show_selected_connection (SbServerPane *self)
{
  SbStream *stream = sb_connection_list_get_selected_stream (self->connection_list);

  sb_connection_row_set_stream (self->selected_row, stream);
  gtk_widget_set_visible (self->connection_button, self->compact && stream != NULL);
}

static void
selected_cb (SbServerPane     *self,
             GParamSpec       *pspec,
             SbConnectionList *list)
{
  sb_stream_controls_set_stream (self->controls, sb_connection_list_get_selected_stream (list));
  sb_kernel_view_set_stream (self->kernel_view, sb_connection_list_get_selected_stream (list));
  show_selected_connection (self);
  /* Chosen in the compact layout's popover: done with it. */
  gtk_popover_popdown (GTK_POPOVER (self->connection_popover));
}

/* Reads Address and Port; a bad field shows its error and gives FALSE. */
gboolean
_sb_server_pane_read_endpoint (SbServerPane  *self,
                               char         **address,
                               guint16       *port)
{
  g_autoptr(GError) address_error = NULL;
  g_autoptr(GError) port_error = NULL;
  gsize address_offset = 0;
  gsize port_offset = 0;

  *address = sb_host_parse (gtk_editable_get_text (GTK_EDITABLE (self->address_entry)),
                            &address_offset, &address_error);
  sb_port_parse (gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                 port, &port_offset, &port_error);

  if (port_error != NULL)
    sb_field_show_error (GTK_WIDGET (self->port_entry), self->port_error,
                         port_error, port_offset);
  if (address_error != NULL)
    sb_field_show_error (GTK_WIDGET (self->address_entry), self->address_error,
                         address_error, address_offset);

  return address_error == NULL && port_error == NULL;
}

void
_sb_server_pane_save_endpoint (SbServerPane *self,
                               guint16       port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  if (self->settings == NULL)
    return;

  g_settings_set_string (self->settings, "server-address",
                         gtk_editable_get_text (GTK_EDITABLE (self->address_entry)));
  g_settings_set_string (self->settings, "server-port", port_text);
}

static void
listen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  SbListenerState state;
  guint16 port = 0;
  int backlog;
  gboolean ok;

  if (_sb_server_pane_is_udp (self))
    {
      _sb_server_pane_udp_listen (self);
      return;
    }

  if (self->listener == NULL)
    return;

  /* Stop: at every step, whatever socket there is is closed. */
  state = sb_listener_get_state (self->listener);
  if (state == SB_LISTENER_LISTENING || state == SB_LISTENER_OPEN || state == SB_LISTENER_BOUND)
    {
      sb_step_buttons_set_error (self->step_buttons, NULL);
      sb_listener_stop (self->listener);
      return;
    }

  if (!_sb_server_pane_read_endpoint (self, &address, &port))
    return;

  backlog = gtk_spin_button_get_value_as_int (self->backlog_spin);

  self->in_listen = TRUE;
  ok = sb_listener_listen (self->listener, address, port, backlog, &error);
  self->in_listen = FALSE;

  g_clear_pointer (&self->listen_error, g_free);

  if (!ok)
    {
      self->listen_error = g_strdup (error->message);
      sb_widget_toast (widget, error->message);
    }
  else
    _sb_server_pane_save_endpoint (self, port);

  _sb_server_pane_update (self);
}

/* One call of step-by-step mode.  Its error shows under the buttons, not
 * as a toast; the socket stays, so the call can be made again. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint16 port = 0;
  gboolean ok;

  if (_sb_server_pane_is_udp (self))
    {
      _sb_server_pane_udp_step (self, action_name);
      return;
    }

  if (self->listener == NULL || !_sb_server_pane_read_endpoint (self, &address, &port))
    return;

  g_clear_pointer (&self->listen_error, g_free);
  sb_step_buttons_set_error (self->step_buttons, NULL);

  self->in_listen = TRUE;
  if (g_str_equal (action_name, "pane.step-socket"))
    ok = sb_listener_open_socket (self->listener, address, &error);
  else if (g_str_equal (action_name, "pane.step-bind"))
    ok = sb_listener_bind (self->listener, address, port, &error);
  else
    ok = sb_listener_start_listening (self->listener,
                                      gtk_spin_button_get_value_as_int (self->backlog_spin),
                                      &error);
  self->in_listen = FALSE;

  if (!ok)
    sb_step_buttons_set_error (self->step_buttons, error->message);
  else if (g_str_equal (action_name, "pane.step-listen"))
    _sb_server_pane_save_endpoint (self, port);

  _sb_server_pane_update (self);
}

static void
step_switch_cb (SbServerPane *self,
                GParamSpec   *pspec,
                GtkSwitch    *step_switch)
{
  sb_step_buttons_set_error (self->step_buttons, NULL);
  _sb_server_pane_update (self);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  g_autoptr(GError) error = NULL;

  if (self->listener != NULL && !sb_listener_accept_one (self->listener, &error))
    sb_widget_toast (widget, error->message);
}

static void
address_changed_cb (SbServerPane *self,
                    GtkEditable  *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  gboolean everywhere;

  sb_field_clear_error (GTK_WIDGET (self->address_entry), self->address_error);

  everywhere = strcmp (text, "0.0.0.0") == 0 || strcmp (text, "::") == 0
               || strcmp (text, "[::]") == 0;
  gtk_widget_set_visible (self->all_interfaces_warning, everywhere);
}

static void
port_changed_cb (SbServerPane *self,
                 GtkEditable  *editable)
{
  sb_field_clear_error (GTK_WIDGET (self->port_entry), self->port_error);
}

static void
entry_activate_cb (SbServerPane *self,
                   GtkEntry     *entry)
{
  const char *next = next_step_action (self);

  /* Enter makes the next call: after a failed bind(), another port is
   * typed and bound at once. */
  if (gtk_switch_get_active (self->step_switch))
    {
      if (next != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), next, NULL);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.listen", NULL);
}

SbServerPane *
sb_server_pane_new (void)
{
  return g_object_new (SB_TYPE_SERVER_PANE, NULL);
}

SbWorkbench *
sb_server_pane_get_workbench (SbServerPane *self)
{
  g_return_val_if_fail (SB_IS_SERVER_PANE (self), NULL);

  return self->workbench;
}

static void
sb_server_pane_unbind (SbServerPane *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_data (self->listener, self);

  if (self->connection_list != NULL)
    sb_connection_list_set_model (self->connection_list, NULL);

  if (self->queue_view != NULL)
    sb_kernel_view_set_listener (self->queue_view, NULL);

  g_clear_object (&self->listener);
  _sb_server_pane_udp_unbind (self);
  if (self->responder != NULL)
    g_signal_handlers_disconnect_by_data (self->responder, self);
  g_clear_object (&self->responder);
  if (self->reply_problem != NULL)
    _sb_server_pane_reply_problem_cb (self);
}

void
sb_server_pane_set_workbench (SbServerPane *self,
                              SbWorkbench  *workbench)
{
  GListModel *connections;

  g_return_if_fail (SB_IS_SERVER_PANE (self));
  g_return_if_fail (workbench == NULL || SB_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;

  sb_server_pane_unbind (self);
  g_set_object (&self->workbench, workbench);

  if (workbench != NULL)
    {
      self->listener = g_object_ref (sb_workbench_get_server (workbench));
      connections = sb_listener_get_connections (self->listener);

      self->responder = sb_http_responder_new (self->listener,
                                               sb_workbench_get_http_follower (workbench),
                                               self->replies);
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (self->auto_respond_switch, "active",
                                               self->responder, "enabled",
                                               G_BINDING_SYNC_CREATE));
      g_signal_connect_object (self->responder, "notify::problem",
                               G_CALLBACK (_sb_server_pane_reply_problem_cb), self,
                               G_CONNECT_SWAPPED);
      _sb_server_pane_reply_problem_cb (self);
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (self->auto_accept_switch, "active",
                                               self->listener, "auto-accept",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
      _sb_server_pane_fds_bind (self);
      /* New connections start with what the controls show. */
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (self->controls, "auto-receive",
                                               self->listener, "auto-receive",
                                               G_BINDING_SYNC_CREATE));
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (self->controls, "receive-size",
                                               self->listener, "receive-size",
                                               G_BINDING_SYNC_CREATE));

      g_signal_connect_object (self->listener, "notify", G_CALLBACK (listener_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->listener, "notify::error-message",
                               G_CALLBACK (listener_error_cb), self, G_CONNECT_SWAPPED);
      sb_connection_list_set_model (self->connection_list, connections);
      sb_kernel_view_set_listener (self->queue_view, self->listener);
      _sb_server_pane_udp_bind (self, workbench);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.listen", workbench != NULL);
  _sb_server_pane_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

void
sb_server_pane_bind_settings (SbServerPane *self,
                              GSettings    *settings)
{
  g_autofree char *address = NULL;
  g_autofree char *port = NULL;

  g_return_if_fail (SB_IS_SERVER_PANE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);

  address = g_settings_get_string (settings, "server-address");
  port = g_settings_get_string (settings, "server-port");
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), address);
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port);

  sb_protocol_dropdown_bind_settings (self->protocol_dropdown, settings, "server-protocol");
  g_settings_bind (settings, "backlog", self->backlog_spin, "value",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "auto-accept", self->auto_accept_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "server-step-by-step", self->step_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  _sb_server_pane_fds_bind_settings (self, settings);
  sb_stream_controls_bind_settings (self->controls, settings);
  sb_server_udp_bind_settings (self->udp, settings);

  /* The replies' templates and rules: each property has its key. */
  for (const char * const *name = sb_http_replies_list_properties (); *name != NULL; name++)
    {
      g_autofree char *key = g_strconcat ("reply-", *name, NULL);

      g_settings_bind (settings, key, self->replies, *name, G_SETTINGS_BIND_DEFAULT);
    }
}

void
sb_server_pane_set_protocol (SbServerPane *self,
                         gboolean      udp)
{
  g_return_if_fail (SB_IS_SERVER_PANE (self));

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->protocol_dropdown)))
    gtk_drop_down_set_selected (self->protocol_dropdown,
                                udp ? SB_PROTOCOL_UDP : SB_PROTOCOL_TCP);
}

void
sb_server_pane_listen_on (SbServerPane *self,
                          const char   *address,
                          guint16       port)
{
  g_autofree char *port_text = NULL;

  g_return_if_fail (SB_IS_SERVER_PANE (self));
  g_return_if_fail (address != NULL);

  if (self->listener != NULL
      && sb_listener_get_state (self->listener) == SB_LISTENER_LISTENING)
    return;

  port_text = g_strdup_printf ("%u", port);
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), address);
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port_text);

  const char *next = next_step_action (self);

  /* Enter makes the next call: after a failed bind(), another port is
   * typed and bound at once. */
  if (gtk_switch_get_active (self->step_switch))
    {
      if (next != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), next, NULL);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.listen", NULL);
}

gboolean
sb_server_pane_get_compact (SbServerPane *self)
{
  g_return_val_if_fail (SB_IS_SERVER_PANE (self), FALSE);

  return self->compact;
}

/* Compact (sb-compact.h): Listen beside the title and the state, the
 * address beside Accept, the selected connection alone with the list in
 * its popover, the fields and switches hidden, the stream controls compact. */
void
sb_server_pane_set_compact (SbServerPane *self,
                            gboolean      compact)
{
  GtkWidget *button;

  g_return_if_fail (SB_IS_SERVER_PANE (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  button = GTK_WIDGET (self->listen_button);
  sb_compact_move (button, self->title_box, NULL, compact);
  gtk_widget_set_hexpand (button, compact);
  gtk_widget_set_halign (button, compact ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  /* The address beside Accept, or after the UDP counts. */
  if (_sb_server_pane_is_udp (self))
    sb_compact_move (GTK_WIDGET (self->state_detail), sb_server_udp_get_status_row (self->udp),
                     NULL, compact);
  else
    sb_compact_move (GTK_WIDGET (self->state_detail), self->accept_box,
                     gtk_widget_get_first_child (self->accept_box), compact);
  if (!compact)
    gtk_popover_popdown (GTK_POPOVER (self->connection_popover));
  sb_compact_move (GTK_WIDGET (self->connection_list), self->connection_popover, NULL, compact);
  show_selected_connection (self);
  sb_stream_controls_set_compact (self->controls, compact);
  sb_server_udp_set_compact (self->udp, compact);
  sb_compact_apply (GTK_WIDGET (self), compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
sb_server_pane_dispose (GObject *object)
{
  SbServerPane *self = SB_SERVER_PANE (object);

  sb_server_pane_unbind (self);
  _sb_server_pane_queue_stop (self);
  g_clear_object (&self->workbench);
  g_clear_object (&self->settings);
  if (self->reply_editor != NULL)
    {
      GtkWindow *editor = GTK_WINDOW (self->reply_editor);

      g_clear_weak_pointer (&self->reply_editor);
      gtk_window_destroy (editor);
    }
  g_clear_pointer (&self->reply_binding, g_binding_unbind);
  g_clear_object (&self->replies);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SERVER_PANE);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_server_pane_parent_class)->dispose (object);
}

static void
sb_server_pane_finalize (GObject *object)
{
  SbServerPane *self = SB_SERVER_PANE (object);

  g_free (self->listen_error);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_server_pane_parent_class)->finalize (object);
}

static void
sb_server_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbServerPane *self = SB_SERVER_PANE (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, sb_server_pane_get_compact (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_server_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbServerPane *self = SB_SERVER_PANE (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      sb_server_pane_set_workbench (self, g_value_get_object (value));
      break;

    case PROP_COMPACT:
      sb_server_pane_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_server_pane_class_init (SbServerPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_server_pane_dispose;
  object_class->finalize = sb_server_pane_finalize;
  object_class->get_property = sb_server_pane_get_property;
  object_class->set_property = sb_server_pane_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL,
                         SB_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbServerPane:compact:
   *
   * Whether it shows its compact form, for the presentation layout.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-server-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, address_entry);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, port_entry);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, backlog_spin);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, address_error);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, port_error);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, all_interfaces_warning);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, listen_button);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, state_pill);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, state_detail);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, auto_accept_switch);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, queue_view);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, kernel_view);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, auto_respond_switch);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, reply_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, reply_problem);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, connection_list);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, controls);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, title_box);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, accept_box);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, connection_button);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, connection_popover);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, selected_row);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, step_switch);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, step_buttons);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, backlog_caption);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, tcp_box);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, udp);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_connections_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  _sb_server_pane_queue_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "pane.listen", NULL, listen_action);
  gtk_widget_class_install_action (widget_class, "pane.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "pane.open-in-browser", NULL,
                                   _sb_server_pane_open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "pane.edit-replies", NULL,
                                   _sb_server_pane_edit_replies_action);
  gtk_widget_class_install_action (widget_class, "pane.step-socket", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "pane.step-bind", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "pane.step-listen", NULL, step_action);

  gtk_widget_class_set_css_name (widget_class, "pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (SB_TYPE_CONNECTION_LIST);
  g_type_ensure (SB_TYPE_CONNECTION_ROW);
  g_type_ensure (SB_TYPE_STEP_BUTTONS);
  g_type_ensure (SB_TYPE_STREAM_CONTROLS);
  g_type_ensure (SB_TYPE_KERNEL_VIEW);
  g_type_ensure (SB_TYPE_SERVER_UDP);
}

static void
sb_server_pane_init (SbServerPane *self)
{
  self->bindings = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _sb_server_pane_fds_init (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Server"),
                                  -1);
  sb_protocol_dropdown_setup (self->protocol_dropdown);
  self->replies = sb_http_replies_new ();
  self->reply_binding = sb_reply_dropdown_bind (self->reply_dropdown, self->replies, "rule-other");
  sb_dropdown_name_button (self->reply_dropdown, _("Reply"));

  sb_step_buttons_add_call (self->step_buttons, "socket()", "pane.step-socket",
                            _("Create the socket: socket(AF_INET, SOCK_STREAM)"));
  sb_step_buttons_add_call (self->step_buttons, "bind()", "pane.step-bind",
                            _("Give the socket its address and port"));
  sb_step_buttons_add_call (self->step_buttons, "listen()", "pane.step-listen",
                            _("Let the kernel queue connections (the backlog)"));
  g_signal_connect_object (self->step_switch, "notify::active", G_CALLBACK (step_switch_cb),
                           self, G_CONNECT_SWAPPED);
  _sb_server_pane_udp_init (self);
  _sb_server_pane_queue_init (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.listen", FALSE);
  _sb_server_pane_update (self);
}
