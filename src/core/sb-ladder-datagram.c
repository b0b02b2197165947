/* sb-ladder-datagram.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadder: UDP.  No handshake, no FIN: each datagram is an arrow of its
 * own.  A sendto() from one of our sockets to the address of another of
 * ours waits in the sender's queue for that receiver; the receiver's
 * recvfrom() from the sender's tuple takes the first datagram of that
 * queue with its length.  Datagrams it passes over never arrived: those
 * the kernel said it dropped before this one (SO_RXQ_OVFL), and any
 * other of another length (UDP keeps the order on one host).  A datagram
 * to or from an address none of ours has is an arrow to or from that
 * peer's lifeline, one lifeline per peer tuple.
 *
 * Sockets are found by their port (a table of the ports of our UDP
 * sockets), then by address, a wildcard bind matching any: each event
 * costs O(1) amortized, as for TCP. */

#define G_LOG_DOMAIN "sb-ladder"

#include "config.h"

#include <string.h>

#include "sb-ladder-private.h"

/* How far past a queue's head a recvfrom() looks for its length. */
#define MATCH_WINDOW 64

static void
queue_free (gpointer data)
{
  DatagramQueue *queue = data;

  g_array_unref (queue->sends);
  g_free (queue);
}

void
_sb_ladder_datagram_free (LadderSocket *socket)
{
  g_clear_pointer (&socket->datagrams, g_hash_table_unref);
  g_clear_pointer (&socket->peers, g_hash_table_unref);
}

void
_sb_ladder_datagram_forget (LadderSocket *socket)
{
  if (socket->datagrams != NULL)
    g_hash_table_remove_all (socket->datagrams);
  if (socket->peers != NULL)
    g_hash_table_remove_all (socket->peers);
}

/* An address inside a tuple, not copied: each event looks sockets up
 * without allocating. */
typedef struct
{
  const char *start;
  gsize       len;
  guint       port;
} TupleAddress;

/* "('127.0.0.1', 15000)" or "('::1', 15000, 0, 0)". */
static gboolean
parse_tuple (const char   *tuple,
             TupleAddress *address)
{
  const char *end;

  if (tuple == NULL || !g_str_has_prefix (tuple, "('"))
    return FALSE;

  address->start = tuple + 2;
  end = strchr (address->start, '\'');
  if (end == NULL || !g_str_has_prefix (end, "', "))
    return FALSE;

  address->len = end - address->start;
  address->port = (guint) g_ascii_strtoull (end + 3, NULL, 10);

  return TRUE;
}

static gboolean
address_is (const TupleAddress *address,
            const char         *text)
{
  return address->len == strlen (text) && memcmp (address->start, text, address->len) == 0;
}

/* "::ffff:127.0.0.1" (a dual-stack socket's view of IPv4) as "127.0.0.1". */
static TupleAddress
plain_address (const TupleAddress *address)
{
  TupleAddress plain = *address;

  if (plain.len > 7 && memcmp (plain.start, "::ffff:", 7) == 0
      && memchr (plain.start + 7, '.', plain.len - 7) != NULL)
    {
      plain.start += 7;
      plain.len -= 7;
    }

  return plain;
}

/* Whether a socket bound to @bound sends from, or receives at, @address. */
static gboolean
address_matches (const TupleAddress *bound,
                 const TupleAddress *address)
{
  TupleAddress a = plain_address (bound);
  TupleAddress b = plain_address (address);

  return address_is (bound, "0.0.0.0") || address_is (bound, "::")
         || (a.len == b.len && memcmp (a.start, b.start, a.len) == 0);
}

/* Notes @socket's port in the table once its local address is known:
 * after bind(), or after the first sendto() let the kernel choose one. */
static void
learn_local (SbLadder     *self,
             LadderSocket *socket)
{
  TupleAddress address;
  const char *tuple;
  GArray *ids;
  guint port;

  if (socket->port != 0)
    return;

  tuple = sb_capture_get_local_tuple (self->capture, socket->socket_id);
  if (tuple == NULL)
    tuple = socket->local_tuple;
  if (!parse_tuple (tuple, &address) || address.port == 0)
    return;
  port = address.port;

  if (socket->local_tuple == NULL)
    {
      socket->local_tuple = g_strdup (tuple);
      _sb_ladder_set_tuple (self, socket->lifeline, tuple);
    }

  socket->port = port;
  ids = g_hash_table_lookup (self->datagram_ports, GUINT_TO_POINTER (port));
  if (ids == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->datagram_ports, GUINT_TO_POINTER (port), ids);
    }
  g_array_append_val (ids, socket->socket_id);
}

/* Our UDP sockets whose local address is @tuple, the newest first, at
 * most @max of them into @found; their number, or -1 when @tuple is no
 * tuple. */
#define MAX_FOUND 8

static int
find_sockets (SbLadder      *self,
              const char    *tuple,
              LadderSocket **found)
{
  TupleAddress address;
  GArray *ids;
  int n = 0;

  if (!parse_tuple (tuple, &address))
    return -1;

  ids = g_hash_table_lookup (self->datagram_ports, GUINT_TO_POINTER (address.port));
  for (guint i = ids != NULL ? ids->len : 0; i > 0 && n < MAX_FOUND; i--)
    {
      LadderSocket *socket = _sb_ladder_lookup_socket (self, g_array_index (ids, guint, i - 1));
      TupleAddress bound;

      if (socket != NULL && socket->port == address.port
          && parse_tuple (socket->local_tuple, &bound) && address_matches (&bound, &address))
        found[n++] = socket;
    }

  return n;
}

/* The lifeline of @socket's outside peer @tuple, on the other half. */
static guint
peer_lifeline (SbLadder     *self,
               LadderSocket *socket,
               const char   *tuple,
               guint         row)
{
  g_autofree char *name = NULL;
  guint number, lifeline;

  if (socket->peers == NULL)
    socket->peers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  lifeline = GPOINTER_TO_UINT (g_hash_table_lookup (socket->peers, tuple));
  if (lifeline != 0)
    return lifeline - 1;

  number = ++self->n_named[SB_LADDER_LIFELINE_PEER];
  name = number <= 1 ? g_strdup ("peer") : g_strdup_printf ("peer%u", number);
  lifeline = _sb_ladder_add_lifeline (self, SB_LADDER_LIFELINE_PEER,
                                      socket->role == SB_LADDER_LIFELINE_CLIENT ? SB_SIDE_SERVER
                                                                                : SB_SIDE_CLIENT,
                                      socket->socket_id, row, name, tuple);
  g_hash_table_insert (socket->peers, g_strdup (tuple), GUINT_TO_POINTER (lifeline + 1));

  return lifeline;
}

void
_sb_ladder_datagram_sent (SbLadder          *self,
                          LadderSocket      *socket,
                          guint              row,
                          const SbEventInfo *info)
{
  LadderSocket *receivers[MAX_FOUND];
  LadderSocket *receiver = NULL;
  int n;
  DatagramQueue *queue;
  PendingSend pending = { row, 0, 0 };

  if (info->result < 0 || info->note == NULL)
    return;

  learn_local (self, socket);
  pending.len = (guint) info->result;

  n = find_sockets (self, info->note, receivers);
  for (int i = 0; i < n && receiver == NULL; i++)
    if (!receivers[i]->closed)
      receiver = receivers[i];

  if (receiver == NULL)
    {
      _sb_ladder_link (self, SB_LADDER_ARROW_DATAGRAM, row, socket->lifeline, SB_LADDER_NONE,
                       peer_lifeline (self, socket, info->note, row), pending.len, 0);
      return;
    }

  if (socket->datagrams == NULL)
    socket->datagrams = g_hash_table_new_full (NULL, NULL, NULL, queue_free);
  queue = g_hash_table_lookup (socket->datagrams, GUINT_TO_POINTER (receiver->socket_id));
  if (queue == NULL)
    {
      queue = g_new0 (DatagramQueue, 1);
      queue->sends = g_array_new (FALSE, FALSE, sizeof (PendingSend));
      g_hash_table_insert (socket->datagrams, GUINT_TO_POINTER (receiver->socket_id), queue);
    }

  /* The matched head goes once it is half of the queue. */
  if (queue->head > 0 && queue->head * 2 >= queue->sends->len)
    {
      g_array_remove_range (queue->sends, 0, queue->head);
      queue->head = 0;
    }
  g_array_append_val (queue->sends, pending);
}

/* Takes the datagram @receiver got in @row from @queue: first the
 * @dropped ones the kernel dropped before it, then the first one of
 * @len bytes; each passed over is lost.  FALSE when none has @len bytes. */
static gboolean
take_datagram (SbLadder      *self,
               DatagramQueue *queue,
               LadderSocket  *receiver,
               guint          row,
               guint          len,
               guint          dropped)
{
  guint match = G_MAXUINT;
  guint end = MIN (queue->sends->len, queue->head + dropped + MATCH_WINDOW);

  for (guint i = MIN (queue->head + dropped, queue->sends->len); i < end; i++)
    if (g_array_index (queue->sends, PendingSend, i).len == len)
      {
        match = i;
        break;
      }

  if (match == G_MAXUINT)
    return FALSE;

  for (; queue->head < match; queue->head++)
    {
      PendingSend *lost = &g_array_index (queue->sends, PendingSend, queue->head);

      _sb_ladder_link (self, SB_LADDER_ARROW_LOST, lost->row, 0, SB_LADDER_NONE,
                       receiver->lifeline, lost->len, 0);
    }

  _sb_ladder_link (self, SB_LADDER_ARROW_DATAGRAM,
                   g_array_index (queue->sends, PendingSend, match).row, 0,
                   row, receiver->lifeline, len, 0);
  queue->head = match + 1;

  return TRUE;
}

static void
learn_seen_tuple (SbLadder     *self,
                  LadderSocket *sender,
                  const char   *tuple)
{
  TupleAddress address;

  if (sender->lifeline == SB_LADDER_NONE
      || g_strcmp0 (_sb_ladder_lifeline (self, sender->lifeline)->tuple, tuple) == 0
      || !parse_tuple (sender->local_tuple, &address)
      || (!address_is (&address, "0.0.0.0") && !address_is (&address, "::")))
    return;

  _sb_ladder_set_tuple (self, sender->lifeline, tuple);
}

void
_sb_ladder_datagram_received (SbLadder          *self,
                              LadderSocket      *socket,
                              guint              row,
                              const SbEventInfo *info)
{
  LadderSocket *senders[MAX_FOUND];
  guint len;
  int n;

  if (info->result < 0 || info->note == NULL)
    return;

  learn_local (self, socket);
  len = (guint) MIN (info->result, (gint64) G_MAXUINT);

  n = find_sockets (self, info->note, senders);
  if (n < 0)
    return;

  /* A sender of ours: its datagram, if it is still known (not before a
   * cleared log). */
  for (int i = 0; i < n; i++)
    {
      LadderSocket *sender = senders[i];
      DatagramQueue *queue = sender->datagrams != NULL
                             ? g_hash_table_lookup (sender->datagrams,
                                                    GUINT_TO_POINTER (socket->socket_id))
                             : NULL;

      if (queue != NULL
          && take_datagram (self, queue, socket, row, len, (guint) MAX (info->detail, 0)))
        {
          /* A sender bound to the wildcard address: its header shows the
           * address its datagrams left from, as the receiver saw it. */
          learn_seen_tuple (self, sender, info->note);
          return;
        }
    }
  if (n > 0)
    return;

  _sb_ladder_link (self, SB_LADDER_ARROW_DATAGRAM, SB_LADDER_NONE,
                   peer_lifeline (self, socket, info->note, row), row, socket->lifeline, len, 0);
}

void
_sb_ladder_datagram_learn (SbLadder     *self,
                           LadderSocket *socket)
{
  learn_local (self, socket);
}

void
_sb_ladder_datagram_closed (SbLadder     *self,
                            LadderSocket *socket,
                            guint         row)
{
  GHashTableIter iter;
  gpointer value;

  if (socket->peers == NULL)
    return;

  g_hash_table_iter_init (&iter, socket->peers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    _sb_ladder_end_lifeline (self, GPOINTER_TO_UINT (value) - 1, row);
  g_hash_table_remove_all (socket->peers);
}
