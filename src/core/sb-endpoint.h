/* sb-endpoint.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-input-error.h"

G_BEGIN_DECLS

/* Parsing and formatting of socket addresses.  Parse errors are
 * SB_INPUT_ERROR; *error_offset (may be NULL) receives the offset, in
 * characters, of the first offending character. */

/* "8080" → 8080.  Errors: empty, not a number ("abc"), out of range ("70000"). */
gboolean  sb_port_parse              (const char          *text,
                                      guint16             *port,
                                      gsize               *error_offset,
                                      GError             **error);

/* A host name or address as typed: "localhost", "127.0.0.1", "::1",
 * "[::1]".  Returns the host without brackets.  Errors: empty,
 * an unclosed "[::1", spaces or other characters no host can have. */
char     *sb_host_parse              (const char          *text,
                                      gsize               *error_offset,
                                      GError             **error);

/* "host:port", "[v6]:port", "v4:port" or a bare port (then @default_host is
 * used).  *host receives the host without brackets. */
gboolean  sb_endpoint_parse          (const char          *text,
                                      const char          *default_host,
                                      char               **host,
                                      guint16             *port,
                                      gsize               *error_offset,
                                      GError             **error);

/* "127.0.0.1:80", "[::1]:8080" */
char     *sb_endpoint_to_string      (const char          *host,
                                      guint16              port);

/* As Python prints a socket address: ('127.0.0.1', 62793) for IPv4,
 * ('::1', 62793, 0, 0) for IPv6 (flowinfo and scope id). */
char     *sb_endpoint_format_tuple   (GSocketAddress      *address);

/* The reverse: parses both tuple forms.  *host receives the address. */
gboolean  sb_endpoint_parse_tuple    (const char          *text,
                                      char               **host,
                                      guint16             *port,
                                      gsize               *error_offset,
                                      GError             **error);

G_END_DECLS
