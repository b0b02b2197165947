/* sb-peer-list.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-peer-list"

#include "config.h"

#include "sb-datagram-peer.h"
#include "sb-list-util.h"
#include "sb-peer-list.h"
#include "sb-peer-row.h"

struct _SbPeerList
{
  GtkWidget   parent_instance;

  SbListCore  core;
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
row_set (GtkWidget *row,
         gpointer   item)
{
  sb_peer_row_set_peer (SB_PEER_ROW (row), item);
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

  return sb_list_core_get_model (&self->core);
}

void
sb_peer_list_set_model (SbPeerList *self,
                        GListModel *model)
{
  g_return_if_fail (SB_IS_PEER_LIST (self));

  sb_list_core_set_model (&self->core, model);
}

SbDatagramPeer *
sb_peer_list_get_selected_peer (SbPeerList *self)
{
  g_return_val_if_fail (SB_IS_PEER_LIST (self), NULL);

  return sb_list_core_get_selected (&self->core);
}

guint
sb_peer_list_get_n_items (SbPeerList *self)
{
  g_return_val_if_fail (SB_IS_PEER_LIST (self), 0);

  return sb_list_core_get_n_items (&self->core);
}

static void
sb_peer_list_dispose (GObject *object)
{
  SbPeerList *self = SB_PEER_LIST (object);

  sb_list_core_dispose (&self->core, SB_TYPE_PEER_LIST);

  G_OBJECT_CLASS (sb_peer_list_parent_class)->dispose (object);
}

static void
sb_peer_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbPeerList *self = SB_PEER_LIST (object);

  if (!sb_list_core_get_property (&self->core, pspec, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_peer_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbPeerList *self = SB_PEER_LIST (object);

  if (!sb_list_core_set_property (&self->core, pspec, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_peer_list_class_init (SbPeerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_peer_list_dispose;
  object_class->get_property = sb_peer_list_get_property;
  object_class->set_property = sb_peer_list_set_property;

  sb_list_core_param_specs (&properties[PROP_MODEL], &properties[PROP_N_ITEMS]);
  properties[PROP_SELECTED_PEER] =
    g_param_spec_object ("selected-peer", NULL, NULL,
                         SB_TYPE_DATAGRAM_PEER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-peer-list.ui");
  sb_list_core_bind_template (widget_class, G_STRUCT_OFFSET (SbPeerList, core));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "peerlist");
}

static void
sb_peer_list_init (SbPeerList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The first sender is selected at once (the selection autoselects): with
   * one peer, as in the exercise, a reply needs no click.  Later senders
   * leave the selection where it is. */
  sb_list_core_init (&self->core, GTK_WIDGET (self), SB_TYPE_PEER_ROW, row_set, NULL,
                     properties[PROP_MODEL], properties[PROP_SELECTED_PEER],
                     properties[PROP_N_ITEMS]);
}
