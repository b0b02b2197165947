/* sb-connection-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-connection-row-private.h"
#include "sb-kernel-view.h"
#include "sb-pane-util.h"
#include "sb-stream.h"
#include "sb-throttle.h"

/* Counters change with every socket call; they are shown this often. */
#define COUNTER_INTERVAL_MS 200

enum {
  PROP_0,
  PROP_STREAM,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbConnectionRow, sb_connection_row, GTK_TYPE_WIDGET)

static void
sb_connection_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (widget);

  GTK_WIDGET_CLASS (sb_connection_row_parent_class)->css_changed (widget, change);

  if (_sb_connection_row_update_metrics (self))
    gtk_widget_queue_resize (widget);
}

/* The accessible label: the texts shown, in order; and the description. */
static void
update_label (SbConnectionRow *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  const char *description;

  for (guint i = 0; i < N_PARTS; i++)
    {
      if (self->texts[i] == NULL || (self->summary && i > PART_STATE))
        continue;
      if (label->len > 0)
        g_string_append_c (label, ' ');
      g_string_append (label, self->texts[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
  g_free (self->label);
  self->label = g_string_free (g_steal_pointer (&label), FALSE);

  /* What the TCP state's tooltip says, for those who cannot point at it
   * (a translated constant: a new pointer is a new text). */
  description = sb_kernel_view_explain_tcp_state (self->stream);
  if (description == self->description)
    return;
  self->description = description;
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Sets @part's text (taking @text); returns whether it changed.  The
 * caller updates the label once for all the texts it set. */
static gboolean
set_text (SbConnectionRow *self,
          Part             part,
          char            *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  if (g_strcmp0 (self->texts[part], text) == 0)
    {
      g_free (text);
      return FALSE;
    }

  g_free (self->texts[part]);
  self->texts[part] = text;
  g_clear_object (&self->layouts[part]);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
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

  /* | not ||: each takes its text. */
  if (set_text (self, PART_IN, g_steal_pointer (&in))
      | set_text (self, PART_OUT, g_steal_pointer (&out))
      | set_text (self, PART_TCP, g_steal_pointer (&tcp)))
    update_label (self);
}

static void
show_state (SbConnectionRow *self)
{
  SbStreamState state = sb_stream_get_state (self->stream);

  const char *tone = sb_stream_state_tone (state);

  /* The text names the state, and so does the tone: both change together. */
  if (set_text (self, PART_STATE, g_strdup (sb_stream_state_to_string (state))))
    {
      g_autofree char *named = tone != NULL ? g_strconcat (tone, "_color", NULL) : NULL;

      self->tone_color = g_intern_string (named);
      update_label (self);
    }
}

static void
show_peer (SbConnectionRow *self)
{
  if (set_text (self, PART_PEER, g_strdup (sb_stream_get_peer_tuple (self->stream))))
    update_label (self);
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

const char *
sb_connection_row_get_label (SbConnectionRow *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_ROW (self), NULL);

  return self->label != NULL ? self->label : "";
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
  _sb_connection_row_clear_layouts (self);

  G_OBJECT_CLASS (sb_connection_row_parent_class)->dispose (object);
}

static void
sb_connection_row_finalize (GObject *object)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  for (guint i = 0; i < N_PARTS; i++)
    g_free (self->texts[i]);
  g_free (self->label);
  _sb_connection_row_clear_fonts (self);

  G_OBJECT_CLASS (sb_connection_row_parent_class)->finalize (object);
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

    case PROP_SUMMARY:
      g_value_set_boolean (value, self->summary);
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

    case PROP_SUMMARY:
      self->summary = g_value_get_boolean (value);
      update_label (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
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
  object_class->finalize = sb_connection_row_finalize;
  object_class->get_property = sb_connection_row_get_property;
  object_class->set_property = sb_connection_row_set_property;

  widget_class->css_changed = sb_connection_row_css_changed;
  _sb_connection_row_class_draw_init (widget_class);

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbConnectionRow:summary:
   *
   * Whether only the first line shows (the peer and the state), as the
   * presentation layout's summary of the selected connection does.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_boolean ("summary", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "connectionrow");
  /* Read out as one text: the parts, in order. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sb_connection_row_init (SbConnectionRow *self)
{
  sb_throttle_init (&self->counter_throttle, COUNTER_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    show_counters, self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
