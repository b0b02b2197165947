/* bench-udp.c — does a datagram flood freeze the window, and is every
 * datagram received or counted as dropped?
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbench's UDP server socket (the one the server pane shows) on
 * 127.0.0.1, in the real window, with the window's frame latency sampled
 * as bench-ui samples it.  First the window idle, for the noise floor of
 * the machine; then PACED_RUNS runs of 250 datagrams a second for 20 s
 * (the rate at which Packet Sender loses three quarters); then FLOOD_RUNS
 * floods of 64-byte datagrams for 2 s from a sendmmsg() thread, each
 * followed by the same flood into a plain recvmmsg() loop with no window,
 * the baseline.  A run ends once the sender is done and the socket's queue
 * is empty; then sb_datagram_refresh() counts the last drops, and
 * received + kernel drops must equal sent exactly, or the benchmark fails.
 * The socket is closed and the log cleared between runs.  Counts and
 * rates are medians over the runs; latency percentiles are over the
 * samples of all runs of a kind.  Each latency is also split into the wait
 * for the frame to begin (the frame clock paints at most once a refresh
 * interval) and the rest, and the main thread's processor time is set
 * against the frames' time.
 *
 * Wall-clock figures on a shared machine measure the machine as much as
 * Sockbench; so first, with the window open and idle, the receive path's
 * processor time per datagram (queued datagrams drained through an
 * SbDatagram, against bare recvmmsg() calls), which load hardly moves.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sb-application.h"
#include "sb-bench-frames.h"
#include "sb-bench-udp.h"
#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-window.h"
#include "sb-workbench.h"

#define IDLE_MS          5000
#define PACED_RUNS       3
#define PACED_RATE       250
#define PACED_MS         20000
#define FLOOD_RUNS       5
#define FLOOD_MS         2000
#define POLL_MS          50
#define DRAIN_TIMEOUT_MS 10000
#define DRAIN_TURNS      9
#define DRAIN_ROUNDS     20
#define DRAIN_BATCH      2000

typedef struct
{
  guint64 sent;
  guint64 received;
  guint64 drops;
  double  received_per_s;
  gint64  max_late_us;
  double  p99_ms;
  double  max_ms;
  guint64 raw_sent;       /* floods: the baseline after the run */
  guint64 raw_received;
  guint64 raw_drops;
  double  raw_per_s;
} RunFigures;

/* Where the main thread's time went, over the runs of a kind. */
typedef struct
{
  gint64            wall_us;
  gint64            cpu_us;     /* the main thread's processor time */
  guint64           datagrams;  /* received */
  SbBenchFrameTimes frames;
} Busy;

typedef struct
{
  GtkWindow        *window;
  SbWorkbench      *workbench;
  SbDatagram       *server;
  SbBenchFrames    *frames;

  /* the run under way */
  gboolean          flooding;
  guint             run;
  SbBenchUdpSender *sender;
  SbBenchUdpSent    sent;
  int               fd;
  gint64            drain_start_us;
  GArray           *run_ms;
  GArray           *run_waits_ms;
  guint64           received_before;  /* the server's counts go on over sockets */
  guint64           drops_before;
  gint64            start_us;
  gint64            cpu_before_us;
  SbBenchFrameTimes frames_before;

  /* figures */
  GArray           *idle_ms;
  GArray           *paced_ms;
  GArray           *flood_ms;
  GArray           *paced_waits_ms;   /* of each latency, the wait for the frame to begin */
  GArray           *flood_waits_ms;
  GArray           *paced_paints_ms;  /* and the rest */
  GArray           *flood_paints_ms;
  RunFigures        paced[PACED_RUNS];
  RunFigures        flood[FLOOD_RUNS];
  Busy              paced_busy;
  Busy              flood_busy;
  Busy              raw_busy;
  double            core_us[DRAIN_TURNS];
  double            raw_us[DRAIN_TURNS];
  guint             receive_size;
  guint             receive_buffer;
  char             *load_start;
  gboolean          failed;
} UdpRun;

static gboolean start_run_cb (gpointer data);

static char *
load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("?");

  return g_strstrip (g_strndup (contents, 14));
}

static void
add_busy (UdpRun  *run,
          Busy    *busy,
          guint64  datagrams)
{
  SbBenchFrameTimes times;

  sb_bench_frames_get_times (run->frames, &times);
  busy->wall_us += g_get_monotonic_time () - run->start_us;
  busy->cpu_us += sb_bench_thread_cpu_us () - run->cpu_before_us;
  busy->datagrams += datagrams;
  busy->frames.frames += times.frames - run->frames_before.frames;
  busy->frames.busy_us += times.busy_us - run->frames_before.busy_us;
  busy->frames.render_us += times.render_us - run->frames_before.render_us;
}

static void
print_waits (const char *what,
             GArray     *waits_ms,
             GArray     *paints_ms)
{
  printf ("# %s, of each latency: waiting for the frame to begin p50 %.1f ms, p99 %.1f ms, "
          "max %.1f ms; the rest, to the end of the frame, p50 %.1f ms, p99 %.1f ms, "
          "max %.1f ms\n", what,
          sb_bench_percentile_or_zero (waits_ms, 0.5),
          sb_bench_percentile_or_zero (waits_ms, 0.99),
          sb_bench_percentile_or_zero (waits_ms, 1.0),
          sb_bench_percentile_or_zero (paints_ms, 0.5),
          sb_bench_percentile_or_zero (paints_ms, 0.99),
          sb_bench_percentile_or_zero (paints_ms, 1.0));
}

static void
print_busy (const char *what,
            Busy       *busy)
{
  printf ("# %s: the main thread busy %.0f%% of the time, %.2f us per datagram received; "
          "%.1f frames a second, %.1f ms each, %.0f%% of the time (%.1f ms of a frame after "
          "the first layout)\n",
          what, 100.0 * busy->cpu_us / (double) busy->wall_us,
          busy->cpu_us / (double) MAX (busy->datagrams, 1),
          busy->frames.frames / (busy->wall_us / 1e6),
          busy->frames.frames ? busy->frames.busy_us / 1000.0 / busy->frames.frames : 0.0,
          100.0 * busy->frames.busy_us / (double) busy->wall_us,
          busy->frames.frames ? busy->frames.render_us / 1000.0 / busy->frames.frames : 0.0);
}

static void
append_all (GArray *to,
            GArray *from)
{
  g_array_append_vals (to, from->data, from->len);
}

/* The baseline, the same flood into a plain recvmmsg() loop (the window
 * waits meanwhile). */
static void
run_baseline (UdpRun     *run,
              RunFigures *figures)
{
  SbBenchUdpSent sent;
  gint64 start_us = g_get_monotonic_time ();
  gint64 cpu_us = sb_bench_thread_cpu_us ();

  sb_bench_udp_raw_recv (FLOOD_MS, run->receive_size, &sent, &figures->raw_received,
                         &figures->raw_drops);
  run->raw_busy.wall_us += g_get_monotonic_time () - start_us;
  run->raw_busy.cpu_us += sb_bench_thread_cpu_us () - cpu_us;
  run->raw_busy.datagrams += figures->raw_received;
  figures->raw_sent = sent.sent;
  figures->raw_per_s = figures->raw_received / (sent.elapsed_us / 1e6);
  if (figures->raw_received + figures->raw_drops != figures->raw_sent)
    {
      printf ("# baseline: received %" G_GUINT64_FORMAT " + dropped %" G_GUINT64_FORMAT
              " != sent %" G_GUINT64_FORMAT "\n",
              figures->raw_received, figures->raw_drops, figures->raw_sent);
      run->failed = TRUE;
    }
}

static void
finish_run (UdpRun  *run,
            gboolean drained)
{
  RunFigures *figures = run->flooding ? &run->flood[run->run] : &run->paced[run->run];
  guint64 kernel_drops;
  guint64 queued;

  sb_bench_frames_stop (run->frames);
  sb_datagram_refresh (run->server);
  sb_bench_udp_meminfo (run->fd, &kernel_drops, &queued);

  figures->sent = run->sent.sent;
  figures->received = sb_datagram_get_datagrams_received (run->server) - run->received_before;
  figures->drops = sb_datagram_get_kernel_drops (run->server) - run->drops_before;
  figures->received_per_s = figures->received / (run->sent.elapsed_us / 1e6);
  figures->max_late_us = run->sent.max_late_us;
  run->receive_size = sb_datagram_get_receive_size (run->server);
  add_busy (run, run->flooding ? &run->flood_busy : &run->paced_busy, figures->received);
  run->receive_buffer = sb_datagram_get_receive_buffer (run->server);

  for (guint i = 0; i < run->run_ms->len; i++)
    {
      double paint = g_array_index (run->run_ms, double, i)
                     - g_array_index (run->run_waits_ms, double, i);

      g_array_append_val (run->flooding ? run->flood_paints_ms : run->paced_paints_ms, paint);
    }
  append_all (run->flooding ? run->flood_ms : run->paced_ms, run->run_ms);
  append_all (run->flooding ? run->flood_waits_ms : run->paced_waits_ms, run->run_waits_ms);
  figures->p99_ms = sb_bench_percentile_or_zero (run->run_ms, 0.99);
  figures->max_ms = sb_bench_percentile_or_zero (run->run_ms, 1.0);
  g_clear_pointer (&run->run_ms, g_array_unref);
  g_clear_pointer (&run->run_waits_ms, g_array_unref);

  if (!drained || figures->received + figures->drops != figures->sent
      || figures->drops != kernel_drops)
    {
      printf ("# %s run %u: %s; received %" G_GUINT64_FORMAT " + dropped %" G_GUINT64_FORMAT
              " (the kernel says %" G_GUINT64_FORMAT ") != sent %" G_GUINT64_FORMAT "?\n",
              run->flooding ? "flood" : "250/s", run->run + 1,
              drained ? "drained" : "NOT DRAINED", figures->received, figures->drops,
              kernel_drops, figures->sent);
      run->failed = TRUE;
    }

  sb_datagram_close (run->server);
  sb_capture_clear (sb_workbench_get_capture (run->workbench));
  run->fd = -1;

  if (run->flooding)
    run_baseline (run, figures);

  run->run++;
  if (!run->flooding && run->run == PACED_RUNS)
    {
      run->flooding = TRUE;
      run->run = 0;
    }
  if ((run->flooding && run->run == FLOOD_RUNS)
      || (run->flooding && g_strcmp0 (g_getenv ("SB_BENCH_UDP_ONLY"), "paced") == 0))
    gtk_window_destroy (run->window);
  else
    g_timeout_add (500, start_run_cb, run);
}

/* Done when the sender was done before the socket's queue was found empty:
 * every datagram sent is received or dropped by then. */
static gboolean
poll_cb (gpointer data)
{
  UdpRun *run = data;
  gboolean done = sb_bench_udp_sender_is_done (run->sender);
  guint64 drops;
  guint64 queued;

  if (!done)
    return G_SOURCE_CONTINUE;

  if (run->drain_start_us == 0)
    run->drain_start_us = g_get_monotonic_time ();

  sb_bench_udp_meminfo (run->fd, &drops, &queued);
  if (queued > 0
      && g_get_monotonic_time () - run->drain_start_us < DRAIN_TIMEOUT_MS * 1000)
    return G_SOURCE_CONTINUE;

  sb_bench_udp_sender_join (g_steal_pointer (&run->sender), &run->sent);
  finish_run (run, queued == 0);

  return G_SOURCE_REMOVE;
}

static gboolean
start_run_cb (gpointer data)
{
  UdpRun *run = data;
  g_autoptr(GError) error = NULL;

  if (!sb_datagram_open (run->server, "127.0.0.1", 0, &error))
    g_error ("UDP server: %s", error->message);
  run->fd = sb_bench_udp_find_socket (sb_datagram_get_port (run->server));
  g_assert_cmpint (run->fd, >=, 0);

  run->received_before = sb_datagram_get_datagrams_received (run->server);
  run->drops_before = sb_datagram_get_kernel_drops (run->server);
  run->run_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->run_waits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->drain_start_us = 0;
  sb_bench_frames_start (run->frames, run->run_ms, run->run_waits_ms);
  sb_bench_frames_get_times (run->frames, &run->frames_before);
  run->start_us = g_get_monotonic_time ();
  run->cpu_before_us = sb_bench_thread_cpu_us ();
  run->sender = sb_bench_udp_sender_start (sb_datagram_get_port (run->server),
                                           run->flooding ? 0 : PACED_RATE,
                                           run->flooding ? FLOOD_MS : PACED_MS);
  g_timeout_add (POLL_MS, poll_cb, run);

  return G_SOURCE_REMOVE;
}

static gboolean
idle_done_cb (gpointer data)
{
  UdpRun *run = data;

  sb_bench_frames_stop (run->frames);
  /* SB_BENCH_UDP_ONLY=flood (or =paced), for experiments */
  run->flooding = g_strcmp0 (g_getenv ("SB_BENCH_UDP_ONLY"), "flood") == 0;
  start_run_cb (run);

  return G_SOURCE_REMOVE;
}

/* The receive path alone, in the main loop of the window (open, idle):
 * processor time per datagram through an SbDatagram of its own and through
 * bare recvmmsg() calls, in turns. */
static void
measure_drain (UdpRun *run)
{
  for (guint i = 0; i < DRAIN_TURNS; i++)
    {
      run->core_us[i] = sb_bench_udp_core_drain_us (DRAIN_ROUNDS, DRAIN_BATCH);
      run->raw_us[i] = sb_bench_udp_raw_drain_us (DRAIN_ROUNDS, DRAIN_BATCH);
    }
}

static gboolean
start_cb (gpointer data)
{
  UdpRun *run = data;

  run->frames = sb_bench_frames_new (GTK_WIDGET (run->window));
  run->load_start = load_average ();
  measure_drain (run);
  if (g_strcmp0 (g_getenv ("SB_BENCH_UDP_ONLY"), "drain") == 0)
    {
      gtk_window_destroy (run->window);
      return G_SOURCE_REMOVE;
    }
  sb_bench_frames_start (run->frames, run->idle_ms, NULL);
  g_timeout_add (IDLE_MS, idle_done_cb, run);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             UdpRun       *run)
{
  run->window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (run->window);
  run->workbench = sb_window_get_workbench (SB_WINDOW (run->window));
  run->server = sb_workbench_get_udp_server (run->workbench);
  /* The server pane shows the socket as a user sees it: UDP chosen, the
   * Peers list and the live counts drawn during the flood. */
  sb_window_set_udp (SB_WINDOW (run->window), TRUE);
  gtk_window_set_default_size (run->window, 1024, 768);
  /* Give the window a second to map and settle, as a person would. */
  g_timeout_add (1000, start_cb, run);
}

static void
print_paced (UdpRun *run)
{
  double received[PACED_RUNS];
  double drops[PACED_RUNS];

  for (guint i = 0; i < PACED_RUNS; i++)
    {
      RunFigures *f = &run->paced[i];

      received[i] = f->received;
      drops[i] = f->drops;
      printf ("# 250/s run %u: sent %" G_GUINT64_FORMAT ", received %" G_GUINT64_FORMAT
              ", kernel drops %" G_GUINT64_FORMAT ", sender at most %.1f ms late; "
              "frame latency p99 %.1f ms, max %.1f ms\n",
              i + 1, f->sent, f->received, f->drops, f->max_late_us / 1000.0, f->p99_ms,
              f->max_ms);
    }

  printf ("udp250_received: %.0f\n", sb_bench_median (received, PACED_RUNS));
  printf ("udp250_kernel_drops: %.0f\n", sb_bench_median (drops, PACED_RUNS));
  printf ("udp250_ui_latency_p50_ms: %.1f\n", sb_bench_percentile_or_zero (run->paced_ms, 0.5));
  printf ("udp250_ui_latency_p99_ms: %.1f\n", sb_bench_percentile_or_zero (run->paced_ms, 0.99));
  printf ("udp250_ui_latency_max_ms: %.1f\n", sb_bench_percentile_or_zero (run->paced_ms, 1.0));
}

static void
print_flood (UdpRun *run)
{
  double ratios[FLOOD_RUNS];
  double per_s[FLOOD_RUNS];
  double raw_per_s[FLOOD_RUNS];
  double median_per_s;
  RunFigures *median_run = &run->flood[0];

  for (guint i = 0; i < FLOOD_RUNS; i++)
    {
      RunFigures *f = &run->flood[i];

      ratios[i] = f->received_per_s / f->raw_per_s;
      per_s[i] = f->received_per_s;
      raw_per_s[i] = f->raw_per_s;
      printf ("# flood run %u: window: sent %" G_GUINT64_FORMAT ", received %" G_GUINT64_FORMAT
              ", kernel drops %" G_GUINT64_FORMAT ", %.0f received/s, frame latency "
              "p99 %.1f ms, max %.1f ms; recvmmsg loop: sent %" G_GUINT64_FORMAT
              ", received %" G_GUINT64_FORMAT ", kernel drops %" G_GUINT64_FORMAT
              ", %.0f received/s; ratio %.3f\n",
              i + 1, f->sent, f->received, f->drops, f->received_per_s, f->p99_ms, f->max_ms,
              f->raw_sent, f->raw_received, f->raw_drops, f->raw_per_s, ratios[i]);
    }

  /* The counts of the run with the median rate, so that they add up. */
  median_per_s = sb_bench_median (per_s, FLOOD_RUNS);
  for (guint i = 0; i < FLOOD_RUNS; i++)
    if (run->flood[i].received_per_s == median_per_s)
      median_run = &run->flood[i];

  printf ("# udp_sent, udp_received, udp_kernel_drops: the run with the median rate\n");
  printf ("udp_sent: %" G_GUINT64_FORMAT "\n", median_run->sent);
  printf ("udp_received: %" G_GUINT64_FORMAT "\n", median_run->received);
  printf ("udp_kernel_drops: %" G_GUINT64_FORMAT "\n", median_run->drops);
  printf ("udp_received_per_s: %.0f\n", median_per_s);
  printf ("udp_raw_received_per_s: %.0f\n", sb_bench_median (raw_per_s, FLOOD_RUNS));
  printf ("udp_ratio_to_raw: %.3f\n", sb_bench_median (ratios, FLOOD_RUNS));
  printf ("udp_ui_latency_p50_ms: %.1f\n", sb_bench_percentile_or_zero (run->flood_ms, 0.5));
  printf ("udp_ui_latency_p99_ms: %.1f\n", sb_bench_percentile_or_zero (run->flood_ms, 0.99));
  printf ("udp_ui_latency_max_ms: %.1f\n", sb_bench_percentile_or_zero (run->flood_ms, 1.0));
}

static void
print_drain (UdpRun *run)
{
  double *core_us = run->core_us;
  double *raw_us = run->raw_us;
  double ratios[DRAIN_TURNS];

  for (guint i = 0; i < DRAIN_TURNS; i++)
    {
      ratios[i] = core_us[i] / raw_us[i];
      printf ("# drain turn %u: SbDatagram %.3f us, recvmmsg %.3f us a datagram, ratio %.2f\n",
              i + 1, core_us[i], raw_us[i], ratios[i]);
    }
  printf ("# %u turns of %u x %u queued datagrams drained, processor time per datagram\n",
          DRAIN_TURNS, DRAIN_ROUNDS, DRAIN_BATCH);
  printf ("udp_core_us_per_datagram: %.3f\n", sb_bench_median (core_us, DRAIN_TURNS));
  printf ("udp_raw_us_per_datagram: %.3f\n", sb_bench_median (raw_us, DRAIN_TURNS));
  printf ("udp_core_ratio_to_raw: %.2f\n", sb_bench_median (ratios, DRAIN_TURNS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autofree char *load_end = NULL;
  UdpRun run = { 0 };
  char *app_argv[] = { argv[0], NULL };

  run.fd = -1;
  run.idle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.paced_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.flood_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.paced_waits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.flood_waits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.paced_paints_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.flood_paints_ms = g_array_new (FALSE, FALSE, sizeof (double));

  app = sb_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &run);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  print_drain (&run);
  if (g_strcmp0 (g_getenv ("SB_BENCH_UDP_ONLY"), "drain") == 0)
    return EXIT_SUCCESS;
  g_assert_true (run.flooding);
  load_end = load_average ();

  printf ("# load average (1, 5, 15 min) at the start %s, at the end %s; %u processors\n",
          run.load_start, load_end, g_get_num_processors ());
  printf ("# receive size %u, SO_RCVBUF %u, datagrams of %u bytes, latency sampled every "
          "%u ms\n", run.receive_size, run.receive_buffer, SB_BENCH_UDP_SIZE,
          SB_BENCH_SAMPLE_INTERVAL_MS);
  printf ("# idle window, %u samples: frame latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
          run.idle_ms->len, sb_bench_percentile_or_zero (run.idle_ms, 0.5),
          sb_bench_percentile_or_zero (run.idle_ms, 0.99),
          sb_bench_percentile_or_zero (run.idle_ms, 1.0));
  printf ("# %u runs of %u datagrams/s for %u s, %u latency samples\n", PACED_RUNS,
          PACED_RATE, PACED_MS / 1000, run.paced_ms->len);
  if (run.paced_ms->len > 0)
    {
      print_busy ("at 250/s", &run.paced_busy);
      print_waits ("at 250/s", run.paced_waits_ms, run.paced_paints_ms);
      print_paced (&run);
    }
  printf ("# %u floods of %u s, %u latency samples\n", FLOOD_RUNS, FLOOD_MS / 1000,
          run.flood_ms->len);
  if (run.flood_ms->len > 0)
    {
      print_busy ("during the floods", &run.flood_busy);
      print_waits ("during the floods", run.flood_waits_ms, run.flood_paints_ms);
      printf ("# the recvmmsg loop: %.0f%% of the time, %.2f us per datagram received\n",
              100.0 * run.raw_busy.cpu_us / (double) run.raw_busy.wall_us,
              run.raw_busy.cpu_us / (double) MAX (run.raw_busy.datagrams, 1));
      print_flood (&run);
    }

  sb_bench_frames_free (run.frames);
  g_array_unref (run.idle_ms);
  g_array_unref (run.paced_ms);
  g_array_unref (run.flood_ms);
  g_array_unref (run.paced_waits_ms);
  g_array_unref (run.flood_waits_ms);
  g_array_unref (run.paced_paints_ms);
  g_array_unref (run.flood_paints_ms);
  g_free (run.load_start);

  if (run.failed)
    {
      printf ("# FAILED: received + kernel drops != sent (see above)\n");
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
