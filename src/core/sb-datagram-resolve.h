/* sb-datagram-resolve.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-datagram.h"

G_BEGIN_DECLS

/* SbDatagram to a host name: sendto() and connect() where the host may be
 * a name, resolved asynchronously with GResolver (never blocking the main
 * loop).  An IP address needs no lookup.  A lookup is one resolve event in
 * the capture: the name's addresses, or why it does not resolve.
 *
 * Without a socket, socket() is made first, for the family of the address
 * used: a name's first IPv4 address when it has one (the exercise's
 * socket(AF_INET, SOCK_DGRAM)), else its first address.  With a socket,
 * the name's first address of the socket's family is used; a host with
 * none fails without a call.
 *
 * Errors: a name that does not resolve is G_RESOLVER_ERROR, its message
 * "“nosuch.invalid” does not resolve: …"; a host of the wrong family
 * G_IO_ERROR_NOT_SUPPORTED; the calls' own failures as
 * sb_datagram_send_to() and sb_datagram_connect() give them.  Each sets
 * error-message too. */

void      sb_datagram_send_to_host_async  (SbDatagram           *self,
                                           const char           *host,
                                           guint16               port,
                                           GBytes               *payload,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  sb_datagram_send_to_host_finish (SbDatagram           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

void      sb_datagram_connect_host_async  (SbDatagram           *self,
                                           const char           *host,
                                           guint16               port,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  sb_datagram_connect_host_finish (SbDatagram           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
