/* sb-reply-editor.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reply-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-pane-util.h"
#include "sb-reply-editor.h"
#include "sb-zoom.h"

struct _SbReplyEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkDropDown    *template_dropdown;
  GtkStringList  *template_names;
  GtkEntry       *status_entry;
  GtkLabel       *status_error;
  GtkTextView    *headers_view;
  GtkLabel       *headers_error;
  GtkLabel       *body_note;
  GtkWidget      *body_scroller;
  GtkTextView    *body_view;
  GtkWidget      *file_box;
  GtkEntry       *file_entry;
  GtkDropDown    *rule_index_dropdown;
  GtkDropDown    *rule_favicon_dropdown;
  GtkDropDown    *rule_other_dropdown;

  /* owned */
  SbHttpReplies  *replies;
  GPtrArray      *template_bindings; /* the shown template's fields */
  GPtrArray      *bindings;          /* rules and the file */
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (SbReplyEditor, sb_reply_editor, ADW_TYPE_WINDOW)

/* In SbHttpReplyKind order. */
static const char * const kind_names[SB_HTTP_REPLY_N_KINDS] = {
  N_("Hello page"),
  N_("Not found"),
  N_("Redirect"),
  N_("Echo"),
  N_("File"),
};

static gboolean
nick_to_index (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_uint (to, sb_http_reply_kind_from_nick (g_value_get_string (from)));
  return TRUE;
}

static gboolean
index_to_nick (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  guint index = g_value_get_uint (from);

  if (index >= SB_HTTP_REPLY_N_KINDS)
    return FALSE;

  g_value_set_string (to, sb_http_reply_kind_to_nick (index));
  return TRUE;
}

GBinding *
sb_reply_dropdown_bind (GtkDropDown   *dropdown,
                        SbHttpReplies *replies,
                        const char    *property)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);
  g_return_val_if_fail (SB_IS_HTTP_REPLIES (replies), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    gtk_string_list_append (names, _(kind_names[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));

  return g_object_bind_property_full (replies, property, dropdown, "selected",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      nick_to_index, index_to_nick, NULL, NULL);
}

static void
unbind_all (GPtrArray *bindings)
{
  for (guint i = 0; i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_ptr_array_set_size (bindings, 0);
}

static void
show_check (GtkWidget    *field,
            GtkLabel     *label,
            const GError *error)
{
  if (error != NULL)
    {
      gtk_label_set_text (label, error->message);
      gtk_widget_add_css_class (field, "error");
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

static void
status_changed_cb (SbReplyEditor *self)
{
  g_autoptr(GError) error = NULL;

  sb_http_reply_check_status_line (gtk_editable_get_text (GTK_EDITABLE (self->status_entry)),
                                   NULL, &error);
  show_check (GTK_WIDGET (self->status_entry), self->status_error, error);
}

static void
headers_changed_cb (SbReplyEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->headers_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  sb_http_reply_check_headers (text, &error);
  show_check (GTK_WIDGET (self->headers_view), self->headers_error, error);
}

static void
bind_field (SbReplyEditor *self,
            const char    *nick,
            const char    *field,
            gpointer       target)
{
  g_autofree char *property = g_strdup_printf ("%s-%s", nick, field);

  g_ptr_array_add (self->template_bindings,
                   g_object_bind_property (self->replies, property, target, "text",
                                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
}

static void
template_selected_cb (SbReplyEditor *self)
{
  SbHttpReplyKind kind = gtk_drop_down_get_selected (self->template_dropdown);
  GtkTextBuffer *body = gtk_text_view_get_buffer (self->body_view);
  const char *nick;
  const char *note = NULL;

  /* Before sb_reply_editor_new() gave it the replies. */
  if (self->replies == NULL || kind >= SB_HTTP_REPLY_N_KINDS)
    return;

  unbind_all (self->template_bindings);
  nick = sb_http_reply_kind_to_nick (kind);
  bind_field (self, nick, "status", self->status_entry);
  bind_field (self, nick, "headers", gtk_text_view_get_buffer (self->headers_view));

  if (kind == SB_HTTP_REPLY_ECHO)
    note = _("The body is the request as it came: its request line, its headers and the "
             "first 4 KiB of its body.");
  else if (kind == SB_HTTP_REPLY_FILE)
    note = _("The body is the file’s bytes; Content-Type follows its name and content "
             "unless the headers give one.");

  if (note == NULL)
    bind_field (self, nick, "body", body);
  else
    gtk_text_buffer_set_text (body, "", 0);

  gtk_label_set_text (self->body_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_note), note != NULL);
  gtk_widget_set_visible (self->body_scroller, note == NULL);
  gtk_widget_set_visible (self->file_box, kind == SB_HTTP_REPLY_FILE);
}

void
sb_reply_editor_show_template (SbReplyEditor   *self,
                               SbHttpReplyKind  kind)
{
  g_return_if_fail (SB_IS_REPLY_EDITOR (self));
  g_return_if_fail (kind < SB_HTTP_REPLY_N_KINDS);

  gtk_drop_down_set_selected (self->template_dropdown, kind);
}

SbHttpReplyKind
sb_reply_editor_get_template (SbReplyEditor *self)
{
  g_return_val_if_fail (SB_IS_REPLY_EDITOR (self), 0);

  return MIN (gtk_drop_down_get_selected (self->template_dropdown), SB_HTTP_REPLY_N_KINDS - 1);
}

static void
chooser_response_cb (SbReplyEditor        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_object_set (self->replies, "file-path", path, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbReplyEditor *self = SB_REPLY_EDITOR (widget);
  GtkFileChooserNative *chooser;
  const char *path = sb_http_replies_get_file_path (self->replies);

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("File to Serve"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Serve"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (path != NULL && *path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }

  g_signal_connect_swapped (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

SbReplyEditor *
sb_reply_editor_new (SbHttpReplies *replies,
                     GSettings     *settings)
{
  SbReplyEditor *self;

  g_return_val_if_fail (SB_IS_HTTP_REPLIES (replies), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SB_TYPE_REPLY_EDITOR, NULL);
  self->replies = g_object_ref (replies);

  g_ptr_array_add (self->bindings,
                   sb_reply_dropdown_bind (self->rule_index_dropdown, replies, "rule-index"));
  g_ptr_array_add (self->bindings,
                   sb_reply_dropdown_bind (self->rule_favicon_dropdown, replies, "rule-favicon"));
  g_ptr_array_add (self->bindings,
                   sb_reply_dropdown_bind (self->rule_other_dropdown, replies, "rule-other"));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (replies, "file-path", self->file_entry, "text",
                                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
  template_selected_cb (self);

  /* The main window's zoom, so the editor reads alike. */
  if (settings != NULL)
    sb_zoom_follow (GTK_WIDGET (self), settings);

  return self;
}

static void
sb_reply_editor_dispose (GObject *object)
{
  SbReplyEditor *self = SB_REPLY_EDITOR (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  unbind_all (self->template_bindings);
  unbind_all (self->bindings);
  g_clear_object (&self->replies);

  G_OBJECT_CLASS (sb_reply_editor_parent_class)->dispose (object);
}

static void
sb_reply_editor_finalize (GObject *object)
{
  SbReplyEditor *self = SB_REPLY_EDITOR (object);

  g_ptr_array_unref (self->template_bindings);
  g_ptr_array_unref (self->bindings);

  G_OBJECT_CLASS (sb_reply_editor_parent_class)->finalize (object);
}

static void
sb_reply_editor_class_init (SbReplyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_reply_editor_dispose;
  object_class->finalize = sb_reply_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-reply-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, template_names);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, status_entry);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, status_error);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, headers_view);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, headers_error);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, body_note);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, body_scroller);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, file_box);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, file_entry);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, rule_index_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, rule_favicon_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbReplyEditor, rule_other_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* As in the main window; the application's accelerators are not this
   * window's (it is not one of the application's). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sb_reply_editor_init (SbReplyEditor *self)
{
  self->template_bindings = g_ptr_array_new ();
  self->bindings = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    gtk_string_list_append (self->template_names, _(kind_names[i]));
  sb_dropdown_name_button (self->template_dropdown, _("Template"));
  sb_dropdown_name_button (self->rule_index_dropdown, _("Reply to /"));
  sb_dropdown_name_button (self->rule_favicon_dropdown, _("Reply to /favicon.ico"));
  sb_dropdown_name_button (self->rule_other_dropdown, _("Reply to other paths"));

  g_signal_connect_object (gtk_text_view_get_buffer (self->headers_view), "changed",
                           G_CALLBACK (headers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->template_dropdown, "notify::selected",
                           G_CALLBACK (template_selected_cb), self, G_CONNECT_SWAPPED);
}
