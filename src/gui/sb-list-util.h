/* sb-list-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-throttle.h"

G_BEGIN_DECLS

/* What the Connections and Peers lists share: a GtkListView of one row
 * type over a GtkSingleSelection (autoselect) of a model, in a GtkStack
 * whose "empty" page shows while the model is empty and whose "list" page
 * shows otherwise, scrolled to the newest item when items come (at most
 * every SB_LIST_FOLLOW_INTERVAL_MS: a burst of thousands of connections
 * scrolls, and binds a row, a few times a second, not once per item).
 * Items appended to the model reach the list at most every
 * SB_LIST_SHOW_INTERVAL_MS, all those appended meanwhile in one
 * items-changed (a GtkSliceListModel that catches up), as the event log's
 * rows do: a burst accepted in batches of 64 costs the list a few updates
 * a second, whatever the rate; removals show at once.  The list
 * widget embeds an SbListCore and keeps its own properties "model",
 * "selected-…" and "n-items"; the core notifies them. */

/* Shows @item (NULL on unbind) in @row, a widget of the core's row type. */
typedef void (*SbListRowSetFunc) (GtkWidget *row,
                                  gpointer   item);

/* Called when @added items came at @position in @model, after the stack
 * shows the list and before it scrolls to the newest: the owner's own
 * rules (selection, signals). */
typedef void (*SbListAddedFunc)  (GtkWidget  *owner,
                                  GListModel *model,
                                  guint       position,
                                  guint       added);

typedef struct
{
  GtkWidget          *owner;
  /* template widgets, bound with sb_list_core_bind_template () */
  GtkStack           *stack;
  GtkListView        *list_view;
  /* owned */
  GtkSingleSelection *selection;
  GtkSliceListModel  *shown;          /* the selection's model: the first
                                       * items of the model, catching up */
  /* the model items-changed is connected to (unowned) */
  GListModel         *model;
  GType               row_type;
  SbListRowSetFunc    row_set;
  SbListAddedFunc     added;
  GParamSpec         *model_pspec;
  GParamSpec         *selected_pspec;
  GParamSpec         *n_items_pspec;
  SbThrottle          show_throttle;
  SbThrottle          follow_throttle;
  guint               follow_position;  /* the newest item, to scroll to */
} SbListCore;

#define SB_LIST_FOLLOW_INTERVAL_MS 100
#define SB_LIST_SHOW_INTERVAL_MS   250

/* For class_init: the "model" and "n-items" properties every list has. */
void        sb_list_core_param_specs     (GParamSpec       **model_pspec,
                                          GParamSpec       **n_items_pspec);
/* For class_init: binds the template's "stack" and "list_view" into the
 * SbListCore at @core_offset in the instance. */
void        sb_list_core_bind_template   (GtkWidgetClass    *widget_class,
                                          gssize             core_offset);

/* For init, after gtk_widget_init_template(). */
void        sb_list_core_init            (SbListCore        *core,
                                          GtkWidget         *owner,
                                          GType              row_type,
                                          SbListRowSetFunc   row_set,
                                          SbListAddedFunc    added,
                                          GParamSpec        *model_pspec,
                                          GParamSpec        *selected_pspec,
                                          GParamSpec        *n_items_pspec);
/* For dispose: drops the model, the template and the selection. */
void        sb_list_core_dispose         (SbListCore        *core,
                                          GType              owner_type);

/* The model given, not the slice of it the list shows. */
GListModel *sb_list_core_get_model       (SbListCore        *core);
void        sb_list_core_set_model       (SbListCore        *core,
                                          GListModel        *model);
gpointer    sb_list_core_get_selected    (SbListCore        *core);
/* The items the list shows so far. */
guint       sb_list_core_get_n_items     (SbListCore        *core);

/* For get_property / set_property: handles the core's properties and
 * returns TRUE, or returns FALSE for any other @pspec. */
gboolean    sb_list_core_get_property    (SbListCore        *core,
                                          GParamSpec        *pspec,
                                          GValue            *value);
gboolean    sb_list_core_set_property    (SbListCore        *core,
                                          GParamSpec        *pspec,
                                          const GValue      *value);

G_END_DECLS
