/* bench-conns.c — ten thousand connections into the window
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server pane of the real window listens on 127.0.0.1 with a backlog of
 * 4096; a peer in another process (bench-peers: one process cannot hold
 * both ends within the descriptor limit) opens 10,000 connections to it as
 * fast as it can and holds them open and idle.  In order:
 *
 *   - the window idle with no connection: its processor time over IDLE_MS
 *     (of every thread of this process), then its frame latency over
 *     IDLE_MS, sampled as bench-ui samples it;
 *   - FLOOD_RUNS streams of FLOOD_MIB MiB at recv 1024 into the pane, each
 *     alone (the log cleared before each), after one more to warm up;
 *   - the burst: the time from telling the peer to connect until the
 *     window's listener has accepted all 10,000, and the processor time
 *     this process used meanwhile (up to the last accept), with the frame
 *     latency sampled from then until SETTLE_MS after the last accept;
 *   - the window holding them, idle: processor time, then frame latency,
 *     as with none;
 *   - FLOOD_RUNS streams again, with the 10,000 idle connections open;
 *   - the peer closes them all: the time until the window has seen every
 *     one end; then FLOOD_RUNS streams with the 10,000 closed connections
 *     still in the pane's list.
 *
 * Rates are medians of the runs of a kind, latencies percentiles of the
 * samples of a phase.  A step that does not finish in time fails the
 * benchmark: no figure is printed for it.  Connections the kernel dropped
 * (see QUIET_S) fail it too, after the figures with those accepted.
 * SB_BENCH_CONNS_COUNT=N (for experiments) opens N connections instead;
 * the names then say N.  SB_BENCH_CONNS_BURST_ONLY=1 (for experiments and
 * profiles) runs the burst alone: no idle phases, floods or closing, and
 * prints the burst's figures only.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sb-application.h"
#include "sb-bench-accept-floor.h"
#include "sb-bench-flood.h"
#include "sb-bench-frames.h"
#include "sb-bench-proc.h"
#include "sb-bench-util.h"
#include "sb-bench-window.h"
#include "sb-capture.h"
#include "sb-fd-limit.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-window.h"
#include "sb-workbench.h"

#define COUNT             10000
#define BACKLOG           4096
#define RECEIVE_SIZE      1024
#define IDLE_MS           5000
#define REPAINT_MS        5000
#define SETTLE_MS         1000
#define IDLE_SETTLE_MS    2000
#define FLOOD_RUNS        5
#define FLOOD_MIB         64
#define STEP_TIMEOUT_S    180
/* No accept for this long after the peer saw every connect() complete: the
 * kernel has dropped the rest (their handshakes finished on the peer's side
 * while the accept queue was full, and it gives up retransmitting the
 * SYN-ACK after about 31 s: tcp_synack_retries 5). */
#define QUIET_S           40

typedef enum
{
  PHASE_START,
  PHASE_IDLE_0,
  PHASE_FLOOD_0,
  PHASE_CONNECT,
  PHASE_IDLE_N,
  PHASE_FLOOD_N,
  PHASE_CLOSE,
  PHASE_FLOOD_CLOSED,
  PHASE_DONE,
} Phase;

static const char * const phase_names[] = {
  "start", "idle with none", "floods with none", "connecting", "idle with all open",
  "floods with all open", "closing", "floods with all closed", "done",
};

typedef struct
{
  double  cpu;
  double  wait;     /* of the main thread, for a processor */
  GArray *latencies_ms;
} Idle;

typedef struct
{
  GtkWindow       *window;
  SbWorkbench     *workbench;
  SbListener      *listener;
  SbBenchFrames   *frames;
  const char      *peers_path;
  guint            count;
  gboolean         burst_only;
  Phase            phase;
  guint            timeout_id;
  gboolean         failed;

  /* the peer process */
  GSubprocess     *peers;
  GDataInputStream *peers_out;
  GCancellable    *cancellable;
  gboolean         peers_ready;
  gboolean         peers_connected;
  gboolean         peers_closed;
  gint64           peers_connect_us;
  double           accept_floor_s;  /* the same peer into a bare accept loop */

  /* idle phases */
  double           cpu_start_s;
  double           wait_start_s;
  gint64           wall_start_us;
  Idle             idle_0;
  Idle             idle_n;

  /* floods */
  SbBenchFlood    *flood;
  int              flood_run;     /* -1: the warm-up, not counted */
  double           warmup;
  double           flood_0[FLOOD_RUNS];
  double           flood_n[FLOOD_RUNS];
  double           flood_closed[FLOOD_RUNS];
  guint            receive_size;

  /* the burst and the closing */
  gint64           phase_start_us;
  guint            accepted;
  guint            ended;
  gint64           accept_us;
  double           accept_cpu_s;  /* the process's processor time for the burst */
  gint64           last_accept_us;
  gboolean         accept_short;  /* not all accepted: the kernel dropped some */
  guint            quiet_id;
  gint64           close_us;
  GArray          *connect_ms;
  GArray          *connect_waits_ms;  /* of each sample, before its frame began */
  /* the floor: the window repainting every frame, with nothing to do */
  GArray          *repaint_ms;
  GArray          *repaint_waits_ms;
  guint            repaint_tick_id;
  SbBenchFrameTimes connect_frames;   /* the frames painted while connecting */
  guint            accept_queue_max;
  /* the main thread over the burst (up to the last accept): on a
   * processor, and runnable but waiting for one; the kernel's drops */
  double           burst_run_s;
  double           burst_wait_s;
  guint64          overflows;

  char            *load_start;
} ConnsRun;

static void next_phase (ConnsRun *run);
static void maybe_connect (ConnsRun *run);

static void
fail (ConnsRun   *run,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (ConnsRun   *run,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  printf ("# FAILED (%s): %s\n", phase_names[run->phase], message);
  fflush (stdout);
  if (run->failed)
    return;
  run->failed = TRUE;
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_handle_id (&run->quiet_id, g_source_remove);
  if (run->frames != NULL)
    sb_bench_frames_stop (run->frames);
  if (run->window != NULL)
    gtk_window_destroy (run->window);
}

static gboolean
step_timeout_cb (gpointer data)
{
  ConnsRun *run = data;

  run->timeout_id = 0;
  fail (run, "not done after %u s (accepted %u, ended %u)", STEP_TIMEOUT_S, run->accepted,
        run->ended);

  return G_SOURCE_REMOVE;
}

static void
arm_timeout (ConnsRun *run)
{
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  run->timeout_id = g_timeout_add_seconds (STEP_TIMEOUT_S, step_timeout_cb, run);
}

/* The peer process */

static void
tell_peers (ConnsRun   *run,
            const char *command)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (run->peers);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);

  if (!g_output_stream_write_all (in, line, strlen (line), NULL, NULL, &error)
      || !g_output_stream_flush (in, NULL, &error))
    fail (run, "telling the peer \"%s\": %s", command, error->message);
}

static void read_peers (ConnsRun *run);

static void
peers_line_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  ConnsRun *run = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL,
                                               &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      if (!run->peers_closed)
        fail (run, "the peer process ended: %s", error != NULL ? error->message : "no output");
      return;
    }

  if (g_str_equal (line, "ready"))
    {
      run->peers_ready = TRUE;
      maybe_connect (run);
    }
  else if (g_str_has_prefix (line, "connected "))
    {
      run->peers_connected = TRUE;
      run->peers_connect_us = g_ascii_strtoll (strrchr (line, ' ') + 1, NULL, 10);
    }
  else if (g_str_equal (line, "closed"))
    run->peers_closed = TRUE;
  else
    fail (run, "the peer says: %s", line);

  read_peers (run);
}

static void
read_peers (ConnsRun *run)
{
  g_data_input_stream_read_line_async (run->peers_out, G_PRIORITY_DEFAULT, run->cancellable,
                                       peers_line_cb, run);
}

static void
spawn_peers (ConnsRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", sb_listener_get_port (run->listener));
  g_autofree char *count = g_strdup_printf ("%u", run->count);

  run->peers = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error, run->peers_path, port, count, NULL);
  if (run->peers == NULL)
    {
      fail (run, "starting %s: %s", run->peers_path, error->message);
      return;
    }
  run->peers_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run->peers));
  read_peers (run);
}

static void
stop_peers (ConnsRun *run)
{
  g_cancellable_cancel (run->cancellable);
  if (run->peers == NULL)
    return;

  /* It dies with us anyway (PR_SET_PDEATHSIG), but do not leave it be. */
  g_subprocess_force_exit (run->peers);
  g_subprocess_wait (run->peers, NULL, NULL);
  g_clear_object (&run->peers_out);
  g_clear_object (&run->peers);
}

/* The connections */

static void
peer_stream_state_cb (SbStream   *stream,
                      GParamSpec *pspec,
                      ConnsRun   *run)
{
  if (sb_stream_get_state (stream) == SB_STREAM_CONNECTED)
    return;

  g_signal_handlers_disconnect_by_func (stream, peer_stream_state_cb, run);
  run->ended++;
  if (run->phase != PHASE_CLOSE)
    {
      fail (run, "a connection of the peer ended while it held them open");
      return;
    }
  if (run->ended == run->accepted)
    {
      run->close_us = g_get_monotonic_time () - run->phase_start_us;
      next_phase (run);
    }
}

static gboolean
settled_cb (gpointer data)
{
  ConnsRun *run = data;
  SbBenchFrameTimes times;

  sb_bench_frames_stop (run->frames);
  sb_bench_frames_get_times (run->frames, &times);
  run->connect_frames.frames = times.frames - run->connect_frames.frames;
  run->connect_frames.busy_us = times.busy_us - run->connect_frames.busy_us;
  run->connect_frames.render_us = times.render_us - run->connect_frames.render_us;
  if (!run->peers_connected)
    {
      fail (run, "the window accepted %u connections but the peer did not see them complete",
            run->accepted);
      return G_SOURCE_REMOVE;
    }
  next_phase (run);

  return G_SOURCE_REMOVE;
}

/* Every connection the window will ever see has been accepted: go on with
 * those, and say so in the figures. */
static gboolean
quiet_cb (gpointer data)
{
  ConnsRun *run = data;

  if (!run->peers_connected || run->accepted == 0
      || g_get_monotonic_time () - run->last_accept_us < QUIET_S * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;

  run->quiet_id = 0;
  run->accept_short = TRUE;
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  settled_cb (run);

  return G_SOURCE_REMOVE;
}

static void
accepted_cb (SbListener *listener,
             SbStream   *stream,
             ConnsRun   *run)
{
  if (run->phase != PHASE_CONNECT)
    return;

  g_signal_connect (stream, "notify::state", G_CALLBACK (peer_stream_state_cb), run);
  run->accept_queue_max = MAX (run->accept_queue_max, sb_listener_get_accept_queue (listener));
  run->last_accept_us = g_get_monotonic_time ();
  /* getrusage() costs microseconds: not at every accept of the burst it
   * measures (up to 63 accepts short when the kernel dropped some). */
  if (++run->accepted % 64 == 0 || run->accepted == run->count)
    run->accept_cpu_s = sb_bench_process_cpu_s () - run->cpu_start_s;
  if (run->accepted == run->count)
    {
      run->accept_us = g_get_monotonic_time () - run->phase_start_us;
      run->burst_run_s = sb_bench_main_thread_run_s () - run->burst_run_s;
      run->burst_wait_s = sb_bench_main_thread_wait_s () - run->burst_wait_s;
      run->overflows = sb_bench_listen_overflows () - run->overflows;
      g_clear_handle_id (&run->timeout_id, g_source_remove);
      g_clear_handle_id (&run->quiet_id, g_source_remove);
      /* The window catches up with the burst (rows, counters) meanwhile. */
      g_timeout_add (SETTLE_MS, settled_cb, run);
    }
}

/* Idle phases: processor time first, without the sampler (it draws), then
 * the frame latency. */

/* The floor of the latency while the window paints: the same samples
 * with no connection while a tick callback queues a redraw every frame.
 * GTK paints at most once per frame interval (GdkFrameClock keeps to the
 * display's refresh), so a sample queued just after a frame began waits
 * for the next one: up to an interval plus the frame, whatever the
 * application does.  The connect phase paints often (its rows, counters
 * and log), and its samples meet the same wait. */

static gboolean
repaint_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

/* An idle phase's samples are taken; with none, the floor's follow. */
static gboolean
idle_sampled_cb (gpointer data)
{
  ConnsRun *run = data;
  gboolean floor_next = run->phase == PHASE_IDLE_0 && run->repaint_tick_id == 0
                        && run->repaint_ms->len == 0;

  sb_bench_frames_stop (run->frames);
  if (run->repaint_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (run->window), run->repaint_tick_id);
      run->repaint_tick_id = 0;
    }
  if (!floor_next)
    {
      next_phase (run);
      return G_SOURCE_REMOVE;
    }

  run->repaint_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (run->window),
                                                       repaint_tick_cb, NULL, NULL);
  sb_bench_frames_start (run->frames, run->repaint_ms, run->repaint_waits_ms);
  g_timeout_add (REPAINT_MS, idle_sampled_cb, run);

  return G_SOURCE_REMOVE;
}

static gboolean
idle_cpu_cb (gpointer data)
{
  ConnsRun *run = data;
  Idle *idle = run->phase == PHASE_IDLE_0 ? &run->idle_0 : &run->idle_n;
  double wall_s = (g_get_monotonic_time () - run->wall_start_us) / 1e6;

  idle->cpu = (sb_bench_process_cpu_s () - run->cpu_start_s) / wall_s;
  idle->wait = (sb_bench_main_thread_wait_s () - run->wait_start_s) / wall_s;
  sb_bench_frames_start (run->frames, idle->latencies_ms, NULL);
  g_timeout_add (IDLE_MS, idle_sampled_cb, run);

  return G_SOURCE_REMOVE;
}

static gboolean
count_idle_cb (gpointer data)
{
  ConnsRun *run = data;

  run->cpu_start_s = sb_bench_process_cpu_s ();
  run->wait_start_s = sb_bench_main_thread_wait_s ();
  run->wall_start_us = g_get_monotonic_time ();
  g_timeout_add (IDLE_MS, idle_cpu_cb, run);

  return G_SOURCE_REMOVE;
}

/* The count starts IDLE_SETTLE_MS into the phase: what the window still
 * does after the burst (the overlay scrollbar fading out after the list
 * followed the newest, the last throttled updates) is not holding idle
 * connections. */
static void
start_idle (ConnsRun *run)
{
  g_timeout_add (IDLE_SETTLE_MS, count_idle_cb, run);
}

/* Floods */

static double *
flood_figures (ConnsRun *run)
{
  if (run->phase == PHASE_FLOOD_0)
    return run->flood_0;
  if (run->phase == PHASE_FLOOD_N)
    return run->flood_n;
  g_assert_cmpint (run->phase, ==, PHASE_FLOOD_CLOSED);
  return run->flood_closed;
}

static gboolean start_flood_cb (gpointer data);

static gboolean
flood_finished_cb (gpointer data)
{
  ConnsRun *run = data;

  g_clear_pointer (&run->flood, sb_bench_flood_free);
  if (++run->flood_run < FLOOD_RUNS)
    {
      /* Each flood into an empty log, as the first. */
      sb_capture_clear (sb_workbench_get_capture (run->workbench));
      g_timeout_add (500, start_flood_cb, run);
    }
  else
    next_phase (run);

  return G_SOURCE_REMOVE;
}

static void
flood_done_cb (SbBenchFlood *flood,
               gint64        elapsed_us,
               gpointer      data)
{
  ConnsRun *run = data;
  SbStream *stream = sb_bench_flood_get_stream (flood);

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (!sb_bench_flood_get_ok (flood))
    {
      fail (run, "the stream ended after %" G_GUINT64_FORMAT " of %u bytes",
            sb_stream_get_bytes_received (stream), FLOOD_MIB << 20);
      return;
    }
  run->receive_size = sb_stream_get_receive_size (stream);
  if (run->flood_run < 0)
    run->warmup = (double) ((guint64) FLOOD_MIB << 20) / elapsed_us;
  else
    flood_figures (run)[run->flood_run] = (double) ((guint64) FLOOD_MIB << 20) / elapsed_us;
  /* Let the last rows land in the log first. */
  g_timeout_add (200, flood_finished_cb, run);
}

static gboolean
start_flood_cb (gpointer data)
{
  ConnsRun *run = data;

  arm_timeout (run);
  run->flood = sb_bench_flood_start (run->listener, (guint64) FLOOD_MIB << 20, flood_done_cb,
                                     run);

  return G_SOURCE_REMOVE;
}

static void
start_floods (ConnsRun *run)
{
  /* The first floods of the process touch fresh memory: one more first,
   * not counted. */
  run->flood_run = run->phase == PHASE_FLOOD_0 ? -1 : 0;
  sb_capture_clear (sb_workbench_get_capture (run->workbench));
  g_timeout_add (500, start_flood_cb, run);
}

/* The burst starts once the floods with none are done and the peer is
 * ready, whichever comes last. */
static void
maybe_connect (ConnsRun *run)
{
  if (run->failed || run->phase != PHASE_CONNECT || !run->peers_ready
      || run->phase_start_us != 0)
    return;

  run->accepted = 0;
  sb_bench_frames_start (run->frames, run->connect_ms, run->connect_waits_ms);
  sb_bench_frames_get_times (run->frames, &run->connect_frames);
  run->phase_start_us = g_get_monotonic_time ();
  run->cpu_start_s = sb_bench_process_cpu_s ();
  run->burst_run_s = sb_bench_main_thread_run_s ();
  run->burst_wait_s = sb_bench_main_thread_wait_s ();
  run->overflows = sb_bench_listen_overflows ();
  run->quiet_id = g_timeout_add_seconds (1, quiet_cb, run);
  tell_peers (run, "go");
}

/* The current phase is done: the next one starts. */
static void
next_phase (ConnsRun *run)
{
  if (run->failed)
    return;

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  run->phase++;
  if (run->burst_only && run->phase != PHASE_CONNECT)
    run->phase = run->phase < PHASE_CONNECT ? PHASE_CONNECT : PHASE_DONE;

  switch (run->phase)
    {
    case PHASE_IDLE_0:
    case PHASE_IDLE_N:
      start_idle (run);
      break;

    case PHASE_FLOOD_0:
    case PHASE_FLOOD_N:
    case PHASE_FLOOD_CLOSED:
      start_floods (run);
      break;

    case PHASE_CONNECT:
      sb_capture_clear (sb_workbench_get_capture (run->workbench));
      arm_timeout (run);
      maybe_connect (run);
      break;

    case PHASE_CLOSE:
      arm_timeout (run);
      run->ended = 0;
      run->phase_start_us = g_get_monotonic_time ();
      tell_peers (run, "close");
      break;

    case PHASE_DONE:
      gtk_window_destroy (run->window);
      break;

    case PHASE_START:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
start_cb (gpointer data)
{
  ConnsRun *run = data;
  int backlog = 0;

  run->frames = sb_bench_frames_new (GTK_WIDGET (run->window));
  run->listener = sb_workbench_get_server (run->workbench);
  g_signal_connect (run->listener, "accepted", G_CALLBACK (accepted_cb), run);
  sb_window_listen_on (SB_WINDOW (run->window), "127.0.0.1", 0);
  if (sb_listener_get_state (run->listener) != SB_LISTENER_LISTENING)
    {
      fail (run, "the server pane is not listening: %s",
            sb_listener_get_error_message (run->listener));
      return G_SOURCE_REMOVE;
    }
  g_object_get (run->listener, "backlog", &backlog, NULL);
  if (backlog != BACKLOG)
    {
      fail (run, "the server pane listens with a backlog of %d, not %d", backlog, BACKLOG);
      return G_SOURCE_REMOVE;
    }

  run->load_start = sb_bench_load_average ();
  spawn_peers (run);
  next_phase (run);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             ConnsRun     *run)
{
  run->window = sb_bench_window_start (app, start_cb, run);
  run->workbench = sb_window_get_workbench (SB_WINDOW (run->window));
}

/* Figures */

static void
print_latency (const char *name,
               GArray     *latencies_ms)
{
  printf ("%s_p99_ms: %.1f\n", name, sb_bench_percentile_or_zero (latencies_ms, 0.99));
  printf ("%s_max_ms: %.1f\n", name, sb_bench_percentile_or_zero (latencies_ms, 1.0));
}

static void
print_floods (const char *what,
              double     *figures)
{
  printf ("# floods %s:", what);
  for (guint i = 0; i < FLOOD_RUNS; i++)
    printf (" %.1f", figures[i]);
  printf (" MB/s\n");
}

static void
print_figures (ConnsRun *run)
{
  g_autofree char *load_end = sb_bench_load_average ();
  g_autofree char *n = run->count == COUNT ? g_strdup ("10k") : g_strdup_printf ("%u", run->count);
  g_autofree char *name = NULL;
  g_autoptr(GArray) both_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double flood_0 = sb_bench_median (run->flood_0, FLOOD_RUNS);
  double flood_n = sb_bench_median (run->flood_n, FLOOD_RUNS);
  double flood_closed = sb_bench_median (run->flood_closed, FLOOD_RUNS);

  printf ("# load average (1, 5, 15 min) at the start %s, at the end %s; %u processors\n",
          run->load_start, load_end, g_get_num_processors ());
  printf ("# %u connections from another process to the server pane, backlog %d, "
          "accept queue seen at most %u; floods of %u MiB at recv %u, medians of %u\n",
          run->count, BACKLOG, run->accept_queue_max, FLOOD_MIB, run->receive_size, FLOOD_RUNS);
  printf ("# the peer saw its %u connect() calls complete in %.3f s\n", run->count,
          run->peers_connect_us / 1e6);
  if (!run->accept_short)
    printf ("# the burst (%.3f s to the last accept): the main thread on a processor %.3f s, "
            "runnable but waiting for one %.3f s (load); connection attempts dropped by a "
            "full accept queue meanwhile (ListenOverflows, every process) %" G_GUINT64_FORMAT
            "\n", run->accept_us / 1e6, run->burst_run_s, run->burst_wait_s, run->overflows);
  printf ("# idle: processor time counted over %d ms from %d ms into each idle phase\n",
          IDLE_MS, IDLE_SETTLE_MS);
  printf ("# idle: the main thread runnable but waiting for a processor %.3f of the time with "
          "none, %.3f with all open (load: the idle figures are lower bounds when it waits)\n",
          run->idle_0.wait, run->idle_n.wait);
  if (run->connect_frames.frames > 0)
    printf ("# connecting (to %d ms after the last accept): %u frames painted, %.1f ms each on "
            "average (%.1f ms of it after layout); of each latency sample, the wait before its "
            "frame began: median %.1f ms, p99 %.1f ms\n", SETTLE_MS, run->connect_frames.frames,
            run->connect_frames.busy_us / 1e3 / run->connect_frames.frames,
            run->connect_frames.render_us / 1e3 / run->connect_frames.frames,
            sb_bench_percentile_or_zero (run->connect_waits_ms, 0.5),
            sb_bench_percentile_or_zero (run->connect_waits_ms, 0.99));
  if (run->repaint_ms->len > 0)
    printf ("# the floor, the window with none repainting every frame for %d ms: of each "
            "latency sample, the wait before its frame began: median %.1f ms, p99 %.1f ms\n",
            REPAINT_MS, sb_bench_percentile_or_zero (run->repaint_waits_ms, 0.5),
            sb_bench_percentile_or_zero (run->repaint_waits_ms, 0.99));
  printf ("# latency samples: idle with none %u, repainting %u, connecting %u, idle with all "
          "open %u\n", run->idle_0.latencies_ms->len, run->repaint_ms->len, run->connect_ms->len,
          run->idle_n.latencies_ms->len);
  printf ("# the warm-up flood: %.1f MB/s\n", run->warmup);
  print_floods ("with none", run->flood_0);
  print_floods ("with all open", run->flood_n);
  print_floods ("with all closed", run->flood_closed);

  printf ("conns_%s_accepted: %u\n", n, run->accepted);
  if (run->accept_short)
    printf ("# FAILED: the window accepted %u of %u connections; no accept came for %u s "
            "after the peer saw all complete: the kernel dropped the rest (the accept queue "
            "overflowed while the window accepted too slowly).  No conns_%s_accept_s; the "
            "figures below are with the %u accepted\n",
            run->accepted, run->count, QUIET_S, n, run->accepted);
  else
    printf ("conns_%s_accept_s: %.3f\n", n, run->accept_us / 1e6);
  if (run->accept_floor_s > 0)
    {
      printf ("conns_%s_accept_floor_s: %.3f\n", n, run->accept_floor_s);
      if (!run->accept_short)
        printf ("conns_%s_accept_ratio_to_floor: %.3f\n", n,
                run->accept_us / 1e6 / run->accept_floor_s);
    }
  /* Load on a shared machine stretches the wall time, hardly this. */
  printf ("conns_%s_accept_cpu_s: %.3f\n", n, run->accept_cpu_s);
  if (run->burst_only)
    {
      name = g_strdup_printf ("conns_%s_ui_latency_connect", n);
      print_latency (name, run->connect_ms);
      return;
    }
  printf ("conns_0_idle_cpu: %.3f\n", run->idle_0.cpu);
  printf ("conns_%s_idle_cpu: %.3f\n", n, run->idle_n.cpu);

  g_clear_pointer (&name, g_free);
  print_latency ("conns_0_ui_latency_idle", run->idle_0.latencies_ms);
  print_latency ("conns_0_ui_latency_repaint_floor", run->repaint_ms);
  name = g_strdup_printf ("conns_%s_ui_latency_connect", n);
  print_latency (name, run->connect_ms);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("conns_%s_ui_latency_connect_p99_to_floor", n);
  printf ("%s: %.2f\n", name, sb_bench_percentile_or_zero (run->connect_ms, 0.99)
                               / MAX (sb_bench_percentile_or_zero (run->repaint_ms, 0.99), 0.001));
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("conns_%s_ui_latency_idle", n);
  print_latency (name, run->idle_n.latencies_ms);
  g_clear_pointer (&name, g_free);
  g_array_append_vals (both_ms, run->connect_ms->data, run->connect_ms->len);
  g_array_append_vals (both_ms, run->idle_n.latencies_ms->data, run->idle_n.latencies_ms->len);
  name = g_strdup_printf ("conns_%s_ui_latency", n);
  print_latency (name, both_ms);

  printf ("conns_1_flood_MBps: %.1f\n", flood_0);
  printf ("conns_%s_flood_MBps: %.1f\n", n, flood_n);
  printf ("conns_flood_ratio: %.3f\n", flood_n / flood_0);
  printf ("conns_%s_close_s: %.3f\n", n, run->close_us / 1e6);
  printf ("conns_%s_closed_flood_MBps: %.1f\n", n, flood_closed);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  const char *count_env = g_getenv ("SB_BENCH_CONNS_COUNT");
  char *app_argv[] = { argv[0], NULL };
  ConnsRun run = { 0 };
  guint64 limit;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s PATH-OF-BENCH-PEERS\n", argv[0]);
      return EXIT_FAILURE;
    }
  run.peers_path = argv[1];
  run.burst_only = g_strcmp0 (g_getenv ("SB_BENCH_CONNS_BURST_ONLY"), "1") == 0;
  run.count = count_env != NULL ? (guint) g_ascii_strtoull (count_env, NULL, 10) : COUNT;
  g_assert_cmpuint (run.count, >, 0);

  /* As main.c does; the window holds one end of each connection. */
  limit = sb_fd_limit_raise ();
  if (limit < run.count + 200)
    {
      printf ("# SKIP: %u connections need a descriptor limit above %u; it is %" G_GUINT64_FORMAT
              " (raise the hard limit, ulimit -Hn)\n", run.count, run.count + 200, limit);
      return 77;
    }

  /* The floor first, alone: the same peer into a bare accept() loop. */
  run.accept_floor_s = sb_bench_accept_floor (run.peers_path, run.count, BACKLOG);

  /* The keys the server pane reads (GSETTINGS_BACKEND=memory: this run
   * only). */
  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "backlog", BACKLOG);
  g_settings_set_uint (settings, "receive-size", RECEIVE_SIZE);

  run.cancellable = g_cancellable_new ();
  run.connect_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.connect_waits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.repaint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.repaint_waits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.idle_0.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run.idle_n.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));

  app = sb_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &run);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  stop_peers (&run);
  if (!run.failed && run.phase != PHASE_DONE)
    {
      printf ("# FAILED: the window closed in the phase \"%s\"\n", phase_names[run.phase]);
      run.failed = TRUE;
    }
  if (!run.failed)
    print_figures (&run);
  /* Figures for fewer connections than asked: shown, but not a pass. */
  run.failed |= run.accept_short;

  g_clear_pointer (&run.flood, sb_bench_flood_free);
  g_clear_pointer (&run.frames, sb_bench_frames_free);
  g_array_unref (run.connect_ms);
  g_array_unref (run.connect_waits_ms);
  g_array_unref (run.repaint_ms);
  g_array_unref (run.repaint_waits_ms);
  g_array_unref (run.idle_0.latencies_ms);
  g_array_unref (run.idle_n.latencies_ms);
  g_clear_object (&run.cancellable);
  g_free (run.load_start);

  return run.failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
