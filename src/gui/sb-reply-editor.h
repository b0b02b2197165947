/* sb-reply-editor.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-http-replies.h"

G_BEGIN_DECLS

#define SB_TYPE_REPLY_EDITOR (sb_reply_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbReplyEditor, sb_reply_editor, SB, REPLY_EDITOR, AdwWindow)

/* The window behind the server pane's "Edit Replies": one template at a
 * time (status line, headers, body; the file to serve) and the path rules,
 * edited in place in @replies.  With @settings, its text follows the main
 * window's zoom (the "zoom" key). */
SbReplyEditor *sb_reply_editor_new          (SbHttpReplies *replies,
                                             GSettings     *settings);
/* Shows @kind's template. */
void           sb_reply_editor_show_template (SbReplyEditor  *self,
                                              SbHttpReplyKind kind);
/* The template shown. */
SbHttpReplyKind sb_reply_editor_get_template (SbReplyEditor  *self);

/* Fills @dropdown with the replies ("Hello page", "Not found", …, in
 * SbHttpReplyKind order) and binds its selection both ways to the rule
 * @property of @replies ("rule-other"). */
GBinding      *sb_reply_dropdown_bind       (GtkDropDown   *dropdown,
                                             SbHttpReplies *replies,
                                             const char    *property);

G_END_DECLS
