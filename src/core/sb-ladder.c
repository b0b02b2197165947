/* sb-ladder.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadder: storage and lookups.  Rows and arrows live in fixed blocks, so
 * that growing never copies what is there.  Arrows are indexed by buckets
 * of LADDER_BUCKET rows of their top row, each bucket a chain through the
 * arrows and the lowest row any of them reaches: a range of rows reads
 * the buckets it covers plus, before it, those whose arrows reach into
 * it.  A lifeline column holds lifelines one after another, never two at
 * once, so a range of rows is a binary search per column. */

#define G_LOG_DOMAIN "sb-ladder"

#include "config.h"

#include "sb-capture.h"
#include "sb-ladder-private.h"

G_DEFINE_FINAL_TYPE (SbLadder, sb_ladder, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static inline guint *
row_slot (SbLadder *self,
          guint     row)
{
  guint *block = g_ptr_array_index (self->row_blocks, row / LADDER_BLOCK);

  return &block[row % LADDER_BLOCK];
}

static inline Arrow *
arrow_slot (SbLadder *self,
            guint     index)
{
  Arrow *block = g_ptr_array_index (self->arrow_blocks, index / LADDER_BLOCK);

  return &block[index % LADDER_BLOCK];
}

Lifeline *
_sb_ladder_lifeline (SbLadder *self,
                     guint     index)
{
  return &g_array_index (self->lifelines, Lifeline, index);
}

void
_sb_ladder_set_row (SbLadder *self,
                    guint     row,
                    guint     lifeline)
{
  g_assert (row == self->n_rows);

  if (self->rowless)
    {
      self->n_rows++;
      return;
    }

  if (row / LADDER_BLOCK == self->row_blocks->len)
    g_ptr_array_add (self->row_blocks, g_new (guint, LADDER_BLOCK));
  *row_slot (self, row) = lifeline;
  self->n_rows++;
}

static guint
take_column (SbLadder *self,
             SbSide    side)
{
  GArray *busy = self->busy[side];
  gboolean yes = TRUE;
  guint column;

  for (column = MIN (self->free_from[side], busy->len); column < busy->len; column++)
    if (!g_array_index (busy, gboolean, column))
      break;
  self->free_from[side] = column + 1;

  if (column == busy->len)
    {
      g_array_append_val (busy, yes);
      g_ptr_array_add (self->columns[side], g_array_new (FALSE, FALSE, sizeof (guint)));
    }
  g_array_index (busy, gboolean, column) = TRUE;

  return column;
}

guint
_sb_ladder_add_lifeline (SbLadder             *self,
                         SbLadderLifelineKind  kind,
                         SbSide                side,
                         guint                 socket_id,
                         guint                 row,
                         const char           *name,
                         const char           *tuple)
{
  Lifeline lifeline = { 0, };
  guint index = self->lifelines->len;

  lifeline.kind = kind;
  lifeline.side = side;
  lifeline.column = take_column (self, side);
  lifeline.socket_id = socket_id;
  lifeline.first_row = row;
  lifeline.last_row = SB_LADDER_NONE;
  lifeline.name = g_string_chunk_insert_const (self->strings, name);
  lifeline.tuple = tuple != NULL ? g_string_chunk_insert_const (self->strings, tuple) : NULL;
  g_array_append_val (self->lifelines, lifeline);
  g_array_append_val (g_ptr_array_index (self->columns[side], lifeline.column), index);

  return index;
}

void
_sb_ladder_end_lifeline (SbLadder *self,
                         guint     index,
                         guint     row)
{
  Lifeline *lifeline;

  if (index == SB_LADDER_NONE)
    return;

  lifeline = _sb_ladder_lifeline (self, index);
  if (lifeline->last_row != SB_LADDER_NONE)
    return;

  lifeline->last_row = row;
  g_array_index (self->busy[lifeline->side], gboolean, lifeline->column) = FALSE;
  self->free_from[lifeline->side] = MIN (self->free_from[lifeline->side], lifeline->column);
}

void
_sb_ladder_set_tuple (SbLadder   *self,
                      guint       index,
                      const char *tuple)
{
  if (index == SB_LADDER_NONE || tuple == NULL)
    return;

  _sb_ladder_lifeline (self, index)->tuple = g_string_chunk_insert_const (self->strings, tuple);
}

guint
_sb_ladder_add_arrow (SbLadder            *self,
                      const SbLadderArrow *arrow)
{
  guint index = self->n_arrows;
  guint bucket_index = arrow->top_row / LADDER_BUCKET;
  Bucket *bucket;
  Arrow *slot;

  g_assert (arrow->top_row <= arrow->bottom_row);

  if (self->rowless)
    return SB_LADDER_NONE;

  if (index / LADDER_BLOCK == self->arrow_blocks->len)
    g_ptr_array_add (self->arrow_blocks, g_new (Arrow, LADDER_BLOCK));

  if (bucket_index >= self->buckets->len)
    {
      guint old = self->buckets->len;

      g_array_set_size (self->buckets, bucket_index + 1);
      for (guint i = old; i <= bucket_index; i++)
        {
          g_array_index (self->buckets, Bucket, i).head = SB_LADDER_NONE;
          g_array_index (self->buckets, Bucket, i).max_bottom = 0;
        }
    }

  bucket = &g_array_index (self->buckets, Bucket, bucket_index);
  slot = arrow_slot (self, index);
  slot->arrow = *arrow;
  slot->next = bucket->head;
  bucket->head = index;
  bucket->max_bottom = MAX (bucket->max_bottom, arrow->bottom_row);
  self->n_arrows++;

  return index;
}

/* Following the capture */

guint
_sb_ladder_process_new (SbLadder *self,
                        guint     max_events)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->capture));
  guint before = self->n_rows;
  guint end = n - before > max_events ? before + max_events : n;

  while (self->n_rows < end)
    _sb_ladder_process (self, self->n_rows);

  if (self->n_rows != before)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  return self->n_rows - before;
}

void
_sb_ladder_items_changed_cb (SbLadder   *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  SbLadder *tracker = self->tracker;

  /* The capture only appends, or clears.  The tracker has taken in every
   * event announced before this change; the lazy ladder maybe not. */
  if (removed > 0 || position < (tracker != NULL ? tracker->n_rows : self->n_rows))
    {
      _sb_ladder_forget_rows (self);
      if (tracker != NULL)
        {
          _sb_ladder_forget_rows (tracker);
          _sb_ladder_copy_facts (self, tracker);
          _sb_ladder_copy_facts (self->base, tracker);
        }
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }

  if (tracker != NULL)
    _sb_ladder_process_new (tracker, G_MAXUINT);
  if (self->following)
    _sb_ladder_process_new (self, G_MAXUINT);
}

SbLadder *
_sb_ladder_new_with (SbCapture *capture,
                     gboolean   following,
                     gboolean   rowless)
{
  SbLadder *self = g_object_new (SB_TYPE_LADDER, NULL);

  self->capture = g_object_ref (capture);
  self->following = following;
  self->rowless = rowless;

  return self;
}

/* Public API */

SbLadder *
sb_ladder_new (SbCapture *capture)
{
  SbLadder *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  self = _sb_ladder_new_with (capture, TRUE, FALSE);
  g_signal_connect_object (capture, "items-changed", G_CALLBACK (_sb_ladder_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  _sb_ladder_process_new (self, G_MAXUINT);

  return self;
}

SbCapture *
sb_ladder_get_capture (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), NULL);

  return self->capture;
}

guint
sb_ladder_get_n_rows (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  return self->n_rows;
}

guint
sb_ladder_get_n_lifelines (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  return self->lifelines->len;
}

gboolean
sb_ladder_get_lifeline (SbLadder         *self,
                        guint             index,
                        SbLadderLifeline *out)
{
  const Lifeline *lifeline;

  g_return_val_if_fail (SB_IS_LADDER (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (index >= self->lifelines->len)
    return FALSE;

  lifeline = _sb_ladder_lifeline (self, index);
  out->kind = lifeline->kind;
  out->side = lifeline->side;
  out->column = lifeline->column;
  out->socket_id = lifeline->socket_id;
  out->first_row = lifeline->first_row;
  out->last_row = lifeline->last_row;
  out->name = lifeline->name;
  out->tuple = lifeline->tuple;

  return TRUE;
}

guint
sb_ladder_get_n_columns (SbLadder *self,
                         SbSide    side)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);
  g_return_val_if_fail (side == SB_SIDE_CLIENT || side == SB_SIDE_SERVER, 0);

  return self->columns[side]->len;
}

guint
sb_ladder_get_row_lifeline (SbLadder *self,
                            guint     row)
{
  g_return_val_if_fail (SB_IS_LADDER (self), SB_LADDER_NONE);

  if (row >= self->n_rows || self->rowless)
    return SB_LADDER_NONE;

  return *row_slot (self, row);
}

void
sb_ladder_find_lifelines (SbLadder *self,
                          guint     first_row,
                          guint     last_row,
                          GArray   *indexes)
{
  g_return_if_fail (SB_IS_LADDER (self));
  g_return_if_fail (indexes != NULL);

  for (guint side = 0; side < 2; side++)
    for (guint c = 0; c < self->columns[side]->len; c++)
      {
        GArray *column = g_ptr_array_index (self->columns[side], c);
        guint lo = 0, hi = column->len;

        /* The first lifeline that starts after @last_row … */
        while (lo < hi)
          {
            guint mid = lo + (hi - lo) / 2;
            Lifeline *l = _sb_ladder_lifeline (self, g_array_index (column, guint, mid));

            if (l->first_row <= last_row)
              lo = mid + 1;
            else
              hi = mid;
          }

        /* … and back while they reach into the range. */
        while (lo > 0)
          {
            guint index = g_array_index (column, guint, lo - 1);
            Lifeline *l = _sb_ladder_lifeline (self, index);

            if (l->last_row != SB_LADDER_NONE && l->last_row < first_row)
              break;
            g_array_append_val (indexes, index);
            lo--;
          }
      }
}

guint
sb_ladder_get_n_arrows (SbLadder *self)
{
  g_return_val_if_fail (SB_IS_LADDER (self), 0);

  return self->n_arrows;
}

gboolean
sb_ladder_get_arrow (SbLadder      *self,
                     guint          index,
                     SbLadderArrow *arrow)
{
  g_return_val_if_fail (SB_IS_LADDER (self), FALSE);
  g_return_val_if_fail (arrow != NULL, FALSE);

  if (index >= self->n_arrows)
    return FALSE;

  *arrow = arrow_slot (self, index)->arrow;

  return TRUE;
}

void
sb_ladder_find_arrows (SbLadder *self,
                       guint     first_row,
                       guint     last_row,
                       GArray   *indexes)
{
  guint last_bucket;

  g_return_if_fail (SB_IS_LADDER (self));
  g_return_if_fail (indexes != NULL);

  if (self->buckets->len == 0 || first_row > last_row)
    return;

  last_bucket = MIN (last_row / LADDER_BUCKET, self->buckets->len - 1);
  for (guint b = 0; b <= last_bucket; b++)
    {
      const Bucket *bucket = &g_array_index (self->buckets, Bucket, b);

      if (bucket->head == SB_LADDER_NONE || bucket->max_bottom < first_row)
        continue;

      for (guint i = bucket->head; i != SB_LADDER_NONE; i = arrow_slot (self, i)->next)
        {
          const SbLadderArrow *arrow = &arrow_slot (self, i)->arrow;

          if (arrow->top_row <= last_row && arrow->bottom_row >= first_row)
            g_array_append_val (indexes, i);
        }
    }
}

void
sb_ladder_find_event_arrows (SbLadder *self,
                             guint     event,
                             GArray   *indexes)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (SB_IS_LADDER (self));
  g_return_if_fail (indexes != NULL);

  sb_ladder_find_arrows (self, event, event, found);
  for (guint i = 0; i < found->len; i++)
    {
      guint index = g_array_index (found, guint, i);
      const SbLadderArrow *arrow = &arrow_slot (self, index)->arrow;

      if (arrow->from_event == event || arrow->to_event == event)
        g_array_append_val (indexes, index);
    }
}

static void
sb_ladder_dispose (GObject *object)
{
  SbLadder *self = SB_LADDER (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_clear_object (&self->capture);
  g_clear_object (&self->tracker);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (sb_ladder_parent_class)->dispose (object);
}

static void
sb_ladder_finalize (GObject *object)
{
  SbLadder *self = SB_LADDER (object);

  g_clear_pointer (&self->row_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->arrow_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->buckets, g_array_unref);
  g_clear_pointer (&self->lifelines, g_array_unref);
  for (guint side = 0; side < 2; side++)
    {
      g_clear_pointer (&self->columns[side], g_ptr_array_unref);
      g_clear_pointer (&self->busy[side], g_array_unref);
    }
  g_clear_pointer (&self->clients_by_tuple, g_hash_table_unref);
  g_clear_pointer (&self->datagram_ports, g_hash_table_unref);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (sb_ladder_parent_class)->finalize (object);
}

static void
sb_ladder_class_init (SbLadderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_ladder_dispose;
  object_class->finalize = sb_ladder_finalize;

  /**
   * SbLadder::changed:
   *
   * Rows were added, or all of them removed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_ladder_init (SbLadder *self)
{
  self->row_blocks = g_ptr_array_new_with_free_func (g_free);
  self->arrow_blocks = g_ptr_array_new_with_free_func (g_free);
  self->buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  self->lifelines = g_array_new (FALSE, FALSE, sizeof (Lifeline));
  for (guint side = 0; side < 2; side++)
    {
      self->columns[side] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      self->busy[side] = g_array_new (FALSE, FALSE, sizeof (gboolean));
    }
  self->strings = g_string_chunk_new (1024);
  self->sockets = g_ptr_array_new_with_free_func (_sb_ladder_socket_free);
  self->clients_by_tuple = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->datagram_ports = g_hash_table_new_full (NULL, NULL, NULL,
                                                (GDestroyNotify) g_array_unref);
}
