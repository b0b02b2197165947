/* sb-http-message-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-http-message-view"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-http-message-view.h"
#include "sb-pane-util.h"
#include "sb-payload.h"

struct _SbHttpMessageView
{
  GtkWidget      parent_instance;

  /* children */
  GtkLabel      *title_label;
  GtkLabel      *start_label;
  GtkListBox    *headers;
  GtkLabel      *body_label;
  GtkLabel      *preview_label;
  GtkLabel      *problem_label;
  GtkSizeGroup  *names;

  /* owned */
  SbHttpKind     kind;
  SbHttpMessage *message;
  guint          n_rows;       /* headers listed for message */
  gsize          preview_len;  /* preview bytes shown */
};

G_DEFINE_FINAL_TYPE (SbHttpMessageView, sb_http_message_view, GTK_TYPE_WIDGET)

/* Payload bytes are data: never markup, and no hyphen that was never sent. */
static GtkLabel *
data_label (const char *name,
            gboolean    monospace)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (label, TRUE);
  if (monospace)
    gtk_widget_add_css_class (GTK_WIDGET (label), "monospace");
  if (name != NULL)
    g_object_set_data_full (G_OBJECT (label), "sb-accessible-name", g_strdup (name), g_free);
  return label;
}

/* An empty label would be read out as nothing useful: hide it.  GtkLabel
 * makes its text its accessible name: give it back its own ("Status
 * line"), so that it reads as "Status line: HTTP/1.0 200 OK". */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  gboolean empty = text == NULL || *text == '\0';
  const char *name = g_object_get_data (G_OBJECT (label), "sb-accessible-name");

  if (g_strcmp0 (gtk_label_get_text (label), empty ? "" : text) != 0)
    {
      gtk_label_set_text (label, empty ? "" : text);
      if (name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (label), !empty);
}

static GtkWidget *
header_row (SbHttpMessageView *self,
            const char        *name,
            const char        *value)
{
  g_autofree char *shown_name = g_strconcat (name, ":", NULL);
  g_autofree char *text = g_strdup_printf ("%s: %s", name, value);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkLabel *name_label = data_label (NULL, TRUE);
  GtkLabel *value_label = data_label (NULL, TRUE);

  gtk_label_set_text (name_label, shown_name);
  gtk_label_set_yalign (name_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (name_label), "dim-label");
  /* The name column keeps names up to 20 characters whole (so that
   * "User-Agent:" never breaks); a longer one wraps rather than pushing
   * its value out of view. */
  gtk_label_set_width_chars (name_label, MIN ((int) g_utf8_strlen (shown_name, -1), 20));
  gtk_label_set_max_width_chars (name_label, 28);
  gtk_label_set_text (value_label, value);
  gtk_widget_set_hexpand (GTK_WIDGET (value_label), TRUE);
  gtk_size_group_add_widget (self->names, GTK_WIDGET (name_label));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (name_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (value_label));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
clear_rows (SbHttpMessageView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headers))) != NULL)
    gtk_list_box_remove (self->headers, child);
  self->n_rows = 0;
}

static void
fill_rows (SbHttpMessageView *self)
{
  guint n = sb_http_message_get_n_headers (self->message);

  if (n == self->n_rows)
    return;

  clear_rows (self);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->headers,
                         header_row (self,
                                     sb_http_message_get_header_name (self->message, i),
                                     sb_http_message_get_header_value (self->message, i)));
  self->n_rows = n;
}

static char *
dup_body_text (SbHttpMessage *message)
{
  guint64 body = sb_http_message_get_body_length (message);
  gint64 length = sb_http_message_get_content_length (message);
  SbHttpState state = sb_http_message_get_state (message);
  gboolean done = state == SB_HTTP_STATE_COMPLETE;

  if (state == SB_HTTP_STATE_HEAD)
    return g_strdup (_("The head is still arriving"));
  if (state == SB_HTTP_STATE_RAW)
    return g_strdup_printf (_("%" PRIu64 " bytes, not parsed as HTTP"),
                            (guint64) g_bytes_get_size (sb_http_message_get_preview (message)));

  switch (sb_http_message_get_framing (message))
    {
    case SB_HTTP_FRAMING_NONE:
      return g_strdup (_("No body"));

    case SB_HTTP_FRAMING_LENGTH:
      if (done)
        return g_strdup_printf (_("Body: %" PRIu64 " bytes (Content-Length)"), body);
      return g_strdup_printf (_("Body: %" PRIu64 " of %" PRId64
                                " bytes so far (Content-Length)"), body, length);

    case SB_HTTP_FRAMING_CHUNKED:
      if (done)
        return g_strdup_printf (_("Body: %" PRIu64 " bytes after dechunking (chunked)"),
                                body);
      return g_strdup_printf (_("Body: %" PRIu64 " bytes so far after dechunking (chunked)"),
                              body);

    case SB_HTTP_FRAMING_UNTIL_CLOSE:
      if (done)
        return g_strdup_printf (_("Body: %" PRIu64 " bytes (ended by the connection closing)"),
                                body);
      return g_strdup_printf (_("Body: %" PRIu64 " bytes so far (until the connection closes)"),
                              body);

    default:
      g_assert_not_reached ();
    }
}

/* Text that reads as text (UTF-8, no control bytes but \r \n \t) is shown
 * escaped with a line per \n; anything else as a hex dump. */
static char *
dup_preview_text (GBytes *preview)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (preview, &len);
  gboolean text = g_utf8_validate ((const char *) data, len, NULL);

  for (gsize i = 0; text && i < len; i++)
    text = data[i] >= 0x20 || data[i] == '\r' || data[i] == '\n' || data[i] == '\t';
  if (len == 0)
    return NULL;
  if (!text)
    return sb_payload_to_hexdump (data, len);

  return sb_payload_to_escaped_lines (data, len);
}

void
sb_http_message_view_refresh (SbHttpMessageView *self)
{
  g_autofree char *start = NULL;
  g_autofree char *body = NULL;
  GBytes *preview;

  g_return_if_fail (SB_IS_HTTP_MESSAGE_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self), self->message != NULL);
  if (self->message == NULL)
    return;

  start = sb_http_message_dup_start_line (self->message);
  set_label (self->start_label, start);
  fill_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->headers), self->n_rows > 0);

  body = dup_body_text (self->message);
  set_label (self->body_label, body);

  preview = sb_http_message_get_preview (self->message);
  if (g_bytes_get_size (preview) != self->preview_len)
    {
      g_autofree char *text = dup_preview_text (preview);

      set_label (self->preview_label, text);
      self->preview_len = g_bytes_get_size (preview);
    }

  set_label (self->problem_label, sb_http_message_get_problem (self->message));
}

void
sb_http_message_view_set (SbHttpMessageView *self,
                          SbHttpMessage     *message)
{
  g_return_if_fail (SB_IS_HTTP_MESSAGE_VIEW (self));
  g_return_if_fail (message == NULL || SB_IS_HTTP_MESSAGE (message));

  if (g_set_object (&self->message, message))
    {
      clear_rows (self);
      self->preview_len = G_MAXSIZE;
    }
  sb_http_message_view_refresh (self);
}

SbHttpMessageView *
sb_http_message_view_new (SbHttpKind kind)
{
  SbHttpMessageView *self = g_object_new (SB_TYPE_HTTP_MESSAGE_VIEW, NULL);
  const char *title = kind == SB_HTTP_REQUEST ? _("Request") : _("Response");

  self->kind = kind;
  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (self->start_label), "sb-accessible-name",
                          g_strdup (kind == SB_HTTP_REQUEST ? _("Request line") : _("Status line")),
                          g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return self;
}

static void
sb_http_message_view_dispose (GObject *object)
{
  SbHttpMessageView *self = SB_HTTP_MESSAGE_VIEW (object);

  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->names);
  g_clear_object (&self->message);

  G_OBJECT_CLASS (sb_http_message_view_parent_class)->dispose (object);
}

static void
sb_http_message_view_class_init (SbHttpMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_http_message_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbhttpmessageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_http_message_view_init (SbHttpMessageView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->names = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->preview_len = G_MAXSIZE;

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_parent (GTK_WIDGET (self->title_label), GTK_WIDGET (self));

  self->start_label = data_label (NULL, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->start_label), "sb-http-start-line");
  gtk_widget_set_parent (GTK_WIDGET (self->start_label), GTK_WIDGET (self));

  self->headers = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->headers, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->headers), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->headers), "sb-http-headers");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headers),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Headers"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->headers), GTK_WIDGET (self));

  self->body_label = data_label (_("Body size"), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->body_label), GTK_WIDGET (self));

  self->preview_label = data_label (_("Body preview"), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "sb-http-preview");
  gtk_widget_set_parent (GTK_WIDGET (self->preview_label), GTK_WIDGET (self));

  self->problem_label = data_label (_("Problem"), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "warning");
  gtk_widget_set_parent (GTK_WIDGET (self->problem_label), GTK_WIDGET (self));
}
