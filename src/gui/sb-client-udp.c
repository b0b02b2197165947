/* sb-client-udp.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-client-udp"

#include "config.h"

#include <errno.h>

#include <string.h>

#include <glib/gi18n.h>

#include "sb-client-udp.h"
#include "sb-compact.h"
#include "sb-datagram.h"
#include "sb-datagram-resolve.h"
#include "sb-message-input.h"
#include "sb-pane-util.h"

struct _SbClientUdp
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkSwitch      *auto_receive_switch;
  GtkSpinButton  *receive_size_spin;
  GtkWidget      *receive_button;
  SbMessageInput *message_input;
  GtkLabel       *message_label;
  GtkSwitch      *broadcast_switch;

  /* owned */
  SbDatagram     *datagram;
  GCancellable   *cancellable;    /* of the sendto() or connect() being resolved */
  GPtrArray      *bindings;

  /* borrowed: the pane's Host field */
  GtkWidget      *host_entry;
  GtkLabel       *host_error;

  gboolean        compact;
};

enum {
  PROP_0,
  PROP_DATAGRAM,
  PROP_BUSY,
  PROP_COMPACT,
  N_PROPS
};

enum {
  SEND_TO,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SbClientUdp, sb_client_udp, GTK_TYPE_WIDGET)

const char *
sb_client_udp_state_to_string (SbDatagramState state)
{
  switch (state)
    {
    case SB_DATAGRAM_OPEN:      return _("socket open");
    case SB_DATAGRAM_BOUND:     return _("bound");
    case SB_DATAGRAM_CONNECTED: return _("connected");
    case SB_DATAGRAM_FAILED:    return _("failed");
    case SB_DATAGRAM_IDLE:
    default:                    return _("no socket");
    }
}

gboolean
sb_client_udp_state_has_socket (SbDatagramState state)
{
  return state == SB_DATAGRAM_OPEN || state == SB_DATAGRAM_BOUND
         || state == SB_DATAGRAM_CONNECTED;
}

static SbDatagramState
get_state (SbClientUdp *self)
{
  return self->datagram != NULL ? sb_datagram_get_state (self->datagram) : SB_DATAGRAM_IDLE;
}

static void
sb_client_udp_update (SbClientUdp *self)
{
  gboolean has_socket = sb_client_udp_state_has_socket (get_state (self));
  gboolean busy = self->cancellable != NULL;

  sb_message_input_set_can_send (self->message_input, self->datagram != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "udp.receive",
                                 has_socket && !gtk_switch_get_active (self->auto_receive_switch));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "udp.close", has_socket && !busy);
}

/* The outcome of the last call, under the message: nothing after a call
 * that went well.  A refusal is the peer's host answering ICMP port
 * unreachable to a connect()ed socket: neither our failure nor the
 * user's, so not shown as an error. */
static void
show_message (SbClientUdp *self,
              const char  *message)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);
  gboolean refused = message != NULL && self->datagram != NULL
                     && sb_datagram_get_error_errno (self->datagram) == ECONNREFUSED;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (label, message != NULL);
  if (message == NULL)
    return;

  if (refused)
    /* Translators: %s is "recvfrom ('127.0.0.1', 9): nothing is listening … (ECONNREFUSED)" */
    text = g_strdup_printf (_("The peer's host answered ICMP port unreachable: %s"), message);
  gtk_label_set_text (self->message_label, text != NULL ? text : message);
  if (refused)
    gtk_widget_remove_css_class (label, "error");
  else
    gtk_widget_add_css_class (label, "error");
}

static void
datagram_error_cb (SbClientUdp *self,
                   GParamSpec  *pspec,
                   SbDatagram  *datagram)
{
  show_message (self, sb_datagram_get_error_message (datagram));
}

static void
datagram_state_cb (SbClientUdp *self,
                   GParamSpec  *pspec,
                   SbDatagram  *datagram)
{
  /* Closed: what the last call met was about that socket. */
  if (!sb_client_udp_state_has_socket (sb_datagram_get_state (datagram)))
    show_message (self, NULL);
  sb_client_udp_update (self);
}

static void
set_busy (SbClientUdp *self,
          gboolean     busy)
{
  if ((self->cancellable != NULL) == busy)
    return;

  if (busy)
    self->cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->cancellable);

  sb_client_udp_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A host that does not resolve, or has no address of the socket's family,
 * is shown at Host; the other failures under the message already. */
static void
call_done (SbClientUdp *self,
           GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error != NULL && self->host_entry != NULL
      && (error->domain == G_RESOLVER_ERROR
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)))
    {
      show_message (self, NULL);
      sb_field_show_error (self->host_entry, self->host_error, error, 0);
    }
}

static void
send_to_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbClientUdp) self = SB_CLIENT_UDP (user_data);
  g_autoptr(GError) error = NULL;

  sb_datagram_send_to_host_finish (SB_DATAGRAM (source), result, &error);
  call_done (self, error);
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbClientUdp) self = SB_CLIENT_UDP (user_data);
  g_autoptr(GError) error = NULL;

  sb_datagram_connect_host_finish (SB_DATAGRAM (source), result, &error);
  call_done (self, error);
}

void
sb_client_udp_send_to (SbClientUdp *self,
                       const char  *host,
                       guint16      port,
                       GBytes      *bytes)
{
  g_return_if_fail (SB_IS_CLIENT_UDP (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (bytes != NULL);

  if (self->datagram == NULL || self->cancellable != NULL)
    return;

  set_busy (self, TRUE);
  sb_datagram_send_to_host_async (self->datagram, host, port, bytes, self->cancellable,
                                  send_to_done_cb, g_object_ref (self));
}

void
sb_client_udp_connect_to (SbClientUdp *self,
                          const char  *host,
                          guint16      port)
{
  g_return_if_fail (SB_IS_CLIENT_UDP (self));
  g_return_if_fail (host != NULL);

  if (self->datagram == NULL || self->cancellable != NULL)
    return;

  set_busy (self, TRUE);
  sb_datagram_connect_host_async (self->datagram, host, port, self->cancellable,
                                  connect_done_cb, g_object_ref (self));
}

static void
send_cb (SbClientUdp    *self,
         GBytes         *bytes,
         SbMessageInput *input)
{
  if (self->datagram == NULL)
    return;

  /* Connected: send() to the peer connect() fixed.  Its failure is shown
   * by datagram_error_cb(). */
  if (sb_datagram_get_state (self->datagram) == SB_DATAGRAM_CONNECTED)
    sb_datagram_send (self->datagram, bytes, NULL);
  else
    g_signal_emit (self, signals[SEND_TO], 0, bytes);
}

static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbClientUdp *self = SB_CLIENT_UDP (widget);
  g_autoptr(GError) error = NULL;

  if (self->datagram == NULL || !sb_client_udp_state_has_socket (get_state (self)))
    return;

  /* Nothing waiting is a normal answer: the log's row says so. */
  if (!sb_datagram_receive_one (self->datagram, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    show_message (self, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SbClientUdp *self = SB_CLIENT_UDP (widget);

  if (self->datagram != NULL)
    sb_datagram_close (self->datagram);
}

SbClientUdp *
sb_client_udp_new (void)
{
  return g_object_new (SB_TYPE_CLIENT_UDP, NULL);
}

SbDatagram *
sb_client_udp_get_datagram (SbClientUdp *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_UDP (self), NULL);

  return self->datagram;
}

static void
unbind (SbClientUdp *self)
{
  sb_bindings_unbind_all (self->bindings);

  if (self->datagram != NULL)
    g_signal_handlers_disconnect_by_data (self->datagram, self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
sb_client_udp_set_datagram (SbClientUdp *self,
                            SbDatagram  *datagram)
{
  g_return_if_fail (SB_IS_CLIENT_UDP (self));
  g_return_if_fail (datagram == NULL || SB_IS_DATAGRAM (datagram));

  if (self->datagram == datagram)
    return;

  unbind (self);
  g_set_object (&self->datagram, datagram);

  if (datagram != NULL)
    {
      /* The socket's values show; changes go to it. */
      sb_receive_row_bind (self->auto_receive_switch, self->receive_size_spin, datagram, TRUE,
                           self->bindings);
      g_ptr_array_add (self->bindings,
                       g_object_bind_property (datagram, "broadcast",
                                               self->broadcast_switch, "active",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
      g_signal_connect_object (datagram, "notify::state", G_CALLBACK (datagram_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (datagram, "notify::error-message",
                               G_CALLBACK (datagram_error_cb), self, G_CONNECT_SWAPPED);
    }

  show_message (self, datagram != NULL ? sb_datagram_get_error_message (datagram) : NULL);
  sb_client_udp_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATAGRAM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
sb_client_udp_get_busy (SbClientUdp *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_UDP (self), FALSE);

  return self->cancellable != NULL;
}

void
sb_client_udp_set_host_field (SbClientUdp *self,
                              GtkWidget   *entry,
                              GtkLabel    *error_label)
{
  g_return_if_fail (SB_IS_CLIENT_UDP (self));
  g_return_if_fail (GTK_IS_WIDGET (entry));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  self->host_entry = entry;
  self->host_error = error_label;
}

SbMessageInput *
sb_client_udp_get_message_input (SbClientUdp *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_UDP (self), NULL);

  return self->message_input;
}

gboolean
sb_client_udp_get_compact (SbClientUdp *self)
{
  g_return_val_if_fail (SB_IS_CLIENT_UDP (self), FALSE);

  return self->compact;
}

/* Compact: the message on one line beside Receive and Send, the receive
 * settings hidden, as SbStreamControls does. */
void
sb_client_udp_set_compact (SbClientUdp *self,
                           gboolean     compact)
{
  g_return_if_fail (SB_IS_CLIENT_UDP (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  sb_receive_row_set_compact (self->receive_button, self->message_input, compact);
  sb_compact_apply (GTK_WIDGET (self), compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
auto_receive_cb (SbClientUdp *self,
                 GParamSpec  *pspec,
                 GtkSwitch   *auto_receive_switch)
{
  sb_client_udp_update (self);
}

static void
sb_client_udp_dispose (GObject *object)
{
  SbClientUdp *self = SB_CLIENT_UDP (object);

  unbind (self);
  g_clear_object (&self->datagram);
  self->host_entry = NULL;
  self->host_error = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CLIENT_UDP);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_client_udp_parent_class)->dispose (object);
}

static void
sb_client_udp_finalize (GObject *object)
{
  SbClientUdp *self = SB_CLIENT_UDP (object);

  g_ptr_array_unref (self->bindings);

  G_OBJECT_CLASS (sb_client_udp_parent_class)->finalize (object);
}

static void
sb_client_udp_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbClientUdp *self = SB_CLIENT_UDP (object);

  switch (prop_id)
    {
    case PROP_DATAGRAM:
      g_value_set_object (value, self->datagram);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, sb_client_udp_get_busy (self));
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_client_udp_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbClientUdp *self = SB_CLIENT_UDP (object);

  switch (prop_id)
    {
    case PROP_DATAGRAM:
      sb_client_udp_set_datagram (self, g_value_get_object (value));
      break;

    case PROP_COMPACT:
      sb_client_udp_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_client_udp_class_init (SbClientUdpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_client_udp_dispose;
  object_class->finalize = sb_client_udp_finalize;
  object_class->get_property = sb_client_udp_get_property;
  object_class->set_property = sb_client_udp_set_property;

  properties[PROP_DATAGRAM] =
    g_param_spec_object ("datagram", NULL, NULL, SB_TYPE_DATAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbClientUdp:compact:
   *
   * Whether it shows its compact form, for the presentation layout.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbClientUdp::send-to:
   * @bytes: the datagram to send
   *
   * Send on a socket that is not connect()ed: where to is the pane's.
   */
  signals[SEND_TO] =
    g_signal_new ("send-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-client-udp.ui");
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, auto_receive_switch);
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, receive_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, receive_button);
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, message_input);
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, message_label);
  gtk_widget_class_bind_template_child (widget_class, SbClientUdp, broadcast_switch);
  gtk_widget_class_bind_template_callback (widget_class, send_cb);

  gtk_widget_class_install_action (widget_class, "udp.receive", NULL, receive_action);
  gtk_widget_class_install_action (widget_class, "udp.close", NULL, close_action);

  gtk_widget_class_set_css_name (widget_class, "streamcontrols");

  g_type_ensure (SB_TYPE_MESSAGE_INPUT);
}

static void
sb_client_udp_init (SbClientUdp *self)
{
  self->bindings = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->auto_receive_switch, "notify::active",
                           G_CALLBACK (auto_receive_cb), self, G_CONNECT_SWAPPED);
  sb_client_udp_update (self);
}
