/* sb-renderer.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-renderer"

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "sb-renderer.h"

/* What Mesa calls its rasterizers that run on the CPU. */
static const char * const software_renderers[] = { "llvmpipe", "softpipe", "swrast" };

/* The OpenGL renderer of @display, or NULL when it has no OpenGL. */
static char *
dup_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;
  char *result = NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL: %s", error != NULL ? error->message : "no context");
      return NULL;
    }

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (renderer != NULL)
    result = g_strdup (renderer);
  gdk_gl_context_clear_current ();

  return result;
}

void
sb_renderer_choose (GdkDisplay *display)
{
  g_autofree char *renderer = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  renderer = dup_gl_renderer (display);
  if (renderer == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (software_renderers); i++)
    {
      if (strstr (renderer, software_renderers[i]) != NULL)
        {
          g_debug ("OpenGL is %s, on the CPU: drawing with cairo", renderer);
          g_setenv ("GSK_RENDERER", "cairo", TRUE);
          return;
        }
    }
}
