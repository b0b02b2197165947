/* sb-window-split.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include "sb-window-private.h"

/* The split between the log and the inspector is a share of the width, so
 * that the inspector grows with the window: a request head reads header by
 * header at 1920 px as well as at 1024.  The user's drag of the handle
 * changes the share; it is remembered in "inspector-fraction".  The
 * minimum widths of both sides (the log's width-request, the inspector's
 * own) keep either from collapsing; GtkPaned clamps to them. */

#define FRACTION_MIN     0.15
#define FRACTION_MAX     0.85
#define FRACTION_DEFAULT 0.42

static void
apply_fraction (SbWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->log_paned));

  if (width <= 0)
    return;

  self->split_width = width;
  self->splitting = TRUE;
  gtk_paned_set_position (self->log_paned,
                          (int) (width * (1.0 - self->inspector_fraction) + 0.5));
  self->splitting = FALSE;
}

static void
log_paned_position_cb (SbWindow   *self,
                       GParamSpec *pspec,
                       GtkPaned   *paned)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  int position = gtk_paned_get_position (paned);
  int min_position = 0, max_position = 0;

  /* Only a drag of the handle at the current width is the user's choice.
   * GtkPaned also moves it itself when it clamps to a side's minimum (the
   * Hex view asks for its 16 columns): that lands on the limit, and is not
   * remembered.  A hidden inspector (presentation) has no share to take. */
  g_object_get (paned, "min-position", &min_position, "max-position", &max_position, NULL);
  if (self->splitting || width <= 0 || width != self->split_width ||
      position <= min_position || position >= max_position ||
      !gtk_widget_get_visible (GTK_WIDGET (self->inspector)) ||
      !gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return;

  self->inspector_fraction = CLAMP (1.0 - (double) position / width,
                                    FRACTION_MIN, FRACTION_MAX);
}

/* From the window's layout handler: after each layout in which the
 * paned's width changed, the handle goes where the share puts it. */
void
_sb_window_split_layout (SbWindow *self)
{
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (self->log_paned));
  int width = gtk_widget_get_width (GTK_WIDGET (self->log_paned));
  int log_min = 0, handle;

  if (width > 0 && width != self->split_width)
    apply_fraction (self);

  /* What the inspector may take: the visible width less the log's minimum
   * and the handle.  The log scrolls sideways inside its scroller, so that
   * is the scroller's width, not the paned's. */
  while (scroller != NULL && !GTK_IS_SCROLLED_WINDOW (scroller))
    scroller = gtk_widget_get_parent (scroller);
  if (scroller == NULL || gtk_widget_get_width (scroller) <= 0)
    return;
  gtk_widget_measure (GTK_WIDGET (self->log_stack), GTK_ORIENTATION_HORIZONTAL, -1,
                      &log_min, NULL, NULL, NULL);
  /* The handle, and a little slack. */
  handle = 8;
  sb_inspector_set_room (self->inspector, gtk_widget_get_width (scroller) - log_min - handle);
}

void
_sb_window_split_init (SbWindow *self)
{
  self->inspector_fraction = FRACTION_DEFAULT;
  g_signal_connect_object (self->log_paned, "notify::position",
                           G_CALLBACK (log_paned_position_cb), self, G_CONNECT_SWAPPED);
}

void
_sb_window_split_load (SbWindow  *self,
                       GSettings *settings)
{
  self->inspector_fraction = CLAMP (g_settings_get_double (settings, "inspector-fraction"),
                                    FRACTION_MIN, FRACTION_MAX);
  self->split_width = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->log_paned));
}

void
_sb_window_split_save (SbWindow  *self,
                       GSettings *settings)
{
  g_settings_set_double (settings, "inspector-fraction", self->inspector_fraction);
}
