/* bench-transcript.c — does the transcript stay smooth at a million events?
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transcript view (Log view > Python) in a 1024x768 window over a
 * capture of 1,000,000 synthetic events (exercise 1.2 over and over, a
 * long payload now and then), and the time each frame takes, from the
 * frame clock's before-paint to its after-paint, while it scrolls (a few
 * rows a frame, as a wheel or a dragged scroll bar does) and while it
 * jumps (to a random place, selecting a statement there, each frame).
 * The event log, scrolled and jumped the same way over the same capture,
 * is the baseline; they take turns, RUNS runs each, and the figures are
 * medians over the runs.  Before that, what
 * rendering one statement costs at random places in the capture, which
 * must not grow with the capture's size.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-event-log.h"
#include "sb-renderer.h"
#include "sb-resources.h"
#include "sb-transcript.h"
#include "sb-transcript-view.h"

#define N_EVENTS       1000000
#define RUNS           3
#define SCROLL_FRAMES  240
#define JUMP_FRAMES    120
#define SCROLL_STEP_PX 45.0

typedef enum
{
  PHASE_SETTLE,
  PHASE_SCROLL,
  PHASE_JUMP,
  PHASE_DONE,
} Phase;

typedef struct
{
  gboolean          baseline;   /* the event log instead of the transcript */
  GtkWindow        *window;
  GtkWidget        *view;
  GtkAdjustment    *vadjustment;
  GtkListView      *list_view;
  GMainLoop        *loop;

  Phase             phase;
  guint             frames;
  gint64            frame_start_us;
  GArray           *scroll_ms;
  GArray           *jump_ms;
} Run;

static void
append (SbCapture   *capture,
        SbEventKind  kind,
        SbSide       side,
        guint        socket_id,
        gsize        requested,
        const char  *note,
        const char  *payload,
        gsize        len)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.result = payload != NULL ? (gint64) len : 0;
  info.requested = requested;
  info.note = note;
  sb_capture_append (capture, &info, (const guint8 *) payload, len);
}

/* Exercise 1.2 again and again: a client connects, says Hello World, the
 * server answers with a long page now and then, both close. */
static SbCapture *
make_capture (void)
{
  SbCapture *capture = sb_capture_new ();
  /* A page with every kind of byte a literal must escape. */
  static const char page[] =
    "HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n<h1>Hello World</h1>\n"
    "<p>\xff\x00 quotes ' \" \\ and more text that goes on for a while</p>\n";
  guint socket_id = 1;

  sb_capture_set_memory_budget (capture, 0);
  append (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, socket_id, 0, "AF_INET, SOCK_STREAM",
          NULL, 0);
  append (capture, SB_EVENT_BIND, SB_SIDE_SERVER, socket_id, 0, "('127.0.0.1', 15000)", NULL, 0);
  append (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, socket_id, 5, NULL, NULL, 0);

  while (sb_capture_get_n_recorded (capture) < N_EVENTS)
    {
      guint client = ++socket_id;
      guint conn = ++socket_id;
      guint n = sb_capture_get_n_recorded (capture);

      append (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, client, 0, "AF_INET, SOCK_STREAM",
              NULL, 0);
      append (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, client, 0, "('127.0.0.1', 15000)",
              NULL, 0);
      append (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, conn, 0, "('127.0.0.1', 62793)", NULL, 0);
      append (capture, SB_EVENT_SEND, SB_SIDE_CLIENT, client, 11, NULL, "Hello World", 11);
      append (capture, SB_EVENT_RECV, SB_SIDE_SERVER, conn, 1024, NULL, "Hello World", 11);
      if (n % 7 == 0)
        {
          append (capture, SB_EVENT_SEND, SB_SIDE_SERVER, conn, sizeof page - 1, NULL,
                  page, sizeof page - 1);
          append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, client, 1024, NULL,
                  page, sizeof page - 1);
        }
      append (capture, SB_EVENT_SEND, SB_SIDE_SERVER, conn, 14, NULL, "Hello Yourself", 14);
      append (capture, SB_EVENT_RECV, SB_SIDE_CLIENT, client, 1024, NULL, "Hello Yourself", 14);
      append (capture, SB_EVENT_CLOSE, SB_SIDE_SERVER, conn, 0, NULL, NULL, 0);
      append (capture, SB_EVENT_EOF, SB_SIDE_CLIENT, client, 1024, NULL, NULL, 0);
      append (capture, SB_EVENT_CLOSE, SB_SIDE_CLIENT, client, 0, NULL, NULL, 0);
    }

  sb_capture_flush (capture);

  return capture;
}

/* Microseconds one folded statement takes at random places. */
static double
statement_us (SbCapture *capture,
              guint      limit)
{
  const guint samples = 20000;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < samples; i++)
    {
      g_autofree char *line = sb_transcript_dup_statement (capture, g_random_int_range (0, limit),
                                                           SB_TRANSCRIPT_FOLD_CHARS);

      g_assert_nonnull (line);
    }

  return (g_get_monotonic_time () - start) / (double) samples;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Run           *run)
{
  run->frame_start_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  double ms = (g_get_monotonic_time () - run->frame_start_us) / 1000.0;

  if (run->phase == PHASE_SCROLL && run->frames > 0)
    g_array_append_val (run->scroll_ms, ms);
  else if (run->phase == PHASE_JUMP && run->frames > 0)
    g_array_append_val (run->jump_ms, ms);
}

/* Runs in the frame's update phase, before its layout and paint: what
 * it changes is in the frame that after_paint_cb() times. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Run *run = data;
  double upper = gtk_adjustment_get_upper (run->vadjustment);
  double page = gtk_adjustment_get_page_size (run->vadjustment);
  double value = gtk_adjustment_get_value (run->vadjustment);

  run->frames++;
  switch (run->phase)
    {
    case PHASE_SETTLE:
      if (run->frames < 30)
        return G_SOURCE_CONTINUE;
      run->phase = PHASE_SCROLL;
      run->frames = 0;
      gtk_adjustment_set_value (run->vadjustment, g_random_double () * (upper - page) * 0.9);
      return G_SOURCE_CONTINUE;

    case PHASE_SCROLL:
      /* Down a few rows a frame; every 60 frames from somewhere else. */
      if (run->frames % 60 == 0)
        gtk_adjustment_set_value (run->vadjustment, g_random_double () * (upper - page) * 0.9);
      else
        gtk_adjustment_set_value (run->vadjustment, value + SCROLL_STEP_PX);
      if (run->frames >= SCROLL_FRAMES)
        {
          run->phase = PHASE_JUMP;
          run->frames = 0;
        }
      return G_SOURCE_CONTINUE;

    case PHASE_JUMP:
      {
        double where = g_random_double ();
        GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (run->list_view));
        guint n = g_list_model_get_n_items (model);

        gtk_adjustment_set_value (run->vadjustment, where * (upper - page));
        if (run->baseline)
          sb_event_log_select_index (SB_EVENT_LOG (run->view), (guint) (where * (n - 1)));
        else
          sb_transcript_view_select_index (SB_TRANSCRIPT_VIEW (run->view),
                                           (guint) (where * (n - 2)));
        if (run->frames >= JUMP_FRAMES)
          {
            run->phase = PHASE_DONE;
            g_main_loop_quit (run->loop);
            return G_SOURCE_REMOVE;
          }
        return G_SOURCE_CONTINUE;
      }

    case PHASE_DONE:
    default:
      return G_SOURCE_REMOVE;
    }
}

static void
run_once (SbCapture *capture,
          Run       *run)
{
  GdkFrameClock *clock;
  GtkWidget *scroller;

  run->phase = PHASE_SETTLE;
  run->frames = 0;
  run->loop = g_main_loop_new (NULL, FALSE);
  run->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (run->window, 1024, 768);
  if (run->baseline)
    {
      run->view = GTK_WIDGET (sb_event_log_new ());
      sb_event_log_set_capture (SB_EVENT_LOG (run->view), capture);
    }
  else
    {
      run->view = GTK_WIDGET (sb_transcript_view_new ());
      sb_transcript_view_set_capture (SB_TRANSCRIPT_VIEW (run->view), capture);
    }
  gtk_window_set_child (run->window, run->view);
  gtk_window_present (run->window);

  scroller = find_descendant (GTK_WIDGET (run->view), GTK_TYPE_SCROLLED_WINDOW);
  run->list_view = GTK_LIST_VIEW (find_descendant (GTK_WIDGET (run->view), GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (scroller);
  g_assert_nonnull (run->list_view);
  run->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run->window));
  g_assert_nonnull (clock);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), run);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), run);
  gtk_widget_add_tick_callback (GTK_WIDGET (run->view), tick_cb, run, NULL);

  g_main_loop_run (run->loop);

  g_signal_handlers_disconnect_by_data (clock, run);
  gtk_window_destroy (run->window);
  g_clear_pointer (&run->loop, g_main_loop_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  double scroll_p50[RUNS], scroll_p99[RUNS], jump_p50[RUNS], jump_p99[RUNS];
  double both_p99[RUNS], log_p50[RUNS], log_p99[RUNS];
  double small_us, large_us;
  gint64 start;

  gtk_init ();
  adw_init ();
  /* Pulls the resources (templates, style) out of the static library. */
  g_resources_register (sb_get_resource ());
  /* As the application does: cairo where OpenGL is software (Xvfb). */
  sb_renderer_choose (gdk_display_get_default ());
  gtk_css_provider_load_from_resource (css, "/org/sockbench/Sockbench/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  start = g_get_monotonic_time ();
  capture = make_capture ();
  printf ("# %u events recorded in %.1f s\n", sb_capture_get_n_recorded (capture),
          (g_get_monotonic_time () - start) / 1e6);

  small_us = statement_us (capture, 1000);
  large_us = statement_us (capture, sb_capture_get_n_recorded (capture));
  printf ("# one folded statement: %.2f µs among the first 1000 events, "
          "%.2f µs anywhere in the million\n", small_us, large_us);

  /* The transcript and the event log (the baseline) take turns. */
  for (guint i = 0; i < 2 * RUNS; i++)
    {
      Run run = { 0 };
      guint r = i / 2;
      GArray *both;

      run.baseline = i % 2 == 1;
      run.scroll_ms = g_array_new (FALSE, FALSE, sizeof (double));
      run.jump_ms = g_array_new (FALSE, FALSE, sizeof (double));
      run_once (capture, &run);

      both = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (both, run.scroll_ms->data, run.scroll_ms->len);
      g_array_append_vals (both, run.jump_ms->data, run.jump_ms->len);
      if (run.baseline)
        {
          log_p50[r] = sb_bench_percentile (run.scroll_ms, 0.5);
          log_p99[r] = sb_bench_percentile (both, 0.99);
        }
      else
        {
          scroll_p50[r] = sb_bench_percentile (run.scroll_ms, 0.5);
          scroll_p99[r] = sb_bench_percentile (run.scroll_ms, 0.99);
          jump_p50[r] = sb_bench_percentile (run.jump_ms, 0.5);
          jump_p99[r] = sb_bench_percentile (run.jump_ms, 0.99);
          both_p99[r] = sb_bench_percentile (both, 0.99);
        }
      printf ("# run %u, %s: %u scrolling frames p50 %.1f ms p99 %.1f ms max %.1f ms; "
              "%u jumping frames p50 %.1f ms p99 %.1f ms max %.1f ms\n", r + 1,
              run.baseline ? "event log" : "transcript",
              run.scroll_ms->len, sb_bench_percentile (run.scroll_ms, 0.5),
              sb_bench_percentile (run.scroll_ms, 0.99), sb_bench_percentile (run.scroll_ms, 1.0),
              run.jump_ms->len, sb_bench_percentile (run.jump_ms, 0.5),
              sb_bench_percentile (run.jump_ms, 0.99),
              sb_bench_percentile (run.jump_ms, 1.0));
      g_array_unref (both);
      g_array_unref (run.scroll_ms);
      g_array_unref (run.jump_ms);
    }

  printf ("transcript_statement_us: %.2f\n", large_us);
  printf ("transcript_scroll_p50_ms: %.1f\n", sb_bench_median (scroll_p50, RUNS));
  printf ("transcript_scroll_p99_ms: %.1f\n", sb_bench_median (both_p99, RUNS));
  printf ("transcript_scroll_only_p99_ms: %.1f\n", sb_bench_median (scroll_p99, RUNS));
  printf ("transcript_jump_p50_ms: %.1f\n", sb_bench_median (jump_p50, RUNS));
  printf ("transcript_jump_p99_ms: %.1f\n", sb_bench_median (jump_p99, RUNS));
  printf ("log_scroll_p50_ms: %.1f\n", sb_bench_median (log_p50, RUNS));
  printf ("log_scroll_p99_ms: %.1f\n", sb_bench_median (log_p99, RUNS));
  printf ("transcript_p99_ratio_to_log: %.2f\n",
          sb_bench_median (both_p99, RUNS) / sb_bench_median (log_p99, RUNS));

  return EXIT_SUCCESS;
}
