/* sb-sock-diag.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SbSockDiagResult:
 * @SB_SOCK_DIAG_FOUND: the kernel still holds the connection
 * @SB_SOCK_DIAG_GONE: the kernel holds no connection with that 4-tuple
 * @SB_SOCK_DIAG_UNKNOWN: the kernel could not be asked (no NETLINK_SOCK_DIAG,
 *   no answer yet, another address family)
 *
 * What a look-up of a TCP connection by its 4-tuple found.
 */
typedef enum
{
  SB_SOCK_DIAG_FOUND,
  SB_SOCK_DIAG_GONE,
  SB_SOCK_DIAG_UNKNOWN,
} SbSockDiagResult;

/* Asks the kernel (NETLINK_SOCK_DIAG, one exact inet_diag request) for the
 * TCP connection from @local to @peer, which need not have a file
 * descriptor any more: after our close() it lives on in FIN_WAIT2 or
 * TIME_WAIT.  Never blocks.  On FOUND, *@tcp_state (if not NULL) is the
 * kernel's state number, as TCP_INFO's tcpi_state. */
SbSockDiagResult sb_sock_diag_lookup_tcp (GSocketAddress *local,
                                          GSocketAddress *peer,
                                          int            *tcp_state);

G_END_DECLS
