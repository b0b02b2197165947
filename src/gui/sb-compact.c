/* sb-compact.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-compact"

#include "config.h"

#include "sb-compact.h"

/* Set on the widgets sb_compact_apply() hid, so that it shows only those. */
#define HIDDEN_KEY "sb-compact-hidden"
/* A widget's place while it is moved away (a Home). */
#define HOME_KEY   "sb-compact-home"

typedef struct
{
  GtkWidget *parent;   /* borrowed: the widget's ancestor, outlives the move */
  GtkWidget *prev;     /* borrowed; checked to still be a child of parent */
  GtkWidget *next;
  gboolean   in_grid;
  int        column;
  int        row;
  int        width;
  int        height;
} Home;

void
sb_compact_hide (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_add_css_class (widget, SB_COMPACT_HIDE_CLASS);
}

void
sb_compact_keep (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_add_css_class (widget, SB_COMPACT_KEEP_CLASS);
}

static gboolean
holds_kept (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, SB_COMPACT_KEEP_CLASS) || holds_kept (child))
        return TRUE;
    }
  return FALSE;
}

static void
apply (GtkWidget *widget,
       gboolean   compact)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* What a popover shows is not folded: it is where things go. */
      if (GTK_IS_NATIVE (child))
        continue;

      if (!compact && g_object_get_data (G_OBJECT (child), HIDDEN_KEY) != NULL)
        {
          g_object_set_data (G_OBJECT (child), HIDDEN_KEY, NULL);
          gtk_widget_set_visible (child, TRUE);
        }
      else if (compact
               && gtk_widget_has_css_class (child, SB_COMPACT_HIDE_CLASS)
               && !gtk_widget_has_css_class (child, SB_COMPACT_KEEP_CLASS)
               && gtk_widget_get_visible (child)
               && !holds_kept (child))
        {
          g_object_set_data (G_OBJECT (child), HIDDEN_KEY, GINT_TO_POINTER (TRUE));
          gtk_widget_set_visible (child, FALSE);
          continue;
        }

      apply (child, compact);
    }
}

void
sb_compact_apply (GtkWidget *root,
                  gboolean   compact)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (compact)
    gtk_widget_add_css_class (root, SB_COMPACT_CLASS);
  else
    gtk_widget_remove_css_class (root, SB_COMPACT_CLASS);

  apply (root, compact);
}

static Home *
home_new (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  Home *home = g_new0 (Home, 1);

  home->parent = parent;
  home->prev = gtk_widget_get_prev_sibling (widget);
  home->next = gtk_widget_get_next_sibling (widget);
  home->in_grid = GTK_IS_GRID (parent);
  if (home->in_grid)
    {
      GtkLayoutManager *layout = gtk_widget_get_layout_manager (parent);
      GtkGridLayoutChild *cell =
        GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, widget));

      home->column = gtk_grid_layout_child_get_column (cell);
      home->row = gtk_grid_layout_child_get_row (cell);
      home->width = gtk_grid_layout_child_get_column_span (cell);
      home->height = gtk_grid_layout_child_get_row_span (cell);
    }

  return home;
}

static void
go_home (GtkWidget *widget,
         Home      *home)
{
  if (home->in_grid)
    {
      gtk_grid_attach (GTK_GRID (home->parent), widget,
                       home->column, home->row, home->width, home->height);
    }
  else if (home->next != NULL && gtk_widget_get_parent (home->next) == home->parent)
    {
      gtk_widget_insert_before (widget, home->parent, home->next);
    }
  else if (home->prev != NULL && gtk_widget_get_parent (home->prev) == home->parent)
    {
      gtk_widget_insert_after (widget, home->parent, home->prev);
    }
  else
    {
      gtk_widget_insert_before (widget, home->parent, NULL);
    }
}

/* A popover has one child, set with its own API. */
static void
take_out (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_POPOVER (parent))
    gtk_popover_set_child (GTK_POPOVER (parent), NULL);
  else
    gtk_widget_unparent (widget);
}

void
sb_compact_move (GtkWidget *widget,
                 GtkWidget *parent,
                 GtkWidget *before,
                 gboolean   compact)
{
  Home *home;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (before == NULL || gtk_widget_get_parent (before) == parent);

  home = g_object_get_data (G_OBJECT (widget), HOME_KEY);
  if (compact == (home != NULL) || gtk_widget_get_parent (widget) == NULL)
    return;

  g_object_ref (widget);

  if (compact)
    {
      g_object_set_data_full (G_OBJECT (widget), HOME_KEY, home_new (widget), g_free);
      take_out (widget);
      if (GTK_IS_POPOVER (parent))
        gtk_popover_set_child (GTK_POPOVER (parent), widget);
      else
        gtk_widget_insert_before (widget, parent, before);
    }
  else
    {
      take_out (widget);
      go_home (widget, home);
      g_object_set_data (G_OBJECT (widget), HOME_KEY, NULL);
    }

  g_object_unref (widget);
}
