/* test-flood-memory.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the real window keeps per event beyond the capture, with its
 * default views (the List shown, following, nothing selected): a python3
 * peer sends N × 10 bytes into the server pane at a receive size of 10,
 * so that every recv() is an event.
 *
 * Counted, not timed: while the List shows, the ladder diagram builds no
 * row (it does not exist); shown, it builds every row, in more than one
 * batch of at most SB_LADDER_VIEW_BATCH events; hidden again, it keeps
 * its rows but takes in no new event until it shows again (past
 * keep-rows it drops them, and builds them again when shown).  The resident
 * memory the flood added beyond the capture's own (records and payload
 * chunks, as the capture accounts them) is printed per event.
 *
 * SB_FLOOD_EVENTS=N floods N events instead of 100,000 (a measurement);
 * SB_FLOOD_UNIT=TEXT (Python escapes allowed) repeats TEXT instead of
 * "0123456789", e.g. 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'.
 */

#define G_LOG_DOMAIN "test-flood-memory"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "sb-application.h"
#include "sb-capture.h"
#include "sb-ladder.h"
#include "sb-ladder-view.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-test-util.h"
#include "sb-widget-test-util.h"
#include "sb-window.h"
#include "sb-workbench.h"

#define DEFAULT_EVENTS 100000
#define RECEIVE_SIZE   10

static const char sender[] =
  "import socket, sys\n"
  "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
  "unit = sys.argv[3].encode().decode('unicode_escape').encode('latin-1')\n"
  "data = unit * (int(sys.argv[2]) * 10 // len(unit))\n"
  "s.sendall(data)\n"
  "s.close()\n"
  "print('sent', len(data), flush=True)\n";

typedef struct
{
  SbApplication *app;
  SbWindow      *window;
  SbLadderView  *ladder_view;
  guint          batches;     /* "changed" of the ladder */
  guint          max_batch;
  guint          last_rows;
  SbStream      *stream;      /* the flood's connection */
} Fixture;

static Fixture fixture;

static guint64
resident_bytes (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10) * 1024;
}

/* Bytes malloc() handed out and not taken back (the capture's payload
 * chunks are its own mappings, not in here; its event records are). */
static guint64
malloc_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* SB_FLOOD_SCREENSHOT=FILE.png saves the window, to look at. */
static void
screenshot (void)
{
  if (g_getenv ("SB_FLOOD_SCREENSHOT") == NULL)
    return;

  sb_widget_test_save_png (GTK_WIDGET (fixture.window), g_getenv ("SB_FLOOD_SCREENSHOT"));
}

static SbCapture *
capture (void)
{
  return sb_workbench_get_capture (sb_window_get_workbench (fixture.window));
}

static void
accepted_cb (SbListener *listener,
             SbStream   *stream,
             gpointer    data)
{
  g_set_object (&fixture.stream, stream);
}

/* N × 10 bytes into the server pane; returns the events it recorded. */
static guint
flood (guint n)
{
  SbListener *listener = sb_workbench_get_server (sb_window_get_workbench (fixture.window));
  g_autofree char *port = NULL;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autoptr(SbTestPeer) peer = NULL;
  guint before = sb_capture_get_n_recorded (capture ());
  guint64 sent;
  const char *unit = g_getenv ("SB_FLOOD_UNIT") != NULL ? g_getenv ("SB_FLOOD_UNIT")
                                                        : "0123456789";
  const char *argv[] = { "/usr/bin/python3", "-c", sender, NULL, count, unit, NULL };

  if (sb_listener_get_state (listener) != SB_LISTENER_LISTENING)
    {
      g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), NULL);
      sb_window_listen_on (fixture.window, "127.0.0.1", 0);
      g_assert_cmpint (sb_listener_get_state (listener), ==, SB_LISTENER_LISTENING);
      g_assert_cmpuint (sb_listener_get_receive_size (listener), ==, RECEIVE_SIZE);
    }
  port = g_strdup_printf ("%u", sb_listener_get_port (listener));
  argv[3] = port;

  peer = sb_test_peer_spawnv (argv);
  sent = g_ascii_strtoull (sb_test_peer_wait_line (peer, "sent ") + strlen ("sent "), NULL, 10);
  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  /* Every recv() took 10 bytes: N events, then the EOF. */
  sb_test_wait_until (fixture.stream != NULL
                      && sb_stream_get_state (fixture.stream) == SB_STREAM_PEER_CLOSED,
                      "the end of the flood");
  g_assert_cmpuint (sent, >, 0);
  g_assert_cmpuint (sb_stream_get_bytes_received (fixture.stream), ==, sent);
  sb_stream_close (fixture.stream);
  g_clear_object (&fixture.stream);
  sb_test_run_for_ms (300);

  return sb_capture_get_n_recorded (capture ()) - before;
}

static void
ladder_changed_cb (SbLadder *ladder,
                   gpointer  data)
{
  guint rows = sb_ladder_get_n_rows (ladder);

  fixture.batches++;
  if (rows > fixture.last_rows)
    fixture.max_batch = MAX (fixture.max_batch, rows - fixture.last_rows);
  fixture.last_rows = rows;
}

static void
test_list_then_ladder (void)
{
  const char *env = g_getenv ("SB_FLOOD_EVENTS");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_EVENTS;
  guint64 rss_before, rss_after, capture_before, capture_after, heap_before, heap_after;
  guint recorded, rows, selected;
  SbLadder *ladder;
  GtkWidget *progress, *progress_label;
  GtkAdjustment *vadjustment;
  double value, upper;
  GdkFrameClock *clock;
  gint64 frames;
  double per_event;

  g_assert_cmpstr (sb_window_get_log_view (fixture.window), ==, "list");

  rss_before = resident_bytes ();
  heap_before = malloc_in_use ();
  capture_before = sb_capture_get_resident_bytes (capture ())
                   + (guint64) sb_capture_get_n_recorded (capture ())
                     * sb_capture_get_overhead_per_event (capture ());
  recorded = flood (n);
  rss_after = resident_bytes ();
  heap_after = malloc_in_use ();
  capture_after = sb_capture_get_resident_bytes (capture ())
                  + (guint64) sb_capture_get_n_recorded (capture ())
                    * sb_capture_get_overhead_per_event (capture ());

  g_assert_cmpuint (recorded, >=, n);
  g_assert_cmpuint (sb_test_count_events (capture (), 0, SB_EVENT_RECV), >=, n);

  per_event = ((double) rss_after - rss_before - ((double) capture_after - capture_before))
              / recorded;
  g_test_message ("%u events: resident %+.1f MB, the capture's own %+.1f MB "
                  "(%zu B per event beyond the payload); beyond the capture %.1f B per event",
                  recorded, (rss_after - (double) rss_before) / 1e6,
                  (capture_after - (double) capture_before) / 1e6,
                  sb_capture_get_overhead_per_event (capture ()), per_event);
  printf ("# window_bytes_per_event_beyond_capture: %.1f\n", per_event);
  g_test_message ("malloc in use %+.1f MB: %.1f B per event, of which the capture's records "
                  "%zu", ((double) heap_after - heap_before) / 1e6,
                  ((double) heap_after - heap_before) / recorded,
                  sb_capture_get_overhead_per_event (capture ()));

  /* The List showed all along: the ladder built no row, and kept
   * nothing per event. */
  ladder = sb_ladder_view_get_ladder (fixture.ladder_view);
  g_assert_nonnull (ladder);
  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_row_bytes (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_n_waiting (ladder), ==, sb_capture_get_n_recorded (capture ()));

  /* Shown, it builds every row, a batch at a time, while the window goes on. */
  fixture.batches = 0;
  fixture.max_batch = 0;
  fixture.last_rows = 0;
  g_signal_connect (ladder, "changed", G_CALLBACK (ladder_changed_cb), NULL);
  sb_window_set_log_view (fixture.window, "ladder");
  progress = find_widget (gtk_widget_get_ancestor (GTK_WIDGET (fixture.ladder_view),
                                                   GTK_TYPE_OVERLAY), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (progress);
  /* Meanwhile a bar says how far it got. */
  sb_test_wait_until (fixture.batches >= 3, "three batches");
  g_assert_cmpuint (sb_ladder_get_n_waiting (ladder), >, 0);
  g_assert_true (gtk_widget_is_visible (progress));
  progress_label = gtk_widget_get_first_child (gtk_widget_get_parent (progress));
  g_assert_true (GTK_IS_LABEL (progress_label));
  g_test_message ("progress: %s", gtk_label_get_text (GTK_LABEL (progress_label)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (progress_label)),
                                   "Drawing the diagram: "));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)), >, 0.0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)), <, 1.0);
  screenshot ();
  sb_test_wait_until (sb_ladder_get_n_rows (ladder) == sb_capture_get_n_recorded (capture ()),
                      "the ladder's rows");
  sb_test_run_for_ms (100);
  g_assert_false (gtk_widget_is_visible (progress));
  /* Following, it shows the newest rows. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture.ladder_view));
  value = gtk_adjustment_get_value (vadjustment);
  upper = gtk_adjustment_get_upper (vadjustment);
  g_assert_cmpfloat (value + gtk_adjustment_get_page_size (vadjustment), >=, upper - 2);

  /* An event selected (in the List) before its row was built is shown once it is. */
  sb_window_set_log_view (fixture.window, "list");
  sb_test_run_for_ms (100);
  sb_capture_clear (capture ());
  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, 0);
  recorded = flood (n);
  /* Past the first batch. */
  selected = sb_capture_get_n_recorded (capture ()) / 2;
  g_assert_cmpuint (selected, >, SB_LADDER_VIEW_BATCH);
  sb_ladder_view_set_selected_index (fixture.ladder_view, selected);
  sb_window_set_log_view (fixture.window, "ladder");
  sb_test_wait_until (sb_ladder_get_n_rows (ladder) == sb_capture_get_n_recorded (capture ()),
                      "the ladder's rows again");
  sb_test_run_for_ms (100);
  g_test_message ("selected row %u: the view at %.0f of %.0f px", selected,
                  gtk_adjustment_get_value (vadjustment), gtk_adjustment_get_upper (vadjustment));
  value = gtk_adjustment_get_value (vadjustment);
  upper = gtk_adjustment_get_upper (vadjustment);
  g_assert_cmpfloat (value, >, upper * 0.45);
  g_assert_cmpfloat (value, <, upper * 0.55);
  sb_ladder_view_set_selected_index (fixture.ladder_view, GTK_INVALID_LIST_POSITION);
  g_test_message ("the ladder built %u rows (%u arrows) in %u batches of at most %u",
                  sb_ladder_get_n_rows (ladder), sb_ladder_get_n_arrows (ladder),
                  fixture.batches, fixture.max_batch);
  g_assert_cmpuint (fixture.batches, >=,
                    (sb_capture_get_n_recorded (capture ()) + SB_LADDER_VIEW_BATCH - 1)
                    / SB_LADDER_VIEW_BATCH);
  g_assert_cmpuint (fixture.batches, >, 1);
  g_assert_cmpuint (fixture.max_batch, <=, SB_LADDER_VIEW_BATCH);
  /* One arrow per recv from the outside peer, the handshake, the FIN. */
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), >=, n + 2);
  g_assert_cmpuint (sb_ladder_get_n_waiting (ladder), ==, 0);

  /* Hidden again, it keeps its rows and takes in nothing more … */
  sb_window_set_log_view (fixture.window, "list");
  sb_test_run_for_ms (100);
  rows = sb_ladder_get_n_rows (ladder);
  fixture.batches = 0;
  recorded = flood (n / 10);
  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, rows);
  g_assert_cmpuint (fixture.batches, ==, 0);

  /* … until it shows again, from where it stopped. */
  sb_window_set_log_view (fixture.window, "ladder");
  sb_test_wait_until (sb_ladder_get_n_rows (ladder) == sb_capture_get_n_recorded (capture ()),
                      "the ladder's new rows");
  g_assert_cmpuint (fixture.batches, <=, (recorded + SB_LADDER_VIEW_BATCH - 1)
                                         / SB_LADDER_VIEW_BATCH);

  /* A diagram bigger than the view keeps while hidden is dropped, its
   * memory with it, and built again when shown. */
  sb_ladder_view_set_keep_rows (fixture.ladder_view, sb_ladder_get_n_rows (ladder) - 1);
  sb_window_set_log_view (fixture.window, "list");
  sb_test_run_for_ms (100);
  g_assert_cmpuint (sb_ladder_get_n_rows (ladder), ==, 0);
  g_assert_cmpuint (sb_ladder_get_row_bytes (ladder), ==, 0);
  fixture.batches = 0;
  fixture.last_rows = 0;
  sb_window_set_log_view (fixture.window, "ladder");
  sb_test_wait_until (sb_ladder_get_n_rows (ladder) == sb_capture_get_n_recorded (capture ()),
                      "the ladder's rows built again");
  g_assert_cmpuint (fixture.batches, >=, sb_capture_get_n_recorded (capture ())
                                         / SB_LADDER_VIEW_BATCH);
  g_assert_cmpuint (sb_ladder_get_n_arrows (ladder), >=, n + 2);
  sb_ladder_view_set_keep_rows (fixture.ladder_view, SB_LADDER_VIEW_KEEP_ROWS);

  /* Shown and idle, it draws no frame after frame. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture.window));
  sb_test_run_for_ms (300);
  frames = gdk_frame_clock_get_frame_counter (clock);
  sb_test_run_for_ms (2000);
  frames = gdk_frame_clock_get_frame_counter (clock) - frames;
  g_test_message ("%" G_GINT64_FORMAT " frames in 2 s idle with the Ladder shown", frames);
  g_assert_cmpint (frames, <, 30);

  g_signal_handlers_disconnect_by_func (ladder, ladder_changed_cb, NULL);
  sb_window_set_log_view (fixture.window, "list");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;
  int status;

  g_test_init (&argc, &argv, NULL);

  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "receive-size", RECEIVE_SIZE);
  g_settings_set_string (settings, "log-view", "list");

  fixture.app = sb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (fixture.app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture.app));
  windows = gtk_application_get_windows (GTK_APPLICATION (fixture.app));
  g_assert_nonnull (windows);
  fixture.window = SB_WINDOW (windows->data);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1024, 768);
  fixture.ladder_view = SB_LADDER_VIEW (find_widget (GTK_WIDGET (fixture.window),
                                                     SB_TYPE_LADDER_VIEW));
  g_assert_nonnull (fixture.ladder_view);
  sb_test_run_for_ms (1000);

  g_test_add_func ("/flood-memory/list-then-ladder", test_list_then_ladder);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_clear_object (&fixture.app);

  return status;
}
