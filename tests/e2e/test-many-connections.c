/* test-many-connections.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server pane with thousands of connections and with a full accept
 * queue, as widgets in a window over the core's SbListener and a python3
 * peer (tests/core/peers/conn-burst.py) holding the other ends.
 *
 * /many-connections/list: 2,000 connections wait in the accept queue, then
 * come in when Auto-accept comes on; the Connections list
 * creates rows for what is on screen only, binds them only as they come
 * into view, and leaves no signal handler on the connections off screen;
 * the count reads 2000; scrolling to the top rebinds a few rows.  The list
 * catches up with the model at most every SB_LIST_SHOW_INTERVAL_MS, all
 * the batches accepted meanwhile in one update: the burst's 32 or more
 * batches reach it in at most two updates plus one per interval the burst
 * lasted.  Work is counted, never timed (the bound on the updates is from
 * the burst's own length).
 *
 * /many-connections/queue-full: backlog 5, Auto-accept off, nine clients:
 * the pane says the accept queue is full with the kernel's figures (6
 * waiting, backlog 5); one accept() clears the message; two more clients
 * fill the queue again and the pane's own poll shows it again; Backlog… /
 * Listen Again with a backlog of 64 clears it on the same port; with
 * Auto-accept on, the queue drains and the message goes.
 *
 * SB_MANY_CONNECTIONS_SCREENSHOT=PREFIX saves the window, to look at.
 */

#define G_LOG_DOMAIN "test-many-connections"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <adwaita.h>

#include "sb-connection-list.h"
#include "sb-connection-row.h"
#include "sb-fd-limit.h"
#include "sb-list-util.h"
#include "sb-listener.h"
#include "sb-server-pane.h"
#include "sb-stream.h"
#include "sb-test-util.h"
#include "sb-widget-test-util.h"
#include "sb-workbench.h"

#define N_CONNECTIONS 2000

typedef struct
{
  SbWorkbench  *workbench;
  SbListener   *listener;
  GtkWidget    *window;
  SbServerPane *pane;
} Fixture;

static gpointer
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  sb_widget_test_collect (root, type, found);
  g_assert_cmpuint (found->len, >=, 1);

  return found->pdata[0];
}

/* The label whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sb_widget_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix))
      return labels->pdata[i];

  return NULL;
}

static GtkLabel *
find_label_with_class (GtkWidget  *root,
                       const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sb_widget_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], css_class))
      return labels->pdata[i];

  g_assert_not_reached ();
}

/* Whether a label starting with @prefix is shown (it and its ancestors). */
static gboolean
label_shown (GtkWidget  *root,
             const char *prefix)
{
  GtkLabel *label = find_label (root, prefix);

  return label != NULL && gtk_widget_is_visible (GTK_WIDGET (label));
}

static void
save_screenshot (GtkWidget  *window,
                 const char *suffix)
{
  const char *prefix = g_getenv ("SB_MANY_CONNECTIONS_SCREENSHOT");
  g_autofree char *path = NULL;

  if (prefix == NULL)
    return;

  path = g_strconcat (prefix, suffix, NULL);
  sb_widget_test_save_png (window, path);
}

static void
fixture_open (Fixture *f,
              int      backlog,
              gboolean auto_accept)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  f->workbench = sb_workbench_new ();
  f->listener = sb_workbench_get_server (f->workbench);
  f->pane = sb_server_pane_new ();
  sb_server_pane_set_workbench (f->pane, f->workbench);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 520, 720);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->pane));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));

  sb_listener_set_auto_accept (f->listener, auto_accept);
  g_assert_true (sb_listener_listen (f->listener, "127.0.0.1", 0, backlog, &error));
  g_assert_no_error (error);
  sb_widget_test_wait_frames (f->window, 2);
}

static void
fixture_close (Fixture *f)
{
  sb_listener_stop (f->listener);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->workbench);
}

/* Counts the list's factory at work, after its own handlers. */
static void
count_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          guint                    *count)
{
  (*count)++;
}

static gint64 first_batch_us, last_batch_us;

static void
batch_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  last_batch_us = g_get_monotonic_time ();
  if ((*count)++ == 0)
    first_batch_us = last_batch_us;
}

static void
list_update_cb (GObject    *list,
                GParamSpec *pspec,
                guint      *count)
{
  (*count)++;
}

/* How many of @model's connections carry a signal handler of @list's. */
static guint
count_watched (GListModel *model,
               gpointer    list)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbStream) stream = g_list_model_get_item (model, i);

      if (g_signal_handler_find (stream, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, list) != 0)
        n++;
    }

  return n;
}

/* The rows of @list_view that show a connection. */
static guint
count_bound_rows (GtkWidget *list_view,
                  GPtrArray *rows)
{
  guint n = 0;

  g_ptr_array_set_size (rows, 0);
  sb_widget_test_collect (list_view, SB_TYPE_CONNECTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (sb_connection_row_get_stream (rows->pdata[i]) != NULL)
      n++;

  return n;
}

static void
test_list (void)
{
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *count = g_strdup_printf ("%u", N_CONNECTIONS);
  g_autofree char *expected = g_strdup_printf ("connected %u", N_CONNECTIONS);
  GtkListItemFactory *factory;
  SbConnectionList *list;
  GtkWidget *list_view;
  GListModel *model;
  SbStream *selected;
  guint setups = 0, binds = 0, batches = 0, updates = 0, bound, watched, binds_before;
  guint burst_ms;
  Fixture f = { 0, };

  /* Our ends of the connections, and the window's own descriptors. */
  if (sb_fd_limit_raise () < N_CONNECTIONS + 200)
    {
      g_test_skip ("the file descriptor limit is too low for 2,000 connections");
      return;
    }

  /* The burst waits in the accept queue first, then comes in at the
   * window's own pace when Auto-accept comes on. */
  fixture_open (&f, 4096, FALSE);
  model = sb_listener_get_connections (f.listener);
  list = find_one (GTK_WIDGET (f.pane), SB_TYPE_CONNECTION_LIST);
  list_view = find_one (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  factory = gtk_list_view_get_factory (GTK_LIST_VIEW (list_view));
  g_signal_connect (factory, "setup", G_CALLBACK (count_cb), &setups);
  g_signal_connect (factory, "bind", G_CALLBACK (count_cb), &binds);
  g_signal_connect (model, "items-changed", G_CALLBACK (batch_cb), &batches);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (list_update_cb), &updates);

  peer = sb_test_conn_burst_spawn (sb_listener_get_port (f.listener), N_CONNECTIONS);
  sb_test_peer_writef (peer, "wait %u 60\n", N_CONNECTIONS);
  g_assert_cmpstr (sb_test_peer_wait_line (peer, "connected"), ==, expected);
  sb_test_wait_until (sb_test_accept_queue_is (f.listener, N_CONNECTIONS), "2,000 queued");
  sb_listener_set_auto_accept (f.listener, TRUE);
  sb_test_wait_until (g_list_model_get_n_items (model) == N_CONNECTIONS, "2,000 accepted");
  /* The list catches up at most SB_LIST_SHOW_INTERVAL_MS later. */
  sb_test_wait_until (sb_connection_list_get_n_items (list) == N_CONNECTIONS, "2,000 listed");
  /* The list follows the newest at most every SB_LIST_FOLLOW_INTERVAL_MS:
   * past twice that, the last follow is done. */
  sb_widget_test_wait_frames (f.window, 5 + 2 * SB_LIST_FOLLOW_INTERVAL_MS / 20);
  save_screenshot (f.window, "-list.png");

  bound = count_bound_rows (list_view, rows);
  watched = count_watched (model, list);
  burst_ms = (guint) ((last_batch_us - first_batch_us) / 1000);
  g_test_message ("%u connections in %u batches over %u ms: %u list updates, %u rows made, "
                  "%u binds, %u rows bound, %u connections watched", N_CONNECTIONS, batches,
                  burst_ms, updates, setups, binds, bound, watched);

  /* The list's updates: one for the first batch, one per interval after. */
  g_assert_cmpuint (batches, >=, N_CONNECTIONS / 64);
  g_assert_cmpuint (updates, <=, 2 + burst_ms / SB_LIST_SHOW_INTERVAL_MS);

  /* Rows for what is on screen and around it, made once and recycled: GTK
   * 4.8's list view keeps up to 200 rows about its anchor (4.12 fewer),
   * a number of its own, not one per connection. */
  g_assert_cmpuint (bound, >=, 2);
  g_assert_cmpuint (setups, <=, 250);
  g_assert_cmpuint (rows->len, ==, setups);
  /* Each connection bound once as it came in (the list follows the
   * newest), none again: work per accept, not per accept and row. */
  g_assert_cmpuint (binds, <=, N_CONNECTIONS + setups);
  /* Errors are watched on the rows' connections and the selected one only. */
  g_assert_cmpuint (watched, <=, bound + 1);

  /* The count, and the selection: the first connection, still open. */
  g_assert_cmpstr (gtk_label_get_text (find_label_with_class (GTK_WIDGET (f.pane),
                                                              "count-badge")), ==, count);
  selected = sb_connection_list_get_selected_stream (list);
  {
    g_autoptr(SbStream) first = g_list_model_get_item (model, 0);

    g_assert_true (selected == first);
  }

  /* The rows read what their connection is: its peer tuple. */
  for (guint i = 0; i < rows->len; i++)
    {
      SbStream *stream = sb_connection_row_get_stream (rows->pdata[i]);

      if (stream != NULL)
        g_assert_true (g_str_has_prefix (sb_connection_row_get_label (rows->pdata[i]),
                                         sb_stream_get_peer_tuple (stream)));
    }

  /* To the top: a few rows rebound, the same rows, still few watched. */
  binds_before = binds;
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
  sb_widget_test_wait_frames (f.window, 5);
  g_assert_cmpuint (binds - binds_before, <=, setups);
  g_assert_cmpuint (binds - binds_before, >=, 1);
  bound = count_bound_rows (list_view, rows);
  watched = count_watched (model, list);
  g_test_message ("scrolled to the top: %u rows made in all, %u binds more, %u rows bound, "
                  "%u connections watched", setups, binds - binds_before, bound, watched);
  g_assert_cmpuint (setups, <=, 250);
  g_assert_cmpuint (rows->len, <=, setups);
  g_assert_cmpuint (watched, <=, bound + 1);
  {
    gboolean first_shown = FALSE;

    for (guint i = 0; i < rows->len; i++)
      if (sb_connection_row_get_stream (rows->pdata[i]) == selected)
        first_shown = TRUE;
    g_assert_true (first_shown);
  }

  /* The rows draw their texts: their size comes from the font, the same
   * for every connection, and the presentation layout's summary of one is
   * its first line only. */
  {
    SbConnectionRow *row = NULL;
    SbConnectionRow *summary;
    int height = 0, summary_height;

    for (guint i = 0; i < rows->len; i++)
      {
        int h;

        if (sb_connection_row_get_stream (rows->pdata[i]) == NULL)
          continue;
        gtk_widget_measure (rows->pdata[i], GTK_ORIENTATION_VERTICAL, -1, &h, NULL, NULL, NULL);
        g_assert_true (height == 0 || h == height);
        height = h;
        row = rows->pdata[i];
      }
    g_assert_nonnull (row);
    /* Nothing of it laid out from its texts: a row with none asks for the same. */
    {
      g_autoptr(SbConnectionRow) empty = g_object_ref_sink (sb_connection_row_new ());
      int empty_height, width, empty_width;

      gtk_widget_measure (GTK_WIDGET (empty), GTK_ORIENTATION_VERTICAL, -1, &empty_height,
                          NULL, NULL, NULL);
      gtk_widget_measure (rows->pdata[0], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width,
                          NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (empty), GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                          &empty_width, NULL, NULL);
      g_assert_cmpint (empty_height, ==, height);
      g_assert_cmpint (empty_width, ==, width);
    }
    g_assert_nonnull (strstr (sb_connection_row_get_label (row), " B in"));
    g_assert_nonnull (strstr (sb_connection_row_get_label (row), " B out"));

    summary = g_object_ref_sink (g_object_new (SB_TYPE_CONNECTION_ROW,
                                               "stream", sb_connection_row_get_stream (row),
                                               NULL));
    g_object_set (summary, "summary", TRUE, NULL);
    gtk_widget_measure (GTK_WIDGET (summary), GTK_ORIENTATION_VERTICAL, -1, &summary_height,
                        NULL, NULL, NULL);
    g_assert_cmpint (summary_height, >, 0);
    g_assert_cmpint (summary_height, <, height);
    g_assert_true (g_str_has_prefix (sb_connection_row_get_label (summary),
                                     sb_stream_get_peer_tuple (sb_connection_row_get_stream (row))));
    g_assert_null (strstr (sb_connection_row_get_label (summary), " B in"));
    g_object_unref (summary);
  }

  sb_test_peer_write (peer, "close\n");
  sb_test_peer_wait_line (peer, "closed");
  fixture_close (&f);
}

/* A client socket whose connect() to 127.0.0.1:@port is under way. */
static int
connect_nonblocking (guint16 port)
{
  struct sockaddr_in address = { 0, };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_port = g_htons (port);
  address.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_assert_cmpint (errno, ==, EINPROGRESS);

  return fd;
}

static void
test_queue_full (void)
{
  g_autoptr(SbTestPeer) peer = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *root;
  GtkLabel *message;
  GtkMenuButton *backlog_button;
  guint16 port_before;
  guint length = 0, limit = 0;
  int extra[2];
  Fixture f = { 0, };

  fixture_open (&f, 5, FALSE);
  root = GTK_WIDGET (f.pane);
  g_assert_false (label_shown (root, "Accept queue full"));

  port_before = sb_listener_get_port (f.listener);
  peer = sb_test_conn_burst_spawn (port_before, 9);
  /* Six handshakes complete into the queue of listen(5); the kernel
   * drops the other SYNs. */
  sb_test_peer_write (peer, "wait 6 10\n");
  /* At least that many: a SYN answered while the queue still had room
   * completes on the client's side even when its last ACK then finds the
   * queue full (and is dropped). */
  g_assert_cmpuint (g_ascii_strtoull (sb_test_peer_wait_line (peer, "connected")
                                      + strlen ("connected "), NULL, 10), >=, 6);

  /* Nothing accepts: only the pane's own poll can see it. */
  sb_test_wait_until (label_shown (root, "Accept queue full"), "the full queue shown");
  g_assert_true (sb_listener_read_accept_queue (f.listener, &length, &limit));
  g_assert_cmpuint (length, ==, 6);
  g_assert_cmpuint (limit, ==, 5);
  g_assert_true (sb_listener_get_accept_queue_full (f.listener));
  message = find_label (root, "Accept queue full");
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "Accept queue full: 6 connections waiting, backlog 5. "
                   "The kernel is dropping new connection attempts.");
  backlog_button = find_one (gtk_widget_get_parent (GTK_WIDGET (message)), GTK_TYPE_MENU_BUTTON);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (backlog_button)));
  sb_test_wait_until (label_shown (root, "Accept queue: 6 (backlog 5), full"),
                      "the kernel view's figures");
  sb_widget_test_wait_frames (f.window, 3);
  save_screenshot (f.window, "-queue-full.png");

  /* accept() makes room: the message goes at once. */
  gtk_widget_activate_action (root, "pane.accept", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (sb_listener_get_connections (f.listener)), ==, 1);
  g_assert_false (label_shown (root, "Accept queue full"));

  /* Two more clients (the first ones' retried SYNs may come late, or
   * never where their handshake completed on their side only): full
   * again, seen by the pane's own poll. */
  extra[0] = connect_nonblocking (port_before);
  extra[1] = connect_nonblocking (port_before);
  sb_test_wait_until (label_shown (root, "Accept queue full"), "the queue full again");

  /* Backlog… : a backlog of 64, Listen Again, on the same port. */
  gtk_menu_button_popup (backlog_button);
  sb_widget_test_wait_frames (f.window, 2);
  save_screenshot (f.window, "-backlog.png");
  sb_widget_test_collect (GTK_WIDGET (backlog_button), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 1);
  gtk_spin_button_set_value (spins->pdata[0], 64);
  gtk_widget_activate_action (root, "pane.listen-again", NULL);
  g_assert_cmpint (sb_listener_get_state (f.listener), ==, SB_LISTENER_LISTENING);
  g_assert_cmpuint (sb_listener_get_port (f.listener), ==, port_before);
  g_assert_cmpuint (sb_listener_get_accept_queue_limit (f.listener), ==, 64);
  g_assert_false (label_shown (root, "Accept queue full"));
  g_assert_nonnull (find_label (root, "Accept queue: 0 (backlog 64)"));
  {
    /* The Backlog field shows it too: one value. */
    GtkAdjustment *backlog = gtk_spin_button_get_adjustment (spins->pdata[0]);
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    guint sharing = 0;

    sb_widget_test_collect (root, GTK_TYPE_SPIN_BUTTON, all);
    for (guint i = 0; i < all->len; i++)
      if (gtk_spin_button_get_adjustment (all->pdata[i]) == backlog)
        {
          g_assert_cmpstr (gtk_editable_get_text (all->pdata[i]), ==, "64");
          sharing++;
        }
    g_assert_cmpuint (sharing, ==, 2);
  }

  /* Auto-accept: the queue drains; the message, held a moment against
   * blinking during bursts, goes. */
  sb_listener_set_auto_accept (f.listener, TRUE);
  sb_test_wait_until (!label_shown (root, "Accept queue full"), "the message to go");
  g_assert_cmpuint (sb_listener_get_accept_queue (f.listener), ==, 0);

  fixture_close (&f);
  close (extra[0]);
  close (extra[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  sb_widget_test_load_style ();

  g_test_add_func ("/many-connections/list", test_list);
  g_test_add_func ("/many-connections/queue-full", test_queue_full);

  return g_test_run ();
}
