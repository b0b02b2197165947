/* sb-client-pane.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-client-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-client-pane-private.h"
#include "sb-compact.h"
#include "sb-datagram.h"
#include "sb-endpoint.h"
#include "sb-http-compose.h"
#include "sb-kernel-view.h"
#include "sb-pane-util.h"
#include "sb-payload.h"
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

G_DEFINE_FINAL_TYPE (SbClientPane, sb_client_pane, GTK_TYPE_WIDGET)

static void
client_notify_cb (SbClientPane *self,
                  GParamSpec   *pspec,
                  SbStream     *client)
{
  _sb_client_pane_update (self);
}

static void
client_error_cb (SbClientPane *self,
                 GParamSpec   *pspec,
                 SbStream     *client)
{
  sb_widget_toast_stream_error (GTK_WIDGET (self), client, sb_stream_get_error_message (client));
}

static void
workbench_client_cb (SbClientPane *self,
                     GParamSpec   *pspec,
                     SbWorkbench  *workbench)
{
  SbStream *client = sb_workbench_get_client (workbench);

  if (client == self->client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  g_set_object (&self->client, client);

  if (client != NULL)
    {
      /* A new socket starts with what the controls show. */
      sb_stream_controls_apply_to (self->controls, client);
      g_signal_connect_object (client, "notify", G_CALLBACK (client_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::error-message", G_CALLBACK (client_error_cb),
                               self, G_CONNECT_SWAPPED);
    }

  sb_stream_controls_set_stream (self->controls, client);
  sb_kernel_view_set_stream (self->kernel_view, client);
  _sb_client_pane_update (self);
}

/* Remembers where the client goes: the detail line and the settings. */
static void
set_target (SbClientPane *self,
            const char   *host,
            guint16       port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  g_free (self->target);
  self->target = sb_endpoint_to_string (host, port);

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "client-host",
                             gtk_editable_get_text (GTK_EDITABLE (self->host_entry)));
      g_settings_set_string (self->settings, "client-port", port_text);
    }
}

/* Reads Host and Port; a bad field shows its error and gives FALSE. */
static gboolean
read_endpoint (SbClientPane  *self,
               char         **host,
               guint16       *port)
{
  g_autoptr(GError) port_error = NULL;
  g_autoptr(GError) host_error = NULL;
  gsize host_offset = 0;
  gsize port_offset = 0;

  *host = sb_host_parse (gtk_editable_get_text (GTK_EDITABLE (self->host_entry)),
                         &host_offset, &host_error);
  if (sb_port_parse (gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                     port, &port_offset, &port_error)
      && *port == 0 && _sb_client_pane_is_udp (self))
    port_error = g_error_new_literal (SB_INPUT_ERROR, SB_INPUT_ERROR_PORT,
                                      _("port 0 is no destination: sendto() needs 1–65535"));

  /* Show every bad field at once; the focus goes to the first. */
  if (port_error != NULL)
    sb_field_show_error (GTK_WIDGET (self->port_entry), self->port_error,
                         port_error, port_offset);
  if (host_error != NULL)
    sb_field_show_error (GTK_WIDGET (self->host_entry), self->host_error,
                         host_error, host_offset);

  return host_error == NULL && port_error == NULL;
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbClientPane *self = SB_CLIENT_PANE (widget);
  g_autofree char *host = NULL;
  guint16 port = 0;

  if (self->workbench == NULL)
    return;

  if (_sb_client_pane_is_udp (self))
    {
      SbDatagram *datagram = sb_workbench_get_udp_client (self->workbench);

      if (sb_datagram_get_state (datagram) == SB_DATAGRAM_CONNECTED)
        sb_datagram_close (datagram);
      else if (read_endpoint (self, &host, &port))
        {
          set_target (self, host, port);
          sb_client_udp_connect_to (self->udp, host, port);
        }
      return;
    }

  if (self->client != NULL && sb_stream_state_is_open (sb_stream_get_state (self->client)))
    {
      sb_step_buttons_set_error (self->step_buttons, NULL);
      sb_stream_close (self->client);
      return;
    }

  if (!read_endpoint (self, &host, &port))
    return;

  set_target (self, host, port);
  sb_workbench_connect (self->workbench, host, port);
  _sb_client_pane_update (self);
}

/* One call of step-by-step mode; an error of socket() shows under the
 * buttons.  A refused connect() is the stream's: with addresses left the
 * next socket() is for the next one, with none it fails as Connect does. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbClientPane *self = SB_CLIENT_PANE (widget);
  g_autoptr(GError) error = NULL;

  if (self->workbench == NULL)
    return;

  sb_step_buttons_set_error (self->step_buttons, NULL);

  if (g_str_equal (action_name, "pane.step-resolve"))
    {
      g_autofree char *host = NULL;
      guint16 port = 0;

      if (!read_endpoint (self, &host, &port))
        return;

      set_target (self, host, port);
      sb_stream_resolve (sb_workbench_new_client (self->workbench), host, port);
    }
  else if (self->client == NULL)
    return;
  else if (g_str_equal (action_name, "pane.step-socket"))
    {
      if (!sb_stream_open_socket (self->client, &error))
        sb_step_buttons_set_error (self->step_buttons, error->message);
    }
  else
    sb_stream_connect_socket (self->client);

  _sb_client_pane_update (self);
}

static void
step_switch_cb (SbClientPane *self,
                GParamSpec   *pspec,
                GtkSwitch    *step_switch)
{
  sb_step_buttons_set_error (self->step_buttons, NULL);
  _sb_client_pane_update (self);
}

/* The ready-made HTTP requests beside Message follow Host and Port: GET
 * and HEAD, HTTP/1.1 and HTTP/1.0, each with its Host header.  None while
 * a field does not parse. */
static void
update_http_requests (SbClientPane *self)
{
  static const struct
  {
    const char *method;
    guint       minor_version;
  } requests[] = {
    { "GET", 1 },
    { "GET", 0 },
    { "HEAD", 1 },
    { "HEAD", 0 },
  };
  SbMessageInput *input;
  const char *labels[G_N_ELEMENTS (requests) + 1] = { NULL, };
  char *texts[G_N_ELEMENTS (requests) + 1] = { NULL, };
  char *label_strings[G_N_ELEMENTS (requests)] = { NULL, };
  g_autofree char *host = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *title = NULL;
  guint16 port;

  /* Setting the template's texts comes before the controls exist. */
  if (self->controls == NULL)
    return;
  input = sb_stream_controls_get_message_input (self->controls);

  host = sb_host_parse (gtk_editable_get_text (GTK_EDITABLE (self->host_entry)), NULL, NULL);
  if (host == NULL
      || !sb_port_parse (gtk_editable_get_text (GTK_EDITABLE (self->port_entry)),
                         &port, NULL, NULL))
    {
      sb_message_input_set_more_presets (input, NULL, NULL, NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autofree char *request = sb_http_request_build (requests[i].method, "/", host, port,
                                                        requests[i].minor_version);

      texts[i] = sb_payload_to_escaped ((const guint8 *) request, strlen (request), 0);
      label_strings[i] = g_strdup_printf ("%s / HTTP/1.%u", requests[i].method,
                                          requests[i].minor_version);
      labels[i] = label_strings[i];
    }

  authority = sb_http_format_authority (host, port);
  /* Translators: a section of the ready-made messages; %s is "127.0.0.1:8080" */
  title = g_strdup_printf (_("HTTP requests, Host: %s"), authority);
  sb_message_input_set_more_presets (input, title, labels, (const char * const *) texts);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_free (texts[i]);
      g_free (label_strings[i]);
    }
}

static void
host_changed_cb (SbClientPane *self,
                 GtkEditable  *editable)
{
  sb_field_clear_error (GTK_WIDGET (self->host_entry), self->host_error);
  update_http_requests (self);
}

static void
port_changed_cb (SbClientPane *self,
                 GtkEditable  *editable)
{
  sb_field_clear_error (GTK_WIDGET (self->port_entry), self->port_error);
  update_http_requests (self);
}

static void
entry_activate_cb (SbClientPane *self,
                   GtkEntry     *entry)
{
  const char *next = _sb_client_pane_next_step_action (self);

  /* Enter makes the next call. */
  if (gtk_switch_get_active (self->step_switch) && !_sb_client_pane_is_udp (self))
    {
      if (next != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), next, NULL);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.connect", NULL);
}

/* UDP: Send on a socket that is not connected goes to Host and Port. */
static void
udp_send_to_cb (SbClientPane *self,
                GBytes       *bytes,
                SbClientUdp  *udp)
{
  g_autofree char *host = NULL;
  guint16 port = 0;

  if (!read_endpoint (self, &host, &port))
    return;

  set_target (self, host, port);
  sb_client_udp_send_to (udp, host, port, bytes);
}

static void
udp_notify_cb (SbClientPane *self)
{
  _sb_client_pane_update (self);
}

/* TCP and UDP have their own controls; the drop-down is insensitive while
 * a socket exists, so the switch never leaves one behind. */
static void
protocol_changed_cb (SbClientPane *self,
                     GParamSpec   *pspec,
                     GtkDropDown  *dropdown)
{
  gboolean udp = _sb_client_pane_is_udp (self);

  gtk_widget_set_visible (GTK_WIDGET (self->controls), !udp);
  gtk_widget_set_visible (GTK_WIDGET (self->kernel_view), !udp);
  gtk_widget_set_visible (GTK_WIDGET (self->udp), udp);
  sb_field_clear_error (GTK_WIDGET (self->host_entry), self->host_error);
  sb_field_clear_error (GTK_WIDGET (self->port_entry), self->port_error);
  _sb_client_pane_update (self);
}

SbClientPane *
sb_client_pane_new (void)
{
  return g_object_new (SB_TYPE_CLIENT_PANE, NULL);
}

SbWorkbench *
sb_client_pane_get_workbench (SbClientPane *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_PANE (self), NULL);

  return self->workbench;
}

void
sb_client_pane_set_workbench (SbClientPane *self,
                              SbWorkbench  *workbench)
{
  static const char * const udp_notifies[] = {
    "notify::state", "notify::local-tuple", "notify::peer-tuple",
  };

  g_return_if_fail (SB_IS_CLIENT_PANE (self));
  g_return_if_fail (workbench == NULL || SB_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;

  if (self->workbench != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workbench, self);
      g_signal_handlers_disconnect_by_data (sb_workbench_get_udp_client (self->workbench), self);
    }

  g_set_object (&self->workbench, workbench);

  if (workbench != NULL)
    {
      g_signal_connect_object (workbench, "notify::client", G_CALLBACK (workbench_client_cb),
                               self, G_CONNECT_SWAPPED);
      workbench_client_cb (self, NULL, workbench);
      /* Not its counters: a flood notifies those once per dispatch. */
      for (guint i = 0; i < G_N_ELEMENTS (udp_notifies); i++)
        g_signal_connect_object (sb_workbench_get_udp_client (workbench), udp_notifies[i],
                                 G_CALLBACK (udp_notify_cb), self, G_CONNECT_SWAPPED);
    }
  sb_client_udp_set_datagram (self->udp,
                              workbench != NULL ? sb_workbench_get_udp_client (workbench) : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.connect", workbench != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

void
sb_client_pane_bind_settings (SbClientPane *self,
                              GSettings    *settings)
{
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;

  g_return_if_fail (SB_IS_CLIENT_PANE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);

  host = g_settings_get_string (settings, "client-host");
  port = g_settings_get_string (settings, "client-port");
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port);

  sb_stream_controls_bind_settings (self->controls, settings);
  sb_protocol_dropdown_bind_settings (self->protocol_dropdown, settings, "client-protocol");
  g_settings_bind (settings, "client-step-by-step", self->step_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}

void
sb_client_pane_set_protocol (SbClientPane *self,
                         gboolean      udp)
{
  g_return_if_fail (SB_IS_CLIENT_PANE (self));

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->protocol_dropdown)))
    gtk_drop_down_set_selected (self->protocol_dropdown,
                                udp ? SB_PROTOCOL_UDP : SB_PROTOCOL_TCP);
}

void
sb_client_pane_connect_to (SbClientPane *self,
                           const char   *host,
                           guint16       port)
{
  g_autofree char *port_text = NULL;

  g_return_if_fail (SB_IS_CLIENT_PANE (self));
  g_return_if_fail (host != NULL);

  port_text = g_strdup_printf ("%u", port);
  /* Brackets keep an IPv6 address readable as one host. */
  if (strchr (host, ':') != NULL)
    {
      g_autofree char *bracketed = g_strdup_printf ("[%s]", host);
      gtk_editable_set_text (GTK_EDITABLE (self->host_entry), bracketed);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->host_entry), host);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port_text);

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.connect", NULL);
}

gboolean
sb_client_pane_get_compact (SbClientPane *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_PANE (self), FALSE);

  return self->compact;
}

/* Compact (sb-compact.h): Connect beside the title and the state, the
 * fields hidden, the stream controls compact. */
void
sb_client_pane_set_compact (SbClientPane *self,
                            gboolean      compact)
{
  GtkWidget *button;

  g_return_if_fail (SB_IS_CLIENT_PANE (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  button = GTK_WIDGET (self->connect_button);
  sb_compact_move (button, self->title_box, NULL, compact);
  gtk_widget_set_hexpand (button, compact);
  gtk_widget_set_halign (button, compact ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  sb_stream_controls_set_compact (self->controls, compact);
  sb_client_udp_set_compact (self->udp, compact);
  sb_compact_apply (GTK_WIDGET (self), compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
sb_client_pane_dispose (GObject *object)
{
  SbClientPane *self = SB_CLIENT_PANE (object);

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  if (self->workbench != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workbench, self);
      g_signal_handlers_disconnect_by_data (sb_workbench_get_udp_client (self->workbench), self);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->workbench);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CLIENT_PANE);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_client_pane_parent_class)->dispose (object);
}

static void
sb_client_pane_finalize (GObject *object)
{
  SbClientPane *self = SB_CLIENT_PANE (object);

  g_free (self->target);

  G_OBJECT_CLASS (sb_client_pane_parent_class)->finalize (object);
}

static void
sb_client_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbClientPane *self = SB_CLIENT_PANE (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, sb_client_pane_get_compact (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_client_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbClientPane *self = SB_CLIENT_PANE (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      sb_client_pane_set_workbench (self, g_value_get_object (value));
      break;

    case PROP_COMPACT:
      sb_client_pane_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_client_pane_class_init (SbClientPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_client_pane_dispose;
  object_class->finalize = sb_client_pane_finalize;
  object_class->get_property = sb_client_pane_get_property;
  object_class->set_property = sb_client_pane_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL,
                         SB_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbClientPane:compact:
   *
   * Whether it shows its compact form, for the presentation layout.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-client-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, host_entry);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, port_entry);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, host_error);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, port_error);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, state_pill);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, state_detail);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, kernel_view);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, controls);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, title_box);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, step_switch);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, step_buttons);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, step_label);
  gtk_widget_class_bind_template_child (widget_class, SbClientPane, udp);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, udp_send_to_cb);
  gtk_widget_class_bind_template_callback (widget_class, udp_notify_cb);

  gtk_widget_class_install_action (widget_class, "pane.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "pane.step-resolve", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "pane.step-socket", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "pane.step-connect", NULL, step_action);

  gtk_widget_class_set_css_name (widget_class, "pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (SB_TYPE_STREAM_CONTROLS);
  g_type_ensure (SB_TYPE_KERNEL_VIEW);
  g_type_ensure (SB_TYPE_STEP_BUTTONS);
  g_type_ensure (SB_TYPE_CLIENT_UDP);
}

static void
sb_client_pane_init (SbClientPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Client"),
                                  -1);
  sb_protocol_dropdown_setup (self->protocol_dropdown);
  g_signal_connect_object (self->protocol_dropdown, "notify::selected",
                           G_CALLBACK (protocol_changed_cb), self, G_CONNECT_SWAPPED);
  sb_client_udp_set_host_field (self->udp, GTK_WIDGET (self->host_entry), self->host_error);

  sb_step_buttons_add_call (self->step_buttons, "getaddrinfo()", "pane.step-resolve",
                            _("Look up the host's addresses"));
  sb_step_buttons_add_call (self->step_buttons, "socket()", "pane.step-socket",
                            _("Create a socket for the next address's family"));
  sb_step_buttons_add_call (self->step_buttons, "connect()", "pane.step-connect",
                            _("Connect the socket to the next address"));
  g_signal_connect_object (self->step_switch, "notify::active", G_CALLBACK (step_switch_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.connect", FALSE);
  _sb_client_pane_update (self);
  update_http_requests (self);
}
