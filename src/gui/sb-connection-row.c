/* sb-connection-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-connection-row.h"
#include "sb-kernel-view.h"
#include "sb-pane-util.h"
#include "sb-stream.h"
#include "sb-throttle.h"

/* Counters change with every socket call; they are shown this often. */
#define COUNTER_INTERVAL_MS 200

struct _SbConnectionRow
{
  GtkWidget  parent_instance;

  /* children (built in code: a burst of connections builds a list's
   * worth of rows at once, and GtkBuilder takes several times longer) */
  GtkLabel  *peer_label;
  GtkLabel  *state_label;
  GtkLabel  *tcp_label;
  GtkLabel  *in_label;
  GtkLabel  *out_label;

  /* owned */
  SbStream  *stream;
  SbThrottle counter_throttle;
};

enum {
  PROP_0,
  PROP_STREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbConnectionRow, sb_connection_row, GTK_TYPE_WIDGET)

/* Tooltips without gtk_widget_set_tooltip_text(): GTK 4.8 asks the X
 * server where the pointer is (three round trips) whenever the tooltip of a
 * visible widget is set, and a burst of connections builds and binds rows
 * by the hundred.  The text is given to the tooltip when it is about to
 * show, and to assistive technologies as the description (what GTK does
 * with a tooltip's text). */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "sb-tooltip");

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "sb-tooltip"), text) == 0)
    return;

  if (!gtk_widget_get_has_tooltip (widget))
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_data_full (G_OBJECT (widget), "sb-tooltip", g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Sets @label's text only when it differs from what it shows. */
static void
set_label_if_changed (GtkLabel   *label,
                      const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
show_counters (gpointer data)
{
  SbConnectionRow *self = data;
  g_autofree char *number_in = NULL;
  g_autofree char *number_out = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tcp = NULL;

  if (self->stream == NULL)
    return;

  number_in = g_strdup_printf ("%" G_GUINT64_FORMAT, sb_stream_get_bytes_received (self->stream));
  number_out = g_strdup_printf ("%" G_GUINT64_FORMAT, sb_stream_get_bytes_sent (self->stream));
  /* Translators: bytes received on a connection */
  in = g_strdup_printf (_("%s B in"), number_in);
  /* Translators: bytes sent on a connection */
  out = g_strdup_printf (_("%s B out"), number_out);
  tcp = sb_kernel_view_describe_tcp_state (self->stream, TRUE);

  set_label_if_changed (self->in_label, in);
  set_label_if_changed (self->out_label, out);
  set_label_if_changed (self->tcp_label, tcp != NULL ? tcp : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tcp_label), tcp != NULL && *tcp != '\0');
  set_tooltip (GTK_WIDGET (self->tcp_label), sb_kernel_view_explain_tcp_state (self->stream));
}

static void
show_state (SbConnectionRow *self)
{
  SbStreamState state = sb_stream_get_state (self->stream);

  set_label_if_changed (self->state_label, sb_stream_state_to_string (state));
  sb_pill_set_tone (GTK_WIDGET (self->state_label), sb_stream_state_tone (state));
}

static void
show_peer (SbConnectionRow *self)
{
  const char *peer = sb_stream_get_peer_tuple (self->stream);

  set_label_if_changed (self->peer_label, peer != NULL ? peer : "");
}

/* One handler for what the row shows, rather than a binding and a handler
 * each: a burst of connections binds a list's worth of rows a few times a
 * second. */
static void
stream_notify_cb (SbConnectionRow *self,
                  GParamSpec      *pspec,
                  SbStream        *stream)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "state"))
    show_state (self);
  else if (g_str_equal (name, "peer-tuple"))
    show_peer (self);
  else if (g_str_equal (name, "tcp-state") || g_str_equal (name, "bytes-received")
           || g_str_equal (name, "bytes-sent"))
    sb_throttle_queue (&self->counter_throttle);
}

static void
sb_connection_row_unbind (SbConnectionRow *self)
{
  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_func (self->stream, stream_notify_cb, self);
  sb_throttle_clear (&self->counter_throttle);
}

SbConnectionRow *
sb_connection_row_new (void)
{
  return g_object_new (SB_TYPE_CONNECTION_ROW, NULL);
}

SbStream *
sb_connection_row_get_stream (SbConnectionRow *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_ROW (self), NULL);

  return self->stream;
}

void
sb_connection_row_set_stream (SbConnectionRow *self,
                              SbStream        *stream)
{
  g_return_if_fail (SB_IS_CONNECTION_ROW (self));
  g_return_if_fail (stream == NULL || SB_IS_STREAM (stream));

  if (self->stream == stream)
    return;

  sb_connection_row_unbind (self);
  g_set_object (&self->stream, stream);

  if (stream != NULL)
    {
      /* Disconnected on unbind, and in dispose at the latest. */
      g_signal_connect_swapped (stream, "notify", G_CALLBACK (stream_notify_cb), self);
      show_peer (self);
      show_state (self);
      sb_throttle_run (&self->counter_throttle);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

static void
sb_connection_row_dispose (GObject *object)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  sb_connection_row_unbind (self);
  g_clear_object (&self->stream);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_connection_row_parent_class)->dispose (object);
}

static void
sb_connection_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      sb_connection_row_set_stream (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_row_class_init (SbConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_connection_row_dispose;
  object_class->get_property = sb_connection_row_get_property;
  object_class->set_property = sb_connection_row_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "connectionrow");
}

static GtkLabel *
add_label (GtkWidget  *box,
           float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}

/* The peer and the state pill; below, dimmed, the TCP state and the byte
 * counts (not in the presentation layout's one-line summary of the
 * selected connection). */
static void
build (SbConnectionRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);

  self->peer_label = add_label (top, 0, "tuple");
  self->state_label = add_label (top, 0.5, "state-pill");
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (bottom, "dim-label");
  gtk_widget_add_css_class (bottom, "compact-hide");
  self->tcp_label = add_label (bottom, 0, NULL);
  self->in_label = add_label (bottom, 0, "numeric");
  self->out_label = add_label (bottom, 0, "numeric");

  gtk_widget_set_parent (top, GTK_WIDGET (self));
  gtk_widget_set_parent (bottom, GTK_WIDGET (self));
}

static void
sb_connection_row_init (SbConnectionRow *self)
{
  sb_throttle_init (&self->counter_throttle, COUNTER_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    show_counters, self);

  build (self);
  set_tooltip (GTK_WIDGET (self->peer_label), _("The peer's address, as Python prints it"));
  set_tooltip (GTK_WIDGET (self->tcp_label), _("The kernel's TCP state (TCP_INFO)"));
  set_tooltip (GTK_WIDGET (self->in_label), _("Bytes received"));
  set_tooltip (GTK_WIDGET (self->out_label), _("Bytes sent"));
}
