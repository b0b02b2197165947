/* sb-socket-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-socket-util"

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-socket-util.h"

typedef struct
{
  int         errnum;
  const char *name;
  const char *explanation;
} ErrnoEntry;

static const ErrnoEntry errno_entries[] = {
  { ECONNREFUSED,  "ECONNREFUSED",  N_("nothing is listening on that port") },
  { ECONNRESET,    "ECONNRESET",    N_("the peer reset the connection") },
  { EPIPE,         "EPIPE",         N_("the connection is closed for sending") },
  { EADDRINUSE,    "EADDRINUSE",    N_("the address is already in use by another socket") },
  { EADDRNOTAVAIL, "EADDRNOTAVAIL", N_("that address does not belong to this computer") },
  { ETIMEDOUT,     "ETIMEDOUT",     N_("the peer did not answer in time") },
  { EHOSTUNREACH,  "EHOSTUNREACH",  N_("there is no route to that host") },
  { ENETUNREACH,   "ENETUNREACH",   N_("that network cannot be reached") },
  { ENETDOWN,      "ENETDOWN",      N_("the network is down") },
  { EACCES,        "EACCES",        N_("permission denied: ports below 1024 need privileges") },
  { EPERM,         "EPERM",         N_("the operation is not permitted") },
  { EAFNOSUPPORT,  "EAFNOSUPPORT",  N_("this address family is not supported here") },
  { EINVAL,        "EINVAL",        N_("an argument was not valid for this socket") },
  { EINPROGRESS,   "EINPROGRESS",   N_("the connection is being set up in the background") },
  { EALREADY,      "EALREADY",      N_("a connection attempt is already in progress") },
  { EISCONN,       "EISCONN",       N_("the socket is already connected") },
  { ENOTCONN,      "ENOTCONN",      N_("the socket is not connected") },
  { ECONNABORTED,  "ECONNABORTED",  N_("the connection was aborted before it was accepted") },
  { EAGAIN,        "EAGAIN",        N_("no data now: the call would block") },
  { EINTR,         "EINTR",         N_("the call was interrupted by a signal") },
  { EBADF,         "EBADF",         N_("the socket is already closed") },
  { EMFILE,        "EMFILE",        N_("this process has too many open files") },
  { ENFILE,        "ENFILE",        N_("the system has too many open files") },
  { ENOBUFS,       "ENOBUFS",       N_("the kernel ran out of buffer space") },
  { ENOMEM,        "ENOMEM",        N_("the kernel ran out of memory") },
  { EMSGSIZE,      "EMSGSIZE",      N_("the message is too long") },
  { EPROTONOSUPPORT, "EPROTONOSUPPORT", N_("the protocol is not supported") },
  { EHOSTDOWN,     "EHOSTDOWN",     N_("the host is down") },
};

static const ErrnoEntry *
find_errno (int errnum)
{
  for (guint i = 0; i < G_N_ELEMENTS (errno_entries); i++)
    if (errno_entries[i].errnum == errnum)
      return &errno_entries[i];

  return NULL;
}

const char *
sb_errno_get_name (int errnum)
{
  const ErrnoEntry *entry = find_errno (errnum);

  return entry != NULL ? entry->name : NULL;
}

const char *
sb_errno_get_explanation (int errnum)
{
  const ErrnoEntry *entry = find_errno (errnum);

  if (entry != NULL)
    return _(entry->explanation);

  return g_strerror (errnum);
}

char *
sb_errno_describe (int errnum)
{
  const char *name = sb_errno_get_name (errnum);

  if (name != NULL)
    return g_strdup_printf ("%s (%s)", sb_errno_get_explanation (errnum), name);

  return g_strdup_printf (_("%s (errno %d)"), g_strerror (errnum), errnum);
}

const char *
sb_tcp_state_get_name (int tcpi_state)
{
  switch (tcpi_state)
    {
    case TCP_ESTABLISHED: return "ESTABLISHED";
    case TCP_SYN_SENT:    return "SYN_SENT";
    case TCP_SYN_RECV:    return "SYN_RECV";
    case TCP_FIN_WAIT1:   return "FIN_WAIT1";
    case TCP_FIN_WAIT2:   return "FIN_WAIT2";
    case TCP_TIME_WAIT:   return "TIME_WAIT";
    case TCP_CLOSE:       return "CLOSE";
    case TCP_CLOSE_WAIT:  return "CLOSE_WAIT";
    case TCP_LAST_ACK:    return "LAST_ACK";
    case TCP_LISTEN:      return "LISTEN";
    case TCP_CLOSING:     return "CLOSING";
    default:              return NULL;
    }
}

const char *
sb_socket_get_tcp_state (int fd)
{
  struct tcp_info info = { 0, };
  socklen_t len = sizeof info;

  if (fd < 0 || getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0)
    return NULL;

  return sb_tcp_state_get_name (info.tcpi_state);
}

const char *
sb_socket_family_describe (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return "AF_INET, SOCK_STREAM";

    case G_SOCKET_FAMILY_IPV6:
      return "AF_INET6, SOCK_STREAM";

    case G_SOCKET_FAMILY_UNIX:
      return "AF_UNIX, SOCK_STREAM";

    case G_SOCKET_FAMILY_INVALID:
    default:
      return "SOCK_STREAM";
    }
}

guint
sb_socket_record (SbCapture   *capture,
                  SbSide       side,
                  guint        socket_id,
                  SbEventKind  kind,
                  int          detail,
                  gint64       result,
                  int          errnum,
                  gsize        requested,
                  const char  *note)
{
  SbEventInfo info = { 0, };

  g_return_val_if_fail (SB_IS_CAPTURE (capture), 0);

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.detail = detail;
  info.result = result;
  info.errnum = errnum;
  info.requested = requested;
  info.note = note;

  return sb_capture_append (capture, &info, NULL, 0);
}

guint
sb_socket_record_failure (SbCapture   *capture,
                          SbSide       side,
                          guint        socket_id,
                          SbEventKind  kind,
                          int          detail,
                          int          errnum,
                          const char  *what)
{
  g_autofree char *note = NULL;

  if (what != NULL)
    note = g_strdup_printf ("%s: %s", what, sb_errno_get_explanation (errnum));
  else
    note = g_strdup (sb_errno_get_explanation (errnum));

  return sb_socket_record (capture, side, socket_id, kind, detail,
                           -1, errnum, 0, note);
}

GError *
sb_socket_error_new (int         errnum,
                     const char *message)
{
  return g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errnum), message);
}
