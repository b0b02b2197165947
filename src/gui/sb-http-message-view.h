/* sb-http-message-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-http.h"

G_BEGIN_DECLS

#define SB_TYPE_HTTP_MESSAGE_VIEW (sb_http_message_view_get_type ())

G_DECLARE_FINAL_TYPE (SbHttpMessageView, sb_http_message_view, SB, HTTP_MESSAGE_VIEW, GtkWidget)

/* One HTTP message, a group named `Request` or `Response`: its request
 * line (a label named `Request line`) or status line (`Status line`), its
 * headers in order in a list named `Headers` whose rows read
 * `Name: value`, the body size (`Body size`), a preview of the body as
 * text or hex (`Body preview`) and the follower's problem sentence for a
 * raw or cut-off message (`Problem`).  sb_http_message_view_refresh()
 * shows what the message holds now; rows are rebuilt only when the
 * message or its number of headers changed. */

SbHttpMessageView *sb_http_message_view_new     (SbHttpKind         kind);
void               sb_http_message_view_set     (SbHttpMessageView *self,
                                                 SbHttpMessage     *message);
void               sb_http_message_view_refresh (SbHttpMessageView *self);

G_END_DECLS
