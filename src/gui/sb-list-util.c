/* sb-list-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-list-util"

#include "config.h"

#include "sb-list-util.h"
#include "sb-pane-util.h"

static void
follow_cb (gpointer data)
{
  SbListCore *core = data;

  if (core->follow_position < g_list_model_get_n_items (G_LIST_MODEL (core->selection)))
    gtk_widget_activate_action (GTK_WIDGET (core->list_view), "list.scroll-to-item", "u",
                                core->follow_position);
}

/* Shows every item the model has so far. */
static void
show_cb (gpointer data)
{
  SbListCore *core = data;
  guint n = core->model != NULL ? g_list_model_get_n_items (core->model) : 0;

  if (gtk_slice_list_model_get_size (core->shown) != n)
    gtk_slice_list_model_set_size (core->shown, n);
}

/* The model's own: appended items wait for the next catch-up (the slice
 * ignores items past its end); anything else shows at once. */
static void
model_changed_cb (SbListCore *core,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  if (removed > 0 || position < gtk_slice_list_model_get_size (core->shown))
    sb_throttle_run (&core->show_throttle);
  else if (added > 0)
    sb_throttle_queue (&core->show_throttle);
}

/* The shown slice's: what the list sees. */
static void
items_changed_cb (SbListCore *core,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  guint n_items = g_list_model_get_n_items (model);

  gtk_stack_set_visible_child_name (core->stack, n_items > 0 ? "list" : "empty");

  if (added > 0 && core->added != NULL)
    core->added (core->owner, model, position, added);
  if (added > 0)
    {
      core->follow_position = position + added - 1;
      sb_throttle_queue (&core->follow_throttle);
    }
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (core->owner), core->n_items_pspec);
}

static void
selected_cb (SbListCore         *core,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  g_object_notify_by_pspec (G_OBJECT (core->owner), core->selected_pspec);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SbListCore               *core)
{
  gtk_list_item_set_child (item, g_object_new (core->row_type, NULL));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SbListCore               *core)
{
  core->row_set (gtk_list_item_get_child (item), gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SbListCore               *core)
{
  core->row_set (gtk_list_item_get_child (item), NULL);
}

void
sb_list_core_param_specs (GParamSpec **model_pspec,
                          GParamSpec **n_items_pspec)
{
  *model_pspec =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  *n_items_pspec =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

void
sb_list_core_bind_template (GtkWidgetClass *widget_class,
                            gssize          core_offset)
{
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE,
                                             core_offset + G_STRUCT_OFFSET (SbListCore, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "list_view", FALSE,
                                             core_offset + G_STRUCT_OFFSET (SbListCore, list_view));
}

void
sb_list_core_init (SbListCore       *core,
                   GtkWidget        *owner,
                   GType             row_type,
                   SbListRowSetFunc  row_set,
                   SbListAddedFunc   added,
                   GParamSpec       *model_pspec,
                   GParamSpec       *selected_pspec,
                   GParamSpec       *n_items_pspec)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (GTK_IS_STACK (core->stack) && GTK_IS_LIST_VIEW (core->list_view));

  core->owner = owner;
  core->row_type = row_type;
  core->row_set = row_set;
  core->added = added;
  core->model_pspec = model_pspec;
  core->selected_pspec = selected_pspec;
  core->n_items_pspec = n_items_pspec;

  sb_throttle_init (&core->show_throttle, SB_LIST_SHOW_INTERVAL_MS,
                    G_PRIORITY_HIGH_IDLE + 10, show_cb, core);
  sb_throttle_init (&core->follow_throttle, SB_LIST_FOLLOW_INTERVAL_MS,
                    G_PRIORITY_HIGH_IDLE + 10, follow_cb, core);

  core->shown = gtk_slice_list_model_new (NULL, 0, 0);
  core->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (core->shown)));
  /* After the selection's own handler: the list has the new items. */
  g_signal_connect_swapped (core->shown, "items-changed", G_CALLBACK (items_changed_cb), core);
  gtk_single_selection_set_autoselect (core->selection, TRUE);
  g_signal_connect_swapped (core->selection, "notify::selected-item",
                            G_CALLBACK (selected_cb), core);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), core);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), core);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), core);
  gtk_list_view_set_factory (core->list_view, factory);
  gtk_list_view_set_model (core->list_view, GTK_SELECTION_MODEL (core->selection));
}

void
sb_list_core_dispose (SbListCore *core,
                      GType       owner_type)
{
  sb_throttle_clear (&core->show_throttle);
  sb_throttle_clear (&core->follow_throttle);
  if (core->selection != NULL)
    sb_list_core_set_model (core, NULL);
  gtk_widget_dispose_template (core->owner, owner_type);
  sb_widget_unparent_children (core->owner);
  if (core->selection != NULL)
    g_signal_handlers_disconnect_by_data (core->selection, core);
  g_clear_object (&core->selection);
  if (core->shown != NULL)
    g_signal_handlers_disconnect_by_data (core->shown, core);
  g_clear_object (&core->shown);
}

GListModel *
sb_list_core_get_model (SbListCore *core)
{
  return core->model;
}

void
sb_list_core_set_model (SbListCore *core,
                        GListModel *model)
{
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (core->model == model)
    return;

  if (core->model != NULL)
    g_signal_handlers_disconnect_by_func (core->model, model_changed_cb, core);
  core->model = model;

  /* A new model shows whole at once; the slice's items-changed does the
   * rest (stack, selection, follow). */
  sb_throttle_clear (&core->show_throttle);
  gtk_slice_list_model_set_size (core->shown, 0);
  gtk_slice_list_model_set_model (core->shown, model);
  sb_throttle_run (&core->show_throttle);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_changed_cb), core);
  gtk_stack_set_visible_child_name (core->stack,
                                    sb_list_core_get_n_items (core) > 0 ? "list" : "empty");

  g_object_notify_by_pspec (G_OBJECT (core->owner), core->model_pspec);
  g_object_notify_by_pspec (G_OBJECT (core->owner), core->n_items_pspec);
}

gpointer
sb_list_core_get_selected (SbListCore *core)
{
  return gtk_single_selection_get_selected_item (core->selection);
}

guint
sb_list_core_get_n_items (SbListCore *core)
{
  return g_list_model_get_n_items (G_LIST_MODEL (core->selection));
}

gboolean
sb_list_core_get_property (SbListCore *core,
                           GParamSpec *pspec,
                           GValue     *value)
{
  if (pspec == core->model_pspec)
    g_value_set_object (value, sb_list_core_get_model (core));
  else if (pspec == core->selected_pspec)
    g_value_set_object (value, sb_list_core_get_selected (core));
  else if (pspec == core->n_items_pspec)
    g_value_set_uint (value, sb_list_core_get_n_items (core));
  else
    return FALSE;

  return TRUE;
}

gboolean
sb_list_core_set_property (SbListCore   *core,
                           GParamSpec   *pspec,
                           const GValue *value)
{
  if (pspec != core->model_pspec)
    return FALSE;

  sb_list_core_set_model (core, g_value_get_object (value));
  return TRUE;
}
