/* sb-window-actions.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-window-private.h"
#include "sb-workbench.h"
#include "sb-zoom.h"

/* Zoom steps in percent, as browsers use them. */
static const int zoom_levels[] = { 50, 67, 80, 90, 100, 110, 120, 133, 150, 170, 200, 240, 300 };

static void
sb_window_apply_zoom (SbWindow *self)
{
  g_autofree char *label = NULL;

  sb_zoom_load (self->zoom_css, self->zoom);

  label = g_strdup_printf ("%d%%", self->zoom);
  gtk_label_set_text (self->zoom_label, label);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in",
                                 self->zoom < zoom_levels[G_N_ELEMENTS (zoom_levels) - 1]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out",
                                 self->zoom > zoom_levels[0]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset",
                                 self->zoom != SB_ZOOM_DEFAULT);

  if (self->settings != NULL)
    g_settings_set_int (self->settings, "zoom", self->zoom);
}

void
_sb_window_set_zoom (SbWindow *self,
                     int       zoom)
{
  self->zoom = CLAMP (zoom, zoom_levels[0], zoom_levels[G_N_ELEMENTS (zoom_levels) - 1]);
  sb_window_apply_zoom (self);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
    {
      if (zoom_levels[i] > self->zoom)
        {
          self->zoom = zoom_levels[i];
          break;
        }
    }

  sb_window_apply_zoom (self);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
    {
      if (zoom_levels[i - 1] < self->zoom)
        {
          self->zoom = zoom_levels[i - 1];
          break;
        }
    }

  sb_window_apply_zoom (self);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  self->zoom = SB_ZOOM_DEFAULT;
  sb_window_apply_zoom (self);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  sb_window_add_toast (SB_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Only the record goes: connections stay open and keep their counters and
 * socket ids, so what they do next starts the new log. */
static void
clear_log_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_capture_clear (sb_workbench_get_capture (self->workbench));
}

/* Clear Log clears the live capture: only while the log shows it (not an
 * opened session, which is read-only) and has rows. */
void
_sb_window_update_clear_log (SbWindow *self)
{
  SbCapture *live = sb_workbench_get_capture (self->workbench);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-log",
                                 _sb_window_get_shown_capture (self) == live
                                 && g_list_model_get_n_items (G_LIST_MODEL (live)) > 0);
}

static void
capture_n_items_cb (SbWindow   *self,
                    GParamSpec *pspec,
                    SbCapture  *capture)
{
  _sb_window_update_clear_log (self);
}

/* The shortcuts window is built when asked for and destroyed when closed,
 * rather than kept hidden as GtkApplication keeps gtk/help-overlay.ui: GTK
 * 4.8's accessibility root answers an out-of-range GetChildAtIndex with the
 * last toplevel, visible or not, and a hidden window has no object path
 * (a critical from GVariant, seen when a screen reader or a test asks for
 * the windows while a dialog closes). */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/sockbench/Sockbench/sb-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (window, GTK_WINDOW (widget));
  gtk_window_present (window);
}

void
_sb_window_class_actions_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_install_property_action (widget_class, "win.log-view", "log-view");
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.clear-log", NULL, clear_log_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
  _sb_window_class_export_init (klass);
}

void
_sb_window_actions_init (SbWindow *self)
{
  SbCapture *capture = sb_workbench_get_capture (self->workbench);

  g_signal_connect_object (capture, "notify::n-items",
                           G_CALLBACK (capture_n_items_cb), self, G_CONNECT_SWAPPED);
  capture_n_items_cb (self, NULL, capture);

  self->zoom = SB_ZOOM_DEFAULT;
  self->zoom_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->zoom_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  sb_window_apply_zoom (self);
}
