/* test-inspector-wrap.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspector's payload views, as widgets in a narrow window: the Text
 * view breaks its lines after each \n and keeps the \r\n marks; where a
 * line is too long it wraps inside words (which is where Pango would draw a
 * hyphen), and every character of every view carries a tag that turns
 * hyphens off; the views are monospace.  What the accessibility tree reads
 * (test-presentation.py) is the buffer's text, which never holds the
 * hyphen Pango draws: hence this check at the widget level.
 */

#define G_LOG_DOMAIN "test-inspector-wrap"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-inspector.h"
#include "sb-stream-view.h"
#include "sb-widget-test-util.h"

static const char request[] =
  "GET /index.html HTTP/1.1\r\n"
  "Host: localhost\r\n"
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0\r\n"
  "Server: SimpleHTTP/0.6 Python/3.11\r\n"
  "Content-type: text/html; charset=utf-8\r\n"
  "Connection: keep-alive\r\n"
  "\r\n";

/* Shows the page of the innermost stack that holds @widget. */
static void
show_page_of (GtkWidget *widget)
{
  GtkWidget *page = widget;

  while (gtk_widget_get_parent (page) != NULL && !GTK_IS_STACK (gtk_widget_get_parent (page)))
    page = gtk_widget_get_parent (page);
  g_assert_true (GTK_IS_STACK (gtk_widget_get_parent (page)));
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (page)), page);
}

/* No line of @view reaches past its visible width: nothing is cut off at
 * the right (the hex dump's ASCII column). */
static void
assert_whole_lines_in_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      GtkTextIter end = iter;

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_iter_backward_char (&end);
      gtk_text_view_get_iter_location (view, &end, &location);
      g_test_message ("line %d ends at %d px of %d visible",
                      gtk_text_iter_get_line (&iter), location.x + location.width, visible.width);
      g_assert_cmpint (location.x + location.width, <=, visible.x + visible.width);
    }
  while (gtk_text_iter_forward_line (&iter));
}

/* Runs the main loop until @view is laid out on screen (slow under load). */
static void
wait_allocated (GtkTextView *view)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GdkRectangle visible = { 0, };

  do
    {
      sb_widget_test_wait_frames (GTK_WIDGET (view), 2);
      gtk_text_view_get_visible_rect (view, &visible);
    }
  while ((visible.width <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (view))) &&
         g_get_monotonic_time () < end);
  sb_widget_test_wait_frames (GTK_WIDGET (view), 2);
}

/* Every character of @view's buffer is under a tag that sets
 * insert-hyphens to FALSE. */
static void
assert_no_hyphens (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 0);
  for (gtk_text_buffer_get_start_iter (buffer, &iter);
       !gtk_text_iter_is_end (&iter);
       gtk_text_iter_forward_char (&iter))
    {
      g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);
      gboolean off = FALSE;

      for (GSList *l = tags; l != NULL; l = l->next)
        {
          gboolean set = FALSE;
          gboolean hyphens = TRUE;

          g_object_get (l->data, "insert-hyphens-set", &set, "insert-hyphens", &hyphens, NULL);
          off = off || (set && !hyphens);
        }
      if (!off)
        g_error ("hyphens are not turned off at offset %d of %s",
                 gtk_text_iter_get_offset (&iter),
                 gtk_widget_get_name (GTK_WIDGET (view)));
    }
}

static void
test_text_view (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  SbEventInfo info = { 0, };
  GtkWidget *window, *inspector;
  GtkTextView *shown = NULL;
  GtkTextIter iter;
  GtkTextBuffer *buffer;
  guint display_lines = 1;

  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 1;
  info.result = strlen (request);
  info.requested = 1024;
  sb_capture_append (capture, &info, (const guint8 *) request, strlen (request));
  event = sb_event_new (capture, 0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
  inspector = GTK_WIDGET (sb_inspector_new ());
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  sb_inspector_set_event (SB_INSPECTOR (inspector), event);
  gtk_window_present (GTK_WINDOW (window));
  sb_widget_test_wait_frames (inspector, 10);

  sb_widget_test_collect (inspector, GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, >=, 4);
  for (guint i = 0; i < views->len; i++)
    {
      g_assert_true (gtk_text_view_get_monospace (views->pdata[i]));
      if (gtk_widget_get_mapped (views->pdata[i]))
        shown = views->pdata[i];
    }
  g_assert_nonnull (shown);

  /* The Text view: a line per \r\n, the marks shown. */
  lines = g_strsplit (request, "\r\n", -1);
  for (guint i = 0; lines[i + 1] != NULL; i++)
    g_string_append_printf (expected, "%s%s\\r\\n", i > 0 ? "\n" : "", lines[i]);
  buffer = gtk_text_view_get_buffer (shown);
  g_object_get (buffer, "text", &text, NULL);
  g_assert_cmpstr (text, ==, expected->str);

  /* It is narrow enough to wrap inside words: where a hyphen would show. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_view_forward_display_line (shown, &iter))
    display_lines++;
  g_test_message ("%d lines of text, %u on screen, %d px wide",
                  gtk_text_buffer_get_line_count (buffer), display_lines,
                  gtk_widget_get_width (GTK_WIDGET (shown)));
  g_assert_cmpuint (display_lines, >, (guint) gtk_text_buffer_get_line_count (buffer));

  assert_no_hyphens (shown);

  /* The other views, once shown, too. */
  for (guint i = 0; i < views->len; i++)
    {
      show_page_of (views->pdata[i]);
      wait_allocated (views->pdata[i]);
      assert_no_hyphens (views->pdata[i]);
      if (g_strcmp0 (gtk_widget_get_name (views->pdata[i]), "hexdump") == 0)
        assert_whole_lines_in_view (views->pdata[i]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Follow Stream: both directions of the connection, in order, each line
 * marked with its direction; other sockets' bytes left out. */
static void
test_follow_stream (void)
{
  static const char response[] = "HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n<h1>Hello World</h1>";
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *text = NULL;
  SbEventInfo info = { 0, };
  GtkWidget *window, *inspector;
  GtkTextView *stream = NULL;

  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 2;
  info.result = strlen (request);
  sb_capture_append (capture, &info, (const guint8 *) request, strlen (request));
  info.socket_id = 3;
  info.result = 5;
  sb_capture_append (capture, &info, (const guint8 *) "other", 5);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 600);
  inspector = GTK_WIDGET (sb_inspector_new ());
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  event = sb_event_new (capture, 0);
  sb_inspector_set_event (SB_INSPECTOR (inspector), event);
  gtk_window_present (GTK_WINDOW (window));
  sb_widget_test_wait_frames (inspector, 5);

  sb_widget_test_collect (inspector, GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (views->pdata[i]), "stream") == 0)
      stream = views->pdata[i];
  g_assert_nonnull (stream);
  show_page_of (GTK_WIDGET (stream));
  sb_widget_test_wait_frames (inspector, 5);

  /* The reply arrives while the view shows: it is appended. */
  info.kind = SB_EVENT_SEND;
  info.socket_id = 2;
  info.result = strlen (response);
  sb_capture_append (capture, &info, (const guint8 *) response, strlen (response));
  sb_capture_flush (capture);
  sb_widget_test_wait_frames (inspector, 15);

  g_object_get (gtk_text_view_get_buffer (stream), "text", &text, NULL);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "< GET /index.html HTTP/1.1\\r\\n\n< Host: localhost\\r\\n\n"));
  g_assert_nonnull (strstr (text, "< \\r\\n\n> HTTP/1.0 200 OK\\r\\n\n> Content-type: text/html\\r\\n\n"));
  g_assert_true (g_str_has_suffix (text, "> <h1>Hello World</h1>"));
  g_assert_null (strstr (text, "other"));
  assert_no_hyphens (stream);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A huge stream: the view holds the first SB_STREAM_VIEW_SHOWN_MAX bytes
 * and says how many more there are; it gets there in bounded steps. */
static void
test_follow_stream_cap (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  SbEventInfo info = { 0, };
  GtkWidget *window, *inspector;
  GtkTextView *stream = NULL;
  const guint n_chunks = 48;
  gint64 started;

  while (chunk->len < 64 * 1024)
    g_string_append (chunk, "0123456789abcdef0123456789abcdef0123456789abcdef012345678901234\n");
  g_string_truncate (chunk, 64 * 1024);
  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 2;
  info.result = chunk->len;
  for (guint i = 0; i < n_chunks; i++)
    sb_capture_append (capture, &info, (const guint8 *) chunk->str, chunk->len);
  sb_capture_flush (capture);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 600);
  inspector = GTK_WIDGET (sb_inspector_new ());
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  event = sb_event_new (capture, 0);
  sb_inspector_set_event (SB_INSPECTOR (inspector), event);
  gtk_window_present (GTK_WINDOW (window));
  sb_widget_test_wait_frames (inspector, 2);

  sb_widget_test_collect (inspector, GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (views->pdata[i]), "stream") == 0)
      stream = views->pdata[i];
  g_assert_nonnull (stream);
  started = g_get_monotonic_time ();
  show_page_of (GTK_WIDGET (stream));

  expected = g_strdup_printf ("… %u more bytes not shown",
                              (guint) (n_chunks * chunk->len - SB_STREAM_VIEW_SHOWN_MAX));
  for (;;)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (stream);
      GtkTextIter start, end;

      sb_widget_test_wait_frames (inspector, 5);
      gtk_text_buffer_get_end_iter (buffer, &end);
      start = end;
      gtk_text_iter_backward_line (&start);
      g_free (text);
      text = gtk_text_iter_get_text (&start, &end);
      if (strstr (text, "more bytes not shown") != NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
    }
  g_test_message ("%s, after %.1f s; %d lines held", text,
                  (g_get_monotonic_time () - started) / 1e6,
                  gtk_text_buffer_get_line_count (gtk_text_view_get_buffer (stream)));
  g_assert_nonnull (strstr (text, expected));
  /* A line per \n of the first 2 MiB, and the line that says so. */
  g_assert_cmpint (gtk_text_buffer_get_line_count (gtk_text_view_get_buffer (stream)), <=,
                   SB_STREAM_VIEW_SHOWN_MAX / 64 + 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  sb_widget_test_load_style ();

  g_test_add_func ("/inspector/text-view-wrap", test_text_view);
  g_test_add_func ("/inspector/follow-stream", test_follow_stream);
  g_test_add_func ("/inspector/follow-stream-cap", test_follow_stream_cap);

  return g_test_run ();
}
