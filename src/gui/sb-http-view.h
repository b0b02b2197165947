/* sb-http-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_HTTP_VIEW (sb_http_view_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpView, sb_http_view, SB, HTTP_VIEW, GtkWidget)

/* The inspector's HTTP view: for the selected event's connection, the
 * HTTP message the event carries bytes of (or, for an event without any,
 * the connection's latest one) and its partner: the request above the
 * response that answered it (see SbHttpMessageView).  Live: it follows the
 * follower's message-added and message-changed, at most every 100 ms, and
 * only while it is mapped. */

SbHttpView *sb_http_view_new          (void);
void        sb_http_view_set_follower (SbHttpView     *self,
                                       SbHttpFollower *follower);
/* @event may be NULL. */
void        sb_http_view_set_event    (SbHttpView     *self,
                                       SbEvent        *event);

G_END_DECLS
