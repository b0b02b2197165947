/* sb-compact.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The panes' compact form, for the presentation layout: a pane folds into a
 * few bars that keep every action and the current state in view, and hides
 * its configuration.
 *
 * The rule for a widget in a pane:
 *  - it stays in view when compact, unless it (or a box holding it) has the
 *    style class "compact-hide" (sb_compact_hide(), or <class name="compact-hide"/>
 *    in a template): settings, field captions, choices made before a run;
 *  - a widget with the style class "compact-keep" (sb_compact_keep()) is never
 *    hidden: a "compact-hide" box holding it stays, and only the box's other
 *    "compact-hide" children go.  Give it to what must stay in view inside a
 *    row of settings (a count, a state, a button).
 * Only mark widgets whose visibility no code sets; such widgets decide
 * for themselves.
 *
 * While compact the pane has the style class "compact" (style.css reduces
 * its padding and spacing); sb_compact_move() puts a few controls in another
 * row so that the bars stay short. */

#define SB_COMPACT_CLASS      "compact"
#define SB_COMPACT_HIDE_CLASS "compact-hide"
#define SB_COMPACT_KEEP_CLASS "compact-keep"

void sb_compact_hide  (GtkWidget *widget);
void sb_compact_keep  (GtkWidget *widget);

/* Hides the "compact-hide" widgets under @root (not those holding a
 * "compact-keep" one, nor those in popovers) when @compact, shows again
 * those it hid otherwise, and sets the "compact" style class on @root. */
void sb_compact_apply (GtkWidget *root,
                       gboolean   compact);

/* When @compact, moves @widget into @parent before @before (at the end for
 * %NULL; as the child of a GtkPopover @parent); otherwise puts it back where it was (its place in a box, or its
 * cell in a grid).  Nothing happens when it already is where it should be. */
void sb_compact_move  (GtkWidget *widget,
                       GtkWidget *parent,
                       GtkWidget *before,
                       gboolean   compact);

G_END_DECLS
