/* sb-inspector.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_INSPECTOR (sb_inspector_get_type ())

G_DECLARE_FINAL_TYPE (SbInspector, sb_inspector, SB, INSPECTOR, GtkWidget)

/* Details of one event: summary, Python equivalent, and the payload as
 * text, hex dump, Python literal and C array, each with a Copy button;
 * and views of the event's connection: HTTP (from the follower given with
 * sb_inspector_set_http_follower()) and Follow Stream.  A group named
 * `Inspector`.  For a UDP event, the datagram's facts in labels named
 * `Sender` (or `Destination`), `Datagram` and `Drops`; HTTP and Follow
 * Stream are hidden, a line saying why.
 *
 * Property "event" (SbEvent *, read-write, may be NULL: empty state). */

SbInspector *sb_inspector_new       (void);
void         sb_inspector_set_http_follower (SbInspector    *self,
                                             SbHttpFollower *follower);
/* The widest the inspector can be beside the log (-1: no limit): the Hex
 * view asks for the width of its 16 columns up to that. */
void         sb_inspector_set_room  (SbInspector *self,
                                     int          room);
SbEvent     *sb_inspector_get_event (SbInspector *self);
/* Shows the view @name ("text", "http", "stream", …) when there is one. */
void         sb_inspector_show_view (SbInspector *self,
                                     const char  *name);
/* TRUE while HTTP or Follow Stream is shown (property connection-view). */
gboolean     sb_inspector_get_connection_view (SbInspector *self);
void         sb_inspector_set_event (SbInspector *self,
                                     SbEvent     *event);

G_END_DECLS
