/* sb-row-menu.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-row-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-event-row.h"
#include "sb-log-search.h"
#include "sb-pane-util.h"
#include "sb-payload.h"
#include "sb-row-menu.h"

struct _SbRowMenu
{
  /* borrowed */
  SbEventLog         *log;
  GtkListView        *list_view;

  /* owned */
  GSimpleActionGroup *actions;
  GtkWidget          *popover;
};

typedef enum
{
  AS_TEXT,
  AS_HEX,
  AS_PYTHON,
} PayloadFormat;

static void
copy_text (SbRowMenu  *self,
           const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->log)), text);
}

static void
copy_row_cb (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  SbRowMenu *self = data;
  SbEvent *event = sb_event_log_get_selected_event (self->log);
  GtkWidget *row;

  if (event == NULL)
    return;

  /* The row's own texts, as shown and as read out. */
  row = g_object_ref_sink (sb_event_row_new ());
  sb_event_row_set_event (SB_EVENT_ROW (row), event);
  copy_text (self, sb_event_row_get_text (SB_EVENT_ROW (row)));
  g_object_unref (row);
}

static void
copy_payload (SbRowMenu     *self,
              PayloadFormat  format)
{
  SbEvent *event = sb_event_log_get_selected_event (self->log);
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize len = 0;

  if (event == NULL)
    return;

  payload = sb_event_dup_payload (event);
  data = payload != NULL ? g_bytes_get_data (payload, &len) : NULL;
  switch (format)
    {
    case AS_HEX:
      text = sb_payload_to_hex (data, len);
      break;
    case AS_PYTHON:
      text = sb_payload_to_python (data, len);
      break;
    case AS_TEXT:
    default:
      text = sb_payload_to_escaped (data, len, 0);
      break;
    }
  copy_text (self, text);
}

static void
copy_payload_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  copy_payload (data, g_str_equal (name, "copy-hex") ? AS_HEX
                      : g_str_equal (name, "copy-python") ? AS_PYTHON : AS_TEXT);
}

static guint
selected_socket (SbRowMenu *self)
{
  SbEvent *event = sb_event_log_get_selected_event (self->log);

  return event != NULL ? sb_event_get_socket_id (event) : 0;
}

static void
follow_cb (GSimpleAction *action,
           GVariant      *param,
           gpointer       data)
{
  SbRowMenu *self = data;

  gtk_widget_activate_action (GTK_WIDGET (self->log), "win.follow-stream", NULL);
}

static void
filter_connection_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  SbRowMenu *self = data;
  guint socket_id = selected_socket (self);

  if (socket_id != 0)
    sb_log_search_filter_socket (sb_event_log_get_search (self->log), socket_id);
}

/* The Export dialog with the selected event's connection chosen: format
 * and path empty, so that the export asks for them. */
static void
export_connection_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       data)
{
  SbRowMenu *self = data;
  g_autofree char *scope = g_strdup_printf ("connection:%u", selected_socket (self));

  gtk_widget_activate_action (GTK_WIDGET (self->log), "win.export-log", "(sss)", "", scope, "");
}

static const GActionEntry row_actions[] = {
  { "copy-row", copy_row_cb },
  { "copy-text", copy_payload_cb },
  { "copy-hex", copy_payload_cb },
  { "copy-python", copy_payload_cb },
  { "follow", follow_cb },
  { "filter-connection", filter_connection_cb },
  { "export-connection", export_connection_cb },
};

static void
set_enabled (SbRowMenu  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
selected_event_cb (SbRowMenu *self)
{
  SbEvent *event = sb_event_log_get_selected_event (self->log);
  gboolean payload = event != NULL && sb_event_get_payload_length (event) > 0;
  gboolean socket = event != NULL && sb_event_get_socket_id (event) != 0;

  set_enabled (self, "copy-row", event != NULL);
  set_enabled (self, "copy-text", payload);
  set_enabled (self, "copy-hex", payload);
  set_enabled (self, "copy-python", payload);
  set_enabled (self, "follow", socket);
  set_enabled (self, "filter-connection", socket);
  set_enabled (self, "export-connection", socket);
}

static void
popup_at (SbRowMenu *self,
          double     x,
          double     y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *item)
{
  SbRowMenu *self = g_object_get_data (G_OBJECT (gesture), "sb-row-menu");
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkSelectionModel *rows = gtk_list_view_get_model (self->list_view);
  double lx = x, ly = y;
  guint position = gtk_list_item_get_position (item);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_selection_model_select_item (rows, position, TRUE);
  gtk_widget_translate_coordinates (row, GTK_WIDGET (self->list_view), x, y, &lx, &ly);
  popup_at (self, lx, ly);
}

void
sb_row_menu_setup_row (SbRowMenu   *self,
                       GtkWidget   *row,
                       GtkListItem *item)
{
  GtkGesture *gesture;

  g_return_if_fail (self != NULL);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_object_set_data (G_OBJECT (gesture), "sb-row-menu", self);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
}

/* Menu or Shift+F10: the menu opens at the focused row. */
static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   data)
{
  SbRowMenu *self = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (sb_event_log_get_selected_event (self->log) == NULL)
    return FALSE;

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget)
      && gtk_widget_compute_bounds (focus, widget, &bounds))
    popup_at (self, bounds.origin.x + 24, bounds.origin.y + bounds.size.height / 2);
  else
    popup_at (self, 24, 24);

  return TRUE;
}

static void
add_shortcut (GtkShortcutController *keys,
              const char            *trigger,
              GtkShortcutAction     *action)
{
  gtk_shortcut_controller_add_shortcut (keys,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          action));
}

SbRowMenu *
sb_row_menu_new (SbEventLog  *log,
                 GtkListView *list_view)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkEventController *keys;
  SbRowMenu *self;

  g_return_val_if_fail (SB_IS_EVENT_LOG (log), NULL);
  g_return_val_if_fail (GTK_IS_LIST_VIEW (list_view), NULL);

  self = g_new0 (SbRowMenu, 1);
  self->log = log;
  self->list_view = list_view;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), row_actions,
                                   G_N_ELEMENTS (row_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (log), "row", G_ACTION_GROUP (self->actions));
  g_signal_connect_swapped (log, "notify::selected-event", G_CALLBACK (selected_event_cb), self);
  selected_event_cb (self);

  builder = gtk_builder_new_from_resource ("/org/sockbench/Sockbench/sb-row-menu.ui");
  self->popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (gtk_builder_get_object (builder,
                                                                                          "row_menu")));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (list_view));

  keys = gtk_shortcut_controller_new ();
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "Menu|<Shift>F10",
                gtk_callback_action_new (menu_key_cb, self, NULL));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "<Primary>c",
                gtk_named_action_new ("row.copy-row"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "<Primary><Shift>c",
                gtk_named_action_new ("row.copy-text"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "<Primary><Shift>h",
                gtk_named_action_new ("row.copy-hex"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "<Primary><Shift>p",
                gtk_named_action_new ("row.copy-python"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), "<Primary><Shift>f",
                gtk_named_action_new ("row.filter-connection"));
  gtk_widget_add_controller (GTK_WIDGET (list_view), keys);

  return self;
}

void
sb_row_menu_free (SbRowMenu *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->actions);
  g_free (self);
}
