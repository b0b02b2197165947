/* sb-stream-controls.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-stream-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-compact.h"
#include "sb-message-input.h"
#include "sb-pane-util.h"
#include "sb-stream.h"
#include "sb-stream-controls.h"
#include "sb-throttle.h"

#define DEFAULT_RECEIVE_SIZE 1024
#define MAX_RECEIVE_SIZE     1048576

/* The controls update at once on a state change (the throttle keeps the
 * rate bounded should updates ever be queued). */
#define UPDATE_INTERVAL_MS   200

struct _SbStreamControls
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkSwitch      *auto_receive_switch;
  GtkSpinButton  *receive_size_spin;
  SbMessageInput *message_input;
  GtkWidget      *receive_button;

  /* owned */
  SbStream       *stream;
  GBinding       *auto_receive_binding;
  GBinding       *receive_size_binding;

  gboolean        auto_receive;
  guint           receive_size;
  gboolean        compact;

  SbThrottle      update_throttle;
};

enum {
  PROP_0,
  PROP_STREAM,
  PROP_AUTO_RECEIVE,
  PROP_RECEIVE_SIZE,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbStreamControls, sb_stream_controls, GTK_TYPE_WIDGET)

static void
sb_stream_controls_update (SbStreamControls *self)
{
  SbStreamState state = SB_STREAM_IDLE;
  gboolean can_send = FALSE;
  gboolean can_receive = FALSE;
  gboolean can_shut = FALSE;
  gboolean can_reset = FALSE;

  if (self->stream != NULL)
    state = sb_stream_get_state (self->stream);

  switch (state)
    {
    case SB_STREAM_CONNECTED:
      can_send = can_receive = can_shut = can_reset = TRUE;
      break;

    case SB_STREAM_PEER_CLOSED:
      can_send = can_shut = can_reset = TRUE;
      break;

    case SB_STREAM_WRITE_SHUT:
      can_receive = can_reset = TRUE;
      break;

    case SB_STREAM_BOTH_SHUT:
      can_reset = TRUE;
      break;

    case SB_STREAM_IDLE:
    case SB_STREAM_RESOLVING:
    case SB_STREAM_RESOLVED:
    case SB_STREAM_SOCKET_OPEN:
    case SB_STREAM_CONNECTING:
    case SB_STREAM_CLOSED:
    case SB_STREAM_PEER_LEFT:
    case SB_STREAM_FAILED:
    default:
      break;
    }

  sb_message_input_set_can_send (self->message_input, can_send);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stream.receive",
                                 can_receive && !self->auto_receive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stream.shutdown-write", can_shut);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stream.close",
                                 self->stream != NULL && sb_stream_state_is_open (state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stream.reset", can_reset);
}

static void
update_cb (gpointer data)
{
  sb_stream_controls_update (data);
}

/* The controls follow the state at once; the counters and what waits in
 * the kernel are shown by others (SbKernelView). */
static void
stream_notify_cb (SbStreamControls *self,
                  GParamSpec       *pspec,
                  SbStream         *stream)
{
  sb_throttle_run (&self->update_throttle);
}

static void
send_cb (SbStreamControls *self,
         GBytes           *bytes,
         SbMessageInput   *input)
{
  g_autoptr(GError) error = NULL;

  if (self->stream == NULL)
    return;

  if (!sb_stream_send (self->stream, bytes, &error))
    sb_widget_toast_stream_error (GTK_WIDGET (self), self->stream, error->message);
}

static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (widget);
  g_autoptr(GError) error = NULL;

  if (self->stream != NULL && !sb_stream_receive (self->stream, &error))
    sb_widget_toast_stream_error (widget, self->stream, error->message);
}

static void
shutdown_write_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (widget);
  g_autoptr(GError) error = NULL;

  if (self->stream != NULL && !sb_stream_shutdown_write (self->stream, &error))
    sb_widget_toast_stream_error (widget, self->stream, error->message);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (widget);

  if (self->stream != NULL)
    sb_stream_close (self->stream);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (widget);

  if (self->stream != NULL)
    sb_stream_reset (self->stream);
}

SbStreamControls *
sb_stream_controls_new (void)
{
  return g_object_new (SB_TYPE_STREAM_CONTROLS, NULL);
}

SbStream *
sb_stream_controls_get_stream (SbStreamControls *self)
{
  g_return_val_if_fail (SB_IS_STREAM_CONTROLS (self), NULL);

  return self->stream;
}

static void
sb_stream_controls_unbind (SbStreamControls *self)
{
  if (self->auto_receive_binding != NULL)
    g_binding_unbind (self->auto_receive_binding);
  if (self->receive_size_binding != NULL)
    g_binding_unbind (self->receive_size_binding);
  self->auto_receive_binding = NULL;
  self->receive_size_binding = NULL;

  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_func (self->stream, stream_notify_cb, self);
}

void
sb_stream_controls_set_stream (SbStreamControls *self,
                               SbStream         *stream)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));
  g_return_if_fail (stream == NULL || SB_IS_STREAM (stream));

  if (self->stream == stream)
    return;

  sb_stream_controls_unbind (self);
  g_set_object (&self->stream, stream);

  if (stream != NULL)
    {
      /* The controls show what this socket does; changes go to it. */
      self->auto_receive_binding =
        g_object_bind_property (stream, "auto-receive", self, "auto-receive",
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      self->receive_size_binding =
        g_object_bind_property (stream, "receive-size", self, "receive-size",
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_signal_connect_object (stream, "notify::state", G_CALLBACK (stream_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }

  sb_throttle_run (&self->update_throttle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

gboolean
sb_stream_controls_get_auto_receive (SbStreamControls *self)
{
  g_return_val_if_fail (SB_IS_STREAM_CONTROLS (self), FALSE);

  return self->auto_receive;
}

void
sb_stream_controls_set_auto_receive (SbStreamControls *self,
                                     gboolean          auto_receive)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));

  auto_receive = !!auto_receive;
  if (self->auto_receive == auto_receive)
    return;

  self->auto_receive = auto_receive;
  sb_stream_controls_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RECEIVE]);
}

guint
sb_stream_controls_get_receive_size (SbStreamControls *self)
{
  g_return_val_if_fail (SB_IS_STREAM_CONTROLS (self), 0);

  return self->receive_size;
}

void
sb_stream_controls_set_receive_size (SbStreamControls *self,
                                     guint             receive_size)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));

  receive_size = CLAMP (receive_size, 1, MAX_RECEIVE_SIZE);
  if (self->receive_size == receive_size)
    return;

  self->receive_size = receive_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVE_SIZE]);
}

void
sb_stream_controls_apply_to (SbStreamControls *self,
                             SbStream         *stream)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));
  g_return_if_fail (SB_IS_STREAM (stream));

  sb_stream_set_auto_receive (stream, self->auto_receive);
  sb_stream_set_receive_size (stream, self->receive_size);
}

void
sb_stream_controls_bind_settings (SbStreamControls *self,
                                  GSettings        *settings)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  /* The controls' own properties follow the switch and the spin button. */
  sb_receive_row_bind_settings (self->auto_receive_switch, self->receive_size_spin, settings);
}

SbMessageInput *
sb_stream_controls_get_message_input (SbStreamControls *self)
{
  g_return_val_if_fail (SB_IS_STREAM_CONTROLS (self), NULL);

  return self->message_input;
}

gboolean
sb_stream_controls_get_compact (SbStreamControls *self)
{
  g_return_val_if_fail (SB_IS_STREAM_CONTROLS (self), FALSE);

  return self->compact;
}

/* Compact: the message on one line beside Receive and Send, the receive
 * settings hidden. */
void
sb_stream_controls_set_compact (SbStreamControls *self,
                                gboolean          compact)
{
  g_return_if_fail (SB_IS_STREAM_CONTROLS (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  sb_receive_row_set_compact (self->receive_button, self->message_input, compact);
  sb_compact_apply (GTK_WIDGET (self), compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
sb_stream_controls_dispose (GObject *object)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (object);

  sb_stream_controls_unbind (self);
  sb_throttle_clear (&self->update_throttle);
  g_clear_object (&self->stream);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STREAM_CONTROLS);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_stream_controls_parent_class)->dispose (object);
}

static void
sb_stream_controls_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    case PROP_AUTO_RECEIVE:
      g_value_set_boolean (value, self->auto_receive);
      break;

    case PROP_RECEIVE_SIZE:
      g_value_set_uint (value, self->receive_size);
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, sb_stream_controls_get_compact (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_stream_controls_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbStreamControls *self = SB_STREAM_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      sb_stream_controls_set_stream (self, g_value_get_object (value));
      break;

    case PROP_AUTO_RECEIVE:
      sb_stream_controls_set_auto_receive (self, g_value_get_boolean (value));
      break;

    case PROP_RECEIVE_SIZE:
      sb_stream_controls_set_receive_size (self, g_value_get_uint (value));
      break;

    case PROP_COMPACT:
      sb_stream_controls_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_stream_controls_class_init (SbStreamControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_stream_controls_dispose;
  object_class->get_property = sb_stream_controls_get_property;
  object_class->set_property = sb_stream_controls_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_RECEIVE] =
    g_param_spec_boolean ("auto-receive", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVE_SIZE] =
    g_param_spec_uint ("receive-size", NULL, NULL,
                       1, MAX_RECEIVE_SIZE, DEFAULT_RECEIVE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbStreamControls:compact:
   *
   * Whether it shows its compact form, for the presentation layout.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-stream-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStreamControls, auto_receive_switch);
  gtk_widget_class_bind_template_child (widget_class, SbStreamControls, receive_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SbStreamControls, message_input);
  gtk_widget_class_bind_template_child (widget_class, SbStreamControls, receive_button);
  gtk_widget_class_bind_template_callback (widget_class, send_cb);

  gtk_widget_class_install_action (widget_class, "stream.receive", NULL, receive_action);
  gtk_widget_class_install_action (widget_class, "stream.shutdown-write", NULL,
                                   shutdown_write_action);
  gtk_widget_class_install_action (widget_class, "stream.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "stream.reset", NULL, reset_action);

  gtk_widget_class_set_css_name (widget_class, "streamcontrols");

  g_type_ensure (SB_TYPE_MESSAGE_INPUT);
}

static void
sb_stream_controls_init (SbStreamControls *self)
{
  self->auto_receive = TRUE;
  self->receive_size = DEFAULT_RECEIVE_SIZE;
  sb_throttle_init (&self->update_throttle, UPDATE_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    update_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self, "auto-receive", self->auto_receive_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "receive-size", self->receive_size_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  sb_stream_controls_update (self);
}
