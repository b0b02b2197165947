/* sb-panes-box.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_PANES_BOX (sb_panes_box_get_type ())

G_DECLARE_FINAL_TYPE (SbPanesBox, sb_panes_box, SB, PANES_BOX, GtkWidget)

/* The client and server panes: side by side, equally wide, where the width
 * allows; one above the other where it does not (a small screen, a zoomed
 * window on a projector), instead of scrolling sideways.  Its children are
 * added in the template. */

G_END_DECLS
