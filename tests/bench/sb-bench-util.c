/* sb-bench-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* RUSAGE_THREAD */
#endif

#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-http.h"
#include "sb-listener.h"
#include "sb-stream.h"

#define SENDER_CHUNK (1024 * 1024)
#define MAX_PAYLOAD  (1024 * 1024)

static inline guint8
pattern_byte (guint64 offset)
{
  return (guint8) (offset * 7 + 3);
}

struct _SbBenchSender
{
  GThread *thread;
  guint16  port;
  guint64  total;
};

static gpointer
sender_thread (gpointer data)
{
  SbBenchSender *sender = data;
  g_autofree guint8 *chunk = g_malloc (SENDER_CHUNK);
  struct sockaddr_in addr = { 0 };
  guint64 left = sender->total;
  int fd;

  for (gsize i = 0; i < SENDER_CHUNK; i++)
    chunk[i] = pattern_byte (i);

  fd = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (sender->port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);

  /* Byte k of the stream is pattern_byte (k), even after a short send. */
  while (left > 0)
    {
      gsize at = (sender->total - left) % SENDER_CHUNK;
      gsize n = MIN (left, SENDER_CHUNK - at);
      ssize_t sent = send (fd, chunk + at, n, MSG_NOSIGNAL);

      g_assert_cmpint (sent, >, 0);
      left -= (guint64) sent;
    }

  close (fd);
  return NULL;
}

SbBenchSender *
sb_bench_sender_start (guint16 port,
                       guint64 total)
{
  SbBenchSender *sender = g_new0 (SbBenchSender, 1);

  sender->port = port;
  sender->total = total;
  sender->thread = g_thread_new ("sb-bench-sender", sender_thread, sender);

  return sender;
}

void
sb_bench_sender_join (SbBenchSender *sender)
{
  g_thread_join (sender->thread);
  g_free (sender);
}

static double
mbps (guint64 bytes,
      gint64  elapsed_us)
{
  return (double) bytes / (double) MAX (elapsed_us, 1);
}

gint64
sb_bench_thread_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
cpu_start (SbBenchCpu *cpu)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  cpu->user_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
  cpu->system_s = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  cpu->thread_s = sb_bench_thread_cpu_us () / 1e6;
}

static void
cpu_stop (SbBenchCpu *cpu)
{
  SbBenchCpu start = *cpu;

  cpu_start (cpu);
  cpu->user_s -= start.user_s;
  cpu->system_s -= start.system_s;
  cpu->thread_s -= start.thread_s;
}

int
sb_bench_stream_open (guint64         total,
                      SbBenchSender **sender,
                      SbBenchCpu     *cpu,
                      gint64         *start)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;
  int listen_fd;
  int fd;

  listen_fd = socket (AF_INET, SOCK_STREAM, 0);
  setsockopt (listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (listen_fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (listen_fd, 5), ==, 0);
  g_assert_cmpint (getsockname (listen_fd, (struct sockaddr *) &addr, &len), ==, 0);

  cpu_start (cpu);
  *start = g_get_monotonic_time ();
  *sender = sb_bench_sender_start (ntohs (addr.sin_port), total);
  fd = accept (listen_fd, NULL, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (listen_fd);

  return fd;
}

double
sb_bench_stream_close (int            fd,
                       SbBenchSender *sender,
                       SbBenchCpu    *cpu,
                       gint64         start,
                       guint64        received,
                       guint64        total)
{
  sb_bench_sender_join (sender);
  start = g_get_monotonic_time () - start;
  cpu_stop (cpu);
  close (fd);
  g_assert_cmpuint (received, ==, total);

  return mbps (received, start);
}

/* recv() into @ring_size bytes of memory, each call after the last (from
 * the start again once the next would not fit), or into one buffer of
 * @recv_size bytes over and over when @ring_size is 0. */
static double
recv_loop (guint64     total,
           gsize       recv_size,
           gsize       ring_size,
           SbBenchCpu *cpu)
{
  gsize size = MAX (ring_size, recv_size);
  g_autofree guint8 *buffer = g_malloc (size);
  gsize offset = 0;
  SbBenchSender *sender;
  guint64 received = 0;
  gint64 start;
  int fd;

  /* Touched before the clock starts, as the capture's recycled chunks are. */
  memset (buffer, 0, size);
  fd = sb_bench_stream_open (total, &sender, cpu, &start);

  for (;;)
    {
      ssize_t n;

      if (offset + recv_size > size)
        offset = 0;
      n = recv (fd, buffer + offset, recv_size, 0);
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        break;
      received += (guint64) n;
      if (ring_size > 0)
        offset += (gsize) n;
    }

  return sb_bench_stream_close (fd, sender, cpu, start, received, total);
}

double
sb_bench_raw_recv_run (guint64     total,
                       gsize       recv_size,
                       SbBenchCpu *cpu)
{
  return recv_loop (total, recv_size, 0, cpu);
}

double
sb_bench_keep_recv_run (guint64     total,
                        gsize       recv_size,
                        gsize       keep_size,
                        SbBenchCpu *cpu)
{
  return recv_loop (total, recv_size, keep_size, cpu);
}

typedef struct
{
  GMainLoop *loop;
  SbStream  *stream;
} CaptureRun;

static void
state_changed_cb (SbStream   *stream,
                  GParamSpec *pspec,
                  CaptureRun *run)
{
  if (!sb_stream_state_is_open (sb_stream_get_state (stream))
      || sb_stream_get_state (stream) == SB_STREAM_PEER_CLOSED)
    g_main_loop_quit (run->loop);
}

static void
accepted_cb (SbListener *listener,
             SbStream   *stream,
             CaptureRun *run)
{
  run->stream = g_object_ref (stream);
  g_signal_connect (stream, "notify::state", G_CALLBACK (state_changed_cb), run);
}

/* Reads every captured payload back, in memory or spilled, and checks it
 * byte for byte against what the sender sent. */
static void
assert_captured (SbCapture *capture,
                 guint64    total)
{
  g_autofree guint8 *buffer = g_malloc (MAX_PAYLOAD);
  guint n = sb_capture_get_n_recorded (capture);
  guint64 offset = 0;

  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;
      gsize len;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      if (info.payload_len == 0)
        continue;
      g_assert_cmpint (info.kind, ==, SB_EVENT_RECV);
      g_assert_cmpuint (info.payload_len, <=, MAX_PAYLOAD);
      len = sb_capture_copy_payload (capture, i, 0, buffer, info.payload_len);
      g_assert_cmpuint (len, ==, info.payload_len);
      for (gsize j = 0; j < len; j++)
        if (buffer[j] != pattern_byte (offset + j))
          g_error ("Captured byte %" G_GUINT64_FORMAT " is wrong", offset + j);
      offset += len;
    }

  g_assert_cmpuint (offset, ==, total);
}

double
sb_bench_capture_run (guint64     total,
                      gsize       recv_size,
                      guint      *n_events,
                      gsize      *overhead_per_event,
                      guint64    *budget,
                      SbBenchCpu *cpu)
{
  const char *budget_mib = g_getenv ("SB_BENCH_MEMORY_BUDGET_MIB");
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbListener) listener = sb_listener_new (capture);
  /* SB_BENCH_HTTP_FOLLOWER=1: with the HTTP follower watching, as in the
   * window (the flood is not HTTP: it must cost next to nothing). */
  g_autoptr(SbHttpFollower) follower = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  CaptureRun run = { loop, NULL };
  SbBenchSender *sender;
  guint64 received;
  gint64 start;

  if (budget_mib != NULL)
    sb_capture_set_memory_budget (capture, g_ascii_strtoull (budget_mib, NULL, 10) << 20);
  *budget = sb_capture_get_memory_budget (capture);
  if (g_strcmp0 (g_getenv ("SB_BENCH_HTTP_FOLLOWER"), "1") == 0)
    follower = sb_http_follower_new (capture);
  sb_listener_set_receive_size (listener, (guint) recv_size);
  g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), &run);
  if (!sb_listener_listen (listener, "127.0.0.1", 0, 5, &error))
    g_error ("listen: %s", error->message);

  cpu_start (cpu);
  start = g_get_monotonic_time ();
  sender = sb_bench_sender_start (sb_listener_get_port (listener), total);
  g_main_loop_run (loop);
  received = sb_stream_get_bytes_received (run.stream);
  sb_bench_sender_join (sender);
  start = g_get_monotonic_time () - start;
  cpu_stop (cpu);

  g_assert_cmpint (sb_stream_get_state (run.stream), ==, SB_STREAM_PEER_CLOSED);
  g_assert_cmpuint (received, ==, total);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, total);

  assert_captured (capture, total);

  *n_events = sb_capture_get_n_recorded (capture);
  *overhead_per_event = sb_capture_get_overhead_per_event (capture);
  sb_stream_close (run.stream);
  sb_listener_stop (listener);
  g_clear_object (&run.stream);

  return mbps (received, start);
}

double
sb_bench_raw_recv_MBps (guint64 total,
                        gsize   recv_size)
{
  SbBenchCpu cpu;

  return sb_bench_raw_recv_run (total, recv_size, &cpu);
}

double
sb_bench_capture_MBps (guint64  total,
                       gsize    recv_size,
                       guint   *n_events,
                       gsize   *overhead_per_event)
{
  SbBenchCpu cpu;
  guint64 budget;

  return sb_bench_capture_run (total, recv_size, n_events, overhead_per_event,
                               &budget, &cpu);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
sb_bench_median (double *values,
                 guint   n)
{
  g_assert (n > 0);
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
sb_bench_percentile (GArray *values,
                     double  p)
{
  double *v = (double *) (gpointer) values->data;
  guint i;

  g_assert (values->len > 0);
  sb_bench_median (v, values->len);   /* sorts */
  i = (guint) (p * (values->len - 1) + 0.5);
  return v[MIN (i, values->len - 1)];
}

double
sb_bench_percentile_or_zero (GArray *values,
                             double  p)
{
  return values->len > 0 ? sb_bench_percentile (values, p) : 0.0;
}
