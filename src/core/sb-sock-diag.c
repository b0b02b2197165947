/* sb-sock-diag.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The kernel's view of a TCP connection whose socket we closed: an exact
 * request of the inet_diag interface over NETLINK_SOCK_DIAG (what ss(8)
 * uses), filtered by the 4-tuple.  The kernel answers an exact request
 * while it handles our sendto(), so a non-blocking recv() right after it
 * finds the answer; one that finds nothing reports UNKNOWN rather than
 * wait. */

#define G_LOG_DOMAIN "sb-sock-diag"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "sb-sock-diag.h"

typedef struct
{
  struct nlmsghdr         header;
  struct inet_diag_req_v2 request;
} DiagRequest;

/* Fills @port (network order) and @address (network order, 4 words) from
 * @address_in; returns FALSE for anything but IPv4 and IPv6. */
static gboolean
fill_endpoint (GSocketAddress *address_in,
               int             family,
               __be16         *port,
               __be32         *address)
{
  struct sockaddr_storage native;

  if (!G_IS_INET_SOCKET_ADDRESS (address_in)
      || g_socket_address_get_family (address_in) != (GSocketFamily) family
      || !g_socket_address_to_native (address_in, &native, sizeof native, NULL))
    return FALSE;

  if (family == AF_INET)
    {
      const struct sockaddr_in *in = (const struct sockaddr_in *) &native;

      *port = in->sin_port;
      memcpy (address, &in->sin_addr, sizeof in->sin_addr);
    }
  else
    {
      const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) &native;

      *port = in6->sin6_port;
      memcpy (address, &in6->sin6_addr, sizeof in6->sin6_addr);
    }

  return TRUE;
}

/* An exact request falls back to the listening socket when no connection
 * has the 4-tuple (the kernel's own lookup does): only a socket with both
 * ends as asked is the connection. */
static gboolean
same_connection (const struct inet_diag_sockid *found,
                 const struct inet_diag_sockid *wanted)
{
  return found->idiag_sport == wanted->idiag_sport
         && found->idiag_dport == wanted->idiag_dport
         && memcmp (found->idiag_src, wanted->idiag_src, sizeof wanted->idiag_src) == 0
         && memcmp (found->idiag_dst, wanted->idiag_dst, sizeof wanted->idiag_dst) == 0;
}

static SbSockDiagResult
parse_reply (const guint8                  *buffer,
             gssize                         len,
             guint32                        seq,
             const struct inet_diag_sockid *wanted,
             int                           *tcp_state)
{
  const struct nlmsghdr *header;
  int remaining = (int) len;

  /* The buffer is aligned to NLMSG_ALIGNTO and NLMSG_NEXT keeps it so;
   * clang's -Wcast-align cannot see that through the casts in the macro. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
  for (header = (gconstpointer) buffer;
       NLMSG_OK (header, remaining);
       header = NLMSG_NEXT (header, remaining))
#pragma GCC diagnostic pop
    {
      if (header->nlmsg_seq != seq)
        continue;

      if (header->nlmsg_type == NLMSG_ERROR)
        {
          const struct nlmsgerr *error = NLMSG_DATA (header);

          if (header->nlmsg_len < NLMSG_LENGTH (sizeof *error))
            return SB_SOCK_DIAG_UNKNOWN;

          /* ENOENT: no socket with that 4-tuple. */
          return error->error == -ENOENT ? SB_SOCK_DIAG_GONE : SB_SOCK_DIAG_UNKNOWN;
        }

      if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY
          && header->nlmsg_len >= NLMSG_LENGTH (sizeof (struct inet_diag_msg)))
        {
          const struct inet_diag_msg *message = NLMSG_DATA (header);

          if (!same_connection (&message->id, wanted))
            return SB_SOCK_DIAG_GONE;

          if (tcp_state != NULL)
            *tcp_state = message->idiag_state;
          return SB_SOCK_DIAG_FOUND;
        }

      if (header->nlmsg_type == NLMSG_DONE)
        return SB_SOCK_DIAG_GONE;
    }

  return SB_SOCK_DIAG_UNKNOWN;
}

SbSockDiagResult
sb_sock_diag_lookup_tcp (GSocketAddress *local,
                         GSocketAddress *peer,
                         int            *tcp_state)
{
  static guint32 last_seq;
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  DiagRequest message;
  guint8 buffer[8192] __attribute__ ((aligned (NLMSG_ALIGNTO)));
  SbSockDiagResult result;
  int family;
  gssize n;
  int fd;

  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (local), SB_SOCK_DIAG_UNKNOWN);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (peer), SB_SOCK_DIAG_UNKNOWN);

  family = g_socket_address_get_family (local);
  if (family != AF_INET && family != AF_INET6)
    return SB_SOCK_DIAG_UNKNOWN;

  memset (&message, 0, sizeof message);
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST;
  message.header.nlmsg_seq = ++last_seq;
  message.request.sdiag_family = family;
  message.request.sdiag_protocol = IPPROTO_TCP;
  message.request.idiag_states = G_MAXUINT32;
  message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
  message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

  if (!fill_endpoint (local, family, &message.request.id.idiag_sport,
                      message.request.id.idiag_src)
      || !fill_endpoint (peer, family, &message.request.id.idiag_dport,
                         message.request.id.idiag_dst))
    return SB_SOCK_DIAG_UNKNOWN;

  fd = socket (AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0)
    {
      g_debug ("NETLINK_SOCK_DIAG: %s", g_strerror (errno));
      return SB_SOCK_DIAG_UNKNOWN;
    }

  do
    n = sendto (fd, &message, sizeof message, 0, (struct sockaddr *) &kernel, sizeof kernel);
  while (n < 0 && errno == EINTR);

  if (n == (gssize) sizeof message)
    {
      do
        n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);
    }
  else
    n = -1;

  result = n > 0 ? parse_reply (buffer, n, message.header.nlmsg_seq,
                                  &message.request.id, tcp_state)
                 : SB_SOCK_DIAG_UNKNOWN;
  close (fd);

  return result;
}
