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
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-endpoint.h"
#include "sb-socket-util.h"

/* One table for everything said about an errno: its name, a plain
 * explanation, and the exception Python raises for it (NULL: OSError). */
typedef struct
{
  int         errnum;
  const char *name;
  const char *python;
  const char *explanation;
} ErrnoEntry;

#define ENTRY(e, python, explanation) { e, #e, python, explanation }

static const ErrnoEntry errno_entries[] = {
  ENTRY (ECONNREFUSED, "ConnectionRefusedError",
         N_("nothing is listening on that port")),
  ENTRY (ECONNRESET, "ConnectionResetError",
         N_("the peer reset the connection")),
  ENTRY (EPIPE, "BrokenPipeError",
         N_("the connection is closed for sending")),
  ENTRY (EADDRINUSE, NULL,
         N_("the address is already in use by another socket")),
  ENTRY (EADDRNOTAVAIL, NULL,
         N_("that address does not belong to this computer")),
  ENTRY (ETIMEDOUT, "TimeoutError",
         N_("the peer did not answer in time")),
  ENTRY (EHOSTUNREACH, NULL,
         N_("there is no route to that host")),
  ENTRY (ENETUNREACH, NULL,
         N_("that network cannot be reached")),
  ENTRY (ENETDOWN, NULL,
         N_("the network is down")),
  ENTRY (EACCES, "PermissionError",
         N_("permission denied: ports below 1024 need privileges")),
  ENTRY (EPERM, "PermissionError",
         N_("the operation is not permitted")),
  ENTRY (EAFNOSUPPORT, NULL,
         N_("this address family is not supported here")),
  ENTRY (EINVAL, NULL,
         N_("an argument was not valid for this socket")),
  ENTRY (EINPROGRESS, "BlockingIOError",
         N_("the connection is being set up in the background")),
  ENTRY (EALREADY, "BlockingIOError",
         N_("a connection attempt is already in progress")),
  ENTRY (EISCONN, NULL,
         N_("the socket is already connected")),
  ENTRY (ENOTCONN, NULL,
         N_("the socket is not connected")),
  ENTRY (ECONNABORTED, "ConnectionAbortedError",
         N_("the connection was aborted before it was accepted")),
  ENTRY (EAGAIN, "BlockingIOError",
         N_("no data now: the call would block")),
  ENTRY (EINTR, "InterruptedError",
         N_("the call was interrupted by a signal")),
  ENTRY (EBADF, NULL,
         N_("the socket is already closed")),
  ENTRY (EMFILE, NULL,
         N_("this process has too many open files")),
  ENTRY (ENFILE, NULL,
         N_("the system has too many open files")),
  ENTRY (ENOBUFS, NULL,
         N_("the kernel ran out of buffer space")),
  ENTRY (ENOMEM, NULL,
         N_("the kernel ran out of memory")),
  ENTRY (EMSGSIZE, NULL,
         N_("the message is too long")),
  ENTRY (EPROTONOSUPPORT, NULL,
         N_("the protocol is not supported")),
  ENTRY (EHOSTDOWN, NULL,
         N_("the host is down")),
  ENTRY (ENOENT, "FileNotFoundError",
         N_("no such file or directory")),
  ENTRY (ESHUTDOWN, "BrokenPipeError",
         N_("the socket was shut down for sending")),
};

#undef ENTRY

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

const char *
sb_errno_get_python_exception (int errnum)
{
  const ErrnoEntry *entry = find_errno (errnum);

  return entry != NULL && entry->python != NULL ? entry->python : "OSError";
}

char *
sb_errno_describe (int errnum)
{
  const char *name = sb_errno_get_name (errnum);

  if (name != NULL)
    return g_strdup_printf ("%s (%s)", sb_errno_get_explanation (errnum), name);

  return g_strdup_printf (_("%s (errno %d)"), g_strerror (errnum), errnum);
}

gboolean
sb_errno_means_peer_left (int      errnum,
                          gboolean write_shut_by_us)
{
  switch (errnum)
    {
    case ECONNRESET:
    case ENOTCONN:
      return TRUE;

    case EPIPE:
      return !write_shut_by_us;

    default:
      return FALSE;
    }
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

gboolean
sb_socket_get_queues (int    fd,
                      guint *waiting,
                      guint *unacknowledged)
{
  int in = 0;
  int out = 0;

  if (fd < 0 || ioctl (fd, SIOCINQ, &in) != 0 || ioctl (fd, SIOCOUTQ, &out) != 0)
    return FALSE;

  *waiting = MAX (in, 0);
  *unacknowledged = MAX (out, 0);

  return TRUE;
}

gboolean
sb_socket_get_accept_queue (int    fd,
                            guint *length,
                            guint *limit)
{
  struct tcp_info info = { 0, };
  socklen_t len = sizeof info;

  if (fd < 0 || getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0
      || info.tcpi_state != TCP_LISTEN)
    return FALSE;

  *length = info.tcpi_unacked;
  *limit = info.tcpi_sacked;

  return TRUE;
}

const char *
sb_socket_family_describe (GSocketFamily family)
{
  return sb_socket_type_describe (family, G_SOCKET_TYPE_STREAM);
}

const char *
sb_socket_type_describe (GSocketFamily family,
                         GSocketType   type)
{
  gboolean dgram = type == G_SOCKET_TYPE_DATAGRAM;

  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return dgram ? "AF_INET, SOCK_DGRAM" : "AF_INET, SOCK_STREAM";

    case G_SOCKET_FAMILY_IPV6:
      return dgram ? "AF_INET6, SOCK_DGRAM" : "AF_INET6, SOCK_STREAM";

    case G_SOCKET_FAMILY_UNIX:
      return dgram ? "AF_UNIX, SOCK_DGRAM" : "AF_UNIX, SOCK_STREAM";

    case G_SOCKET_FAMILY_INVALID:
    default:
      return dgram ? "SOCK_DGRAM" : "SOCK_STREAM";
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

GInetAddress *
sb_socket_parse_address (const char *address)
{
  g_autofree char *bare = NULL;

  if (address == NULL || address[0] == '\0')
    return g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);

  if (g_ascii_strcasecmp (address, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  /* Takes the brackets off "[::1]". */
  bare = sb_host_parse (address, NULL, NULL);
  if (bare == NULL)
    return NULL;

  return g_inet_address_new_from_string (bare);
}

GError *
sb_socket_error_new (int         errnum,
                     const char *message)
{
  return g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errnum), message);
}

int
sb_socket_open (SbCapture     *capture,
                SbSide         side,
                guint          socket_id,
                GSocketFamily  family)
{
  return sb_socket_open_type (capture, side, socket_id, family, G_SOCKET_TYPE_STREAM);
}

int
sb_socket_open_type (SbCapture     *capture,
                     SbSide         side,
                     guint          socket_id,
                     GSocketFamily  family,
                     GSocketType    type)
{
  int native_type = type == G_SOCKET_TYPE_DATAGRAM ? SOCK_DGRAM : SOCK_STREAM;
  int fd = socket (family, native_type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int errnum = errno;

  if (fd < 0)
    {
      sb_socket_record_failure (capture, side, socket_id, SB_EVENT_ERROR, 0, errnum, "socket");
      errno = errnum;
      return -1;
    }

  sb_socket_record (capture, side, socket_id, SB_EVENT_SOCKET, 0, fd, 0, 0,
                    sb_socket_type_describe (family, type));

  return fd;
}

GSocket *
sb_socket_wrap (SbCapture  *capture,
                SbSide      side,
                guint       socket_id,
                int         fd,
                GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GSocket *socket = g_socket_new_from_fd (fd, &local_error);

  if (socket == NULL)
    {
      sb_socket_record (capture, side, socket_id, SB_EVENT_ERROR, 0, -1, 0, 0,
                        local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return socket;
}

void
sb_socket_close_recorded (SbCapture   *capture,
                          SbSide       side,
                          guint        socket_id,
                          GSocket     *socket,
                          SbCloseHow   how,
                          const char  *note)
{
  g_autoptr(GError) error = NULL;

  if (g_socket_close (socket, &error))
    sb_socket_record (capture, side, socket_id, SB_EVENT_CLOSE, how, 0, 0, 0, note);
  else
    sb_socket_record (capture, side, socket_id, SB_EVENT_CLOSE, how, -1, 0, 0, error->message);
}

void
sb_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

void
sb_object_set_string (GObject     *object,
                      char       **field,
                      const char  *value,
                      GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

void
sb_socket_note_local_tuple (SbCapture *capture,
                            guint      socket_id,
                            GSocket   *socket)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autofree char *tuple = local != NULL ? sb_endpoint_format_tuple (local) : NULL;

  if (tuple != NULL)
    sb_capture_set_local_tuple (capture, socket_id, tuple);
}
