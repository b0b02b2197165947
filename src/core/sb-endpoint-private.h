/* sb-endpoint-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-endpoint.h"

G_BEGIN_DECLS

/* The parsers work on [start, end) inside @text so that offsets always
 * count from the start of what the user typed.  sb-endpoint.c parses
 * host:port, sb-endpoint-tuple.c Python's tuples. */

/* Offset in characters of @p in the (valid UTF-8) @text. */
gsize     _sb_endpoint_offset            (const char  *text,
                                          const char  *p);
/* The character at @p as a message shows it: never raw control characters. */
char     *_sb_endpoint_describe_char     (const char  *p);
gboolean  _sb_endpoint_parse_port_range  (const char  *text,
                                          const char  *start,
                                          const char  *end,
                                          guint16     *port,
                                          gsize       *error_offset,
                                          GError     **error);
/* The host without brackets, or NULL with @error set. */
char     *_sb_endpoint_parse_host_range  (const char  *text,
                                          const char  *start,
                                          const char  *end,
                                          gsize       *error_offset,
                                          GError     **error);

G_END_DECLS
