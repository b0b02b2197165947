/* sb-kernel-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-kernel-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-kernel-view.h"
#include "sb-listener.h"
#include "sb-pane-util.h"
#include "sb-stream.h"
#include "sb-tcp-state.h"
#include "sb-throttle.h"

/* Kernel figures change with every socket call; they are shown this often. */
#define UPDATE_INTERVAL_MS 200

/* A state described at more length than this ("CLOSE: both directions shut
 * down; …") gets the line to itself, the bytes going below. */
#define LONG_STATE_CHARS 24

struct _SbKernelView
{
  GtkWidget   parent_instance;

  /* template widgets */
  GtkLabel   *accept_label;
  GtkWidget  *stream_box;
  GtkLabel   *tcp_label;
  GtkWidget  *bytes_child;
  GtkLabel   *waiting_label;
  GtkLabel   *unacked_label;

  /* owned */
  SbListener *listener;
  SbStream   *stream;
  SbThrottle  update_throttle;

  guint       show_stream : 1;
};

enum {
  PROP_0,
  PROP_LISTENER,
  PROP_STREAM,
  PROP_SHOW_STREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbKernelView, sb_kernel_view, GTK_TYPE_WIDGET)

char *
sb_kernel_view_describe_tcp_state (SbStream *stream,
                                   gboolean  brief)
{
  const char *name;
  gboolean open;

  g_return_val_if_fail (stream == NULL || SB_IS_STREAM (stream), NULL);

  if (stream == NULL)
    return NULL;

  name = sb_stream_get_tcp_state (stream);
  open = sb_stream_state_is_open (sb_stream_get_state (stream));

  if (name != NULL && open && g_str_equal (name, "CLOSE") && brief)
    /* Translators: Linux reports CLOSE for a socket after both FINs */
    return g_strdup_printf (_("%s (socket open)"), name);

  if (name != NULL && open && g_str_equal (name, "CLOSE"))
    /* Translators: Linux reports CLOSE for a socket after both FINs or a reset */
    return g_strdup_printf (_("%s: the connection is over; the socket is still open"), name);

  if (name != NULL && open)
    return g_strdup (name);

  if (name != NULL)
    /* Translators: a TCP state the kernel keeps after close(), "TIME_WAIT" */
    return g_strdup_printf (_("%s (socket closed)"), name);

  /* Closed, and the kernel keeps nothing of the connection any more. */
  if (sb_stream_get_peer_tuple (stream) != NULL && !open)
    return g_strdup (_("gone"));

  return NULL;
}

const char *
sb_kernel_view_explain_tcp_state (SbStream *stream)
{
  const char *name;

  g_return_val_if_fail (stream == NULL || SB_IS_STREAM (stream), NULL);

  if (stream == NULL)
    return NULL;

  name = sb_stream_get_tcp_state (stream);
  if (name != NULL)
    return sb_tcp_state_explain (name);

  if (sb_stream_get_peer_tuple (stream) != NULL
      && !sb_stream_state_is_open (sb_stream_get_state (stream)))
    return _("the socket is closed and the kernel no longer holds the connection");

  return NULL;
}

static void
set_dim (GtkLabel *label,
         gboolean  dim)
{
  if (dim)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_accept_queue (SbKernelView *self)
{
  g_autofree char *text = NULL;
  gboolean listening;
  gboolean full;

  gtk_widget_set_visible (GTK_WIDGET (self->accept_label), self->listener != NULL);
  if (self->listener == NULL)
    return;

  listening = sb_listener_get_state (self->listener) == SB_LISTENER_LISTENING;
  full = sb_listener_get_accept_queue_full (self->listener);
  if (full)
    /* Translators: as "Accept queue: %u (backlog %u)", when the kernel
     * drops new connection attempts */
    text = g_strdup_printf (_("Accept queue: %u (backlog %u), full"),
                            sb_listener_get_accept_queue (self->listener),
                            sb_listener_get_accept_queue_limit (self->listener));
  else if (listening)
    /* Translators: the connections waiting in a listening socket's accept
     * queue; the backlog is the limit given to listen() */
    text = g_strdup_printf (_("Accept queue: %u (backlog %u)"),
                            sb_listener_get_accept_queue (self->listener),
                            sb_listener_get_accept_queue_limit (self->listener));
  else
    text = g_strdup (_("Accept queue: not listening"));

  sb_label_set_value (self->accept_label, text, _("Accept queue"));
  set_dim (self->accept_label, !listening);
  if (full)
    gtk_widget_add_css_class (GTK_WIDGET (self->accept_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->accept_label), "warning");
}

static void
update_stream (SbKernelView *self)
{
  g_autofree char *state = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *unacked = NULL;
  gboolean visible = self->stream != NULL || self->show_stream;
  gboolean has_socket;
  gboolean long_state;
  guint n_waiting;
  guint n_unacked;

  gtk_widget_set_visible (self->stream_box, visible);
  if (!visible)
    return;

  state = sb_kernel_view_describe_tcp_state (self->stream, FALSE);
  sb_label_set_value (self->tcp_label, state != NULL ? state : _("no socket"), _("TCP state"));
  set_dim (self->tcp_label, state == NULL);
  sb_widget_set_tooltip (GTK_WIDGET (self->tcp_label),
                         sb_kernel_view_explain_tcp_state (self->stream));

  /* The bytes in the kernel's buffers belong to an open socket. */
  has_socket = self->stream != NULL && sb_stream_state_is_open (sb_stream_get_state (self->stream));
  gtk_widget_set_visible (self->bytes_child, has_socket);
  /* A long state ("CLOSE: both directions shut down; …") reads better with
   * the bytes below it, even where both would fit on one line. */
  long_state = state != NULL && g_utf8_strlen (state, -1) > LONG_STATE_CHARS;
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->stream_box), long_state ? 1 : 2);
  if (!has_socket)
    return;

  n_waiting = sb_stream_get_bytes_available (self->stream);
  n_unacked = sb_stream_get_bytes_unacknowledged (self->stream);
  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u byte waiting",
                                          "%u bytes waiting",
                                          n_waiting),
                             n_waiting);
  unacked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u unacknowledged",
                                          "%u unacknowledged",
                                          n_unacked),
                             n_unacked);
  sb_label_set_value (self->waiting_label, waiting, _("Bytes waiting"));
  sb_label_set_value (self->unacked_label, unacked, _("Bytes unacknowledged"));
}

static void
update_cb (gpointer data)
{
  SbKernelView *self = data;

  update_accept_queue (self);
  update_stream (self);
}

static void
notify_cb (SbKernelView *self,
           GParamSpec   *pspec,
           GObject      *object)
{
  sb_throttle_queue (&self->update_throttle);
}

/* A state change shows at once: the figures after it belong to it. */
static void
state_cb (SbKernelView *self,
          GParamSpec   *pspec,
          GObject      *object)
{
  sb_throttle_run (&self->update_throttle);
}

SbKernelView *
sb_kernel_view_new (void)
{
  return g_object_new (SB_TYPE_KERNEL_VIEW, NULL);
}

SbListener *
sb_kernel_view_get_listener (SbKernelView *self)
{
  g_return_val_if_fail (SB_IS_KERNEL_VIEW (self), NULL);

  return self->listener;
}

void
sb_kernel_view_set_listener (SbKernelView *self,
                             SbListener   *listener)
{
  g_return_if_fail (SB_IS_KERNEL_VIEW (self));
  g_return_if_fail (listener == NULL || SB_IS_LISTENER (listener));

  if (self->listener == listener)
    return;

  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  g_set_object (&self->listener, listener);

  if (listener != NULL)
    {
      g_signal_connect_object (listener, "notify::accept-queue", G_CALLBACK (notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (listener, "notify::accept-queue-limit", G_CALLBACK (state_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (listener, "notify::state", G_CALLBACK (state_cb), self,
                               G_CONNECT_SWAPPED);
    }

  sb_throttle_run (&self->update_throttle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENER]);
}

SbStream *
sb_kernel_view_get_stream (SbKernelView *self)
{
  g_return_val_if_fail (SB_IS_KERNEL_VIEW (self), NULL);

  return self->stream;
}

void
sb_kernel_view_set_stream (SbKernelView *self,
                           SbStream     *stream)
{
  g_return_if_fail (SB_IS_KERNEL_VIEW (self));
  g_return_if_fail (stream == NULL || SB_IS_STREAM (stream));

  if (self->stream == stream)
    return;

  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_data (self->stream, self);
  g_set_object (&self->stream, stream);

  if (stream != NULL)
    {
      g_signal_connect_object (stream, "notify::bytes-available", G_CALLBACK (notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (stream, "notify::bytes-unacknowledged", G_CALLBACK (notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (stream, "notify::tcp-state", G_CALLBACK (state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (stream, "notify::state", G_CALLBACK (state_cb), self,
                               G_CONNECT_SWAPPED);
    }

  sb_throttle_run (&self->update_throttle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

static void
sb_kernel_view_dispose (GObject *object)
{
  SbKernelView *self = SB_KERNEL_VIEW (object);

  if (self->listener != NULL)
    g_signal_handlers_disconnect_by_data (self->listener, self);
  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_data (self->stream, self);
  sb_throttle_clear (&self->update_throttle);
  g_clear_object (&self->listener);
  g_clear_object (&self->stream);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_KERNEL_VIEW);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_kernel_view_parent_class)->dispose (object);
}

static void
sb_kernel_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbKernelView *self = SB_KERNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_LISTENER:
      g_value_set_object (value, self->listener);
      break;

    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    case PROP_SHOW_STREAM:
      g_value_set_boolean (value, self->show_stream);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_kernel_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbKernelView *self = SB_KERNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_LISTENER:
      sb_kernel_view_set_listener (self, g_value_get_object (value));
      break;

    case PROP_STREAM:
      sb_kernel_view_set_stream (self, g_value_get_object (value));
      break;

    case PROP_SHOW_STREAM:
      if (self->show_stream != g_value_get_boolean (value))
        {
          self->show_stream = g_value_get_boolean (value);
          sb_throttle_run (&self->update_throttle);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_kernel_view_class_init (SbKernelViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_kernel_view_dispose;
  object_class->get_property = sb_kernel_view_get_property;
  object_class->set_property = sb_kernel_view_set_property;

  properties[PROP_LISTENER] =
    g_param_spec_object ("listener", NULL, NULL, SB_TYPE_LISTENER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL, SB_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_STREAM] =
    g_param_spec_boolean ("show-stream", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-kernel-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, accept_label);
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, stream_box);
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, tcp_label);
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, bytes_child);
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, SbKernelView, unacked_label);

  gtk_widget_class_set_css_name (widget_class, "kernelview");
}

static void
sb_kernel_view_init (SbKernelView *self)
{
  self->show_stream = TRUE;
  sb_throttle_init (&self->update_throttle, UPDATE_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    update_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  update_cb (self);
}
