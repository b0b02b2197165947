/* sb-http-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-http-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-event.h"
#include "sb-http-message-view.h"
#include "sb-http-view.h"
#include "sb-pane-util.h"
#include "sb-throttle.h"

#define UPDATE_INTERVAL_MS 100

struct _SbHttpView
{
  GtkWidget          parent_instance;

  /* children */
  GtkWidget         *scroller;
  GtkLabel          *empty_label;
  SbHttpMessageView *request_view;
  SbHttpMessageView *response_view;

  /* owned */
  SbHttpFollower    *follower;
  SbEvent           *event;
  SbThrottle         throttle;
};

G_DEFINE_FINAL_TYPE (SbHttpView, sb_http_view, GTK_TYPE_WIDGET)

/* The message the event carries bytes of, else the connection's latest. */
static SbHttpMessage *
pick_message (SbHttpView *self)
{
  SbHttpMessage *message;
  GListModel *messages;
  guint n;

  message = sb_http_follower_find_for_event (self->follower, sb_event_get_index (self->event));
  if (message != NULL)
    return g_object_ref (message);

  messages = sb_http_follower_get_messages (self->follower, sb_event_get_socket_id (self->event));
  n = messages != NULL ? g_list_model_get_n_items (messages) : 0;
  return n > 0 ? g_list_model_get_item (messages, n - 1) : NULL;
}

static void
refresh (gpointer data)
{
  SbHttpView *self = SB_HTTP_VIEW (data);
  g_autoptr(SbHttpMessage) message = NULL;
  SbHttpMessage *partner = NULL;
  SbHttpMessage *request = NULL, *response = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (self->follower != NULL && self->event != NULL && sb_event_get_socket_id (self->event) != 0)
    message = pick_message (self);
  if (message != NULL)
    partner = sb_http_follower_get_partner (self->follower, message);

  if (message != NULL && sb_http_message_get_kind (message) == SB_HTTP_REQUEST)
    {
      request = message;
      response = partner;
    }
  else
    {
      request = partner;
      response = message;
    }

  sb_http_message_view_set (self->request_view, request);
  sb_http_message_view_set (self->response_view, response);

  if (self->event == NULL || sb_event_get_socket_id (self->event) == 0)
    gtk_label_set_text (self->empty_label, _("This event belongs to no connection"));
  else if (message == NULL)
    gtk_label_set_text (self->empty_label, _("No HTTP seen on this connection yet"));
  else if (response == NULL)
    gtk_label_set_text (self->empty_label, _("No response yet"));
  else if (request == NULL)
    gtk_label_set_text (self->empty_label, _("No request seen for this response"));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), request == NULL || response == NULL);
}

static void
message_cb (SbHttpView     *self,
            SbHttpMessage  *message,
            SbHttpFollower *follower)
{
  if (self->event != NULL &&
      sb_http_message_get_socket_id (message) == sb_event_get_socket_id (self->event))
    sb_throttle_queue (&self->throttle);
}

void
sb_http_view_set_follower (SbHttpView     *self,
                           SbHttpFollower *follower)
{
  g_return_if_fail (SB_IS_HTTP_VIEW (self));
  g_return_if_fail (follower == NULL || SB_IS_HTTP_FOLLOWER (follower));

  if (self->follower == follower)
    return;

  if (self->follower != NULL)
    g_signal_handlers_disconnect_by_data (self->follower, self);
  g_set_object (&self->follower, follower);
  if (follower != NULL)
    {
      g_signal_connect_object (follower, "message-added", G_CALLBACK (message_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (follower, "message-changed", G_CALLBACK (message_cb), self,
                               G_CONNECT_SWAPPED);
    }
  sb_throttle_run (&self->throttle);
}

void
sb_http_view_set_event (SbHttpView *self,
                        SbEvent    *event)
{
  g_return_if_fail (SB_IS_HTTP_VIEW (self));
  g_return_if_fail (event == NULL || SB_IS_EVENT (event));

  if (g_set_object (&self->event, event))
    sb_throttle_run (&self->throttle);
}

static void
sb_http_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_http_view_parent_class)->map (widget);
  /* Nothing is shown while hidden: catch up now. */
  sb_throttle_run (&SB_HTTP_VIEW (widget)->throttle);
}

SbHttpView *
sb_http_view_new (void)
{
  return g_object_new (SB_TYPE_HTTP_VIEW, NULL);
}

static void
sb_http_view_dispose (GObject *object)
{
  SbHttpView *self = SB_HTTP_VIEW (object);

  sb_throttle_clear (&self->throttle);
  if (self->follower != NULL)
    g_signal_handlers_disconnect_by_data (self->follower, self);
  g_clear_object (&self->follower);
  g_clear_object (&self->event);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_http_view_parent_class)->dispose (object);
}

static void
sb_http_view_class_init (SbHttpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_http_view_dispose;
  widget_class->map = sb_http_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbhttpview");
}

static void
sb_http_view_init (SbHttpView *self)
{
  GtkWidget *box;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->empty_label, 0);
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");

  self->request_view = sb_http_message_view_new (SB_HTTP_REQUEST);
  self->response_view = sb_http_message_view_new (SB_HTTP_RESPONSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->request_view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->response_view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  sb_throttle_init (&self->throttle, UPDATE_INTERVAL_MS, G_PRIORITY_DEFAULT_IDLE, refresh, self);
}
