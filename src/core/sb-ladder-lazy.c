/* sb-ladder-lazy.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadder, lazy: rows built only when asked (sb_ladder_catch_up()), for a
 * view that shows some of the time.  Until then nothing is kept per
 * event.  The events a lazy ladder has not taken in are gone after a
 * clear, and with them what they said of the sockets (who is paired with
 * whom, how many bytes went each way, the names given so far): a rowless
 * tracker takes in every event as it is recorded, keeping only that, and
 * at a clear the lazy ladder starts again from the tracker's sockets.
 * Those are kept too (the base), so that the rows can be dropped and
 * built again from the first event. */

#define G_LOG_DOMAIN "sb-ladder"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-ladder-private.h"

void
_sb_ladder_copy_facts (SbLadder *to,
                       SbLadder *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (to->clients_by_tuple);
  g_hash_table_remove_all (to->datagram_ports);
  g_ptr_array_set_size (to->sockets, 0);

  /* Forgotten rows left no queue: what remains is plain facts. */
  for (guint i = 0; i < from->sockets->len; i++)
    {
      LadderSocket *socket = g_ptr_array_index (from->sockets, i);
      LadderSocket *copy = NULL;

      if (socket != NULL)
        {
          copy = g_memdup2 (socket, sizeof *socket);
          copy->local_tuple = g_strdup (socket->local_tuple);
          copy->peer_tuple = g_strdup (socket->peer_tuple);
          copy->sends = NULL;
          copy->sends_head = 0;
          copy->datagrams = NULL;
          copy->peers = NULL;
        }
      g_ptr_array_add (to->sockets, copy);
    }

  g_hash_table_iter_init (&iter, from->clients_by_tuple);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to->clients_by_tuple, g_strdup (key),
                         g_ptr_array_index (to->sockets, ((LadderSocket *) value)->socket_id));

  g_hash_table_iter_init (&iter, from->datagram_ports);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to->datagram_ports, key, g_array_copy (value));

  memcpy (to->n_named, from->n_named, sizeof to->n_named);
}

SbLadder *
sb_ladder_new_lazy (SbCapture *capture)
{
  SbLadder *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  /* The tracker is driven from here, so that at a clear it has seen every
   * event before it hands its sockets over. */
  self = _sb_ladder_new_with (capture, FALSE, FALSE);
  self->tracker = _sb_ladder_new_with (capture, FALSE, TRUE);
  self->base = _sb_ladder_new_with (capture, FALSE, TRUE);
  g_signal_connect_object (capture, "items-changed", G_CALLBACK (_sb_ladder_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  _sb_ladder_process_new (self->tracker, G_MAXUINT);

  return self;
}

guint
sb_ladder_get_n_waiting (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->capture)) - self->n_rows;
}

guint
sb_ladder_catch_up (SbLadder *self,
                    guint     max_events)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  _sb_ladder_process_new (self, max_events);

  return sb_ladder_get_n_waiting (self);
}

void
sb_ladder_drop_rows (SbLadder *self)
{
  g_return_if_fail (SB_IS_LADDER (self));
  g_return_if_fail (self->base != NULL);

  if (self->n_rows == 0)
    return;

  _sb_ladder_forget_rows (self);
  _sb_ladder_copy_facts (self, self->base);
  g_signal_emit_by_name (self, "changed");
}

gsize
sb_ladder_get_row_bytes (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  return (gsize) self->row_blocks->len * LADDER_BLOCK * sizeof (guint)
         + (gsize) self->arrow_blocks->len * LADDER_BLOCK * sizeof (Arrow)
         + (self->tracker != NULL ? sb_ladder_get_row_bytes (self->tracker) : 0);
}

