/* sb-pane-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pane-util"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-compact.h"
#include "sb-pane-util.h"
#include "sb-stream.h"

void
sb_field_show_error (GtkWidget    *entry,
                     GtkLabel     *label,
                     const GError *error,
                     gsize         offset)
{
  g_return_if_fail (GTK_IS_WIDGET (entry));
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (error != NULL);

  gtk_widget_add_css_class (entry, "error");
  gtk_label_set_text (label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);

  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, label,
                                  -1);

  gtk_widget_grab_focus (entry);
  if (GTK_IS_EDITABLE (entry))
    gtk_editable_set_position (GTK_EDITABLE (entry), (int) MIN (offset, G_MAXINT));
}

void
sb_field_clear_error (GtkWidget *entry,
                      GtkLabel  *label)
{
  g_return_if_fail (GTK_IS_WIDGET (entry));
  g_return_if_fail (GTK_IS_LABEL (label));

  if (!gtk_widget_has_css_class (entry, "error"))
    return;

  gtk_widget_remove_css_class (entry, "error");
  gtk_label_set_text (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
}

void
sb_widget_set_sensitive_keep_focus (GtkWidget *widget,
                                    gboolean   sensitive,
                                    GtkWidget *next)
{
  GtkRoot *root;
  GtkWidget *focus = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (next));

  if (!sensitive && (root = gtk_widget_get_root (widget)) != NULL)
    focus = gtk_root_get_focus (root);

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_widget_grab_focus (next);

  gtk_widget_set_sensitive (widget, sensitive);
}

void
sb_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

void
sb_show_message_dialog (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

#define PROGRESS_BAR_KEY "sb-progress-bar"

void
sb_progress_dialog_show (GtkWidget    **slot,
                         GtkWindow     *parent,
                         const char    *heading,
                         const char    *body,
                         const char    *bar_name,
                         GCancellable  *cancellable)
{
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  g_return_if_fail (slot != NULL && *slot == NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bar_name, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), PROGRESS_BAR_KEY, bar);
  g_signal_connect_data (dialog, "response", G_CALLBACK (g_cancellable_cancel),
                         g_object_ref (cancellable), (GClosureNotify) (void (*) (void)) g_object_unref,
                         G_CONNECT_SWAPPED);
  *slot = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sb_progress_dialog_update (GtkWidget  *dialog,
                           double      fraction,
                           const char *body)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  gtk_progress_bar_set_fraction (g_object_get_data (G_OBJECT (dialog), PROGRESS_BAR_KEY),
                                 fraction);
  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
}

void
sb_progress_dialog_close (GtkWidget **slot)
{
  GtkWidget *dialog = *slot;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
  *slot = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

void
sb_widget_toast (GtkWidget  *widget,
                 const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (message == NULL || *message == '\0')
    return;

  gtk_widget_activate_action (widget, "win.toast", "s", message);
}

void
sb_widget_toast_stream_error (GtkWidget  *widget,
                              SbStream   *stream,
                              const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SB_IS_STREAM (stream));

  if (sb_stream_get_state (stream) == SB_STREAM_PEER_LEFT)
    return;

  sb_widget_toast (widget, message);
}

void
sb_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

void
sb_label_set_value (GtkLabel   *label,
                    const char *text,
                    const char *name)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_strcmp0 (gtk_label_get_label (label), text) == 0)
    return;

  gtk_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Preferences set the receive size or Auto-receive: every pane takes it,
 * by binding again (a binding reads the setting when it is made). */
static void
preference_set_cb (GObject    *control,
                   const char *key)
{
  GSettings *settings = g_object_get_data (control, "sb-settings");

  g_settings_bind (settings, key, control, GTK_IS_SPIN_BUTTON (control) ? "value" : "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}

void
sb_receive_row_bind_settings (GtkSwitch     *auto_receive_switch,
                              GtkSpinButton *receive_size_spin,
                              GSettings     *settings)
{
  const struct
  {
    GObject    *control;
    const char *key;
    const char *signal;
  } controls[] = {
    { G_OBJECT (auto_receive_switch), "auto-receive", "preference-set::auto-receive" },
    { G_OBJECT (receive_size_spin), "receive-size", "preference-set::receive-size" },
  };
  GApplication *app;

  g_return_if_fail (GTK_IS_SWITCH (auto_receive_switch));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (receive_size_spin));
  g_return_if_fail (G_IS_SETTINGS (settings));

  app = g_application_get_default ();
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_object_set_data_full (controls[i].control, "sb-settings", g_object_ref (settings),
                              g_object_unref);
      preference_set_cb (controls[i].control, controls[i].key);
      if (SB_IS_APPLICATION (app))
        g_signal_connect_object (app, controls[i].signal, G_CALLBACK (preference_set_cb),
                                 controls[i].control, G_CONNECT_SWAPPED);
    }
}

/* Binds @control's @control_property and @target's @target_property both
 * ways, the first value copied from @target when @from_target. */
static void
bind_both_ways (GPtrArray  *bindings,
                gpointer    control,
                const char *control_property,
                gpointer    target,
                const char *target_property,
                gboolean    from_target)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GBinding *binding;

  if (from_target)
    binding = g_object_bind_property (target, target_property, control, control_property, flags);
  else
    binding = g_object_bind_property (control, control_property, target, target_property, flags);
  g_ptr_array_add (bindings, binding);
}

void
sb_receive_row_bind (GtkSwitch     *auto_receive_switch,
                     GtkSpinButton *receive_size_spin,
                     gpointer       target,
                     gboolean       from_target,
                     GPtrArray     *bindings)
{
  g_return_if_fail (GTK_IS_SWITCH (auto_receive_switch));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (receive_size_spin));
  g_return_if_fail (G_IS_OBJECT (target));
  g_return_if_fail (bindings != NULL);

  bind_both_ways (bindings, auto_receive_switch, "active", target, "auto-receive", from_target);
  bind_both_ways (bindings, receive_size_spin, "value", target, "receive-size", from_target);
}

void
sb_receive_row_set_compact (GtkWidget      *receive_button,
                            SbMessageInput *input,
                            gboolean        compact)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (receive_button));
  g_return_if_fail (SB_IS_MESSAGE_INPUT (input));

  row = sb_message_input_get_button_row (input);
  sb_compact_move (receive_button, row, gtk_widget_get_last_child (row), compact);
  sb_message_input_set_compact (input, compact);
}

void
sb_bindings_unbind_all (GPtrArray *bindings)
{
  g_return_if_fail (bindings != NULL);

  for (guint i = 0; i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_ptr_array_set_size (bindings, 0);
}

void
sb_pill_set_tone (GtkWidget  *pill,
                  const char *tone)
{
  static const char * const tones[] = { "success", "warning", "error", "accent" };

  g_return_if_fail (GTK_IS_WIDGET (pill));

  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    {
      if (g_strcmp0 (tone, tones[i]) != 0)
        gtk_widget_remove_css_class (pill, tones[i]);
    }

  if (tone != NULL)
    gtk_widget_add_css_class (pill, tone);
}

const char *
sb_stream_state_tone (SbStreamState state)
{
  switch (state)
    {
    case SB_STREAM_RESOLVING:
    case SB_STREAM_RESOLVED:
    case SB_STREAM_SOCKET_OPEN:
    case SB_STREAM_CONNECTING:
      return "accent";

    case SB_STREAM_CONNECTED:
      return "success";

    case SB_STREAM_PEER_CLOSED:
    case SB_STREAM_WRITE_SHUT:
    case SB_STREAM_BOTH_SHUT:
      return "warning";

    case SB_STREAM_FAILED:
      return "error";

    /* The peer left: an ending, neutral like a close. */
    case SB_STREAM_PEER_LEFT:
    case SB_STREAM_IDLE:
    case SB_STREAM_CLOSED:
    default:
      return NULL;
    }
}

void
sb_dropdown_name_button (GtkDropDown *dropdown,
                         const char  *name)
{
  GtkWidget *button;
  GtkWidget *box;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (name != NULL);

  /* GTK 4.8 builds a drop-down as a toggle button holding a box with a
   * stack (the selected item, or a "(None)" label) and an arrow; look for
   * each part and leave alone what is not there. */
  button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  if (!GTK_IS_TOGGLE_BUTTON (button))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  box = gtk_button_get_child (GTK_BUTTON (button));
  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *empty;

      if (!GTK_IS_STACK (child))
        continue;

      empty = gtk_stack_get_child_by_name (GTK_STACK (child), "empty");
      if (empty != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (empty),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                     -1);
    }
}

void
sb_protocol_dropdown_setup (GtkDropDown *dropdown)
{
  static const char * const protocols[] = { "TCP", "UDP", NULL };
  g_autoptr(GtkStringList) model = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  model = gtk_string_list_new (protocols);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, SB_PROTOCOL_TCP);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown),
                               _("TCP: a connection carrying a byte stream. "
                                 "UDP: single datagrams, no connection."));
  sb_dropdown_name_button (dropdown, _("Protocol"));
}

static gboolean
protocol_from_setting (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "udp") == 0
                           ? SB_PROTOCOL_UDP : SB_PROTOCOL_TCP);
  return TRUE;
}

static GVariant *
protocol_to_setting (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == SB_PROTOCOL_UDP ? "udp" : "tcp");
}

void
sb_protocol_dropdown_bind_settings (GtkDropDown *dropdown,
                                    GSettings   *settings,
                                    const char  *key)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, key, dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                protocol_from_setting, protocol_to_setting, NULL, NULL);
}

SbProtocol
sb_protocol_dropdown_get (GtkDropDown *dropdown)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), SB_PROTOCOL_TCP);

  return gtk_drop_down_get_selected (dropdown) == SB_PROTOCOL_UDP
         ? SB_PROTOCOL_UDP : SB_PROTOCOL_TCP;
}
