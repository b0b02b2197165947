/* sb-transcript.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-types.h"

G_BEGIN_DECLS

/* The session as Python, in the words of the socket exercises: the first
 * line, then one statement per event with its result as a comment,
 * "conn.recv(1024)  # → b'Hello World'".
 *
 * Names: each socket has one name for its life, unique in the session:
 * listening sockets `server`, `server2`, …; accepted connections `conn`,
 * `conn2`, …; client sockets (one per connect attempt) `client`,
 * `client2`, … (see sb_capture_get_socket_role()).
 *
 * Payloads are Python bytes literals.  Folded, a literal longer than
 * @fold_chars characters shows its longest prefix that fits, then "…",
 * and the line ends with "(N more bytes)"; @fold_chars 0 gives it whole,
 * and the line is then valid Python whatever the bytes were. */
#define SB_TRANSCRIPT_HEADER     "from socket import *"
#define SB_TRANSCRIPT_FOLD_CHARS 60

char     *sb_transcript_dup_socket_name (SbCapture     *capture,
                                         guint          socket_id);
char     *sb_transcript_dup_statement   (SbCapture     *capture,
                                         guint          index,
                                         gsize          fold_chars);
/* Whether the statement of event @index is shorter folded at @fold_chars. */
gboolean  sb_transcript_folds           (SbCapture     *capture,
                                         guint          index,
                                         gsize          fold_chars);
/* Where the comment of a statement starts (its '#', outside any string
 * literal), or the line's length when it has none. */
gsize     sb_transcript_find_comment    (const char    *line);
/* Every recorded event, whole: the header line, one line per event. */
char     *sb_transcript_dup_text        (SbCapture     *capture);

/* One side's calls as a runnable Python 3 script: run against the same
 * peer, it makes the same calls and sends the same bytes.  Each recv()
 * asks for exactly the bytes the window's recv() returned (MSG_WAITALL),
 * each send is a sendall() of the bytes the kernel took; what came back
 * is in comments; calls that failed, and sockets that never connected or
 * listened, are comments too.  UDP: each recvfrom() sets `addr`; a
 * sendto() to the sender just received goes to `addr`, so that the
 * script answers a peer that comes back from another port. */
char     *sb_transcript_dup_script      (SbCapture     *capture,
                                         SbSide         side);
/* Written atomically (g_file_replace_contents()). */
gboolean  sb_transcript_export_script   (SbCapture     *capture,
                                         SbSide         side,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The same calls in C notation, a program that compiles with `cc` and
 * does what the script does (sb-transcript-c.c). */
char     *sb_transcript_dup_c_program   (SbCapture     *capture,
                                         SbSide         side);
gboolean  sb_transcript_export_c_program (SbCapture    *capture,
                                         SbSide         side,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
