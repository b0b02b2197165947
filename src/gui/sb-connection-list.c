/* sb-connection-list.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-connection-list"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-connection-list.h"
#include "sb-connection-row.h"
#include "sb-pane-util.h"
#include "sb-stream.h"

struct _SbConnectionList
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
  PROP_SELECTED_STREAM,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbConnectionList, sb_connection_list, GTK_TYPE_WIDGET)

static void
connection_error_cb (SbConnectionList *self,
                     GParamSpec       *pspec,
                     SbStream         *stream)
{
  const char *message = sb_stream_get_error_message (stream);
  const char *peer = sb_stream_get_peer_tuple (stream);
  g_autofree char *text = NULL;

  if (message == NULL)
    return;

  /* Translators: a connection's peer tuple, then what went wrong */
  text = g_strdup_printf (_("%s: %s"), peer != NULL ? peer : "?", message);
  sb_widget_toast_stream_error (GTK_WIDGET (self), stream, text);
}

/* Whether the conversation on @stream can still go both ways; once it
 * cannot (closed, reset, the peer closed), a new connection takes over the
 * selection. */
static gboolean
stream_is_live (SbStream *stream)
{
  SbStreamState state = sb_stream_get_state (stream);

  switch (state)
    {
    case SB_STREAM_RESOLVING:
    case SB_STREAM_RESOLVED:
    case SB_STREAM_SOCKET_OPEN:
    case SB_STREAM_CONNECTING:
    case SB_STREAM_CONNECTED:
    case SB_STREAM_WRITE_SHUT:
      return TRUE;

    case SB_STREAM_IDLE:
    case SB_STREAM_PEER_CLOSED:
    case SB_STREAM_BOTH_SHUT:
    case SB_STREAM_CLOSED:
    case SB_STREAM_PEER_LEFT:
    case SB_STREAM_FAILED:
    default:
      return FALSE;
    }
}

static void
items_changed_cb (SbConnectionList *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (model, i);

      g_signal_connect_object (stream, "notify::error-message",
                               G_CALLBACK (connection_error_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");

  if (added > 0)
    {
      guint newest = position + added - 1;
      SbStream *selected = gtk_single_selection_get_selected_item (self->selection);

      if (selected == NULL || !stream_is_live (selected))
        gtk_single_selection_set_selected (self->selection, newest);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  newest);
    }
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
selected_cb (SbConnectionList   *self,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STREAM]);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, GTK_WIDGET (sb_connection_row_new ()));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  sb_connection_row_set_stream (SB_CONNECTION_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  sb_connection_row_set_stream (SB_CONNECTION_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The rows shown are never squeezed away: the list's minimum height is its
 * natural one, which the scroller caps at two and a half rows, so that the
 * cut row says there are more.  A pane short of room shrinks elsewhere. */
static void
sb_connection_list_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return;

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural;
}

static GtkSizeRequestMode
sb_connection_list_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sb_connection_list_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

SbConnectionList *
sb_connection_list_new (void)
{
  return g_object_new (SB_TYPE_CONNECTION_LIST, NULL);
}

GListModel *
sb_connection_list_get_model (SbConnectionList *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_LIST (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

void
sb_connection_list_set_model (SbConnectionList *self,
                              GListModel       *model)
{
  GListModel *old;

  g_return_if_fail (SB_IS_CONNECTION_LIST (self));
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

SbStream *
sb_connection_list_get_selected_stream (SbConnectionList *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

guint
sb_connection_list_get_n_items (SbConnectionList *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

static void
sb_connection_list_dispose (GObject *object)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  if (self->selection != NULL)
    sb_connection_list_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CONNECTION_LIST);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (sb_connection_list_parent_class)->dispose (object);
}

static void
sb_connection_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, sb_connection_list_get_model (self));
      break;

    case PROP_SELECTED_STREAM:
      g_value_set_object (value, sb_connection_list_get_selected_stream (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, sb_connection_list_get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      sb_connection_list_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_list_class_init (SbConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_connection_list_dispose;
  object_class->get_property = sb_connection_list_get_property;
  object_class->set_property = sb_connection_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_STREAM] =
    g_param_spec_object ("selected-stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-connection-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SbConnectionList, stack);
  gtk_widget_class_bind_template_child (widget_class, SbConnectionList, list_view);

  widget_class->get_request_mode = sb_connection_list_get_request_mode;
  widget_class->measure = sb_connection_list_measure;
  widget_class->size_allocate = sb_connection_list_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "connectionlist");
}

static void
sb_connection_list_init (SbConnectionList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

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
