/* sb-kernel-view.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-types.h"

G_BEGIN_DECLS

#define SB_TYPE_KERNEL_VIEW (sb_kernel_view_get_type ())

G_DECLARE_FINAL_TYPE (SbKernelView, sb_kernel_view, SB, KERNEL_VIEW, GtkWidget)

/* What waits in the kernel, large and plain, as a self-contained block a
 * pane (or a compact bar) places where it likes.
 *
 * With "listener" set: a line "Accept queue: 2 (backlog 5)" (", full" in
 * the warning colour once the kernel drops connection attempts), the label
 * named `Accept queue`.
 * With "stream" set, on one line where it fits: "TCP state ESTABLISHED"
 * (label `TCP state`, the state's meaning in its tooltip), "80 bytes
 * waiting", "0 unacknowledged" (labels `Bytes waiting`, `Bytes
 * unacknowledged`).
 * Either may be NULL; "show-stream" (default TRUE) keeps the stream lines
 * visible with a placeholder while no stream is set.
 *
 * The values follow the objects' properties, at most every 250 ms; the
 * window's periodic refresh re-reads them from the kernel. */

SbKernelView *sb_kernel_view_new           (void);
SbListener   *sb_kernel_view_get_listener  (SbKernelView *self);
void          sb_kernel_view_set_listener  (SbKernelView *self,
                                            SbListener   *listener);
SbStream     *sb_kernel_view_get_stream    (SbKernelView *self);
void          sb_kernel_view_set_stream    (SbKernelView *self,
                                            SbStream     *stream);

/* The text shown for @stream's TCP state: "ESTABLISHED"; "CLOSE: both
 * directions shut down; the socket is still open" ("CLOSE (socket open)"
 * when @brief); "TIME_WAIT (socket closed)"; "gone" once the kernel let a
 * closed connection go; NULL before there is any. */
char         *sb_kernel_view_describe_tcp_state (SbStream *stream,
                                                 gboolean  brief);
/* The tooltip for it: the state's one-sentence explanation. */
const char   *sb_kernel_view_explain_tcp_state  (SbStream *stream);

G_END_DECLS
