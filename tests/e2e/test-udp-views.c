/* test-udp-views.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The views over the log speak UDP, as widgets over a capture of real
 * SbDatagram sockets and a python3 peer: the log's rows read the sender
 * or destination tuple, the size, truncation, the empty datagram (never
 * an end of file) and the kernel's drops; the inspector shows a
 * datagram's facts and hides HTTP and Follow Stream with the reason; the
 * ladder's arrows are buttons named for what they join.  The panes' UDP
 * controls are not needed: the core is driven directly.
 *
 * SB_UDP_VIEWS_SCREENSHOT=FILE.png saves the window, to look at.
 */

#define G_LOG_DOMAIN "test-udp-views"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <adwaita.h>

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-event.h"
#include "sb-event-row.h"
#include "sb-inspector.h"
#include "sb-ladder-view.h"
#include "sb-test-util.h"
#include "sb-widget-test-util.h"

typedef struct
{
  SbCapture  *capture;
  SbDatagram *server;
  SbDatagram *client;
  SbTestPeer *peer;
  char       *peer_tuple;
  guint16     peer_port;
  guint       ping;       /* event indexes */
  guint       truncated;
  guint       empty;
  guint       reply;
  guint       drops;
  guint       tcp;
} Session;

static guint
last_index (SbCapture *capture)
{
  return sb_capture_get_n_recorded (capture) - 1;
}

static void
peer_sendto (Session    *s,
             const char *tag,
             const char *text)
{
  g_autofree char *command = g_strdup_printf ("%s sendto %u%s%s\n", tag,
                                              sb_datagram_get_port (s->server),
                                              *text != '\0' ? " " : "", text);
  g_autofree char *sent = g_strdup_printf ("%s sent", tag);
  guint64 before = sb_datagram_get_datagrams_received (s->server);

  sb_test_peer_write (s->peer, command);
  sb_test_peer_wait_line (s->peer, sent);
  sb_test_wait_until (sb_datagram_get_datagrams_received (s->server) == before + 1,
                      "the datagram");
}

/* A python3 peer sends to our server: "ping", 20 bytes into a receive
 * size of 8, an empty datagram; the server replies; a flood while
 * nothing is received fills the tiny buffer, and the refresh records the
 * drops; last, a TCP-like event on another socket. */
static void
session_open (Session *s)
{
  g_autoptr(GBytes) pong = g_bytes_new_static ("pong", 4);
  g_autoptr(GError) error = NULL;
  const char *local;
  SbEventInfo info = { 0, };

  s->capture = sb_capture_new ();
  s->server = sb_datagram_new (s->capture, SB_SIDE_SERVER);
  g_assert_true (sb_datagram_open (s->server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  s->peer = sb_test_peer_spawn ("udp-peer.py", "127.0.0.1", NULL);
  local = sb_test_peer_wait_line (s->peer, "local ");
  s->peer_tuple = g_strdup (local + strlen ("local "));
  s->peer_port = (guint16) g_ascii_strtoull (strchr (s->peer_tuple, ',') + 2, NULL, 10);

  peer_sendto (s, "a", "ping");
  s->ping = last_index (s->capture);
  sb_datagram_set_receive_size (s->server, 8);
  peer_sendto (s, "b", "abcdefghijklmnopqrst");
  s->truncated = last_index (s->capture);
  peer_sendto (s, "c", "");
  s->empty = last_index (s->capture);

  g_assert_true (sb_datagram_send_to (s->server, "127.0.0.1", s->peer_port, pong, &error));
  g_assert_no_error (error);
  s->reply = last_index (s->capture);

  sb_datagram_set_auto_receive (s->server, FALSE);
  g_assert_true (sb_datagram_set_receive_buffer (s->server, 2048, &error));
  g_assert_no_error (error);
  {
    g_autofree char *command = g_strdup_printf ("d flood %u 2000 64\n",
                                                sb_datagram_get_port (s->server));

    sb_test_peer_write (s->peer, command);
    sb_test_peer_wait_line (s->peer, "d sent");
  }
  sb_datagram_refresh (s->server);
  g_assert_cmpuint (sb_datagram_get_kernel_drops (s->server), >, 0);
  s->drops = last_index (s->capture);

  /* A TCP socket's recv(), to go back to from the UDP events. */
  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = sb_capture_new_socket_id (s->capture);
  info.result = 5;
  info.requested = 1024;
  s->tcp = sb_capture_append (s->capture, &info, (const guint8 *) "hello", 5);
  sb_capture_flush (s->capture);
}

static void
session_close (Session *s)
{
  sb_datagram_close (s->server);
  g_clear_object (&s->server);
  g_clear_pointer (&s->peer, sb_test_peer_free);
  g_clear_pointer (&s->peer_tuple, g_free);
  g_clear_object (&s->capture);
}

static char *
dup_row_text (SbCapture *capture,
              guint      index,
              gboolean  *drops_style,
              gboolean  *failure_style)
{
  g_autoptr(SbEvent) event = sb_event_new (capture, index);
  GtkWidget *row = g_object_ref_sink (sb_event_row_new ());
  char *text;

  sb_event_row_set_event (SB_EVENT_ROW (row), event);
  text = g_strdup (sb_event_row_get_text (SB_EVENT_ROW (row)));
  if (drops_style != NULL)
    *drops_style = gtk_widget_has_css_class (row, "drops");
  if (failure_style != NULL)
    *failure_style = gtk_widget_has_css_class (row, "failure");
  g_object_unref (row);
  g_test_message ("row %u: %s", index, text);

  return text;
}

#define assert_contains(haystack, needle)                                   \
  G_STMT_START {                                                            \
    if (strstr ((haystack), (needle)) == NULL)                              \
      g_error ("\"%s\" not in \"%s\"", (needle), (haystack));               \
  } G_STMT_END

static void
test_rows (void)
{
  Session s = { 0, };
  g_autofree char *ping = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *drops = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dropped = NULL;
  gboolean drops_style = FALSE, failure_style = TRUE;

  session_open (&s);

  ping = dup_row_text (s.capture, s.ping, NULL, NULL);
  expected = g_strdup_printf ("recvfrom 4 bytes ping · from %s", s.peer_tuple);
  assert_contains (ping, expected);

  truncated = dup_row_text (s.capture, s.truncated, NULL, NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("recvfrom 20 bytes abcdefgh (truncated: 8 of 20 bytes kept) "
                              "· from %s", s.peer_tuple);
  assert_contains (truncated, expected);

  /* The empty datagram says so, and nothing of an end of file. */
  empty = dup_row_text (s.capture, s.empty, NULL, NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("recvfrom 0 bytes empty datagram (not an end of file) · from %s",
                              s.peer_tuple);
  assert_contains (empty, expected);
  g_assert_null (strstr (empty, "eof"));
  g_assert_null (strstr (empty, "the peer closed"));

  reply = dup_row_text (s.capture, s.reply, NULL, NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("sendto 4 bytes pong · to %s", s.peer_tuple);
  assert_contains (reply, expected);

  /* The kernel's drops: a row of their own, marked, not a failure. */
  drops = dup_row_text (s.capture, s.drops, &drops_style, &failure_style);
  dropped = g_strdup_printf ("drops kernel dropped %" G_GUINT64_FORMAT " datagrams",
                             sb_datagram_get_kernel_drops (s.server));
  assert_contains (drops, dropped);
  g_assert_true (drops_style);
  g_assert_false (failure_style);

  session_close (&s);
}

/* A recvfrom() that carries the kernel's drop count (SO_RXQ_OVFL). */
static void
test_row_drops_before (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *text = NULL;
  SbEventInfo info = { 0, };
  guint index;

  info.kind = SB_EVENT_SOCKET;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 1;
  info.note = "AF_INET, SOCK_DGRAM";
  sb_capture_append (capture, &info, NULL, 0);
  info.kind = SB_EVENT_RECVFROM;
  info.result = 4;
  info.requested = 1024;
  info.detail = 37;
  info.note = "('127.0.0.1', 51515)";
  index = sb_capture_append (capture, &info, (const guint8 *) "ping", 4);

  text = dup_row_text (capture, index, NULL, NULL);
  assert_contains (text, "recvfrom 4 bytes ping · from ('127.0.0.1', 51515) · kernel dropped "
                         "37 datagrams before it");
}

/* The text of the visible label that starts with @prefix, or NULL. */
static const char *
find_label (GtkWidget  *root,
            const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sb_widget_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      if (g_str_has_prefix (text, prefix) && gtk_widget_get_visible (labels->pdata[i]))
        return text;
    }

  return NULL;
}

static GtkStack *
find_views_stack (GtkWidget *root)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  sb_widget_test_collect (root, GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (stacks->pdata[i], "stream") != NULL)
      return stacks->pdata[i];

  g_assert_not_reached ();
}

static void
set_event (SbInspector *inspector,
           SbCapture   *capture,
           guint        index)
{
  g_autoptr(SbEvent) event = sb_event_new (capture, index);

  sb_inspector_set_event (inspector, event);
  sb_widget_test_wait_frames (GTK_WIDGET (inspector), 2);
}

static void
save_screenshot (GtkWidget  *window,
                 const char *suffix)
{
  g_autofree char *path = g_strconcat (g_getenv ("SB_UDP_VIEWS_SCREENSHOT"), suffix, NULL);

  if (g_getenv ("SB_UDP_VIEWS_SCREENSHOT") == NULL)
    return;

  sb_widget_test_save_png (window, path);
}

static void
test_inspector_and_ladder (void)
{
  Session s = { 0, };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *hex = NULL;
  GtkWidget *window, *box, *log, *scrolled, *inspector;
  SbLadderView *ladder = NULL;
  GtkStack *views;
  const char *text;

  session_open (&s);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  log = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (log, TRUE);
  for (guint i = 0; i < 12 && i < sb_capture_get_n_recorded (s.capture); i++)
    {
      g_autoptr(SbEvent) event = sb_event_new (s.capture, i);
      GtkWidget *row = sb_event_row_new ();

      sb_event_row_set_event (SB_EVENT_ROW (row), event);
      gtk_box_append (GTK_BOX (log), row);
    }
  scrolled = sb_ladder_view_new_scrolled (&ladder);
  gtk_widget_set_vexpand (scrolled, TRUE);
  sb_ladder_view_set_capture (ladder, s.capture);
  gtk_box_append (GTK_BOX (log), scrolled);
  inspector = GTK_WIDGET (sb_inspector_new ());
  gtk_widget_set_size_request (inspector, 380, -1);
  gtk_box_append (GTK_BOX (box), log);
  gtk_box_append (GTK_BOX (box), inspector);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  sb_widget_test_wait_frames (window, 10);
  views = find_views_stack (inspector);

  /* Follow Stream of a TCP event, left for a datagram … */
  set_event (SB_INSPECTOR (inspector), s.capture, s.tcp);
  gtk_stack_set_visible_child_name (views, "stream");
  sb_widget_test_wait_frames (inspector, 2);

  set_event (SB_INSPECTOR (inspector), s.capture, s.truncated);
  expected = g_strdup_printf ("Sender: %s", s.peer_tuple);
  text = find_label (inspector, "Sender: ");
  g_assert_cmpstr (text, ==, expected);
  text = find_label (inspector, "Datagram: ");
  g_assert_cmpstr (text, ==, "Datagram: 20 bytes, the first 8 kept: truncated by recvfrom(8) "
                             "(MSG_TRUNC)");
  g_assert_null (find_label (inspector, "Drops: "));
  g_assert_nonnull (find_label (inspector, "No HTTP or Follow Stream"));
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (views, "http")));
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (views, "stream")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "text");

  /* The hex view holds the kept bytes, no more. */
  gtk_stack_set_visible_child_name (views, "hexdump");
  sb_widget_test_wait_frames (inspector, 2);
  {
    g_autoptr(GPtrArray) text_views = g_ptr_array_new ();

    sb_widget_test_collect (inspector, GTK_TYPE_TEXT_VIEW, text_views);
    for (guint i = 0; i < text_views->len; i++)
      if (g_strcmp0 (gtk_widget_get_name (text_views->pdata[i]), "hexdump") == 0)
        g_object_get (gtk_text_view_get_buffer (text_views->pdata[i]), "text", &hex, NULL);
  }
  assert_contains (hex, "00000000: 6162 6364 6566 6768 ");
  assert_contains (hex, " abcdefgh");
  g_assert_null (strstr (hex, "ij"));

  /* The empty datagram, the reply, the drops. */
  set_event (SB_INSPECTOR (inspector), s.capture, s.empty);
  g_assert_nonnull (find_label (inspector, "An empty datagram: 0 bytes, a datagram of its own, "
                                           "not an end of file"));
  set_event (SB_INSPECTOR (inspector), s.capture, s.reply);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Destination: %s", s.peer_tuple);
  g_assert_cmpstr (find_label (inspector, "Destination: "), ==, expected);
  g_assert_cmpstr (find_label (inspector, "Datagram: "), ==, "Datagram: 4 bytes");
  set_event (SB_INSPECTOR (inspector), s.capture, s.drops);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Drops: %" G_GUINT64_FORMAT " datagrams: the receive buffer "
                              "was full", sb_datagram_get_kernel_drops (s.server));
  g_assert_cmpstr (find_label (inspector, "Drops: "), ==, expected);

  /* … and back at a TCP event, Follow Stream again. */
  set_event (SB_INSPECTOR (inspector), s.capture, s.tcp);
  g_assert_true (gtk_widget_get_visible (gtk_stack_get_child_by_name (views, "http")));
  g_assert_true (gtk_widget_get_visible (gtk_stack_get_child_by_name (views, "stream")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "stream");
  g_assert_null (find_label (inspector, "No HTTP or Follow Stream"));
  g_assert_null (find_label (inspector, "Sender: "));

  /* The ladder's arrows in view are buttons named for what they join. */
  set_event (SB_INSPECTOR (inspector), s.capture, s.truncated);
  sb_widget_test_wait_frames (window, 10);
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (views, "http")));
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (views,
                                                 gtk_stack_get_child_by_name (views, "http"))));
  {
    g_autoptr(GPtrArray) tabs = g_ptr_array_new ();

    /* The switcher's buttons: none for HTTP or Follow Stream. */
    sb_widget_test_collect (inspector, GTK_TYPE_TOGGLE_BUTTON, tabs);
    for (guint i = 0; i < tabs->len; i++)
      if (gtk_widget_get_visible (tabs->pdata[i]))
        {
          g_autoptr(GPtrArray) tab_labels = g_ptr_array_new ();

          sb_widget_test_collect (tabs->pdata[i], GTK_TYPE_LABEL, tab_labels);
          for (guint j = 0; j < tab_labels->len; j++)
            {
              g_assert_cmpstr (gtk_label_get_text (tab_labels->pdata[j]), !=, "HTTP");
              g_assert_cmpstr (gtk_label_get_text (tab_labels->pdata[j]), !=, "Follow Stream");
            }
        }
  }
  sb_widget_test_collect (GTK_WIDGET (ladder), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    g_string_append_printf (names, "%s\n", gtk_widget_get_tooltip_text (buttons->pdata[i]));
  assert_contains (names->str, "peer → recvfrom 4 bytes\n");
  assert_contains (names->str, "peer → recvfrom 20 bytes (truncated to 8)\n");
  assert_contains (names->str, "peer → recvfrom 0 bytes (empty datagram)\n");
  assert_contains (names->str, "sendto 4 bytes → peer\n");

  save_screenshot (window, "");
  gtk_window_destroy (GTK_WINDOW (window));
  session_close (&s);
}

static void
add_event (SbCapture   *capture,
           SbEventKind  kind,
           SbSide       side,
           guint        socket_id,
           int          detail,
           gint64       result,
           gsize        requested,
           const char  *note,
           const char  *payload)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.detail = detail;
  info.result = result;
  info.requested = requested;
  info.note = note;
  sb_capture_append (capture, &info, (const guint8 *) payload,
                     payload != NULL ? strlen (payload) : 0);
}

/* Both ends ours: arrows between the lifelines, a lost datagram's arrow
 * named so. */
static void
test_ladder_both_ours (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  SbLadderView *ladder = NULL;
  GtkWidget *window, *scrolled;
  const char *server = "('127.0.0.1', 9999)";
  const char *client = "('127.0.0.1', 51515)";

  add_event (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, 1, 0, 3, 0, "AF_INET, SOCK_DGRAM", NULL);
  add_event (capture, SB_EVENT_BIND, SB_SIDE_SERVER, 1, 0, 0, 0, server, NULL);
  add_event (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, 2, 0, 4, 0, "AF_INET, SOCK_DGRAM", NULL);
  sb_capture_set_local_tuple (capture, 2, "('0.0.0.0', 51515)");
  add_event (capture, SB_EVENT_SENDTO, SB_SIDE_CLIENT, 2, 0, 4, 4, server, "ping");
  add_event (capture, SB_EVENT_RECVFROM, SB_SIDE_SERVER, 1, 0, 4, 1024, client, "ping");
  add_event (capture, SB_EVENT_SENDTO, SB_SIDE_CLIENT, 2, 0, 4, 4, server, "lost");
  add_event (capture, SB_EVENT_SENDTO, SB_SIDE_CLIENT, 2, 0, 4, 4, server, "next");
  add_event (capture, SB_EVENT_RECVFROM, SB_SIDE_SERVER, 1, 1, 4, 1024, client, "next");
  add_event (capture, SB_EVENT_SENDTO, SB_SIDE_SERVER, 1, 0, 4, 4, client, "pong");
  add_event (capture, SB_EVENT_RECVFROM, SB_SIDE_CLIENT, 2, 0, 4, 1024, server, "pong");
  sb_capture_flush (capture);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  scrolled = sb_ladder_view_new_scrolled (&ladder);
  sb_ladder_view_set_capture (ladder, capture);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  sb_widget_test_wait_frames (window, 10);

  sb_widget_test_collect (GTK_WIDGET (ladder), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    g_string_append_printf (names, "%s\n", gtk_widget_get_tooltip_text (buttons->pdata[i]));
  assert_contains (names->str, "sendto 4 bytes → recvfrom 4 bytes\n");
  assert_contains (names->str, "sendto 4 bytes → lost\n");
  g_assert_null (strstr (names->str, "peer"));
  g_assert_cmpuint (buttons->len, ==, 4);

  save_screenshot (window, "-ladder.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  sb_widget_test_load_style ();

  g_test_add_func ("/udp-views/rows", test_rows);
  g_test_add_func ("/udp-views/row-drops-before", test_row_drops_before);
  g_test_add_func ("/udp-views/inspector-and-ladder", test_inspector_and_ladder);
  g_test_add_func ("/udp-views/ladder-both-ours", test_ladder_both_ours);

  return g_test_run ();
}
