/* sb-ladder-build.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadder: what each event means for the diagram, one event at a time.
 *
 * Pairing: a client socket of this window and a connection this window
 * accepted are the two ends of one connection when the client's local
 * tuple (SbCapture's side table, noted at connect()) is the accept's peer
 * tuple.  A client whose peer tuple is the address of one of our
 * listening sockets waits for its accept; any other client, and any
 * accepted connection without a client of ours, talks to an outside peer.
 *
 * Data: every send of a paired socket waits in its queue with its stream
 * offset; each recv of the other end takes the bytes from the queue's
 * head, with one arrow per send it shares bytes with.  So each event is
 * queued and dequeued once: O(1) amortized.
 *
 * UDP sockets have no connection: sb-ladder-datagram.c pairs each
 * datagram on its own. */

#define G_LOG_DOMAIN "sb-ladder"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-ladder-private.h"

static const char * const role_names[] = {
  [SB_LADDER_LIFELINE_CLIENT] = "client",
  [SB_LADDER_LIFELINE_SERVER] = "server",
  [SB_LADDER_LIFELINE_CONNECTION] = "conn",
  [SB_LADDER_LIFELINE_PEER] = "peer",
};

void
_sb_ladder_socket_free (gpointer data)
{
  LadderSocket *socket = data;

  if (socket == NULL)
    return;

  g_clear_pointer (&socket->sends, g_array_unref);
  _sb_ladder_datagram_free (socket);
  g_free (socket->local_tuple);
  g_free (socket->peer_tuple);
  g_free (socket);
}

/* "server", "conn2": one name per socket for its life, as Python code
 * would name it. */
static char *
dup_name (SbLadderLifelineKind role,
          guint                number)
{
  if (number <= 1)
    return g_strdup (role_names[role]);

  return g_strdup_printf ("%s%u", role_names[role], number);
}

static void
forget_socket_rows (LadderSocket *socket)
{
  socket->lifeline = SB_LADDER_NONE;
  socket->peer_lifeline = SB_LADDER_NONE;
  socket->connect_row = SB_LADDER_NONE;
  socket->fin_row = SB_LADDER_NONE;
  socket->rst_row = SB_LADDER_NONE;
  socket->close_row = SB_LADDER_NONE;
  if (socket->sends != NULL)
    g_array_set_size (socket->sends, 0);
  socket->sends_head = 0;
  _sb_ladder_datagram_forget (socket);
}

static LadderSocket *
lookup_socket (SbLadder          *self,
               guint              socket_id,
               const SbEventInfo *info)
{
  LadderSocket *socket;

  if (socket_id == 0)
    return NULL;

  if (socket_id >= self->sockets->len)
    g_ptr_array_set_size (self->sockets, socket_id + 1);

  socket = g_ptr_array_index (self->sockets, socket_id);
  if (socket != NULL || info == NULL)
    return socket;

  socket = g_new0 (LadderSocket, 1);
  socket->socket_id = socket_id;
  if (info->side == SB_SIDE_CLIENT)
    socket->role = SB_LADDER_LIFELINE_CLIENT;
  else if (sb_capture_get_connection_number (self->capture, socket_id) > 0)
    socket->role = SB_LADDER_LIFELINE_CONNECTION;
  else
    socket->role = SB_LADDER_LIFELINE_SERVER;
  socket->number = ++self->n_named[socket->role];
  socket->datagram = sb_capture_is_datagram_socket (self->capture, socket_id);
  forget_socket_rows (socket);
  g_ptr_array_index (self->sockets, socket_id) = socket;

  return socket;
}

static SbSide
role_side (SbLadderLifelineKind role)
{
  return role == SB_LADDER_LIFELINE_CLIENT ? SB_SIDE_CLIENT : SB_SIDE_SERVER;
}

static const char *
header_tuple (LadderSocket *socket)
{
  /* A client by its own address, a connection by its peer's: "addr". */
  return socket->role == SB_LADDER_LIFELINE_CLIENT ? socket->local_tuple : socket->peer_tuple;
}

static void
ensure_lifeline (SbLadder     *self,
                 LadderSocket *socket,
                 guint         row)
{
  g_autofree char *name = NULL;

  if (socket->lifeline != SB_LADDER_NONE)
    return;

  name = dup_name (socket->role, socket->number);
  socket->lifeline = _sb_ladder_add_lifeline (self, socket->role, role_side (socket->role),
                                              socket->socket_id, row, name,
                                              header_tuple (socket));
}

/* The outside peer's lifeline, on the other half, from @row on. */
static guint
ensure_peer_lifeline (SbLadder     *self,
                      LadderSocket *socket,
                      guint         row)
{
  g_autofree char *name = NULL;

  if (socket->peer_lifeline != SB_LADDER_NONE)
    return socket->peer_lifeline;

  name = dup_name (SB_LADDER_LIFELINE_PEER, ++self->n_named[SB_LADDER_LIFELINE_PEER]);
  socket->peer_lifeline =
    _sb_ladder_add_lifeline (self, SB_LADDER_LIFELINE_PEER,
                             socket->role == SB_LADDER_LIFELINE_CLIENT ? SB_SIDE_SERVER
                                                                       : SB_SIDE_CLIENT,
                             socket->socket_id, row, name, socket->peer_tuple);

  return socket->peer_lifeline;
}

void
_sb_ladder_link (SbLadder          *self,
                 SbLadderArrowKind  kind,
                 guint              from_event,
                 guint              from_lifeline,
                 guint              to_event,
                 guint              to_lifeline,
                 guint              bytes,
                 guint              offset)
{
  SbLadderArrow arrow = { 0, };
  guint a = from_event != SB_LADDER_NONE ? from_event : to_event;
  guint b = to_event != SB_LADDER_NONE ? to_event : from_event;

  if (a == SB_LADDER_NONE || self->rowless)
    return;

  /* An end in this window is on the lifeline of its row: the socket may
   * have closed since. */
  arrow.kind = kind;
  arrow.from_event = from_event;
  arrow.to_event = to_event;
  arrow.from_lifeline = from_event != SB_LADDER_NONE ? sb_ladder_get_row_lifeline (self, from_event)
                                                     : from_lifeline;
  arrow.to_lifeline = to_event != SB_LADDER_NONE ? sb_ladder_get_row_lifeline (self, to_event)
                                                 : to_lifeline;
  arrow.top_row = MIN (a, b);
  arrow.bottom_row = MAX (a, b);
  arrow.bytes = bytes;
  arrow.offset = offset;
  _sb_ladder_add_arrow (self, &arrow);
}

/* An arrow between @socket's event in @row and its outside peer. */
static void
add_peer_arrow (SbLadder          *self,
                LadderSocket      *socket,
                SbLadderArrowKind  kind,
                gboolean           to_peer,
                guint              row,
                guint              bytes)
{
  guint peer = ensure_peer_lifeline (self, socket, row);

  if (to_peer)
    _sb_ladder_link (self, kind, row, socket->lifeline, SB_LADDER_NONE, peer, bytes, 0);
  else
    _sb_ladder_link (self, kind, SB_LADDER_NONE, peer, row, socket->lifeline, bytes, 0);
}

LadderSocket *
_sb_ladder_lookup_socket (SbLadder *self,
                          guint     socket_id)
{
  return lookup_socket (self, socket_id, NULL);
}

static LadderSocket *
partner_of (SbLadder     *self,
            LadderSocket *socket)
{
  if (socket->peer_state != PEER_PAIRED)
    return NULL;

  return lookup_socket (self, socket->partner, NULL);
}

/* "('127.0.0.1', 15000)" → "127.0.0.1" and 15000. */
static gboolean
split_tuple (const char  *tuple,
             char       **address,
             guint       *port)
{
  const char *start, *end;

  if (tuple == NULL || !g_str_has_prefix (tuple, "('"))
    return FALSE;

  start = tuple + 2;
  end = strchr (start, '\'');
  if (end == NULL || !g_str_has_prefix (end, "', "))
    return FALSE;

  *address = g_strndup (start, end - start);
  *port = (guint) g_ascii_strtoull (end + 3, NULL, 10);

  return TRUE;
}

/* The key under which a client waits for its accept: the tuple, with an
 * IPv4-mapped IPv6 address (a dual-stack listener's view of an IPv4
 * client) written as the IPv4 one, "('127.0.0.1', 54321)". */
static char *
dup_pairing_key (const char *tuple)
{
  g_autofree char *address = NULL;
  guint port = 0;

  if (split_tuple (tuple, &address, &port) && g_str_has_prefix (address, "::ffff:")
      && strchr (address + 7, '.') != NULL)
    return g_strdup_printf ("('%s', %u)", address + 7, port);

  return g_strdup (tuple);
}

/* Whether one of our listening sockets has the address @tuple: then a
 * client connected to it waits for our accept. */
static gboolean
is_our_listener (SbLadder   *self,
                 const char *tuple)
{
  g_autofree char *address = NULL;
  guint port = 0;

  if (!split_tuple (tuple, &address, &port))
    return FALSE;

  for (guint i = 1; i < self->sockets->len; i++)
    {
      LadderSocket *socket = g_ptr_array_index (self->sockets, i);
      g_autofree char *bound = NULL;
      guint bound_port = 0;

      if (socket == NULL || !socket->listening || socket->closed
          || !split_tuple (socket->local_tuple, &bound, &bound_port))
        continue;

      if (bound_port == port
          && (g_strcmp0 (bound, address) == 0
              || g_strcmp0 (bound, "0.0.0.0") == 0 || g_strcmp0 (bound, "::") == 0))
        return TRUE;
    }

  return FALSE;
}

static void
learn_local_tuple (SbLadder     *self,
                   LadderSocket *socket)
{
  g_autofree char *key = NULL;
  const char *tuple;

  if (socket->local_tuple != NULL)
    return;

  tuple = sb_capture_get_local_tuple (self->capture, socket->socket_id);
  if (tuple == NULL)
    return;

  socket->local_tuple = g_strdup (tuple);
  _sb_ladder_set_tuple (self, socket->lifeline, tuple);
  key = dup_pairing_key (tuple);
  if (!g_hash_table_contains (self->clients_by_tuple, key))
    g_hash_table_insert (self->clients_by_tuple, g_steal_pointer (&key), socket);
}

static void
connected (SbLadder          *self,
           LadderSocket      *socket,
           guint              row,
           const SbEventInfo *info)
{
  learn_local_tuple (self, socket);
  g_free (socket->peer_tuple);
  socket->peer_tuple = g_strdup (info->note);

  if (socket->peer_state != PEER_UNKNOWN)
    return;

  if (is_our_listener (self, info->note))
    socket->peer_state = PEER_AWAITING;
  else
    {
      socket->peer_state = PEER_OUTSIDE;
      add_peer_arrow (self, socket, SB_LADDER_ARROW_HANDSHAKE, TRUE, row, 0);
    }
}

static void
accepted (SbLadder          *self,
          LadderSocket      *socket,
          guint              row,
          const SbEventInfo *info)
{
  g_autofree char *key = NULL;
  LadderSocket *client;

  g_free (socket->peer_tuple);
  socket->peer_tuple = g_strdup (info->note);
  _sb_ladder_set_tuple (self, socket->lifeline, info->note);

  key = info->note != NULL ? dup_pairing_key (info->note) : NULL;
  client = key != NULL ? g_hash_table_lookup (self->clients_by_tuple, key) : NULL;
  if (client != NULL && client->peer_state != PEER_PAIRED && !client->closed)
    {
      /* A client first thought to talk outside was ours after all. */
      _sb_ladder_end_lifeline (self, client->peer_lifeline, row);
      client->peer_lifeline = SB_LADDER_NONE;
      client->peer_state = PEER_PAIRED;
      client->partner = socket->socket_id;
      socket->peer_state = PEER_PAIRED;
      socket->partner = client->socket_id;
      if (client->connect_row != SB_LADDER_NONE)
        _sb_ladder_link (self, SB_LADDER_ARROW_HANDSHAKE,
                   client->connect_row, client->lifeline, row, socket->lifeline, 0, 0);
      return;
    }

  socket->peer_state = PEER_OUTSIDE;
  add_peer_arrow (self, socket, SB_LADDER_ARROW_HANDSHAKE, FALSE, row, 0);
}

static void
sent (SbLadder     *self,
      LadderSocket *socket,
      guint         row,
      guint         len)
{
  PendingSend pending = { row, socket->sent, len };

  socket->sent += len;

  if (socket->peer_state == PEER_OUTSIDE)
    {
      add_peer_arrow (self, socket, SB_LADDER_ARROW_DATA, TRUE, row, len);
      return;
    }

  if (socket->sends == NULL)
    socket->sends = g_array_new (FALSE, FALSE, sizeof (PendingSend));

  /* The queue's matched head goes once it is half of it. */
  if (socket->sends_head > 0 && socket->sends_head * 2 >= socket->sends->len)
    {
      g_array_remove_range (socket->sends, 0, socket->sends_head);
      socket->sends_head = 0;
    }
  g_array_append_val (socket->sends, pending);
}

static void
received (SbLadder     *self,
          LadderSocket *socket,
          guint         row,
          guint         len)
{
  guint64 start = socket->received;
  guint64 end = start + len;
  LadderSocket *sender;

  socket->received = end;

  if (socket->peer_state == PEER_OUTSIDE)
    {
      add_peer_arrow (self, socket, SB_LADDER_ARROW_DATA, FALSE, row, len);
      return;
    }

  sender = partner_of (self, socket);
  if (sender == NULL || sender->sends == NULL)
    return;

  while (sender->sends_head < sender->sends->len)
    {
      PendingSend *send = &g_array_index (sender->sends, PendingSend, sender->sends_head);
      guint64 send_end = send->start + send->len;
      guint64 from = MAX (send->start, start);
      guint64 to = MIN (send_end, end);

      if (send->start >= end)
        break;

      if (to > from)
        _sb_ladder_link (self, SB_LADDER_ARROW_DATA, send->row, sender->lifeline,
                   row, socket->lifeline, (guint) (to - from), (guint) (from - send->start));

      if (send_end > end)
        break;
      sender->sends_head++;
    }
}

/* shutdown(SHUT_WR) or close(): the FIN, unless one went already. */
static void
fin_sent (SbLadder     *self,
          LadderSocket *socket,
          guint         row,
          gboolean      is_close)
{
  if (socket->fin_sent || socket->rst_seen || socket->peer_state == PEER_UNKNOWN)
    return;

  socket->fin_sent = TRUE;
  socket->fin_row = row;
  socket->fin_is_close = is_close;
  if (socket->peer_state == PEER_OUTSIDE)
    add_peer_arrow (self, socket, SB_LADDER_ARROW_FIN, TRUE, row, 0);
}

static void
eof_received (SbLadder     *self,
              LadderSocket *socket,
              guint         row)
{
  LadderSocket *sender = partner_of (self, socket);

  if (socket->peer_state == PEER_OUTSIDE)
    add_peer_arrow (self, socket, SB_LADDER_ARROW_FIN, FALSE, row, 0);
  else if (sender != NULL && sender->fin_row != SB_LADDER_NONE)
    _sb_ladder_link (self, SB_LADDER_ARROW_FIN, sender->fin_row, sender->lifeline,
               row, socket->lifeline, 0, 0);
}

static void
reset_received (SbLadder          *self,
                LadderSocket      *socket,
                guint              row,
                const SbEventInfo *info)
{
  LadderSocket *sender = partner_of (self, socket);
  gboolean first = !socket->rst_seen;

  socket->rst_seen = TRUE;
  if (!first)
    return;

  if (socket->peer_state == PEER_OUTSIDE)
    {
      if (info->kind == SB_EVENT_RESET)
        add_peer_arrow (self, socket, SB_LADDER_ARROW_RST, FALSE, row, 0);
      return;
    }

  if (sender == NULL)
    return;

  /* A reset, or a close() with bytes still unread, which sends RST too. */
  if (sender->rst_row != SB_LADDER_NONE)
    _sb_ladder_link (self, SB_LADDER_ARROW_RST, sender->rst_row, sender->lifeline,
               row, socket->lifeline, 0, 0);
  else if (sender->close_row != SB_LADDER_NONE && info->kind == SB_EVENT_RESET)
    _sb_ladder_link (self, SB_LADDER_ARROW_RST, sender->close_row, sender->lifeline,
               row, socket->lifeline, 0, 0);
}

static void
closed (SbLadder          *self,
        LadderSocket      *socket,
        guint              row,
        const SbEventInfo *info)
{
  if (info->detail == SB_CLOSE_ABORT)
    {
      if (!socket->rst_seen && socket->peer_state != PEER_UNKNOWN)
        {
          socket->rst_row = row;
          if (socket->peer_state == PEER_OUTSIDE)
            add_peer_arrow (self, socket, SB_LADDER_ARROW_RST, TRUE, row, 0);
        }
    }
  else
    fin_sent (self, socket, row, TRUE);

  socket->close_row = row;
  socket->closed = TRUE;
  _sb_ladder_end_lifeline (self, socket->lifeline, row);
  _sb_ladder_end_lifeline (self, socket->peer_lifeline, row);
  socket->lifeline = SB_LADDER_NONE;
  socket->peer_lifeline = SB_LADDER_NONE;
}

void
_sb_ladder_process (SbLadder *self,
                    guint     row)
{
  SbEventInfo info;
  LadderSocket *socket;

  if (!sb_capture_get_info (self->capture, row, &info))
    {
      _sb_ladder_set_row (self, row, SB_LADDER_NONE);
      return;
    }

  socket = lookup_socket (self, info.socket_id, &info);
  if (socket == NULL)
    {
      _sb_ladder_set_row (self, row, SB_LADDER_NONE);
      return;
    }

  ensure_lifeline (self, socket, row);
  _sb_ladder_set_row (self, row, socket->lifeline);

  switch (info.kind)
    {
    case SB_EVENT_BIND:
      if (info.result >= 0 && info.note != NULL)
        {
          g_free (socket->local_tuple);
          socket->local_tuple = g_strdup (info.note);
          _sb_ladder_set_tuple (self, socket->lifeline, info.note);
          if (socket->datagram)
            _sb_ladder_datagram_learn (self, socket);
        }
      break;

    case SB_EVENT_LISTEN:
      socket->listening = info.result >= 0;
      break;

    case SB_EVENT_CONNECT:
      /* UDP's connect() has no handshake to draw: it only fixes the peer. */
      if (socket->datagram)
        _sb_ladder_datagram_learn (self, socket);
      else if (info.detail == SB_CONNECT_STARTED)
        {
          socket->connect_row = row;
          learn_local_tuple (self, socket);
        }
      else if (info.detail == SB_CONNECT_ESTABLISHED)
        connected (self, socket, row, &info);
      break;

    case SB_EVENT_ACCEPT:
      accepted (self, socket, row, &info);
      break;

    case SB_EVENT_SEND:
      if (info.result > 0)
        sent (self, socket, row, (guint) info.result);
      break;

    case SB_EVENT_RECV:
      if (info.result > 0)
        received (self, socket, row, (guint) info.result);
      break;

    case SB_EVENT_EOF:
      eof_received (self, socket, row);
      break;

    case SB_EVENT_SHUTDOWN:
      if (info.result >= 0 && info.detail != SB_SHUTDOWN_READ)
        fin_sent (self, socket, row, FALSE);
      break;

    case SB_EVENT_CLOSE:
      if (socket->datagram)
        _sb_ladder_datagram_closed (self, socket, row);
      closed (self, socket, row, &info);
      break;

    case SB_EVENT_SENDTO:
      _sb_ladder_datagram_sent (self, socket, row, &info);
      break;

    case SB_EVENT_RECVFROM:
      _sb_ladder_datagram_received (self, socket, row, &info);
      break;

    case SB_EVENT_RESET:
    case SB_EVENT_ERROR:
      if (socket->peer_state != PEER_UNKNOWN && socket->peer_state != PEER_AWAITING)
        reset_received (self, socket, row, &info);
      break;

    case SB_EVENT_SOCKET:
    case SB_EVENT_RESOLVE:
    default:
      break;
    }
}

void
_sb_ladder_forget_rows (SbLadder *self)
{
  self->n_rows = 0;
  self->n_arrows = 0;
  g_ptr_array_set_size (self->row_blocks, 0);
  g_ptr_array_set_size (self->arrow_blocks, 0);
  g_array_set_size (self->buckets, 0);
  g_array_set_size (self->lifelines, 0);
  for (guint side = 0; side < 2; side++)
    {
      g_ptr_array_set_size (self->columns[side], 0);
      g_array_set_size (self->busy[side], 0);
      self->free_from[side] = 0;
    }

  for (guint i = 0; i < self->sockets->len; i++)
    {
      LadderSocket *socket = g_ptr_array_index (self->sockets, i);

      if (socket != NULL)
        forget_socket_rows (socket);
    }
}
