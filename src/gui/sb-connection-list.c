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
#include "sb-list-util.h"
#include "sb-pane-util.h"
#include "sb-stream.h"

struct _SbConnectionList
{
  GtkWidget   parent_instance;

  SbListCore  core;

  /* Streams whose errors show as toasts: those bound to a row, and the
   * selected one (SbStream * -> number of reasons, as a pointer), so that
   * no handler is left on the thousands of connections off screen. */
  GHashTable *watched;
  SbStream   *selected;  /* watched for being selected (a reference) */
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
  g_autofree char *text = sb_stream_dup_error_text (stream);

  if (text == NULL)
    return;

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
watch_stream (SbConnectionList *self,
              SbStream         *stream)
{
  guint count;

  if (stream == NULL)
    return;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, stream));
  if (count == 0)
    g_signal_connect_object (stream, "notify::error-message",
                             G_CALLBACK (connection_error_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_replace (self->watched, g_object_ref (stream), GUINT_TO_POINTER (count + 1));
}

static void
unwatch_stream (SbConnectionList *self,
                SbStream         *stream)
{
  guint count;

  if (stream == NULL)
    return;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, stream));
  g_return_if_fail (count > 0);

  if (count > 1)
    {
      g_hash_table_replace (self->watched, g_object_ref (stream), GUINT_TO_POINTER (count - 1));
      return;
    }

  g_signal_handlers_disconnect_by_func (stream, connection_error_cb, self);
  g_hash_table_remove (self->watched, stream);
}

static void
unwatch_all (SbConnectionList *self)
{
  GHashTableIter iter;
  gpointer stream;

  g_clear_object (&self->selected);
  if (self->watched == NULL)
    return;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &stream, NULL))
    g_signal_handlers_disconnect_by_func (stream, connection_error_cb, self);
  g_hash_table_remove_all (self->watched);
}

/* Rows come and go as the list scrolls: only the connections they show
 * (and the selected one) are watched for errors. */
static void
row_bound_cb (SbConnectionList *self,
              GtkListItem      *item)
{
  watch_stream (self, gtk_list_item_get_item (item));
}

static void
row_unbound_cb (SbConnectionList *self,
                GtkListItem      *item)
{
  unwatch_stream (self, gtk_list_item_get_item (item));
}

static void
selected_changed_cb (SbConnectionList *self)
{
  SbStream *selected = sb_list_core_get_selected (&self->core);

  if (selected == self->selected)
    return;

  unwatch_stream (self, self->selected);
  g_clear_object (&self->selected);
  if (selected != NULL)
    {
      self->selected = g_object_ref (selected);
      watch_stream (self, selected);
    }
}

/* A new connection takes the selection when none is, or when the selected
 * one is over. */
static void
added_cb (GtkWidget  *owner,
          GListModel *model,
          guint       position,
          guint       added)
{
  SbConnectionList *self = SB_CONNECTION_LIST (owner);
  guint newest = position + added - 1;
  SbStream *selected;

  selected = sb_list_core_get_selected (&self->core);
  if (selected == NULL || !stream_is_live (selected))
    gtk_single_selection_set_selected (self->core.selection, newest);
}

static void
row_set (GtkWidget *row,
         gpointer   item)
{
  sb_connection_row_set_stream (SB_CONNECTION_ROW (row), item);
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

  return sb_list_core_get_model (&self->core);
}

void
sb_connection_list_set_model (SbConnectionList *self,
                              GListModel       *model)
{
  g_return_if_fail (SB_IS_CONNECTION_LIST (self));

  sb_list_core_set_model (&self->core, model);
}

SbStream *
sb_connection_list_get_selected_stream (SbConnectionList *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_LIST (self), NULL);

  return sb_list_core_get_selected (&self->core);
}

guint
sb_connection_list_get_n_items (SbConnectionList *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_LIST (self), 0);

  return sb_list_core_get_n_items (&self->core);
}

static void
sb_connection_list_dispose (GObject *object)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  sb_list_core_dispose (&self->core, SB_TYPE_CONNECTION_LIST);
  unwatch_all (self);

  G_OBJECT_CLASS (sb_connection_list_parent_class)->dispose (object);
}

static void
sb_connection_list_finalize (GObject *object)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  g_clear_pointer (&self->watched, g_hash_table_unref);

  G_OBJECT_CLASS (sb_connection_list_parent_class)->finalize (object);
}

static void
sb_connection_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  if (!sb_list_core_get_property (&self->core, pspec, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_connection_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbConnectionList *self = SB_CONNECTION_LIST (object);

  if (!sb_list_core_set_property (&self->core, pspec, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_connection_list_class_init (SbConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_connection_list_dispose;
  object_class->finalize = sb_connection_list_finalize;
  object_class->get_property = sb_connection_list_get_property;
  object_class->set_property = sb_connection_list_set_property;

  sb_list_core_param_specs (&properties[PROP_MODEL], &properties[PROP_N_ITEMS]);
  properties[PROP_SELECTED_STREAM] =
    g_param_spec_object ("selected-stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-connection-list.ui");
  sb_list_core_bind_template (widget_class, G_STRUCT_OFFSET (SbConnectionList, core));

  widget_class->get_request_mode = sb_connection_list_get_request_mode;
  widget_class->measure = sb_connection_list_measure;
  widget_class->size_allocate = sb_connection_list_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "connectionlist");
}

static void
sb_connection_list_init (SbConnectionList *self)
{
  GtkListItemFactory *factory;

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  sb_list_core_init (&self->core, GTK_WIDGET (self), SB_TYPE_CONNECTION_ROW, row_set, added_cb,
                     properties[PROP_MODEL], properties[PROP_SELECTED_STREAM],
                     properties[PROP_N_ITEMS]);

  /* After the core's own handlers: the item is set on bind, still set on
   * unbind. */
  factory = gtk_list_view_get_factory (self->core.list_view);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bound_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (row_unbound_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->core.selection, "notify::selected-item",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
}
