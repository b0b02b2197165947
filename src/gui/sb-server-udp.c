/* sb-server-udp.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-server-udp"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sb-compact.h"
#include "sb-datagram.h"
#include "sb-datagram-peer.h"
#include "sb-message-input.h"
#include "sb-pane-util.h"
#include "sb-peer-list.h"
#include "sb-server-udp.h"
#include "sb-throttle.h"

/* Counters change once per dispatch under a flood; shown this often. */
#define UPDATE_INTERVAL_MS  200
/* How often the kernel is asked for drops no datagram has reported yet. */
#define REFRESH_INTERVAL_MS 500

struct _SbServerUdp
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *count_box;
  GtkLabel       *received_label;
  GtkLabel       *drops_label;
  GtkSpinButton  *buffer_spin;
  GtkLabel       *buffer_label;
  GtkLabel       *count_label;
  SbPeerList     *peer_list;
  GtkSwitch      *auto_receive_switch;
  GtkSpinButton  *receive_size_spin;
  GtkWidget      *receive_button;
  SbMessageInput *message_input;

  /* owned */
  SbDatagram     *datagram;
  GPtrArray      *bindings;
  SbThrottle      update_throttle;
  guint           refresh_id;

  /* borrowed */
  GtkWidget      *send_button;

  guint           had_socket : 1;
  guint           compact : 1;
};

enum {
  PROP_0,
  PROP_DATAGRAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbServerUdp, sb_server_udp, GTK_TYPE_WIDGET)

static gboolean
has_socket (SbServerUdp *self)
{
  SbDatagramState state;

  if (self->datagram == NULL)
    return FALSE;

  state = sb_datagram_get_state (self->datagram);
  return state == SB_DATAGRAM_OPEN || state == SB_DATAGRAM_BOUND
         || state == SB_DATAGRAM_CONNECTED;
}

static void
show_counts (gpointer data)
{
  SbServerUdp *self = data;
  g_autofree char *received = NULL;
  g_autofree char *drops = NULL;
  g_autofree char *buffer = NULL;
  guint64 n_received = 0;
  guint64 n_drops = 0;
  guint kernel_buffer = 0;

  if (self->datagram != NULL)
    {
      n_received = sb_datagram_get_datagrams_received (self->datagram);
      n_drops = sb_datagram_get_kernel_drops (self->datagram);
      kernel_buffer = sb_datagram_get_receive_buffer (self->datagram);
    }

  /* Translators: datagrams received (recvfrom() calls that returned one) */
  received = g_strdup_printf (_("Received: %" PRIu64), n_received);
  /* Translators: datagrams the kernel dropped for want of buffer space */
  drops = g_strdup_printf (_("Kernel drops: %" PRIu64), n_drops);
  sb_label_set_value (self->received_label, received, _("Received"));
  sb_label_set_value (self->drops_label, drops, _("Kernel drops"));
  if (n_drops > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->drops_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->drops_label), "warning");

  if (kernel_buffer > 0)
    /* Translators: SO_RCVBUF as getsockopt() reports it, in bytes */
    buffer = g_strdup_printf (_("the kernel’s: %u bytes"), kernel_buffer);
  else
    buffer = g_strdup (_("no socket"));
  sb_label_set_value (self->buffer_label, buffer, _("Receive buffer in the kernel"));
}

static void
counts_changed_cb (SbServerUdp *self)
{
  sb_throttle_queue (&self->update_throttle);
}

static gboolean
refresh_cb (gpointer data)
{
  SbServerUdp *self = data;

  sb_datagram_refresh (self->datagram);

  return G_SOURCE_CONTINUE;
}

/* Asks for the receive buffer shown, if one was chosen; the kernel's
 * answer shows beside it. */
static void
apply_buffer (SbServerUdp *self)
{
  g_autoptr(GError) error = NULL;
  guint bytes = (guint) gtk_spin_button_get_value (self->buffer_spin);

  if (bytes == 0 || !has_socket (self))
    return;

  if (!sb_datagram_set_receive_buffer (self->datagram, bytes, &error))
    sb_widget_toast (GTK_WIDGET (self), error->message);
}

static void
update_send (SbServerUdp *self)
{
  SbDatagramPeer *peer = sb_peer_list_get_selected_peer (self->peer_list);
  gboolean socket = has_socket (self);
  g_autofree char *tooltip = NULL;

  if (!socket)
    tooltip = g_strdup (_("Listen first: sendto() needs a socket"));
  else if (peer == NULL)
    tooltip = g_strdup (_("Select a peer in Peers to send it a datagram; peers appear when "
                          "datagrams arrive"));
  else
    /* Translators: the selected peer's tuple, as Python prints it */
    tooltip = g_strdup_printf (_("sendto() the message to %s (Ctrl+Enter)"),
                               sb_datagram_peer_get_tuple (peer));

  sb_message_input_set_can_send (self->message_input, socket && peer != NULL);
  if (self->send_button != NULL)
    sb_widget_set_tooltip (self->send_button, tooltip);
}

static void
update (SbServerUdp *self)
{
  gboolean socket = has_socket (self);
  gboolean auto_receive = gtk_switch_get_active (self->auto_receive_switch);

  /* A new socket gets the receive buffer asked for. */
  if (socket && !self->had_socket)
    apply_buffer (self);
  self->had_socket = socket;

  if (socket && self->refresh_id == 0)
    {
      self->refresh_id = g_timeout_add (REFRESH_INTERVAL_MS, refresh_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->refresh_id),
                                "[sockbench] datagram refresh");
    }
  else if (!socket)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "udp.receive", socket && !auto_receive);
  update_send (self);
  sb_throttle_run (&self->update_throttle);
}

static void
state_changed_cb (SbServerUdp *self)
{
  update (self);
}

static void
n_peers_cb (SbServerUdp *self,
            GParamSpec  *pspec,
            SbPeerList  *list)
{
  g_autofree char *count = g_strdup_printf ("%u", sb_peer_list_get_n_items (list));

  gtk_label_set_text (self->count_label, count);
}

static void
selected_cb (SbServerUdp *self,
             GParamSpec  *pspec,
             SbPeerList  *list)
{
  update_send (self);
}

static void
send_cb (SbServerUdp    *self,
         GBytes         *bytes,
         SbMessageInput *input)
{
  SbDatagramPeer *peer = sb_peer_list_get_selected_peer (self->peer_list);
  g_autoptr(GError) error = NULL;

  if (peer == NULL || !has_socket (self))
    return;

  if (!sb_datagram_send_to (self->datagram, sb_datagram_peer_get_host (peer),
                            sb_datagram_peer_get_port (peer), bytes, &error))
    sb_widget_toast (GTK_WIDGET (self), error->message);
}

static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbServerUdp *self = SB_SERVER_UDP (widget);
  g_autoptr(GError) error = NULL;

  if (has_socket (self) && !sb_datagram_receive_one (self->datagram, &error))
    sb_widget_toast (widget, error->message);
}

/* "default" for 0: the kernel's own size. */
static gboolean
buffer_output_cb (GtkSpinButton *spin,
                  gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (value < 1)
    text = g_strdup (C_("receive buffer", "default"));
  else
    text = g_strdup_printf ("%.0f", value);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
buffer_input_cb (GtkSpinButton *spin,
                 double        *value,
                 gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double parsed;

  if (*text == '\0' || g_strcmp0 (text, C_("receive buffer", "default")) == 0)
    {
      *value = 0;
      return TRUE;
    }

  parsed = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || parsed < 0)
    return GTK_INPUT_ERROR;

  *value = parsed;
  return TRUE;
}

static void
buffer_changed_cb (SbServerUdp   *self,
                   GtkSpinButton *spin)
{
  apply_buffer (self);
}

SbServerUdp *
sb_server_udp_new (void)
{
  return g_object_new (SB_TYPE_SERVER_UDP, NULL);
}

SbDatagram *
sb_server_udp_get_datagram (SbServerUdp *self)
{
  g_return_val_if_fail (SB_IS_SERVER_UDP (self), NULL);

  return self->datagram;
}

static void
sb_server_udp_unbind (SbServerUdp *self)
{
  sb_bindings_unbind_all (self->bindings);

  if (self->datagram != NULL)
    g_signal_handlers_disconnect_by_data (self->datagram, self);
  if (self->peer_list != NULL)
    sb_peer_list_set_model (self->peer_list, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  sb_throttle_clear (&self->update_throttle);
}

void
sb_server_udp_set_datagram (SbServerUdp *self,
                            SbDatagram  *datagram)
{
  g_return_if_fail (SB_IS_SERVER_UDP (self));
  g_return_if_fail (datagram == NULL || SB_IS_DATAGRAM (datagram));

  if (self->datagram == datagram)
    return;

  sb_server_udp_unbind (self);
  g_set_object (&self->datagram, datagram);
  self->had_socket = FALSE;

  if (datagram != NULL)
    {
      /* The controls' values go to the socket; its answers come back. */
      sb_receive_row_bind (self->auto_receive_switch, self->receive_size_spin, datagram, FALSE,
                           self->bindings);
      g_signal_connect_object (datagram, "notify::state", G_CALLBACK (state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (datagram, "notify::auto-receive", G_CALLBACK (state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (datagram, "notify::datagrams-received",
                               G_CALLBACK (counts_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (datagram, "notify::kernel-drops",
                               G_CALLBACK (counts_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (datagram, "notify::receive-buffer",
                               G_CALLBACK (counts_changed_cb), self, G_CONNECT_SWAPPED);
      sb_peer_list_set_model (self->peer_list, sb_datagram_get_peers (datagram));
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATAGRAM]);
}

void
sb_server_udp_bind_settings (SbServerUdp *self,
                             GSettings   *settings)
{
  g_return_if_fail (SB_IS_SERVER_UDP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  /* The same keys as the TCP controls: one choice of how to receive. */
  sb_receive_row_bind_settings (self->auto_receive_switch, self->receive_size_spin, settings);
}

/* Compact: Receive beside Send, the settings hidden (sb_compact_apply()
 * on the pane hides the "compact-hide" rows). */
void
sb_server_udp_set_compact (SbServerUdp *self,
                           gboolean     compact)
{
  g_return_if_fail (SB_IS_SERVER_UDP (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  sb_receive_row_set_compact (self->receive_button, self->message_input, compact);
}

GtkWidget *
sb_server_udp_get_status_row (SbServerUdp *self)
{
  g_return_val_if_fail (SB_IS_SERVER_UDP (self), NULL);

  return self->count_box;
}

static void
sb_server_udp_dispose (GObject *object)
{
  SbServerUdp *self = SB_SERVER_UDP (object);

  sb_server_udp_unbind (self);
  g_clear_object (&self->datagram);
  self->send_button = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SERVER_UDP);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_server_udp_parent_class)->dispose (object);
}

static void
sb_server_udp_finalize (GObject *object)
{
  SbServerUdp *self = SB_SERVER_UDP (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_server_udp_parent_class)->finalize (object);
}

static void
sb_server_udp_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbServerUdp *self = SB_SERVER_UDP (object);

  switch (prop_id)
    {
    case PROP_DATAGRAM:
      g_value_set_object (value, self->datagram);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_server_udp_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbServerUdp *self = SB_SERVER_UDP (object);

  switch (prop_id)
    {
    case PROP_DATAGRAM:
      sb_server_udp_set_datagram (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_server_udp_class_init (SbServerUdpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_server_udp_dispose;
  object_class->finalize = sb_server_udp_finalize;
  object_class->get_property = sb_server_udp_get_property;
  object_class->set_property = sb_server_udp_set_property;

  properties[PROP_DATAGRAM] =
    g_param_spec_object ("datagram", NULL, NULL,
                         SB_TYPE_DATAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-server-udp.ui");
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, count_box);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, received_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, drops_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, buffer_spin);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, buffer_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, count_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, peer_list);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, auto_receive_switch);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, receive_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, receive_button);
  gtk_widget_class_bind_template_child (widget_class, SbServerUdp, message_input);
  gtk_widget_class_bind_template_callback (widget_class, buffer_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_peers_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_cb);

  gtk_widget_class_install_action (widget_class, "udp.receive", NULL, receive_action);

  gtk_widget_class_set_css_name (widget_class, "serverudp");

  g_type_ensure (SB_TYPE_PEER_LIST);
  g_type_ensure (SB_TYPE_MESSAGE_INPUT);
}

static void
sb_server_udp_init (SbServerUdp *self)
{
  GtkWidget *row;

  self->bindings = g_ptr_array_new ();
  sb_throttle_init (&self->update_throttle, UPDATE_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    show_counts, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Send's tooltip says why it cannot send (no peer chosen). */
  row = sb_message_input_get_button_row (self->message_input);
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ACTIONABLE (child)
        && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)),
                      "message.send") == 0)
      self->send_button = child;

  g_signal_connect_object (self->auto_receive_switch, "notify::active",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}
