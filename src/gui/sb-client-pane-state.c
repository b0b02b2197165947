/* sb-client-pane-state.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbClientPane: what it shows of its socket, for TCP (the workbench's
 * client SbStream) or UDP (its UDP client SbDatagram): the state pill, the
 * detail line, Connect or Disconnect, which fields and calls are enabled. */

#define G_LOG_DOMAIN "sb-client-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-client-pane-private.h"
#include "sb-datagram.h"
#include "sb-pane-util.h"
#include "sb-stream.h"

gboolean
_sb_client_pane_is_udp (SbClientPane *self)
{
  return sb_protocol_dropdown_get (self->protocol_dropdown) == SB_PROTOCOL_UDP;
}

const char *
_sb_client_pane_next_step_action (SbClientPane *self)
{
  SbStreamState state = SB_STREAM_IDLE;

  if (self->workbench == NULL || !gtk_switch_get_active (self->step_switch)
      || _sb_client_pane_is_udp (self))
    return NULL;

  if (self->client != NULL)
    state = sb_stream_get_state (self->client);

  if (!sb_stream_state_is_open (state))
    return "pane.step-resolve";
  if (state == SB_STREAM_RESOLVED)
    return "pane.step-socket";
  if (state == SB_STREAM_SOCKET_OPEN)
    return "pane.step-connect";

  return NULL;
}

/* Step by step: getaddrinfo(), socket() and connect() replace Connect,
 * each enabled when it is the next call; Disconnect stays while there is
 * a connection attempt. */
static void
sb_client_pane_update_steps (SbClientPane  *self,
                             SbStreamState  state)
{
  static const char * const actions[] = {
    "pane.step-resolve", "pane.step-socket", "pane.step-connect",
  };
  gboolean stepping = gtk_switch_get_active (self->step_switch) && !_sb_client_pane_is_udp (self);
  const char *next = _sb_client_pane_next_step_action (self);

  gtk_widget_set_visible (GTK_WIDGET (self->step_buttons), stepping);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_button),
                          !stepping || sb_stream_state_is_open (state));
  gtk_widget_set_visible (self->step_label, !_sb_client_pane_is_udp (self));
  gtk_widget_set_visible (GTK_WIDGET (self->step_switch), !_sb_client_pane_is_udp (self));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i],
                                   g_strcmp0 (next, actions[i]) == 0);
}

/* What the title row, the detail line and Connect show. */
typedef struct
{
  const char *pill;
  const char *tone;
  char       *detail;       /* NULL: the dim hint */
  const char *hint;
  gboolean    failed;       /* the detail is an error, not tuples */
  gboolean    active;       /* Disconnect */
  gboolean    lock_fields;  /* Host and Port */
  gboolean    lock_protocol;
} PaneLook;

static void
look_tcp (SbClientPane *self,
          PaneLook     *look)
{
  SbStreamState state = self->client != NULL ? sb_stream_get_state (self->client)
                                             : SB_STREAM_IDLE;
  const char *local = self->client != NULL ? sb_stream_get_local_tuple (self->client) : NULL;
  const char *peer = self->client != NULL ? sb_stream_get_peer_tuple (self->client) : NULL;
  const char *error = self->client != NULL ? sb_stream_get_error_message (self->client) : NULL;

  look->active = look->lock_fields = look->lock_protocol = sb_stream_state_is_open (state);
  look->pill = sb_stream_state_to_string (state);
  look->tone = sb_stream_state_tone (state);
  look->hint = _("No socket yet: connect to a host and port");
  look->failed = state == SB_STREAM_FAILED || state == SB_STREAM_PEER_LEFT;

  if (look->failed && error != NULL)
    look->detail = g_strdup (error);
  else if (local != NULL && peer != NULL)
    /* Translators: the two socket addresses of the client's connection */
    look->detail = g_strdup_printf (_("local %s → peer %s"), local, peer);
  else if (look->active && self->target != NULL)
    look->detail = g_strdup_printf (_("to %s"), self->target);
}

/* UDP: the socket's state and its tuples; Connect connect()s it (making
 * the socket first if need be), Disconnect closes it.  Send works without. */
static void
look_udp (SbClientPane *self,
          PaneLook     *look)
{
  SbDatagram *datagram = sb_client_udp_get_datagram (self->udp);
  SbDatagramState state = datagram != NULL ? sb_datagram_get_state (datagram)
                                           : SB_DATAGRAM_IDLE;
  const char *local = datagram != NULL ? sb_datagram_get_local_tuple (datagram) : NULL;
  const char *peer = datagram != NULL ? sb_datagram_get_peer_tuple (datagram) : NULL;
  gboolean busy = sb_client_udp_get_busy (self->udp);

  look->active = state == SB_DATAGRAM_CONNECTED;
  look->lock_fields = look->active || busy;
  look->lock_protocol = sb_client_udp_state_has_socket (state) || busy;
  look->pill = sb_client_udp_state_to_string (state);
  look->tone = look->active ? "success" : sb_client_udp_state_has_socket (state) ? "accent" : NULL;
  look->hint = _("No socket yet: Send makes one and calls sendto(); Connect fixes the peer");

  if (local != NULL && peer != NULL)
    look->detail = g_strdup_printf (_("local %s → peer %s"), local, peer);
  else if (local != NULL)
    /* Translators: the UDP socket's own address, as Python prints it */
    look->detail = g_strdup_printf (_("local %s, not connected: sendto() any host"), local);
  else if (sb_client_udp_state_has_socket (state))
    look->detail = g_strdup (_("socket open, no address yet: the first sendto() binds it"));
}

void
_sb_client_pane_update (SbClientPane *self)
{
  PaneLook look = { NULL, };
  g_autofree char *detail = NULL;
  SbStreamState state = self->client != NULL ? sb_stream_get_state (self->client)
                                             : SB_STREAM_IDLE;

  if (_sb_client_pane_is_udp (self))
    look_udp (self, &look);
  else
    look_tcp (self, &look);
  detail = look.detail;

  gtk_label_set_text (self->state_pill, look.pill);
  sb_pill_set_tone (GTK_WIDGET (self->state_pill), look.tone);

  /* Always one line, so the pane does not jump when a connection starts. */
  gtk_label_set_text (self->state_detail, detail != NULL ? detail : look.hint);
  if (detail != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_detail), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->state_detail), "dim-label");
  if (detail != NULL && !look.failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_detail), "tuple");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_detail), "tuple");

  gtk_button_set_label (self->connect_button, look.active ? _("Disconnect") : _("Connect"));
  if (look.active)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connect_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->connect_button), "suggested-action");

  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->host_entry), !look.lock_fields,
                                      GTK_WIDGET (self->connect_button));
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->port_entry), !look.lock_fields,
                                      GTK_WIDGET (self->connect_button));
  sb_widget_set_sensitive_keep_focus (GTK_WIDGET (self->protocol_dropdown), !look.lock_protocol,
                                      GTK_WIDGET (self->connect_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.connect",
                                 self->workbench != NULL
                                 && !(_sb_client_pane_is_udp (self)
                                      && sb_client_udp_get_busy (self->udp)));

  sb_client_pane_update_steps (self, state);
}
