/* fuzz-capture.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-capture"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "fuzz-script.h"
#include "sb-capture.h"
#include "sb-event.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The capture through its public API only: events of any kind with
 * payloads of any bytes and sizes, recorded by append and by
 * reserve-and-commit, read back (also halfway), cleared, spilled to disk
 * under memory budgets down to one byte, and filled up under disk budgets
 * down to one byte, reading stopped or keeping counts only.  A model of
 * what went in says what must come out. */

/* Memory budgets to switch between: tiny ones spill every chunk closed. */
static const guint64 budgets[] = {
  1, 4096, 1024 * 1024, 3 * SB_CAPTURE_CHUNK_SIZE, SB_CAPTURE_DEFAULT_BUDGET, 0,
};

/* Payloads bigger than the input, filled with a pattern, are up to 40
 * steps long: a chunk and a quarter, so that one gets a chunk of its own.
 * Reservations are up to four chunks. */
#define PATTERN_STEP (SB_CAPTURE_CHUNK_SIZE / 32)
#define MAX_ROOM (4 * SB_CAPTURE_CHUNK_SIZE)
/* Event records per chunk: a burst of up to three chunks' worth. */
#define RECORDS_PER_CHUNK (SB_CAPTURE_CHUNK_SIZE / 48)

typedef struct
{
  SbEventInfo info;
  char       *note;
  GBytes     *payload;   /* or NULL for a pattern */
  guint32     seed;
} Expected;

static void
expected_clear (gpointer data)
{
  Expected *e = data;

  g_free (e->note);
  g_clear_pointer (&e->payload, g_bytes_unref);
}

/* Byte i of a pattern is pattern_byte (seed, i % PATTERN_PERIOD): a prime
 * period, so that no chunk or page boundary lines up with it. */
#define PATTERN_PERIOD 4093

static guint8
pattern_byte (guint32 seed,
              gsize   i)
{
  i %= PATTERN_PERIOD;

  return (guint8) ((seed + i * 31 + (i >> 7)) & 0xff);
}

static void
fill_pattern (guint8  *dest,
              gsize    len,
              guint32  seed)
{
  gsize i;

  for (i = 0; i < MIN (len, PATTERN_PERIOD); i++)
    dest[i] = pattern_byte (seed, i);
  for (; i < len; i += PATTERN_PERIOD)
    memcpy (dest + i, dest + i - PATTERN_PERIOD, MIN (PATTERN_PERIOD, len - i));
}

static void
expect (GArray            *model,
        const SbEventInfo *info,
        const guint8      *payload,
        gsize              payload_len,
        guint32            seed)
{
  Expected e = { .info = *info, .note = g_strdup (info->note), .seed = seed };

  e.info.note = NULL;
  e.info.payload_len = payload_len;
  if (payload != NULL)
    e.payload = g_bytes_new (payload, payload_len);
  g_array_append_val (model, e);
}

/* Event @index as recorded and as the model says, payload and all. */
static void
check_event (SbCapture *capture,
             GArray    *model,
             guint      index,
             gsize      probe)
{
  const Expected *e = &g_array_index (model, Expected, index);
  g_autoptr(GBytes) payload = NULL;
  const guint8 *data;
  SbEventInfo info;
  gsize len;

  g_assert_true (sb_capture_get_info (capture, index, &info));
  g_assert_cmpint (info.kind, ==, e->info.kind);
  g_assert_cmpint (info.side, ==, e->info.side);
  g_assert_cmpuint (info.socket_id, ==, e->info.socket_id);
  g_assert_cmpint (info.detail, ==, e->info.detail);
  g_assert_cmpint (info.result, ==, e->info.result);
  g_assert_cmpint (info.errnum, ==, CLAMP (e->info.errnum, G_MININT16, G_MAXINT16));
  g_assert_cmpuint (info.requested, ==, e->info.requested);
  g_assert_cmpstr (info.note, ==, e->note);
  g_assert_cmpuint (info.payload_len, ==, e->info.payload_len);

  payload = sb_capture_dup_payload (capture, index);
  g_assert_nonnull (payload);
  data = g_bytes_get_data (payload, &len);
  g_assert_cmpuint (len, ==, e->info.payload_len);
  if (e->payload != NULL)
    g_assert_cmpmem (data, len, g_bytes_get_data (e->payload, NULL), e->info.payload_len);
  else
    {
      g_autofree guint8 *pattern = g_malloc (MAX (len, 1));

      fill_pattern (pattern, len, e->seed);
      g_assert_cmpmem (data, len, pattern, len);
    }

  /* A piece from the middle, as the renderers copy their first bytes. */
  if (len > 0)
    {
      guint8 buffer[64];
      gsize offset = probe % len;
      gsize n = sb_capture_copy_payload (capture, index, offset, buffer, sizeof buffer);

      g_assert_cmpuint (n, ==, MIN (sizeof buffer, len - offset));
      g_assert_cmpmem (buffer, n, data + offset, n);
    }
  g_assert_cmpuint (sb_capture_copy_payload (capture, index, len, (guint8 *) &info, 1), ==, 0);
}

static void
check_all (SbCapture *capture,
           GArray    *model,
           guint64    payload_bytes)
{
  guint n = model->len;
  gint64 last_us = G_MININT64;

  /* Past a few thousand events (a burst), a sample: every step-th and
   * the last 64. */
  guint step = MAX (n / 1024, 1);

  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, payload_bytes);
  for (guint i = 0; i < n; i += (i + 64 < n) ? step : 1)
    {
      SbEventInfo info;

      check_event (capture, model, i, i * 7919u);
      g_assert_true (sb_capture_get_info (capture, i, &info));
      g_assert_cmpint (info.mono_us, >=, last_us);
      last_us = info.mono_us;
    }

  /* The list model announces every event after a flush; its items agree. */
  sb_capture_flush (capture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, n);
  if (n > 0)
    {
      g_autoptr(SbEvent) event = g_list_model_get_item (G_LIST_MODEL (capture), n - 1);
      const Expected *e = &g_array_index (model, Expected, n - 1);

      g_assert_cmpuint (sb_event_get_index (event), ==, n - 1);
      g_assert_cmpint (sb_event_get_kind (event), ==, e->info.kind);
      g_assert_cmpuint (sb_event_get_payload_length (event), ==, e->info.payload_len);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (capture), n));
}

/* What a run has put in, beside the model of its events. */
typedef struct
{
  SbCapture *capture;
  GArray    *model;
  guint64    payload_bytes;
  guint64    not_retained;
  gboolean   past_budget;   /* since the last clear: memory may hold more */
} Run;

/* The events the capture records itself, when it turns full and when it
 * has room again, join the model as they come: each must say so, in
 * words fit for the log. */
static void
absorb_notes (Run   *run,
              guint  up_to)
{
  for (guint i = run->model->len; i < up_to; i++)
    {
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (run->capture, i, &info));
      g_assert_true (sb_capture_is_full_event (run->capture, &info));
      g_assert_nonnull (info.note);
      sb_fuzz_assert_text (info.note, NULL);
      g_assert_cmpuint (info.payload_len, ==, 0);
      expect (run->model, &info, NULL, 0, 0);
    }
}

/* Bytes counted but not stored: the event keeps the call's result, with
 * no payload. */
static void
expect_not_retained (Run               *run,
                     const SbEventInfo *info,
                     gsize              len)
{
  expect (run->model, info, NULL, 0, 0);
  run->not_retained += len;
}

/* What the window sends, recorded by append: kept while reading is
 * stopped, only counted while keeping counts only. */
static void
append_event (Run               *run,
              const SbEventInfo *info,
              const guint8      *payload,
              gsize              len,
              guint32            seed)
{
  guint index = sb_capture_append (run->capture, info, payload, len);

  g_assert_cmpuint (index + 1, ==, sb_capture_get_n_recorded (run->capture));
  absorb_notes (run, index);
  if (len > 0 && sb_capture_is_keeping_counts (run->capture))
    {
      expect_not_retained (run, info, len);
      return;
    }
  expect (run->model, info, seed != 0 ? NULL : payload, len, seed);
  run->payload_bytes += len;
}

/* recv () into the capture, as a stream does: only when it may record;
 * room for up to four chunks, some of it used. */
static void
receive_event (Run         *run,
               SbFuzzInput *input,
               guint8       op,
               const guint *ids)
{
  SbFuzzEvent event;
  gsize room = sb_fuzz_input_uint (input, 3) % (MAX_ROOM + 1);
  gsize want = sb_fuzz_input_uint (input, (op & 1) ? 3 : 1);
  gsize used = MIN (room, want);
  guint32 seed = sb_fuzz_input_byte (input) + 1;
  gboolean may = sb_capture_can_record (run->capture);
  guint8 *dest = NULL;

  sb_fuzz_event_read (&event, input, ids);
  event.info.kind = SB_EVENT_RECV;
  event.info.errnum = 0;
  event.info.result = used;
  if (may)
    dest = sb_capture_reserve (run->capture, room);
  absorb_notes (run, sb_capture_get_n_recorded (run->capture));

  if (!may || (dest == NULL && room > 0))
    {
      /* Reading stopped: no recv (), so nothing to commit. */
      g_assert_true (sb_capture_is_full (run->capture));
    }
  else
    {
      fill_pattern (dest, used, seed);
      g_assert_cmpuint (sb_capture_commit (run->capture, &event.info, used), ==,
                        run->model->len);
      if (used > 0 && sb_capture_is_keeping_counts (run->capture))
        expect_not_retained (run, &event.info, used);
      else
        {
          expect (run->model, &event.info, NULL, used, seed);
          run->payload_bytes += used;
        }
    }
  sb_fuzz_event_clear (&event);
}

/* The disk and what to do when full: disk budgets down to a byte, and
 * back to the automatic one (0); the action. */
static const guint64 disk_budgets[] = {
  1, SB_CAPTURE_CHUNK_SIZE, 3 * SB_CAPTURE_CHUNK_SIZE, 16 * SB_CAPTURE_CHUNK_SIZE,
};

static void
set_disk_or_action (Run    *run,
                    guint8  op)
{
  switch (op & 7)
    {
    case 4:
      sb_capture_set_full_action (run->capture, SB_CAPTURE_FULL_STOP);
      break;
    case 5:
      sb_capture_set_full_action (run->capture, SB_CAPTURE_FULL_COUNT);
      break;
    case 6:
    case 7:
      sb_capture_set_disk_budget (run->capture, 0);
      break;
    default:
      sb_capture_set_disk_budget (run->capture, disk_budgets[op & 3]);
      break;
    }
}

/* The budgets hold: the disk's always; memory's until the capture has
 * been full or its disk short of room for a chunk: then what the window
 * sends, and the records of what it does, stay in memory past the budget
 * (reads stop, which is what bounds them).  A budget lowered below what is
 * held already deletes nothing, but nothing more is added. */
static void
check_budgets (Run     *run,
               guint64  disk_before,
               guint64  resident_before)
{
  SbCapture *capture = run->capture;
  g_autofree char *message = sb_capture_dup_full_message (capture);
  guint64 disk = sb_capture_get_disk_bytes (capture);
  guint64 resident = sb_capture_get_resident_bytes (capture);

  g_assert_true (disk <= sb_capture_get_disk_limit (capture) || disk <= disk_before);
  g_assert_cmpuint (sb_capture_get_not_retained_bytes (capture), ==, run->not_retained);
  g_assert_true ((message != NULL)
                 == (sb_capture_is_full (capture) || sb_capture_is_keeping_counts (capture)));
  if (message != NULL)
    {
      sb_fuzz_assert_text (message, NULL);
      run->past_budget = TRUE;
      /* Full only for want of room: never without a memory budget (then
       * nothing spills), and only with the disk short of what memory
       * holds. */
      g_assert_cmpuint (sb_capture_get_memory_budget (capture), !=, 0);
      g_assert_cmpuint (disk + resident + SB_CAPTURE_CHUNK_SIZE, >,
                        sb_capture_get_disk_limit (capture));
    }
  if (sb_capture_get_memory_budget (capture) != 0
      && disk + SB_CAPTURE_CHUNK_SIZE > sb_capture_get_disk_limit (capture))
    run->past_budget = TRUE;
  if (sb_capture_get_memory_budget (capture) != 0 && !run->past_budget)
    g_assert_true (resident <= sb_capture_get_memory_budget (capture) + SB_CAPTURE_FIXED_OVERHEAD
                               + MAX_ROOM /* the largest payload, a chunk of its own */
                   || resident <= resident_before);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GArray) model = g_array_new (FALSE, FALSE, sizeof (Expected));
  Run run = { capture, model, 0, 0, FALSE };
  guint ids[SB_FUZZ_N_SOCKETS];
  guint n_big = 0;
  guint n_bursts = 0;
  SbFuzzInput input;

  g_array_set_clear_func (model, expected_clear);
  sb_fuzz_input_init (&input, data, size);
  for (guint s = 0; s < SB_FUZZ_N_SOCKETS; s++)
    ids[s] = sb_capture_new_socket_id (capture);
  sb_capture_set_memory_budget (capture, budgets[sb_fuzz_input_byte (&input)
                                                 % G_N_ELEMENTS (budgets)]);

  while (!sb_fuzz_input_done (&input))
    {
      guint8 op = sb_fuzz_input_byte (&input);
      guint what = op >> 3;
      guint64 disk_before = sb_capture_get_disk_bytes (capture);
      guint64 resident_before = sb_capture_get_resident_bytes (capture);

      /* Rare and costly ops, so at most two an input and one; the other
       * values of their range are events. */
      if (what == 31 && !((op == 0xf8 && n_big < 2) || (op == 0xff && n_bursts < 1)))
        what = 0;

      switch (what)
        {
        default:
          /* Most ops: an event as the socket code records it. */
          {
            SbFuzzEvent event;

            sb_fuzz_event_read (&event, &input, ids);
            append_event (&run, &event.info, event.payload, event.payload_len, 0);
            sb_fuzz_event_clear (&event);
          }
          break;

        case 25:
          set_disk_or_action (&run, op);
          break;

        case 26:
          receive_event (&run, &input, op, ids);
          break;

        case 31:
          if (op == 0xf8)
            {
              /* A payload of up to a chunk and a quarter: chunks fill,
               * close and spill, or it gets a chunk of its own. */
              SbEventInfo info = { .kind = SB_EVENT_SEND, .side = SB_SIDE_CLIENT,
                                   .socket_id = ids[1] };
              gsize len = (gsize) (1 + sb_fuzz_input_byte (&input) % 40) * PATTERN_STEP
                          - sb_fuzz_input_byte (&input);
              guint32 seed = sb_fuzz_input_byte (&input) + 1;
              g_autofree guint8 *bytes = g_malloc (len);

              fill_pattern (bytes, len, seed);
              info.result = info.requested = len;
              append_event (&run, &info, bytes, len, seed);
              n_big++;
            }
          else
            {
              /* Up to three chunks of events without payload: record
               * chunks fill and spill. */
              guint n = sb_fuzz_input_uint (&input, 3) % (3 * RECORDS_PER_CHUNK + 1);
              SbEventInfo info = { .kind = SB_EVENT_ERROR, .side = SB_SIDE_SERVER,
                                   .socket_id = ids[0], .result = -1 };

              for (guint i = 0; i < n; i++)
                {
                  info.errnum = (int) (i % 300);
                  info.detail = (int) (i % 200);
                  append_event (&run, &info, NULL, 0, 0);
                }
              n_bursts++;
            }
          break;

        case 27:
          /* Clearing makes room: the capture may say so in the new log. */
          sb_capture_clear (capture);
          g_array_set_size (model, 0);
          run.payload_bytes = 0;
          run.not_retained = 0;
          run.past_budget = FALSE;
          /* Empty, but for the row that reading resumed. */
          g_assert_cmpuint (sb_capture_get_n_recorded (capture), <=, 1);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), <=,
                            sb_capture_get_n_recorded (capture));
          g_assert_false (sb_capture_is_full (capture));
          break;

        case 28:
          sb_capture_set_memory_budget (capture, budgets[op % G_N_ELEMENTS (budgets)]);
          break;

        case 29:
        case 30:
          /* Reading back between writes, from memory or the spill file. */
          sb_capture_flush (capture);
          if (model->len > 0)
            check_event (capture, model, sb_fuzz_input_uint (&input, 3) % model->len,
                         sb_fuzz_input_uint (&input, 3));
          break;
        }

      absorb_notes (&run, sb_capture_get_n_recorded (capture));
      check_budgets (&run, disk_before, resident_before);
    }

  check_all (capture, model, run.payload_bytes);

  return 0;
}
