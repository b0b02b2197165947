/* sb-event-log.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-event-log"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-event-log.h"
#include "sb-pane-util.h"
#include "sb-event-row.h"
#include "sb-list-follow.h"
#include "sb-log-search.h"
#include "sb-row-menu.h"
#include "sb-throttle.h"

/* How often new rows reach the view while events keep coming.  Each time,
 * a following view lays out and paints again; a flood of thousands of
 * recv() a second is shown ten times a second, every row of it, instead
 * of the window spending its time painting. */
#define SHOW_INTERVAL_MS 100

struct _SbEventLog
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkBox             *box;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkButton          *jump_button;
  GtkLabel           *empty_label;

  /* owned */
  SbCapture          *capture;
  GtkSliceListModel  *shown;       /* the capture's first rows, as far as shown */
  GtkFilterListModel *filtered;    /* those the search bar's filters let through */
  SbLogSearch        *search;
  SbRowMenu          *row_menu;
  GtkSingleSelection *selection;
  SbThrottle          show_throttle;
  SbEvent            *selected_event;
  SbListFollow        follow;    /* sticks to the newest row as rows arrive */
};

G_DEFINE_FINAL_TYPE (SbEventLog, sb_event_log, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_SELECTED_EVENT,
  PROP_SELECTED_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_overlays (gpointer data)
{
  SbEventLog *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_widget_set_visible (GTK_WIDGET (self->jump_button),
                          !sb_list_follow_is_following (&self->follow) && n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  gtk_label_set_label (self->empty_label,
                       g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0
                       ? _("No events match the filters")
                       : _("No events yet: every socket call shows here"));
}

static void
items_changed_cb (SbEventLog *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  sb_list_follow_items_changed (&self->follow, g_list_model_get_n_items (model), added);
}

/* Shows every row the capture announced so far. */
static void
show_new_rows (gpointer data)
{
  SbEventLog *self = data;
  guint n = self->capture != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->capture)) : 0;

  gtk_slice_list_model_set_size (self->shown, n);
}

static void
capture_changed_cb (SbEventLog *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *model)
{
  /* Clearing shows at once; new rows at most every SHOW_INTERVAL_MS. */
  if (removed > 0)
    sb_throttle_run (&self->show_throttle);
  else
    sb_throttle_queue (&self->show_throttle);
}

static void
selected_item_changed_cb (SbEventLog         *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  SbEvent *event = gtk_single_selection_get_selected_item (selection);

  if (g_set_object (&self->selected_event, event))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
    }
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = sb_event_row_new ();

  gtk_list_item_set_child (item, row);
  sb_row_menu_setup_row (SB_EVENT_LOG (user_data)->row_menu, row, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  sb_event_row_set_event (SB_EVENT_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
jump_to_newest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  sb_event_log_jump_to_newest (SB_EVENT_LOG (widget));
}

SbEventLog *
sb_event_log_new (void)
{
  return g_object_new (SB_TYPE_EVENT_LOG, NULL);
}

SbCapture *
sb_event_log_get_capture (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), NULL);

  return self->capture;
}

void
sb_event_log_set_capture (SbEventLog *self,
                          SbCapture  *capture)
{
  g_return_if_fail (SB_IS_EVENT_LOG (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  g_set_object (&self->capture, capture);

  sb_throttle_clear (&self->show_throttle);
  gtk_slice_list_model_set_model (self->shown, G_LIST_MODEL (capture));
  show_new_rows (self);
  if (capture != NULL)
    g_signal_connect_object (capture, "items-changed",
                             G_CALLBACK (capture_changed_cb), self, G_CONNECT_SWAPPED);

  sb_log_search_set_capture (self->search, capture);
  sb_list_follow_jump (&self->follow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

SbEvent *
sb_event_log_get_selected_event (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), NULL);

  return self->selected_event;
}

guint
sb_event_log_get_selected_index (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), GTK_INVALID_LIST_POSITION);

  return self->selected_event != NULL ? sb_event_get_index (self->selected_event)
                                      : GTK_INVALID_LIST_POSITION;
}

/* The row of the capture's event @index: the filtered rows keep the
 * capture's order.  GTK_INVALID_LIST_POSITION when it is filtered out. */
static guint
find_row (SbEventLog *self,
          guint       index)
{
  GListModel *rows = G_LIST_MODEL (self->filtered);
  guint lo = 0, hi = g_list_model_get_n_items (rows);

  if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    return index < hi ? index : GTK_INVALID_LIST_POSITION;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(SbEvent) event = g_list_model_get_item (rows, mid);
      guint at = sb_event_get_index (event);

      if (at == index)
        return mid;
      if (at < index)
        lo = mid + 1;
      else
        hi = mid;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
sb_event_log_select_index (SbEventLog *self,
                           guint       index)
{
  guint row;

  g_return_if_fail (SB_IS_EVENT_LOG (self));

  if (index == sb_event_log_get_selected_index (self))
    return;

  if (index == GTK_INVALID_LIST_POSITION || self->capture == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  /* Another view may select an event the log has not shown yet. */
  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    show_new_rows (self);
  row = find_row (self, index);
  if (row == GTK_INVALID_LIST_POSITION)
    return;

  sb_list_follow_stop (&self->follow);
  gtk_single_selection_set_selected (self->selection, row);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", row);
  update_overlays (self);
}

void
sb_event_log_set_filter (SbEventLog *self,
                         GtkFilter  *filter)
{
  g_return_if_fail (SB_IS_EVENT_LOG (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  gtk_filter_list_model_set_filter (self->filtered, filter);
}

GtkFilterListModel *
sb_event_log_get_filter_model (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), NULL);

  return self->filtered;
}

SbLogSearch *
sb_event_log_get_search (SbEventLog *self)
{
  g_return_val_if_fail (SB_IS_EVENT_LOG (self), NULL);

  return self->search;
}

void
sb_event_log_jump_to_newest (SbEventLog *self)
{
  g_return_if_fail (SB_IS_EVENT_LOG (self));

  sb_list_follow_jump (&self->follow);
}

static void
sb_event_log_map (GtkWidget *widget)
{
  SbEventLog *self = SB_EVENT_LOG (widget);

  GTK_WIDGET_CLASS (sb_event_log_parent_class)->map (widget);

  sb_list_follow_map (&self->follow, widget);
}

static void
sb_event_log_unmap (GtkWidget *widget)
{
  sb_list_follow_unmap (&SB_EVENT_LOG (widget)->follow);

  GTK_WIDGET_CLASS (sb_event_log_parent_class)->unmap (widget);
}

static gboolean
sb_event_log_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SB_EVENT_LOG (widget)->list_view));
}

static void
sb_event_log_dispose (GObject *object)
{
  SbEventLog *self = SB_EVENT_LOG (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  sb_throttle_clear (&self->show_throttle);
  sb_list_follow_clear (&self->follow);
  g_clear_pointer (&self->row_menu, sb_row_menu_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_EVENT_LOG);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->shown);
  g_clear_object (&self->selected_event);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_event_log_parent_class)->dispose (object);
}

static void
sb_event_log_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbEventLog *self = SB_EVENT_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;

    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, sb_event_log_get_selected_index (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_event_log_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbEventLog *self = SB_EVENT_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      sb_event_log_set_capture (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_INDEX:
      sb_event_log_select_index (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_event_log_class_init (SbEventLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_event_log_dispose;
  object_class->get_property = sb_event_log_get_property;
  object_class->set_property = sb_event_log_set_property;

  widget_class->grab_focus = sb_event_log_grab_focus;
  widget_class->map = sb_event_log_map;
  widget_class->unmap = sb_event_log_unmap;

  /**
   * SbEventLog:capture:
   *
   * The capture whose events the log lists.
   */
  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbEventLog:selected-event:
   *
   * The event selected in the log, or %NULL.
   */
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL,
                         SB_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbEventLog:selected-index:
   *
   * The capture index of the selected event, or %GTK_INVALID_LIST_POSITION.
   * Setting it selects that event and scrolls to it: the other views of
   * the log (ladder, transcript) share the selection through it.
   */
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL,
                       0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-event-log.ui");
  gtk_widget_class_bind_template_child (widget_class, SbEventLog, box);
  gtk_widget_class_bind_template_child (widget_class, SbEventLog, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbEventLog, list_view);
  gtk_widget_class_bind_template_child (widget_class, SbEventLog, jump_button);
  gtk_widget_class_bind_template_child (widget_class, SbEventLog, empty_label);

  gtk_widget_class_install_action (widget_class, "log.jump-to-newest", NULL,
                                   jump_to_newest_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbeventlog");
}

static void
sb_event_log_init (SbEventLog *self)
{
  GtkListItemFactory *factory;

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_init_template (GTK_WIDGET (self));

  sb_list_follow_init (&self->follow, self->list_view, self->scroller, update_overlays, self);

  gtk_box_prepend (self->box, sb_event_row_new_header ());

  sb_throttle_init (&self->show_throttle, SHOW_INTERVAL_MS, G_PRIORITY_HIGH_IDLE + 10,
                    show_new_rows, self);
  self->shown = gtk_slice_list_model_new (NULL, 0, 0);
  /* Filtered in steps: a million rows never freeze the window. */
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->shown)), NULL);
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  self->search = sb_log_search_new (self);
  gtk_box_prepend (self->box, GTK_WIDGET (self->search));
  /* The selection connects to the rows first, so the list already knows
   * about new rows when items_changed_cb() scrolls to them. */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  self->row_menu = sb_row_menu_new (self, self->list_view);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  /* No "unbind": a row keeps its texts until it shows another event, so
   * the columns that stay the same (side, socket, call, bytes) are not
   * laid out again each time the list recycles the row. */
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
