/* sb-server-pane-http.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-server-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-endpoint.h"
#include "sb-http-compose.h"
#include "sb-listener.h"
#include "sb-pane-util.h"
#include "sb-server-pane-private.h"

/* The server pane as a web server: Open in Browser, the automatic reply's
 * problem, Edit Replies. */

typedef struct
{
  SbServerPane *self;
  char         *uri;
} ShowUri;

static void
show_uri_free (ShowUri *show)
{
  g_object_unref (show->self);
  g_free (show->uri);
  g_free (show);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowUri, show_uri_free)

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ShowUri) show = user_data;
  g_autoptr(GError) error = NULL;

  /* No browser, or it would not start: say so, the user can act on it. */
  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      /* Translators: the URI, then why it could not be opened */
      g_autofree char *message = g_strdup_printf (_("Could not open %s in a browser: %s"),
                                                  show->uri, error->message);

      sb_widget_toast (GTK_WIDGET (show->self), message);
    }
}

/* http://HOST:PORT/ of the listening socket, in the desktop's browser. */
void
_sb_server_pane_open_in_browser_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  g_autofree char *host = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  ShowUri *show;
  guint16 port;

  if (!GTK_IS_WINDOW (root) || self->listener == NULL
      || sb_listener_get_state (self->listener) != SB_LISTENER_LISTENING
      || !sb_endpoint_parse_tuple (sb_listener_get_local_tuple (self->listener),
                                   &host, &port, NULL, NULL))
    return;

  show = g_new0 (ShowUri, 1);
  show->self = g_object_ref (self);
  show->uri = sb_http_server_uri (host, port);
  g_debug ("opening %s", show->uri);
  gtk_show_uri_full (GTK_WINDOW (root), show->uri, GDK_CURRENT_TIME, NULL, show_uri_cb, show);
}

/* Why the last automatic reply was not the one asked for (a file that
 * vanished), under the Auto-respond row. */
void
_sb_server_pane_reply_problem_cb (SbServerPane *self)
{
  const char *problem = NULL;

  if (self->responder != NULL)
    problem = sb_http_responder_get_problem (self->responder);

  gtk_label_set_text (self->reply_problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reply_problem), problem != NULL);
}

/* Opened again, the editor shows the template it showed when closed. */
static gboolean
reply_editor_close_cb (SbServerPane  *self,
                       SbReplyEditor *editor)
{
  self->reply_template = sb_reply_editor_get_template (editor);

  return FALSE;  /* and it closes */
}

void
_sb_server_pane_edit_replies_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Closed, the editor is destroyed (its edits are in the replies
   * already): a hidden window kept among the toplevels is one GTK 4.8's
   * accessibility root can hand out without an object path. */
  if (self->reply_editor == NULL)
    {
      self->reply_editor = sb_reply_editor_new (self->replies, self->settings);
      g_object_add_weak_pointer (G_OBJECT (self->reply_editor), (gpointer *) &self->reply_editor);
      sb_reply_editor_show_template (self->reply_editor, self->reply_template);
      g_signal_connect_object (self->reply_editor, "close-request",
                               G_CALLBACK (reply_editor_close_cb), self, G_CONNECT_SWAPPED);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->reply_editor), GTK_WINDOW (root));
    }

  gtk_window_present (GTK_WINDOW (self->reply_editor));
}
