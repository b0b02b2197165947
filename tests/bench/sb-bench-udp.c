/* sb-bench-udp.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* sendmmsg (), recvmmsg () */
#endif

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/sock_diag.h>

#include "sb-bench-udp.h"
#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-datagram.h"

#define BATCH 64

struct _SbBenchUdpSender
{
  GThread        *thread;
  guint16         port;
  guint           rate;
  guint           duration_ms;
  gint            done;        /* atomic */
  SbBenchUdpSent  sent;
};

static int
connected_socket (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_DGRAM, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);

  return fd;
}

/* "datagram 0000000042 ", then dots to the end: readable in the log. */
static void
fill_payload (guint8  *payload,
              guint64  k)
{
  static const char prefix[] = "datagram ";
  gsize digits_end = sizeof prefix - 1 + 10;

  memcpy (payload, prefix, sizeof prefix - 1);
  for (gsize i = digits_end; i > sizeof prefix - 1; i--, k /= 10)
    payload[i - 1] = '0' + k % 10;
  payload[digits_end] = ' ';
  memset (payload + digits_end + 1, '.', SB_BENCH_UDP_SIZE - digits_end - 1);
}

static gint64
timespec_us (const struct timespec *ts)
{
  return (gint64) ts->tv_sec * G_USEC_PER_SEC + ts->tv_nsec / 1000;
}

/* Datagram k leaves at start + k / rate, to the nanosecond. */
static void
send_paced (SbBenchUdpSender *sender,
            int               fd)
{
  guint64 count = (guint64) sender->rate * sender->duration_ms / 1000;
  guint8 payload[SB_BENCH_UDP_SIZE] = { 0, };
  struct timespec start;
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &start);
  for (guint64 k = 0; k < count; k++)
    {
      guint64 offset_ns = k * G_GUINT64_CONSTANT (1000000000) / sender->rate;
      struct timespec due;
      gint64 late;

      due.tv_sec = start.tv_sec + (time_t) (offset_ns / 1000000000);
      due.tv_nsec = start.tv_nsec + (long) (offset_ns % 1000000000);
      if (due.tv_nsec >= 1000000000)
        {
          due.tv_sec++;
          due.tv_nsec -= 1000000000;
        }
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR)
        ;
      clock_gettime (CLOCK_MONOTONIC, &now);
      late = timespec_us (&now) - timespec_us (&due);
      sender->sent.max_late_us = MAX (sender->sent.max_late_us, late);

      fill_payload (payload, k);
      g_assert_cmpint (send (fd, payload, sizeof payload, 0), ==, sizeof payload);
      sender->sent.sent++;
    }
  clock_gettime (CLOCK_MONOTONIC, &now);
  sender->sent.elapsed_us = timespec_us (&now) - timespec_us (&start);
}

/* As fast as the kernel takes them, BATCH to a sendmmsg(). */
static void
send_flood (SbBenchUdpSender *sender,
            int               fd)
{
  static guint8 payloads[BATCH][SB_BENCH_UDP_SIZE];
  struct mmsghdr msgs[BATCH];
  struct iovec iovs[BATCH];
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) sender->duration_ms * 1000;
  guint64 k = 0;

  memset (msgs, 0, sizeof msgs);
  for (guint i = 0; i < BATCH; i++)
    {
      iovs[i].iov_base = payloads[i];
      iovs[i].iov_len = SB_BENCH_UDP_SIZE;
      msgs[i].msg_hdr.msg_iov = &iovs[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }

  while (g_get_monotonic_time () < end)
    {
      int n;

      for (guint i = 0; i < BATCH; i++)
        fill_payload (payloads[i], k + i);

      n = sendmmsg (fd, msgs, BATCH, 0);
      if (n < 0 && (errno == EINTR || errno == ENOBUFS || errno == EAGAIN))
        continue;
      g_assert_cmpint (n, >, 0);
      k += (guint) n;
    }

  sender->sent.sent = k;
  sender->sent.elapsed_us = g_get_monotonic_time () - start;
}

static gpointer
sender_thread (gpointer data)
{
  SbBenchUdpSender *sender = data;
  int fd = connected_socket (sender->port);

  if (sender->rate > 0)
    send_paced (sender, fd);
  else
    send_flood (sender, fd);

  close (fd);
  g_atomic_int_set (&sender->done, 1);

  return NULL;
}

SbBenchUdpSender *
sb_bench_udp_sender_start (guint16 port,
                           guint   rate,
                           guint   duration_ms)
{
  SbBenchUdpSender *sender = g_new0 (SbBenchUdpSender, 1);

  sender->port = port;
  sender->rate = rate;
  sender->duration_ms = duration_ms;
  sender->thread = g_thread_new ("sb-bench-udp", sender_thread, sender);

  return sender;
}

gboolean
sb_bench_udp_sender_is_done (SbBenchUdpSender *sender)
{
  return g_atomic_int_get (&sender->done) != 0;
}

void
sb_bench_udp_sender_join (SbBenchUdpSender *sender,
                          SbBenchUdpSent   *sent)
{
  g_thread_join (sender->thread);
  *sent = sender->sent;
  g_free (sender);
}

void
sb_bench_udp_meminfo (int      fd,
                      guint64 *drops,
                      guint64 *queued)
{
  guint32 meminfo[SK_MEMINFO_VARS] = { 0, };
  socklen_t len = sizeof meminfo;

  g_assert_cmpint (getsockopt (fd, SOL_SOCKET, SO_MEMINFO, meminfo, &len), ==, 0);
  g_assert_cmpuint (len, >, SK_MEMINFO_DROPS * sizeof (guint32));

  *drops = meminfo[SK_MEMINFO_DROPS];
  *queued = meminfo[SK_MEMINFO_RMEM_ALLOC];
}

int
sb_bench_udp_find_socket (guint16 port)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      struct sockaddr_in addr = { 0 };
      socklen_t len = sizeof addr;
      int fd = (int) g_ascii_strtoll (name, NULL, 10);
      int type = 0;
      socklen_t type_len = sizeof type;

      if (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &type_len) == 0 && type == SOCK_DGRAM
          && getsockname (fd, (struct sockaddr *) &addr, &len) == 0
          && addr.sin_family == AF_INET && ntohs (addr.sin_port) == port)
        return fd;
    }

  return -1;
}

void
sb_bench_udp_raw_recv (guint           duration_ms,
                       gsize           recv_size,
                       SbBenchUdpSent *sent,
                       guint64        *received,
                       guint64        *drops)
{
  g_autofree guint8 *buffers = g_malloc ((gsize) BATCH * recv_size);
  struct mmsghdr msgs[BATCH];
  struct iovec iovs[BATCH];
  struct sockaddr_in addr = { 0 };
  struct timeval timeout = { 0, 100 * 1000 };
  socklen_t len = sizeof addr;
  SbBenchUdpSender *sender;
  guint64 queued;
  int fd;

  fd = socket (AF_INET, SOCK_DGRAM, 0);
  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  /* A wait of 100 ms that finds nothing after the sender is done: the
   * queue is empty. */
  g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout), ==, 0);

  memset (msgs, 0, sizeof msgs);
  for (guint i = 0; i < BATCH; i++)
    {
      iovs[i].iov_base = buffers + i * recv_size;
      iovs[i].iov_len = recv_size;
      msgs[i].msg_hdr.msg_iov = &iovs[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }

  *received = 0;
  sender = sb_bench_udp_sender_start (ntohs (addr.sin_port), 0, duration_ms);
  for (;;)
    {
      /* Done before the call that found nothing: nothing can follow. */
      gboolean done = sb_bench_udp_sender_is_done (sender);
      int n = recvmmsg (fd, msgs, BATCH, MSG_WAITFORONE, NULL);

      if (n > 0)
        *received += (guint) n;
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN && done)
        break;
      else if (n < 0 && errno != EAGAIN)
        g_error ("recvmmsg: %s", g_strerror (errno));
    }

  sb_bench_udp_sender_join (sender, sent);
  sb_bench_udp_meminfo (fd, drops, &queued);
  g_assert_cmpuint (queued, ==, 0);
  close (fd);
}

/* Queues @batch datagrams on @port's socket, whose queue must be empty:
 * none may be dropped. */
static void
fill (int      fd,
      guint16  port,
      guint    batch)
{
  int sender = connected_socket (port);
  guint8 payload[SB_BENCH_UDP_SIZE];
  guint64 drops_before;
  guint64 drops;
  guint64 queued;

  sb_bench_udp_meminfo (fd, &drops_before, &queued);
  g_assert_cmpuint (queued, ==, 0);
  for (guint i = 0; i < batch; i++)
    {
      fill_payload (payload, i);
      g_assert_cmpint (send (sender, payload, sizeof payload, 0), ==, sizeof payload);
    }
  close (sender);
  sb_bench_udp_meminfo (fd, &drops, &queued);
  g_assert_cmpuint (drops, ==, drops_before);
}

double
sb_bench_udp_core_drain_us (guint rounds,
                            guint batch)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbDatagram) server = sb_datagram_new (capture, SB_SIDE_SERVER);
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_get_thread_default ();
  gint64 cpu_us = 0;
  guint16 port;
  int fd;

  if (!sb_datagram_open (server, "127.0.0.1", 0, &error)
      || !sb_datagram_set_receive_buffer (server, 4 << 20, &error))
    g_error ("UDP server: %s", error->message);
  port = sb_datagram_get_port (server);
  fd = sb_bench_udp_find_socket (port);
  g_assert_cmpint (fd, >=, 0);

  for (guint r = 0; r < rounds; r++)
    {
      guint64 until = sb_datagram_get_datagrams_received (server) + batch;
      gint64 start;

      sb_datagram_set_auto_receive (server, FALSE);
      fill (fd, port, batch);
      start = sb_bench_thread_cpu_us ();
      sb_datagram_set_auto_receive (server, TRUE);
      while (sb_datagram_get_datagrams_received (server) < until)
        g_main_context_iteration (context, TRUE);
      cpu_us += sb_bench_thread_cpu_us () - start;
    }

  g_assert_cmpuint (sb_datagram_get_kernel_drops (server), ==, 0);
  g_assert_cmpuint (sb_datagram_get_datagrams_received (server), ==, (guint64) rounds * batch);
  sb_datagram_close (server);

  return cpu_us / (double) ((guint64) rounds * batch);
}

double
sb_bench_udp_raw_drain_us (guint rounds,
                           guint batch)
{
  guint8 buffers[16][1024];
  struct mmsghdr msgs[16];
  struct iovec iovs[16];
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int size = 4 << 20;
  gint64 cpu_us = 0;
  int fd;

  fd = socket (AF_INET, SOCK_DGRAM, 0);
  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size), ==, 0);

  memset (msgs, 0, sizeof msgs);
  for (guint i = 0; i < 16; i++)
    {
      iovs[i].iov_base = buffers[i];
      iovs[i].iov_len = sizeof buffers[i];
      msgs[i].msg_hdr.msg_iov = &iovs[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }

  for (guint r = 0; r < rounds; r++)
    {
      guint received = 0;
      gint64 start;

      fill (fd, ntohs (addr.sin_port), batch);
      start = sb_bench_thread_cpu_us ();
      while (received < batch)
        {
          int n = recvmmsg (fd, msgs, 16, MSG_DONTWAIT, NULL);

          g_assert_cmpint (n, >, 0);
          received += (guint) n;
        }
      cpu_us += sb_bench_thread_cpu_us () - start;
    }

  close (fd);

  return cpu_us / (double) ((guint64) rounds * batch);
}
