/* sb-server-pane-queue.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbServerPane: the accept queue.  While listening, the pane re-reads it
 * from the kernel on a timer of its own (one getsockopt() per period,
 * whatever the number of connections); every accept() re-reads it too.
 * When it is full, a message says so, with the figures, and that the
 * kernel now drops connection attempts; the backlog is one click away. */

#define G_LOG_DOMAIN "sb-server-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-listener.h"
#include "sb-pane-util.h"
#include "sb-server-pane-private.h"

/* How often the queue is re-read while listening. */
#define QUEUE_POLL_MS 500

/* While connections are accepted as they come, a burst fills and drains
 * the queue many times a second: the message stays this long after the
 * queue was last seen full, rather than blink. */
#define QUEUE_FULL_HOLD_MS 2000

static gboolean
poll_cb (gpointer user_data)
{
  SbServerPane *self = SB_SERVER_PANE (user_data);

  /* Notifies accept-queue on a change, which updates the pane; a message
   * held after a full queue may have to go without one. */
  if (self->listener != NULL)
    sb_listener_refresh (self->listener);
  if (gtk_widget_get_visible (self->queue_full_box))
    _sb_server_pane_queue_update (self);

  return G_SOURCE_CONTINUE;
}

void
_sb_server_pane_queue_stop (SbServerPane *self)
{
  g_clear_handle_id (&self->queue_poll_id, g_source_remove);
}

static void
show_full (SbServerPane *self,
           guint         length,
           guint         limit)
{
  g_autofree char *waiting = NULL;
  g_autofree char *text = NULL;

  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u connection waiting",
                                          "%u connections waiting",
                                          length),
                             length);
  /* Translators: the first %s is "6 connections waiting", then the
   * backlog given to listen() */
  text = g_strdup_printf (_("Accept queue full: %s, backlog %u. The kernel is dropping new "
                            "connection attempts."),
                          waiting, limit);
  sb_label_set_value (self->queue_full_label, text, _("Accept queue full"));
}

static void
show_was_full (SbServerPane *self,
               guint         limit)
{
  g_autofree char *text = NULL;

  /* Translators: the backlog given to listen() */
  text = g_strdup_printf (_("Accept queue full a moment ago (backlog %u): the kernel dropped "
                            "connection attempts."),
                          limit);
  sb_label_set_value (self->queue_full_label, text, _("Accept queue full"));
}

/* O(1): the listener's last figures, a label and a timer. */
void
_sb_server_pane_queue_update (SbServerPane *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean listening;
  gboolean full = FALSE;
  gboolean held = FALSE;

  listening = self->listener != NULL
              && sb_listener_get_state (self->listener) == SB_LISTENER_LISTENING;

  if (listening && self->queue_poll_id == 0)
    {
      self->queue_poll_id = g_timeout_add (QUEUE_POLL_MS, poll_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->queue_poll_id),
                                "[sockbench] accept queue");
    }
  else if (!listening)
    _sb_server_pane_queue_stop (self);

  if (listening)
    full = sb_listener_get_accept_queue_full (self->listener);
  if (full)
    self->queue_full_until = now + QUEUE_FULL_HOLD_MS * G_TIME_SPAN_MILLISECOND;
  else if (!listening)
    self->queue_full_until = 0;
  /* Accepting one at a time, the message goes with the accept() that
   * made room. */
  held = !full && listening && sb_listener_get_auto_accept (self->listener)
         && now < self->queue_full_until;

  if (full)
    show_full (self, sb_listener_get_accept_queue (self->listener),
               sb_listener_get_accept_queue_limit (self->listener));
  else if (held)
    show_was_full (self, sb_listener_get_accept_queue_limit (self->listener));
  else if (gtk_widget_get_visible (self->queue_full_box))
    gtk_popover_popdown (gtk_menu_button_get_popover (self->backlog_button));

  gtk_widget_set_visible (self->queue_full_box, full || held);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.listen-again", listening);
}

/* Closes the listening socket and listens again on the port it had, with
 * the backlog now set. */
static void
listen_again_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbServerPane *self = SB_SERVER_PANE (widget);
  g_autofree char *port = NULL;

  gtk_popover_popdown (gtk_menu_button_get_popover (self->backlog_button));

  if (self->listener == NULL
      || sb_listener_get_state (self->listener) != SB_LISTENER_LISTENING)
    return;

  /* The spin button's text may not be committed yet. */
  gtk_spin_button_update (self->new_backlog_spin);

  /* The same port, even where Port says 0; then Listen, whole even in
   * step-by-step mode. */
  port = g_strdup_printf ("%u", sb_listener_get_port (self->listener));
  sb_listener_stop (self->listener);
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port);
  gtk_widget_activate_action (widget, "pane.listen", NULL);
}

static void
backlog_popover_shown_cb (SbServerPane *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->new_backlog_spin));
}

void
_sb_server_pane_queue_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, queue_full_box);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, queue_full_label);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, backlog_button);
  gtk_widget_class_bind_template_child (widget_class, SbServerPane, new_backlog_spin);

  gtk_widget_class_install_action (widget_class, "pane.listen-again", NULL, listen_again_action);
}

void
_sb_server_pane_queue_init (SbServerPane *self)
{
  /* One value: the Backlog field's (and its setting's). */
  gtk_spin_button_set_adjustment (self->new_backlog_spin,
                                  gtk_spin_button_get_adjustment (self->backlog_spin));
  g_signal_connect_object (gtk_menu_button_get_popover (self->backlog_button), "show",
                           G_CALLBACK (backlog_popover_shown_cb), self, G_CONNECT_SWAPPED);
}
