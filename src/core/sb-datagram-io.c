/* sb-datagram-io.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbDatagram's traffic: the socket watch, recvfrom() and sendto().  Every
 * datagram is one event with its own return value. */

#define G_LOG_DOMAIN "sb-datagram"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* recvmmsg () */
#endif

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/sock_diag.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-private.h"
#include "sb-endpoint.h"
#include "sb-socket-util.h"

/* As for TCP (sb-stream-io.c): a dispatch also stops after this long. */
#define MAX_DISPATCH_US 4000

/* recvmmsg() takes up to BATCH datagrams per call, for receive sizes up to
 * BATCH_MAX_RECEIVE_SIZE (the buffer holds BATCH of them); a dispatch
 * receives at most SB_MAX_CALLS_PER_DISPATCH datagrams either way. */
#define BATCH 16
#define BATCH_MAX_RECEIVE_SIZE (64 * 1024)

/* Receiving */

/* The running drop count SO_RXQ_OVFL attached to the datagram, if any.  The
 * kernel leaves it out while the count is 0. */
static gboolean
find_drop_count (struct msghdr *msg,
                 guint32       *count)
{
  for (struct cmsghdr *cmsg = CMSG_FIRSTHDR (msg); cmsg != NULL; cmsg = CMSG_NXTHDR (msg, cmsg))
    if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SO_RXQ_OVFL
        && cmsg->cmsg_len >= CMSG_LEN (sizeof *count))
      {
        memcpy (count, CMSG_DATA (cmsg), sizeof *count);
        return TRUE;
      }

  return FALSE;
}

typedef union
{
  char           buffer[CMSG_SPACE (sizeof (guint32))];
  struct cmsghdr align;
} Control;

static void
prepare_msg (struct msghdr           *msg,
             struct iovec            *iov,
             struct sockaddr_storage *from,
             Control                 *control)
{
  memset (msg, 0, sizeof *msg);
  msg->msg_name = from;
  msg->msg_namelen = sizeof *from;
  msg->msg_iov = iov;
  msg->msg_iovlen = 1;
  msg->msg_control = control->buffer;
  msg->msg_controllen = sizeof control->buffer;
}

/* The sender's tuple, and *@sender its address (borrowed): the last ones
 * again while the sender stays the same, as under a flood, where making a
 * GSocketAddress for each datagram cost more than receiving it. */
static const char *
sender_tuple (SbDatagram      *self,
              struct msghdr   *msg,
              GSocketAddress **sender)
{
  g_autoptr(GSocketAddress) address = NULL;

  if (self->last_from_len == msg->msg_namelen && self->last_from_tuple != NULL
      && memcmp (&self->last_from, msg->msg_name, msg->msg_namelen) == 0)
    {
      *sender = self->last_from_address;
      return self->last_from_tuple;
    }

  *sender = NULL;
  address = g_socket_address_new_from_native (msg->msg_name, msg->msg_namelen);
  if (address == NULL)
    return NULL;

  memcpy (&self->last_from, msg->msg_name, MIN (msg->msg_namelen, sizeof self->last_from));
  self->last_from_len = msg->msg_namelen;
  g_free (self->last_from_tuple);
  self->last_from_tuple = sb_endpoint_format_tuple (address);
  g_set_object (&self->last_from_address, address);
  *sender = self->last_from_address;

  return self->last_from_tuple;
}

/* Records the datagram of real length @n that @msg received: its payload
 * is copied from @payload, or, when @payload is NULL, committed from the
 * capture's reservation it was received into. */
static void
record_datagram (SbDatagram    *self,
                 struct msghdr *msg,
                 gsize          n,
                 const guint8  *payload)
{
  SbEventInfo info = { 0, };
  GSocketAddress *sender;
  gsize kept = MIN (n, self->receive_size);
  const char *tuple;
  guint32 drop_count;
  guint dropped = 0;

  /* The count was stamped when the datagram was queued: a refresh since
   * may have counted further already. */
  if (find_drop_count (msg, &drop_count) && (gint32) (drop_count - self->last_drop_count) > 0)
    {
      dropped = drop_count - self->last_drop_count;
      self->last_drop_count = drop_count;
    }
  tuple = sender_tuple (self, msg, &sender);

  info.kind = SB_EVENT_RECVFROM;
  info.side = self->side;
  info.socket_id = self->socket_id;
  info.requested = self->receive_size;
  info.result = n;
  info.detail = (int) MIN (dropped, (guint) G_MAXINT);
  info.note = tuple;
  if (payload != NULL)
    sb_capture_append (self->capture, &info, payload, kept);
  else
    sb_capture_commit (self->capture, &info, kept);

  _sb_datagram_count_received (self, sender, tuple, n, dropped);
}

/* A recvfrom() that failed with @errnum.  One that would block is recorded
 * only when @record_would_block (a single Receive; the automatic ones only
 * poll). */
static void
record_receive_failure (SbDatagram *self,
                        int         errnum,
                        gboolean    record_would_block)
{
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_RECVFROM;
  info.side = self->side;
  info.socket_id = self->socket_id;
  info.requested = self->receive_size;
  info.result = -1;
  info.errnum = errnum;

  if (errnum == EAGAIN)
    {
      if (record_would_block)
        {
          info.note = _("nothing is waiting: recvfrom() would block");
          sb_capture_append (self->capture, &info, NULL, 0);
        }
      return;
    }

  /* A connected socket learns of an ICMP error here: ECONNREFUSED for
   * port unreachable.  The socket stays usable. */
  info.note = self->peer_tuple;
  sb_capture_append (self->capture, &info, NULL, 0);
  _sb_datagram_fail_step (self, errnum, "recvfrom", self->peer_tuple, NULL);
}

/* One recvfrom() straight into the capture's arena: returns the datagram's
 * real length, or -1 with *@errnum set. */
static gssize
receive_once (SbDatagram *self,
              gboolean    record_would_block,
              int        *errnum)
{
  struct sockaddr_storage from;
  struct msghdr msg;
  struct iovec iov;
  Control control;
  gssize n;

  iov.iov_base = sb_capture_reserve (self->capture, self->receive_size);
  iov.iov_len = self->receive_size;
  if (G_UNLIKELY (iov.iov_base == NULL))
    {
      /* The capture is full: no call; the kernel drops what comes. */
      *errnum = ENOSPC;
      return -1;
    }
  prepare_msg (&msg, &iov, &from, &control);

  /* MSG_TRUNC: the real length even when the buffer is shorter. */
  do
    n = recvmsg (g_socket_get_fd (self->socket), &msg, MSG_TRUNC | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  *errnum = n < 0 ? errno : 0;

  if (n >= 0)
    record_datagram (self, &msg, n, NULL);
  else
    record_receive_failure (self, *errnum, record_would_block);

  return n;
}

/* Up to BATCH datagrams in one recvmmsg(), each still its own event:
 * returns how many, or -1 with *@errnum set. */
static int
receive_batch (SbDatagram *self,
               int        *errnum)
{
  struct mmsghdr msgs[BATCH];
  struct iovec iovs[BATCH];
  struct sockaddr_storage froms[BATCH];
  Control controls[BATCH];
  int n;

  if (self->batch_buffer == NULL || self->batch_receive_size != self->receive_size)
    {
      g_free (self->batch_buffer);
      self->batch_buffer = g_malloc ((gsize) BATCH * self->receive_size);
      self->batch_receive_size = self->receive_size;
    }

  memset (msgs, 0, sizeof msgs);
  for (guint i = 0; i < BATCH; i++)
    {
      iovs[i].iov_base = self->batch_buffer + (gsize) i * self->receive_size;
      iovs[i].iov_len = self->receive_size;
      prepare_msg (&msgs[i].msg_hdr, &iovs[i], &froms[i], &controls[i]);
    }

  do
    n = recvmmsg (g_socket_get_fd (self->socket), msgs, BATCH, MSG_TRUNC | MSG_DONTWAIT, NULL);
  while (n < 0 && errno == EINTR);
  *errnum = n < 0 ? errno : 0;

  if (n < 0)
    {
      record_receive_failure (self, *errnum, FALSE);
      return -1;
    }

  for (int i = 0; i < n; i++)
    record_datagram (self, &msgs[i].msg_hdr, msgs[i].msg_len, iovs[i].iov_base);

  return n;
}

/* The kernel's running drop count of the socket right now (SO_MEMINFO);
 * FALSE when it cannot be read. */
static gboolean
read_drop_count (SbDatagram *self,
                 guint32    *count)
{
  guint32 meminfo[SK_MEMINFO_VARS] = { 0, };
  socklen_t len = sizeof meminfo;

  if (getsockopt (g_socket_get_fd (self->socket), SOL_SOCKET, SO_MEMINFO, meminfo, &len) != 0
      || len <= SK_MEMINFO_DROPS * sizeof (guint32))
    return FALSE;

  *count = meminfo[SK_MEMINFO_DROPS];

  return TRUE;
}

/* Drops not yet reported with a datagram are recorded now, as an ENOBUFS
 * error event whose detail is their number. */
static void
record_new_drops (SbDatagram *self)
{
  g_autofree char *note = NULL;
  guint32 count;
  guint dropped;

  if (self->socket == NULL || !read_drop_count (self, &count)
      || (gint32) (count - self->last_drop_count) <= 0)
    return;

  dropped = count - self->last_drop_count;
  self->last_drop_count = count;
  note = g_strdup_printf (g_dngettext (NULL,
                                       "the kernel dropped %u datagram: the receive buffer "
                                       "was full",
                                       "the kernel dropped %u datagrams: the receive buffer "
                                       "was full",
                                       dropped),
                          dropped);
  sb_socket_record (self->capture, self->side, self->socket_id, SB_EVENT_ERROR,
                    (int) MIN (dropped, (guint) G_MAXINT), -1, ENOBUFS, 0, note);
  _sb_datagram_add_drops (self, dropped);
}

void
sb_datagram_refresh (SbDatagram *self)
{
  g_return_if_fail (SB_IS_DATAGRAM (self));

  g_object_freeze_notify (G_OBJECT (self));
  record_new_drops (self);
  _sb_datagram_update_receive_buffer (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
input_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  g_autoptr(SbDatagram) self = g_object_ref (SB_DATAGRAM (user_data));
  gint64 deadline = g_get_monotonic_time () + MAX_DISPATCH_US;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint datagrams = 0;
       datagrams < SB_MAX_CALLS_PER_DISPATCH
       && (datagrams == 0 || g_get_monotonic_time () < deadline);
       )
    {
      int errnum;
      int n;

      if (self->socket == NULL || !self->auto_receive || !sb_capture_can_record (self->capture))
        break;

      if (self->receive_size > BATCH_MAX_RECEIVE_SIZE)
        n = receive_once (self, FALSE, &errnum) < 0 ? -1 : 1;
      else
        n = receive_batch (self, &errnum);

      /* A short batch emptied the queue: poll again. */
      if (n < 0 || (n < BATCH && self->receive_size <= BATCH_MAX_RECEIVE_SIZE))
        break;
      datagrams += n;
    }

  _sb_datagram_sync_source (self);
  _sb_datagram_thaw_peer (self);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

/* The capture had room again: reading resumes. */
static void
resume_cb (gpointer object)
{
  _sb_datagram_sync_source (SB_DATAGRAM (object));
}

/* Watches while receiving automatically, unless the capture is full: the
 * datagrams that come then are the kernel's to drop, and it counts them
 * (see sb_datagram_refresh ()). */
void
_sb_datagram_sync_source (SbDatagram *self)
{
  gboolean wanted = self->socket != NULL && self->auto_receive;

  if (wanted)
    wanted = sb_capture_can_record_or_wait (self->capture, &self->full_handler, resume_cb, self);

  if (wanted && self->watch == NULL)
    self->watch = sb_watch_new (self->socket, G_IO_IN, input_cb, self,
                                "[sockbench] datagram input");
  else if (!wanted)
    sb_watch_clear (&self->watch);
}

gboolean
sb_datagram_receive_one (SbDatagram  *self,
                         GError     **error)
{
  int errnum;
  gssize n;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->socket != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = receive_once (self, TRUE, &errnum);
  _sb_datagram_thaw_peer (self);
  if (n >= 0)
    return TRUE;

  if (errnum == ENOSPC && sb_capture_is_full (self->capture))
    {
      g_autofree char *message = sb_capture_dup_full_message (self->capture);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, message);
      return FALSE;
    }

  g_propagate_error (error, sb_socket_error_new (errnum, self->error_message != NULL
                                                         && errnum != EAGAIN
                                                         ? self->error_message
                                                         : sb_errno_get_explanation (errnum)));
  return FALSE;
}

/* Sending */

/* Records one sendto() or send() that returned @n (errno @errnum). */
static gboolean
record_sent (SbDatagram   *self,
             SbSendtoHow   how,
             const char   *tuple,
             const guint8 *data,
             gsize         len,
             gssize        n,
             int           errnum,
             GError      **error)
{
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_SENDTO;
  info.side = self->side;
  info.socket_id = self->socket_id;
  info.detail = how;
  info.result = n;
  info.errnum = n < 0 ? errnum : 0;
  info.requested = len;
  info.note = tuple;
  sb_capture_append (self->capture, &info, data, len);

  if (n < 0)
    {
      const char *call = how == SB_SENDTO_CONNECTED ? "send" : "sendto";
      g_autofree char *message = NULL;

      if (errnum == EACCES)
        message = g_strdup_printf (_("%s %s: a broadcast address needs SO_BROADCAST (EACCES)"),
                                   call, tuple);
      else if (errnum == EMSGSIZE)
        message = g_strdup_printf (_("%s %s: %zu bytes do not fit in one datagram: at most "
                                     "65,507 over IPv4, 65,527 over IPv6 (EMSGSIZE)"),
                                   call, tuple, len);
      if (message == NULL)
        return _sb_datagram_fail_step (self, errnum, call, tuple, error);

      _sb_datagram_set_error (self, errnum, message);
      g_propagate_error (error, sb_socket_error_new (errnum, message));
      return FALSE;
    }

  /* The first sendto() binds an unbound socket to a port of the kernel's. */
  if (self->state == SB_DATAGRAM_OPEN)
    {
      _sb_datagram_update_local (self);
      _sb_datagram_set_state (self, SB_DATAGRAM_BOUND);
    }

  return TRUE;
}

gboolean
sb_datagram_send_to (SbDatagram  *self,
                     const char  *address,
                     guint16      port,
                     GBytes      *payload,
                     GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) destination = NULL;
  g_autofree char *tuple = NULL;
  struct sockaddr_storage native;
  const guint8 *data = NULL;
  gsize len = 0;
  gssize n;
  gboolean ok;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->socket != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_datagram_set_error_message (self, NULL);

  inet = _sb_datagram_parse_address (self, address, error);
  if (inet == NULL)
    return FALSE;

  destination = g_inet_socket_address_new (inet, port);
  tuple = sb_endpoint_format_tuple (destination);
  if (payload != NULL)
    data = g_bytes_get_data (payload, &len);

  if (!g_socket_address_to_native (destination, &native, sizeof native, NULL))
    return _sb_datagram_fail (self, EAFNOSUPPORT, "sendto", tuple, error);

  do
    n = sendto (g_socket_get_fd (self->socket), data, len, MSG_NOSIGNAL | MSG_DONTWAIT,
                (struct sockaddr *) &native, g_socket_address_get_native_size (destination));
  while (n < 0 && errno == EINTR);

  g_object_freeze_notify (G_OBJECT (self));
  ok = record_sent (self, SB_SENDTO_ADDRESSED, tuple, data, len, n, errno, error);
  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

gboolean
sb_datagram_send (SbDatagram  *self,
                  GBytes      *payload,
                  GError     **error)
{
  const guint8 *data = NULL;
  gsize len = 0;
  gssize n;

  g_return_val_if_fail (SB_IS_DATAGRAM (self), FALSE);
  g_return_val_if_fail (self->state == SB_DATAGRAM_CONNECTED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _sb_datagram_set_error_message (self, NULL);

  if (payload != NULL)
    data = g_bytes_get_data (payload, &len);

  do
    n = send (g_socket_get_fd (self->socket), data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);

  return record_sent (self, SB_SENDTO_CONNECTED, self->peer_tuple, data, len, n, errno, error);
}
