/* sb-server-pane-udp.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-server-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-datagram.h"
#include "sb-pane-util.h"
#include "sb-server-pane-private.h"
#include "sb-workbench.h"

/* The server pane when its Protocol is UDP: Listen is socket() and bind()
 * on the workbench's UDP server socket (or one step each), and SbServerUdp
 * takes the place of the TCP controls. */

gboolean
_sb_server_pane_is_udp (SbServerPane *self)
{
  return sb_protocol_dropdown_get (self->protocol_dropdown) == SB_PROTOCOL_UDP;
}

void
_sb_server_pane_udp_status (SbServerPane   *self,
                            SbServerStatus *status)
{
  SbDatagramState state = SB_DATAGRAM_IDLE;
  const char *error = self->listen_error;

  if (self->datagram != NULL)
    state = sb_datagram_get_state (self->datagram);

  status->has_socket = state == SB_DATAGRAM_OPEN || state == SB_DATAGRAM_BOUND
                       || state == SB_DATAGRAM_CONNECTED;
  status->bound = state == SB_DATAGRAM_BOUND || state == SB_DATAGRAM_CONNECTED;
  status->running = status->bound;

  if (status->bound)
    {
      status->pill = _("bound");
      status->tone = "success";
      /* Translators: the address the UDP socket receives on, as Python prints it */
      status->detail = g_strdup_printf (_("on %s"), sb_datagram_get_local_tuple (self->datagram));
    }
  else if (state == SB_DATAGRAM_OPEN)
    {
      status->pill = _("socket open");
      status->tone = "accent";
      status->detail = g_strdup (_("not bound yet"));
    }
  else if (state == SB_DATAGRAM_FAILED || self->listen_error != NULL)
    {
      status->pill = _("failed");
      status->tone = "error";
      if (error == NULL && self->datagram != NULL)
        error = sb_datagram_get_error_message (self->datagram);
      status->detail = g_strdup (error);
    }
  else
    {
      status->pill = _("not bound");
    }

  if (self->datagram == NULL || !gtk_switch_get_active (self->step_switch))
    status->next_step = NULL;
  else if (!status->has_socket)
    status->next_step = "pane.step-socket";
  else if (state == SB_DATAGRAM_OPEN)
    status->next_step = "pane.step-bind";
}

/* Listen makes socket() and bind(); Stop closes the socket at any step. */
void
_sb_server_pane_udp_listen (SbServerPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  SbServerStatus status = { 0, };
  guint16 port = 0;

  if (self->datagram == NULL)
    return;

  _sb_server_pane_udp_status (self, &status);
  g_free (status.detail);
  if (status.has_socket)
    {
      sb_step_buttons_set_error (self->step_buttons, NULL);
      sb_datagram_close (self->datagram);
      return;
    }

  if (!_sb_server_pane_read_endpoint (self, &address, &port))
    return;

  g_clear_pointer (&self->listen_error, g_free);
  if (!sb_datagram_open (self->datagram, address, port, &error))
    {
      self->listen_error = g_strdup (error->message);
      sb_widget_toast (GTK_WIDGET (self), error->message);
    }
  else
    {
      _sb_server_pane_save_endpoint (self, port);
    }

  _sb_server_pane_update (self);
}

/* One call of step-by-step mode; its error shows under the buttons and
 * the socket stays, so that bind() can be made again on another port. */
void
_sb_server_pane_udp_step (SbServerPane *self,
                          const char   *action_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint16 port = 0;
  gboolean ok;

  if (self->datagram == NULL || !_sb_server_pane_read_endpoint (self, &address, &port))
    return;

  g_clear_pointer (&self->listen_error, g_free);
  sb_step_buttons_set_error (self->step_buttons, NULL);

  if (g_str_equal (action_name, "pane.step-socket"))
    ok = sb_datagram_open_socket (self->datagram, address, &error);
  else if (g_str_equal (action_name, "pane.step-bind"))
    ok = sb_datagram_bind (self->datagram, address, port, &error);
  else
    return;

  if (!ok)
    sb_step_buttons_set_error (self->step_buttons, error->message);
  else if (g_str_equal (action_name, "pane.step-bind"))
    _sb_server_pane_save_endpoint (self, port);

  _sb_server_pane_update (self);
}

static void
datagram_notify_cb (SbServerPane *self)
{
  _sb_server_pane_update (self);
}

void
_sb_server_pane_udp_bind (SbServerPane *self,
                          SbWorkbench  *workbench)
{
  self->datagram = g_object_ref (sb_workbench_get_udp_server (workbench));
  g_signal_connect_object (self->datagram, "notify::state", G_CALLBACK (datagram_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->datagram, "notify::local-tuple",
                           G_CALLBACK (datagram_notify_cb), self, G_CONNECT_SWAPPED);
  sb_server_udp_set_datagram (self->udp, self->datagram);
}

void
_sb_server_pane_udp_unbind (SbServerPane *self)
{
  if (self->datagram != NULL)
    g_signal_handlers_disconnect_by_data (self->datagram, self);
  if (self->udp != NULL)
    sb_server_udp_set_datagram (self->udp, NULL);
  g_clear_object (&self->datagram);
}

/* TCP or UDP: each shows its own controls; what was typed in the shared
 * fields (Address, Port, Step by step) stays. */
static void
protocol_cb (SbServerPane *self)
{
  gboolean udp = _sb_server_pane_is_udp (self);

  gtk_widget_set_visible (self->tcp_box, !udp);
  gtk_widget_set_visible (GTK_WIDGET (self->udp), udp);
  gtk_widget_set_visible (GTK_WIDGET (self->backlog_spin), !udp);
  gtk_widget_set_visible (self->backlog_caption, !udp);
  sb_step_buttons_set_call_visible (self->step_buttons, "pane.step-listen", !udp);
  sb_step_buttons_set_call_tooltip (self->step_buttons, "pane.step-socket",
                                    udp ? _("Create the socket: socket(AF_INET, SOCK_DGRAM)")
                                        : _("Create the socket: socket(AF_INET, SOCK_STREAM)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->listen_button),
                               udp ? _("For UDP, socket() and bind(): datagrams arrive at "
                                       "once, there is no listen() and no accept()")
                                   : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->step_switch),
                               udp ? _("One button per call: socket() and bind() instead of "
                                       "Listen")
                                   : _("One button per call: socket(), bind() and listen() "
                                       "instead of Listen"));

  g_clear_pointer (&self->listen_error, g_free);
  sb_step_buttons_set_error (self->step_buttons, NULL);
  _sb_server_pane_update (self);
}

void
_sb_server_pane_udp_init (SbServerPane *self)
{
  g_signal_connect_object (self->protocol_dropdown, "notify::selected",
                           G_CALLBACK (protocol_cb), self, G_CONNECT_SWAPPED);
  protocol_cb (self);
}
