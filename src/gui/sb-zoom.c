/* sb-zoom.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-zoom"

#include "config.h"

#include "sb-zoom.h"

/* Everything in a window inherits its font size, so one rule scales every
 * label, entry and list; headings keep their relative sizes. */
void
sb_zoom_load (GtkCssProvider *css,
              int             zoom)
{
  g_autofree char *rule = NULL;

  g_return_if_fail (GTK_IS_CSS_PROVIDER (css));

  rule = g_strdup_printf ("window { font-size: %d%%; }", zoom);
  gtk_css_provider_load_from_data (css, rule, -1);
}

static void
zoom_changed_cb (GSettings      *settings,
                 const char     *key,
                 GtkCssProvider *css)
{
  sb_zoom_load (css, g_settings_get_int (settings, "zoom"));
}

/* The window (Preferences, the reply editor) takes the main window's zoom,
 * the "zoom" key, now and whenever it changes. */
void
sb_zoom_follow (GtkWidget *window,
                GSettings *settings)
{
  GtkCssProvider *css;

  g_return_if_fail (GTK_IS_WIDGET (window));
  g_return_if_fail (G_IS_SETTINGS (settings));

  css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (window),
                                  GTK_STYLE_PROVIDER (css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The window owns the provider; the handler goes with it. */
  g_object_set_data_full (G_OBJECT (window), "sb-zoom-css", css, g_object_unref);
  g_signal_connect_object (settings, "changed::zoom", G_CALLBACK (zoom_changed_cb), css, 0);
  zoom_changed_cb (settings, "zoom", css);
}
