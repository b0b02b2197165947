/* sb-widget-test-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-widget-test-util"

#include "config.h"

#include "sb-resources.h"
#include "sb-widget-test-util.h"

/* Registers the application's resources and loads its style sheet, as
 * AdwApplication does: the widgets look as in the application. */
void
sb_widget_test_load_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  (void) sb_get_resource ();
  gtk_css_provider_load_from_resource (css, "/org/sockbench/Sockbench/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Adds @root and every widget below it that is a @type to @found, in
 * depth-first order. */
void
sb_widget_test_collect (GtkWidget *root,
                        GType      type,
                        GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_widget_test_collect (child, type, found);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for about @n frames, and until @widget is mapped. */
void
sb_widget_test_wait_frames (GtkWidget *widget,
                            guint      n)
{
  gint64 end = g_get_monotonic_time () + n * 20 * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end || !gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Renders @window as it is now and saves it to @path. */
void
sb_widget_test_save_png (GtkWidget  *window,
                         const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                          gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
