/* sb-http-compose.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* HTTP text that Sockbench writes itself: the client pane's ready-made
 * requests and the address a browser opens for a listening server. */

/* "127.0.0.1:8080", "[::1]:8080", "example.org" (port 80 left out): a
 * host and port as a Host header and a URI's authority write them.  An
 * IPv6 zone ("fe80::1%eth0") is written "%25" inside the brackets. */
char *sb_http_format_authority (const char *host,
                                guint16     port);

/* A request head with no body: "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".
 * @method is "GET" or "HEAD" (any token), @path starts with "/",
 * @minor_version is 0 or 1 (HTTP/1.0 or HTTP/1.1). */
char *sb_http_request_build    (const char *method,
                                const char *path,
                                const char *host,
                                guint16     port,
                                guint       minor_version);

/* "http://127.0.0.1:8080/" for a server listening on @host and @port.  A
 * wildcard address cannot be browsed to: 0.0.0.0 becomes 127.0.0.1 and ::
 * becomes [::1]. */
char *sb_http_server_uri       (const char *host,
                                guint16     port);

G_END_DECLS
