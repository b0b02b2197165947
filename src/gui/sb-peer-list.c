/* sb-peer-list.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-peer-list"

#include "config.h"

#include "sb-datagram-peer.h"
#include "sb-pane-util.h"
#include "sb-peer-list.h"
#include "sb-peer-row.h"

struct _SbPeerList
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkStack           *stack;
  GtkListView        *list_view;

  /* owned */
  GtkSingleSelection *selection;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_PEER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbPeerList, sb_peer_list, GTK_TYPE_WIDGET)

static void
items_changed_cb (SbPeerList *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  guint n_items = g_list_model_get_n_items (model);

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");

  if (added > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position + added - 1);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
selected_cb (SbPeerList         *self,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PEER]);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (sb_peer_row_new ()));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  sb_peer_row_set_peer (SB_PEER_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  sb_peer_row_set_peer (SB_PEER_ROW (gtk_list_item_get_child (item)), NULL);
}

SbPeerList *
sb_peer_list_new (void)
{
  return g_object_new (SB_TYPE_PEER_LIST, NULL);
}

GListModel *
sb_peer_list_get_model (SbPeerList *self)
{
  g_return_val_if_fail (SB_IS_PEER_LIST (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

void
sb_peer_list_set_model (SbPeerList *self,
                        GListModel *model)
{
  GListModel *old;

  g_return_if_fail (SB_IS_PEER_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  old = gtk_single_selection_get_model (self->selection);
  if (old == model)
    return;

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, items_changed_cb, self);

  gtk_single_selection_set_model (self->selection, model);

  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      items_changed_cb (self, 0, 0, g_list_model_get_n_items (model), model);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

SbDatagramPeer *
sb_peer_list_get_selected_peer (SbPeerList *self)
{
  g_return_val_if_fail (SB_IS_PEER_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

guint
sb_peer_list_get_n_items (SbPeerList *self)
{
  g_return_val_if_fail (SB_IS_PEER_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

static void
sb_peer_list_dispose (GObject *object)
{
  SbPeerList *self = SB_PEER_LIST (object);

  if (self->selection != NULL)
    sb_peer_list_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PEER_LIST);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (sb_peer_list_parent_class)->dispose (object);
}

static void
sb_peer_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbPeerList *self = SB_PEER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, sb_peer_list_get_model (self));
      break;

    case PROP_SELECTED_PEER:
      g_value_set_object (value, sb_peer_list_get_selected_peer (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, sb_peer_list_get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_peer_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbPeerList *self = SB_PEER_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sb_peer_list_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_peer_list_class_init (SbPeerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_peer_list_dispose;
  object_class->get_property = sb_peer_list_get_property;
  object_class->set_property = sb_peer_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_PEER] =
    g_param_spec_object ("selected-peer", NULL, NULL,
                         SB_TYPE_DATAGRAM_PEER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-peer-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPeerList, stack);
  gtk_widget_class_bind_template_child (widget_class, SbPeerList, list_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "peerlist");
}

static void
sb_peer_list_init (SbPeerList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The first sender is selected at once: with one peer, as in the
   * exercise, a reply needs no click. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
