/* sb-bench-udp.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The size of every datagram an SbBenchUdpSender sends: "datagram
 * 0000000042 ...", its sequence number in decimal. */
#define SB_BENCH_UDP_SIZE 64

/* A local UDP sender, a thread with a socket connected to 127.0.0.1:port.
 * At @rate datagrams a second it sends datagram k at start + k / @rate
 * (clock_nanosleep() to that absolute time: a late wake-up sends at once,
 * so the count is exact); at @rate 0 it floods with sendmmsg() batches.
 * Either way it stops after @duration_ms. */
typedef struct _SbBenchUdpSender SbBenchUdpSender;

typedef struct
{
  guint64 sent;         /* datagrams the kernel took */
  gint64  elapsed_us;   /* from the first send to the end of the last */
  gint64  max_late_us;  /* paced: the latest a datagram left after its time */
} SbBenchUdpSent;

SbBenchUdpSender *sb_bench_udp_sender_start   (guint16           port,
                                               guint             rate,
                                               guint             duration_ms);
gboolean          sb_bench_udp_sender_is_done (SbBenchUdpSender *sender);
void              sb_bench_udp_sender_join    (SbBenchUdpSender *sender,
                                               SbBenchUdpSent   *sent);

/* The kernel's drop count of socket @fd and the bytes waiting in its
 * receive queue (SO_MEMINFO): 0 once every datagram has been read. */
void              sb_bench_udp_meminfo        (int               fd,
                                               guint64          *drops,
                                               guint64          *queued);
/* This process's IPv4 UDP socket bound to @port, whoever made it, or -1:
 * to look at the queue of a socket that SbDatagram keeps to itself. */
int               sb_bench_udp_find_socket    (guint16           port);

/* The baseline: a plain blocking recvmmsg() loop (batches of 64, @recv_size
 * bytes each) with no main loop and no capture, on a socket with the
 * kernel's default SO_RCVBUF, under a flood of @duration_ms.  Fills
 * *@sent; *@received and *@drops are the datagrams received and the
 * kernel's drops once the socket is drained. */
void              sb_bench_udp_raw_recv       (guint             duration_ms,
                                               gsize             recv_size,
                                               SbBenchUdpSent   *sent,
                                               guint64          *received,
                                               guint64          *drops);

/* The receive path's own cost, load or not: @batch datagrams are queued
 * on the socket while nothing reads it, then drained, @rounds times; the
 * processor time of the draining thread per datagram, in microseconds.
 * sb_bench_udp_core_drain_us() drains through an SbDatagram with its own
 * capture, driven by the thread-default main context (run it where no
 * other source is busy); sb_bench_udp_raw_drain_us() with recvmmsg()
 * calls of 16 and nothing else. */
double            sb_bench_udp_core_drain_us  (guint             rounds,
                                               guint             batch);
double            sb_bench_udp_raw_drain_us   (guint             rounds,
                                               guint             batch);

G_END_DECLS
