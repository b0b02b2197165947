/* bench-search.c — searching and filtering a million events
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A capture of 1,000,000 recv() events of 10 bytes each over 100
 * connections (both sides), `Hello` now and then, sometimes split over two
 * recv() calls.  search_1m_ms: SbSearch over all of it, in the steps the
 * window takes; filter_1m_ms: SbSearchFilter (one connection) over every
 * event.  Their baseline, in the same run: scan_1m_ms, reading every
 * event's record and payload and nothing else.  Then the window's model:
 * GtkFilterListModel with the log's filter, incremental as in the window,
 * run from the main loop: filter_model_1m_ms to the end and the longest
 * main-loop iteration it took (filter_model_max_step_ms), and the same for
 * a search in the window's steps (search_max_step_ms).  Medians of RUNS.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-event.h"
#include "sb-search.h"

#define N_EVENTS     1000000
#define N_CONNS      100
#define RUNS         3
#define STEP_EVENTS  4096

static SbCapture *
new_capture (guint *expected,
             guint *across)
{
  SbCapture *capture = sb_capture_new ();
  SbEventInfo info = { 0 };
  guint8 payload[10];

  *expected = 0;
  *across = 0;
  info.kind = SB_EVENT_RECV;
  info.result = sizeof payload;
  info.requested = 1024;
  for (guint i = 0; i < N_EVENTS; i++)
    {
      guint conn = i % N_CONNS;

      info.socket_id = 1 + conn;
      info.side = conn % 2 ? SB_SIDE_SERVER : SB_SIDE_CLIENT;
      for (guint j = 0; j < sizeof payload; j++)
        payload[j] = 'a' + (i * 7 + j * 3) % 26;
      /* Every 1000th event of a connection ends in "Hel"; its next one
       * starts with "lo" (a match across two calls); every 500th holds a
       * whole "Hello". */
      if ((i / N_CONNS) % 1000 == 1)
        memcpy (payload, "lo", 2), (*expected)++, (*across)++;
      if ((i / N_CONNS) % 1000 == 0)
        memcpy (payload + 7, "Hel", 3);
      if ((i / N_CONNS) % 500 == 250)
        memcpy (payload + 2, "Hello", 5), (*expected)++;
      sb_capture_append (capture, &info, payload, sizeof payload);
    }
  sb_capture_flush (capture);

  return capture;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
scan_ms (SbCapture *capture)
{
  gint64 start = g_get_monotonic_time ();
  guint8 buffer[64];
  guint64 sum = 0;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info))
        sum += sb_capture_copy_payload (capture, i, 0, buffer, sizeof buffer);
    }
  g_assert_cmpuint (sum, ==, (guint64) N_EVENTS * 10);

  return ms_since (start);
}

static double
search_ms (SbCapture *capture,
           GBytes    *pattern,
           guint      expected,
           double    *max_step_ms)
{
  /* Either case, as the search bar searches text by default. */
  g_autoptr(SbSearch) search = sb_search_new (capture, pattern, NULL, FALSE);
  gint64 start = g_get_monotonic_time ();
  gboolean done = FALSE;
  double total;

  *max_step_ms = 0;
  while (!done)
    {
      gint64 step = g_get_monotonic_time ();

      done = sb_search_step (search, STEP_EVENTS);
      *max_step_ms = MAX (*max_step_ms, ms_since (step));
    }
  total = ms_since (start);
  if (sb_search_get_n_matches (search) != expected)
    g_error ("found %u matches, not %u", sb_search_get_n_matches (search), expected);

  return total;
}

static double
filter_ms (SbCapture            *capture,
           const SbSearchFilter *filter)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (capture, i, &info)
          && sb_search_filter_matches (filter, capture, &info))
        n++;
    }
  g_assert_cmpuint (n, ==, N_EVENTS / N_CONNS);

  return ms_since (start);
}

/* As the log's filter does (sb-log-search.c). */
static gboolean
filter_row (gpointer item,
            gpointer data)
{
  const SbSearchFilter *filter = data;
  SbEvent *event = item;
  SbEventInfo info;

  return sb_capture_get_info (sb_event_get_capture (event), sb_event_get_index (event), &info)
         && sb_search_filter_matches (filter, sb_event_get_capture (event), &info);
}

static double
filter_model_ms (SbCapture            *capture,
                 const SbSearchFilter *filter,
                 double               *max_step_ms)
{
  g_autoptr(GtkFilterListModel) model = NULL;
  GtkCustomFilter *custom = gtk_custom_filter_new (filter_row, (gpointer) filter, NULL);
  gint64 start;
  double total;

  model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (capture)), NULL);
  gtk_filter_list_model_set_incremental (model, TRUE);
  start = g_get_monotonic_time ();
  gtk_filter_list_model_set_filter (model, GTK_FILTER (custom));
  *max_step_ms = ms_since (start);
  while (gtk_filter_list_model_get_pending (model) > 0)
    {
      gint64 step = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      *max_step_ms = MAX (*max_step_ms, ms_since (step));
    }
  total = ms_since (start);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_EVENTS / N_CONNS);
  g_object_unref (custom);

  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbCapture) capture = NULL;
  g_autoptr(GBytes) pattern = g_bytes_new_static ("Hello", 5);
  SbSearchFilter filter = { .socket_id = 42 };
  double scan[RUNS], search[RUNS], filt[RUNS], model[RUNS];
  double search_step = 0, model_step = 0;
  guint expected, across;
  gint64 start;

  gtk_init ();

  start = g_get_monotonic_time ();
  capture = new_capture (&expected, &across);
  printf ("# %u events of 10 bytes over %u connections recorded in %.0f ms; "
          "%u matches of Hello expected (%u across two recv() calls)\n",
          N_EVENTS, N_CONNS, ms_since (start), expected, across);

  for (guint run = 0; run < RUNS; run++)
    {
      double step;

      scan[run] = scan_ms (capture);
      search[run] = search_ms (capture, pattern, expected, &step);
      search_step = MAX (search_step, step);
      filt[run] = filter_ms (capture, &filter);
      model[run] = filter_model_ms (capture, &filter, &step);
      model_step = MAX (model_step, step);
      printf ("# run %u: scan %.0f ms, search %.0f ms, filter %.0f ms, filter model %.0f ms\n",
              run, scan[run], search[run], filt[run], model[run]);
    }

  printf ("scan_1m_ms: %.0f\n", sb_bench_median (scan, RUNS));
  printf ("search_1m_ms: %.0f\n", sb_bench_median (search, RUNS));
  printf ("search_max_step_ms: %.1f\n", search_step);
  printf ("filter_1m_ms: %.0f\n", sb_bench_median (filt, RUNS));
  printf ("filter_model_1m_ms: %.0f\n", sb_bench_median (model, RUNS));
  printf ("filter_model_max_step_ms: %.1f\n", model_step);
  printf ("search_vs_scan: %.2f\n", sb_bench_median (search, RUNS) / sb_bench_median (scan, RUNS));
  printf ("filter_vs_scan: %.2f\n", sb_bench_median (filt, RUNS) / sb_bench_median (scan, RUNS));

  return 0;
}
