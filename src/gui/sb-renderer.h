/* sb-renderer.h — which renderer the windows draw with
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Before the first window is realized: where OpenGL is only a software
 * rasterizer (a virtual machine, a remote desktop, Xvfb), GTK 4.8's GL
 * renderer spends about 20 ms on every frame of the window, the cairo
 * renderer a few: there, the windows draw with cairo.  GSK_RENDERER, when
 * set, is the user's choice and stays. */
void sb_renderer_choose (GdkDisplay *display);

G_END_DECLS
