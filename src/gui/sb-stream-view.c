/* sb-stream-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-stream-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-pane-util.h"
#include "sb-stream-text.h"
#include "sb-stream-view.h"
#include "sb-throttle.h"

/* Per update at most this many events are looked at and this many bytes
 * rendered; the rest follows in the next update. */
#define EVENTS_PER_UPDATE 4096
#define BYTES_PER_UPDATE  (256 * 1024)
#define UPDATE_INTERVAL_MS 100

struct _SbStreamView
{
  GtkWidget       parent_instance;

  /* children */
  GtkWidget      *text_button;
  GtkWidget      *hex_button;
  GtkLabel       *status_label;
  GtkWidget      *scroller;
  GtkTextView    *text_view;

  /* owned */
  SbCapture      *capture;
  gulong          items_changed_id;
  guint           socket_id;
  gboolean        hex;
  SbThrottle      throttle;
  SbStreamText    text;
  guint           next_index;       /* the first event not looked at yet */
  guint64         shown;            /* stream bytes rendered */
  guint64         not_shown;        /* stream bytes past SB_STREAM_VIEW_SHOWN_MAX */
  guint64         total[2];         /* bytes sent, received */
  GtkTextMark    *more_mark;        /* where the "N more bytes" line starts */
  GtkTextTag     *client_tag;
  GtkTextTag     *server_tag;
};

G_DEFINE_FINAL_TYPE (SbStreamView, sb_stream_view, GTK_TYPE_WIDGET)

static void
update_status (SbStreamView *self)
{
  g_autofree char *sent = g_format_size (self->total[0]);
  g_autofree char *received = g_format_size (self->total[1]);
  g_autofree char *status = NULL;

  /* TRANSLATORS: the marks are the line marks of each direction. */
  status = g_strdup_printf (_("> %s sent · < %s received"), sent, received);
  gtk_label_set_text (self->status_label, status);
}

static void
reset (SbStreamView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_move_mark (buffer, self->more_mark, &end);
  sb_stream_text_init (&self->text, self->hex);
  self->next_index = 0;
  self->shown = 0;
  self->not_shown = 0;
  self->total[0] = self->total[1] = 0;
  update_status (self);
}

static void
insert (SbStreamView *self,
        GString      *out,
        gboolean      client_wrote)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (out->len == 0)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->more_mark);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, out->str, out->len, "stream", NULL);
  /* The direction's colour over what was just inserted. */
  {
    GtkTextIter start;

    gtk_text_buffer_get_iter_at_mark (buffer, &start, self->more_mark);
    gtk_text_buffer_apply_tag (buffer, client_wrote ? self->client_tag : self->server_tag,
                               &start, &iter);
    gtk_text_buffer_move_mark (buffer, self->more_mark, &iter);
  }
  g_string_truncate (out, 0);
}

static void
show_more_line (SbStreamView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *line = NULL;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->more_mark);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  if (self->not_shown == 0)
    return;

  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "\n… %" PRIu64 " more byte not shown (Copy copies everything)",
                                       "\n… %" PRIu64 " more bytes not shown (Copy copies everything)",
                                       self->not_shown),
                          self->not_shown);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, line, -1, "stream", "more", NULL);
}

static void
follow (gpointer data)
{
  SbStreamView *self = SB_STREAM_VIEW (data);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n, to, looked;
  gsize rendered = 0;
  SbEventInfo info;

  if (self->capture == NULL || self->socket_id == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  n = sb_capture_get_n_recorded (self->capture);
  if (n < self->next_index)
    reset (self);
  to = n - self->next_index > EVENTS_PER_UPDATE ? self->next_index + EVENTS_PER_UPDATE : n;
  looked = self->next_index;

  for (guint i = sb_stream_text_next_event (self->capture, self->socket_id, looked, to, &info);
       i != G_MAXUINT && rendered < BYTES_PER_UPDATE;
       i = sb_stream_text_next_event (self->capture, self->socket_id, i + 1, to, &info))
    {
      gboolean received = info.kind == SB_EVENT_RECV;
      gboolean client_wrote = (info.side == SB_SIDE_CLIENT) != received;
      gsize len = (gsize) info.result;

      looked = i + 1;
      self->total[received] += len;
      if (self->shown >= SB_STREAM_VIEW_SHOWN_MAX)
        {
          self->not_shown += len;
          continue;
        }

      if (info.payload_len < len)
        {
          sb_stream_text_append_gap (&self->text, out, received, len);
        }
      else
        {
          gsize room = SB_STREAM_VIEW_SHOWN_MAX - self->shown;
          gsize take = MIN (len, room);
          g_autofree guint8 *bytes = g_malloc (take);

          take = sb_capture_copy_payload (self->capture, i, 0, bytes, take);
          sb_stream_text_append (&self->text, out, received, bytes, take);
          self->not_shown += len - take;
          rendered += take;
        }
      self->shown += len;
      insert (self, out, client_wrote);
    }
  if (rendered < BYTES_PER_UPDATE)
    looked = MAX (looked, to);
  self->next_index = looked;

  show_more_line (self);
  update_status (self);

  if (self->next_index < sb_capture_get_n_recorded (self->capture))
    sb_throttle_queue (&self->throttle);
}

static void
items_changed_cb (SbStreamView *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  /* The capture only appends; something removed is the log cleared. */
  if (removed > 0)
    reset (self);
  sb_throttle_queue (&self->throttle);
}

void
sb_stream_view_set_socket (SbStreamView *self,
                           SbCapture    *capture,
                           guint         socket_id)
{
  g_return_if_fail (SB_IS_STREAM_VIEW (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (capture == self->capture && socket_id == self->socket_id)
    return;

  if (self->capture != capture)
    {
      if (self->capture != NULL)
        g_clear_signal_handler (&self->items_changed_id, self->capture);
      g_set_object (&self->capture, capture);
      if (capture != NULL)
        self->items_changed_id = g_signal_connect_object (capture, "items-changed",
                                                          G_CALLBACK (items_changed_cb), self,
                                                          G_CONNECT_SWAPPED);
    }
  self->socket_id = socket_id;
  reset (self);
  sb_throttle_run (&self->throttle);
}

static void
mode_toggled_cb (SbStreamView    *self,
                 GtkToggleButton *button)
{
  gboolean hex = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->hex_button));

  if (hex == self->hex)
    return;
  self->hex = hex;
  /* Hex lines are long: they scroll sideways rather than wrap. */
  gtk_text_view_set_wrap_mode (self->text_view, hex ? GTK_WRAP_NONE : GTK_WRAP_WORD_CHAR);
  reset (self);
  sb_throttle_run (&self->throttle);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbStreamView *self = SB_STREAM_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->capture == NULL || self->socket_id == 0)
    return;

  text = sb_stream_text_render (self->capture, self->socket_id, self->hex);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* The client's and the server's colours of the log, from the theme, so
 * that both read on a light and a dark background. */
static void
update_colors (SbStreamView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) mark = NULL;
  GdkRGBA color;
  int width = 0;

  if (self->text_view == NULL || self->client_tag == NULL)
    return;

  /* A wrapped line continues under its text, not under its mark, at any
   * zoom: a hanging indent of the mark's width. */
  mark = gtk_widget_create_pango_layout (GTK_WIDGET (self->text_view), SB_STREAM_TEXT_SENT_MARK);
  pango_layout_get_pixel_size (mark, &width, NULL);
  gtk_text_view_set_left_margin (self->text_view, 6 + width);
  gtk_text_view_set_indent (self->text_view, -width);

  if (gtk_style_context_lookup_color (context, "accent_color", &color))
    g_object_set (self->client_tag, "foreground-rgba", &color, NULL);
  if (gtk_style_context_lookup_color (context, "warning_color", &color))
    g_object_set (self->server_tag, "foreground-rgba", &color, NULL);
}

static void
sb_stream_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sb_stream_view_parent_class)->css_changed (widget, change);
  update_colors (SB_STREAM_VIEW (widget));
}

static void
sb_stream_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_stream_view_parent_class)->map (widget);
  /* Nothing is rendered while hidden: catch up now. */
  sb_throttle_run (&SB_STREAM_VIEW (widget)->throttle);
}

SbStreamView *
sb_stream_view_new (void)
{
  return g_object_new (SB_TYPE_STREAM_VIEW, NULL);
}

static void
sb_stream_view_dispose (GObject *object)
{
  SbStreamView *self = SB_STREAM_VIEW (object);

  sb_throttle_clear (&self->throttle);
  if (self->capture != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->capture);
  g_clear_object (&self->capture);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_stream_view_parent_class)->dispose (object);
}

static void
sb_stream_view_class_init (SbStreamViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_stream_view_dispose;
  widget_class->css_changed = sb_stream_view_css_changed;
  widget_class->map = sb_stream_view_map;

  gtk_widget_class_install_action (widget_class, "stream.copy", NULL, copy_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbstreamview");
}

static GtkWidget *
mode_button (SbStreamView *self,
             const char   *label,
             const char   *tooltip,
             GtkWidget    *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  g_signal_connect_object (button, "toggled", G_CALLBACK (mode_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
sb_stream_view_init (SbStreamView *self)
{
  GtkWidget *bar, *modes, *copy;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (modes, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (modes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stream format"), -1);
  self->text_button = mode_button (self, _("Text"), _("The bytes as escaped text, a line per \\n"), NULL);
  self->hex_button = mode_button (self, _("Hex"), _("The bytes as a hex dump"), self->text_button);
  gtk_box_append (GTK_BOX (modes), self->text_button);
  gtk_box_append (GTK_BOX (modes), self->hex_button);
  gtk_box_append (GTK_BOX (bar), modes);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "caption");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_label));

  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (copy, _("Copy the whole conversation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy stream"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "stream.copy");
  gtk_widget_set_valign (copy, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (bar), copy);
  gtk_widget_set_parent (bar, GTK_WIDGET (self));

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->text_view), "stream");
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_cursor_visible (self->text_view, FALSE);
  gtk_text_view_set_monospace (self->text_view, TRUE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_bottom_margin (self->text_view, 6);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stream"), -1);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (buffer, "stream",
                              "insert-hyphens", FALSE,
                              "family", "monospace",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "more",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  self->client_tag = gtk_text_buffer_create_tag (buffer, "client", NULL);
  self->server_tag = gtk_text_buffer_create_tag (buffer, "server", NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  self->more_mark = gtk_text_buffer_create_mark (buffer, "more", &end, TRUE);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->text_view));
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  sb_throttle_init (&self->throttle, UPDATE_INTERVAL_MS, G_PRIORITY_DEFAULT_IDLE, follow, self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->text_button), TRUE);
  sb_stream_text_init (&self->text, FALSE);
  update_status (self);
}
