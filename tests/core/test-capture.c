/* test-capture.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-capture"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"

#define MIB (1024 * 1024)

/* A byte that depends on both the event and the position in its payload,
 * so that a payload read from the wrong place cannot pass. */
static inline guint8
pattern_byte (guint  index,
              gsize  pos)
{
  return (guint8) ((index * 131u + pos * 7u + (pos >> 8)) & 0xff);
}

static void
fill_pattern (guint8 *data,
              gsize   len,
              guint   index)
{
  for (gsize i = 0; i < len; i++)
    data[i] = pattern_byte (index, i);
}

static void
assert_pattern (GBytes *bytes,
                gsize   len,
                guint   index)
{
  const guint8 *data;
  gsize size;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, ==, len);
  for (gsize i = 0; i < len; i++)
    if (data[i] != pattern_byte (index, i))
      g_error ("event %u: byte %" G_GSIZE_FORMAT " is %02x, expected %02x",
               index, i, data[i], pattern_byte (index, i));
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static SbEventInfo
make_info (SbEventKind  kind,
           SbSide       side,
           guint        socket_id,
           gint64       result,
           gsize        requested,
           const char  *note)
{
  SbEventInfo info = { 0, };

  info.kind = kind;
  info.side = side;
  info.socket_id = socket_id;
  info.result = result;
  info.requested = requested;
  info.note = note;

  return info;
}

static void
test_round_trip (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GBytes) p0 = NULL;
  g_autoptr(GBytes) p1 = NULL;
  g_autoptr(GBytes) p2 = NULL;
  g_autoptr(GBytes) p3 = NULL;
  SbEventInfo info;
  SbEventInfo out[6];
  char note[32];
  guint8 *dest;
  gint64 before_wall = g_get_real_time ();

  info = make_info (SB_EVENT_ACCEPT, SB_SIDE_SERVER, 2, 7, 0, "('127.0.0.1', 62793)");
  g_strlcpy (note, info.note, sizeof note);
  info.note = note;
  g_assert_cmpuint (sb_capture_append (capture, &info, NULL, 0), ==, 0);
  /* The note was copied, not borrowed. */
  memset (note, 'x', sizeof note - 1);

  info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 2, 11, 1024, NULL);
  g_assert_cmpuint (sb_capture_append (capture, &info, (const guint8 *) "Hello World", 11), ==, 1);

  dest = sb_capture_reserve (capture, 1024);
  g_assert_nonnull (dest);
  memcpy (dest, "Hello\0Yourself", 14);
  info = make_info (SB_EVENT_SEND, SB_SIDE_CLIENT, 1, 14, 14, NULL);
  g_assert_cmpuint (sb_capture_commit (capture, &info, 14), ==, 2);

  /* An event without payload between reserve and commit is fine. */
  dest = sb_capture_reserve (capture, 4096);
  info = make_info (SB_EVENT_CLOSE, SB_SIDE_CLIENT, 7, 0, 0, NULL);
  g_assert_cmpuint (sb_capture_append (capture, &info, NULL, 0), ==, 3);
  memcpy (dest, "tail", 4);
  info = make_info (SB_EVENT_RECV, SB_SIDE_CLIENT, 7, 4, 4096, NULL);
  g_assert_cmpuint (sb_capture_commit (capture, &info, 4), ==, 4);

  sb_capture_reserve (capture, 4096);
  info = make_info (SB_EVENT_CONNECT, SB_SIDE_CLIENT, 1, -1, 0, "('127.0.0.1', 15000)");
  info.detail = SB_CONNECT_REFUSED;
  info.errnum = 111;
  g_assert_cmpuint (sb_capture_commit (capture, &info, 0), ==, 5);

  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 6);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, 29);
  for (guint i = 0; i < 6; i++)
    g_assert_true (sb_capture_get_info (capture, i, &out[i]));
  g_assert_false (sb_capture_get_info (capture, 6, &info));

  g_assert_cmpint (out[0].kind, ==, SB_EVENT_ACCEPT);
  g_assert_cmpint (out[0].side, ==, SB_SIDE_SERVER);
  g_assert_cmpuint (out[0].socket_id, ==, 2);
  g_assert_cmpint (out[0].result, ==, 7);
  g_assert_cmpstr (out[0].note, ==, "('127.0.0.1', 62793)");
  g_assert_cmpuint (out[0].payload_len, ==, 0);

  g_assert_cmpint (out[1].kind, ==, SB_EVENT_RECV);
  g_assert_cmpint (out[1].result, ==, 11);
  g_assert_cmpuint (out[1].requested, ==, 1024);
  g_assert_null (out[1].note);
  g_assert_cmpuint (out[1].payload_len, ==, 11);

  g_assert_cmpint (out[2].kind, ==, SB_EVENT_SEND);
  g_assert_cmpint (out[2].side, ==, SB_SIDE_CLIENT);
  g_assert_cmpuint (out[2].socket_id, ==, 1);
  g_assert_cmpuint (out[2].payload_len, ==, 14);

  g_assert_cmpint (out[3].kind, ==, SB_EVENT_CLOSE);
  g_assert_cmpuint (out[3].socket_id, ==, 7);
  g_assert_cmpint (out[4].kind, ==, SB_EVENT_RECV);
  g_assert_cmpuint (out[4].payload_len, ==, 4);

  g_assert_cmpint (out[5].kind, ==, SB_EVENT_CONNECT);
  g_assert_cmpint (out[5].detail, ==, SB_CONNECT_REFUSED);
  g_assert_cmpint (out[5].errnum, ==, 111);
  g_assert_cmpint (out[5].result, ==, -1);
  g_assert_cmpuint (out[5].payload_len, ==, 0);
  g_assert_cmpstr (out[5].note, ==, "('127.0.0.1', 15000)");

  /* Times: relative, non-decreasing, and the wall clock derived from one
   * start time. */
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpint (out[i].mono_us, >=, 0);
      g_assert_cmpint (out[i].wall_us - out[i].mono_us, ==, out[0].wall_us - out[0].mono_us);
      if (i > 0)
        g_assert_cmpint (out[i].mono_us, >=, out[i - 1].mono_us);
    }
  g_assert_cmpint (out[0].wall_us, >=, before_wall - G_USEC_PER_SEC);
  g_assert_cmpint (out[5].wall_us, <=, g_get_real_time () + G_USEC_PER_SEC);

  p0 = sb_capture_dup_payload (capture, 0);
  p1 = sb_capture_dup_payload (capture, 1);
  p2 = sb_capture_dup_payload (capture, 2);
  p3 = sb_capture_dup_payload (capture, 4);
  g_assert_cmpuint (g_bytes_get_size (p0), ==, 0);
  g_assert_cmpmem (g_bytes_get_data (p1, NULL), g_bytes_get_size (p1), "Hello World", 11);
  g_assert_cmpmem (g_bytes_get_data (p2, NULL), g_bytes_get_size (p2), "Hello\0Yourself", 14);
  g_assert_cmpmem (g_bytes_get_data (p3, NULL), g_bytes_get_size (p3), "tail", 4);
}

static void
test_copy_payload (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, 11, 64, NULL);
  guint8 buffer[8];

  sb_capture_append (capture, &info, (const guint8 *) "abc", 3);
  sb_capture_append (capture, &info, (const guint8 *) "Hello World", 11);

  g_assert_cmpuint (sb_capture_copy_payload (capture, 1, 0, buffer, 5), ==, 5);
  g_assert_cmpmem (buffer, 5, "Hello", 5);
  g_assert_cmpuint (sb_capture_copy_payload (capture, 1, 6, buffer, sizeof buffer), ==, 5);
  g_assert_cmpmem (buffer, 5, "World", 5);
  g_assert_cmpuint (sb_capture_copy_payload (capture, 1, 10, buffer, sizeof buffer), ==, 1);
  g_assert_cmpint (buffer[0], ==, 'd');
  g_assert_cmpuint (sb_capture_copy_payload (capture, 1, 11, buffer, sizeof buffer), ==, 0);
  g_assert_cmpuint (sb_capture_copy_payload (capture, 1, 500, buffer, sizeof buffer), ==, 0);
  g_assert_cmpuint (sb_capture_copy_payload (capture, 0, 1, buffer, sizeof buffer), ==, 2);
  g_assert_cmpmem (buffer, 2, "bc", 2);
}

static void
test_chunks (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree guint8 *data = g_malloc (SB_CAPTURE_CHUNK_SIZE + MIB);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint64 total = 0;
  guint n;

  sb_capture_set_memory_budget (capture, 0);

  /* Irregular sizes, summing over several chunks, so that many payloads
   * meet a chunk's end; then one bigger than a chunk, then small ones. */
  for (guint i = 0; total < 3 * (guint64) SB_CAPTURE_CHUNK_SIZE + 12345; i++)
    {
      gsize len = (i * 7919u) % 65537u;
      SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, len, 65536, NULL);

      if (i % 2)
        {
          fill_pattern (data, len, i);
          g_assert_cmpuint (sb_capture_append (capture, &info, data, len), ==, i);
        }
      else
        {
          guint8 *dest = sb_capture_reserve (capture, 65537);

          fill_pattern (dest, len, i);
          g_assert_cmpuint (sb_capture_commit (capture, &info, len), ==, i);
        }
      g_array_append_val (lengths, len);
      total += len;
    }

  for (gsize len = SB_CAPTURE_CHUNK_SIZE + MIB; len > 0; len = (len > 100) ? 100 : 0)
    {
      SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, len, len, NULL);
      guint index = lengths->len;

      fill_pattern (data, len, index);
      g_assert_cmpuint (sb_capture_append (capture, &info, data, len), ==, index);
      g_array_append_val (lengths, len);
      total += len;
    }

  n = sb_capture_get_n_recorded (capture);
  g_assert_cmpuint (n, ==, lengths->len);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, total);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      g_assert_cmpuint (info.payload_len, ==, g_array_index (lengths, gsize, i));
      assert_pattern (bytes, info.payload_len, i);
    }
}

static void
test_spill (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GBytes) early = NULL;
  const gsize len = 65536;
  const guint n = 20 * MIB / len;
  guint8 buffer[1000];
  guint notified = 0;

  g_assert_cmpuint (sb_capture_get_memory_budget (capture), ==, 160 * MIB);
  g_object_set (capture, "memory-budget", (guint64) MIB, NULL);
  g_assert_cmpuint (sb_capture_get_memory_budget (capture), ==, MIB);
  g_signal_connect_swapped (capture, "notify::spilled-bytes", G_CALLBACK (count_cb), &notified);
  g_signal_connect_swapped (capture, "notify::payload-bytes", G_CALLBACK (count_cb), &notified);

  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 3, len, len, NULL);
      guint8 *dest = sb_capture_reserve (capture, len);

      fill_pattern (dest, len, i);
      g_assert_cmpuint (sb_capture_commit (capture, &info, len), ==, i);
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        MIB + SB_CAPTURE_FIXED_OVERHEAD);
      if (i == 0)
        early = sb_capture_dup_payload (capture, 0);
    }

  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, 20 * MIB);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >=, 16 * MIB);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture) % SB_CAPTURE_CHUNK_SIZE, ==, 0);

  /* A view handed out before its chunk was spilled stays valid. */
  assert_pattern (early, len, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);

      assert_pattern (bytes, len, i);
    }

  /* Partial reads from the spill file. */
  g_assert_cmpuint (sb_capture_copy_payload (capture, 5, len - 600, buffer, sizeof buffer),
                    ==, 600);
  for (gsize i = 0; i < 600; i++)
    g_assert_cmpint (buffer[i], ==, pattern_byte (5, len - 600 + i));

  /* Counters are announced at flush, not per event. */
  g_assert_cmpuint (notified, ==, 0);
  sb_capture_flush (capture);
  g_assert_cmpuint (notified, ==, 2);
  sb_capture_flush (capture);
  g_assert_cmpuint (notified, ==, 2);

  /* Lowering the budget to the minimum spills every closed chunk. */
  sb_capture_set_memory_budget (capture, 1);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=, SB_CAPTURE_FIXED_OVERHEAD);
  assert_pattern (early, len, 0);
}

/* With a budget of a few chunks, spilled chunks' memory is used again for
 * new ones: a long capture stays within the budget, every byte reads back
 * right, and a view taken before its chunk was spilled keeps its bytes. */
static void
test_spill_reuse (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GBytes) view = NULL;
  const guint64 budget = 3 * SB_CAPTURE_CHUNK_SIZE;
  const gsize len = 65536;
  const guint n = 64 * MIB / len;
  const guint viewed = (SB_CAPTURE_CHUNK_SIZE / len) + 3;  /* in the second chunk */

  sb_capture_set_memory_budget (capture, budget);

  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 3, len, len, NULL);
      guint8 *dest = sb_capture_reserve (capture, len);

      fill_pattern (dest, len, i);
      g_assert_cmpuint (sb_capture_commit (capture, &info, len), ==, i);
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        budget + SB_CAPTURE_FIXED_OVERHEAD);
      if (i == viewed)
        view = sb_capture_dup_payload (capture, i);
    }

  /* Payloads have three quarters of the budget: whole chunks beyond what
   * fits in it were spilled. */
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >=, 64 * MIB - budget);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), <=, 64 * MIB - SB_CAPTURE_CHUNK_SIZE);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture) % SB_CAPTURE_CHUNK_SIZE, ==, 0);
  assert_pattern (view, len, viewed);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);
      guint8 tail[7];

      assert_pattern (bytes, len, i);
      g_assert_cmpuint (sb_capture_copy_payload (capture, i, len - 7, tail, sizeof tail),
                        ==, 7);
      for (gsize j = 0; j < 7; j++)
        g_assert_cmpint (tail[j], ==, pattern_byte (i, len - 7 + j));
    }

  /* Clearing drops it all; the capture is then used again from scratch. */
  sb_capture_clear (capture);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), ==, 0);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), ==, 0);
  assert_pattern (view, len, viewed);
}

/* Payloads of odd sizes: chunks end anywhere, and are spilled all the same
 * (with O_DIRECT, padded to the file system's blocks); every byte reads
 * back from where it went. */
static void
test_spill_odd_sizes (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint64 total = 0;

  sb_capture_set_memory_budget (capture, 2 * SB_CAPTURE_CHUNK_SIZE);

  for (guint i = 0; total < 40 * MIB; i++)
    {
      gsize len = 1 + (i * 7919u) % 65537u;
      SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_CLIENT, 4, len, 65537, NULL);
      guint8 *dest = sb_capture_reserve (capture, 65537);

      fill_pattern (dest, len, i);
      g_assert_cmpuint (sb_capture_commit (capture, &info, len), ==, i);
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        2 * SB_CAPTURE_CHUNK_SIZE + SB_CAPTURE_FIXED_OVERHEAD);
      g_array_append_val (lengths, len);
      total += len;
    }

  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, total);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >=, total - 4 * SB_CAPTURE_CHUNK_SIZE);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), <, total);

  for (guint i = 0; i < lengths->len; i++)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);
      gsize len = g_array_index (lengths, gsize, i);
      guint8 last;

      assert_pattern (bytes, len, i);
      g_assert_cmpuint (sb_capture_copy_payload (capture, i, len - 1, &last, 1), ==, 1);
      g_assert_cmpint (last, ==, pattern_byte (i, len - 1));
    }
}

typedef struct
{
  GMainLoop *loop;
  SbCapture *capture;
  guint      n_signals;
  guint      position;
  guint      removed;
  guint      added;
  guint      n_items_during_append;
  gint64     first_append_at;
  gint64     signalled_at;
  gboolean   timed_out;
} BatchData;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  BatchData  *data)
{
  data->n_signals++;
  data->position = position;
  data->removed = removed;
  data->added = added;
  data->signalled_at = g_get_monotonic_time ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, position + added);
  if (data->loop)
    g_main_loop_quit (data->loop);
}

static gboolean
append_many_cb (gpointer user_data)
{
  BatchData *data = user_data;
  SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, 1, 1, NULL);

  /* The flush timer starts with the first event of a batch. */
  data->first_append_at = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    sb_capture_append (data->capture, &info, (const guint8 *) "x", 1);
  data->n_items_during_append = g_list_model_get_n_items (G_LIST_MODEL (data->capture));

  return G_SOURCE_REMOVE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  BatchData *data = user_data;

  data->timed_out = TRUE;
  g_main_loop_quit (data->loop);

  return G_SOURCE_REMOVE;
}

static void
test_batching (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BatchData data = { loop, capture, };
  guint timeout_id;
  guint n_notify = 0;

  g_signal_connect (capture, "items-changed", G_CALLBACK (items_changed_cb), &data);
  g_signal_connect_swapped (capture, "notify::n-items", G_CALLBACK (count_cb), &n_notify);

  g_idle_add (append_many_cb, &data);
  timeout_id = g_timeout_add_seconds (10, timeout_cb, &data);
  g_main_loop_run (loop);
  g_source_remove (timeout_id);

  g_assert_false (data.timed_out);
  g_assert_cmpuint (data.n_items_during_append, ==, 0);
  g_assert_cmpuint (data.n_signals, ==, 1);
  g_assert_cmpuint (data.position, ==, 0);
  g_assert_cmpuint (data.removed, ==, 0);
  g_assert_cmpuint (data.added, ==, 10000);
  g_assert_cmpint (data.signalled_at - data.first_append_at, >=,
                   SB_CAPTURE_FLUSH_INTERVAL_MS * 1000);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 10000);

  /* Nothing more arrives later: the batch was announced once. */
  timeout_id = g_timeout_add (5 * SB_CAPTURE_FLUSH_INTERVAL_MS, timeout_cb, &data);
  g_main_loop_run (loop);
  g_assert_true (data.timed_out);
  g_assert_cmpuint (data.n_signals, ==, 1);

  /* A second batch continues where the first ended. */
  data.timed_out = FALSE;
  g_idle_add (append_many_cb, &data);
  timeout_id = g_timeout_add_seconds (10, timeout_cb, &data);
  g_main_loop_run (loop);
  g_source_remove (timeout_id);
  g_assert_false (data.timed_out);
  g_assert_cmpuint (data.n_signals, ==, 2);
  g_assert_cmpuint (data.position, ==, 10000);
  g_assert_cmpuint (data.removed, ==, 0);
  g_assert_cmpuint (data.added, ==, 10000);
  g_assert_cmpuint (n_notify, ==, 2);
}

static void
test_flush_now (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BatchData data = { NULL, capture, };
  SbEventInfo info = make_info (SB_EVENT_EOF, SB_SIDE_CLIENT, 1, 0, 1024, NULL);

  g_signal_connect (capture, "items-changed", G_CALLBACK (items_changed_cb), &data);

  sb_capture_append (capture, &info, NULL, 0);
  sb_capture_append (capture, &info, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 0);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 2);

  sb_capture_flush (capture);
  g_assert_cmpuint (data.n_signals, ==, 1);
  g_assert_cmpuint (data.added, ==, 2);

  /* Flushing with nothing new, or the cancelled timeout, says nothing. */
  sb_capture_flush (capture);
  data.loop = loop;
  g_timeout_add (5 * SB_CAPTURE_FLUSH_INTERVAL_MS, timeout_cb, &data);
  g_main_loop_run (loop);
  g_assert_true (data.timed_out);
  g_assert_cmpuint (data.n_signals, ==, 1);
}

static void
test_items (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(SbEvent) event = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *note = NULL;
  SbEventInfo info;
  SbEventKind kind;
  SbSide side;
  guint socket_id, index;
  gint64 result, time_us;
  guint64 requested, payload_length;
  int errnum;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (capture)) == SB_TYPE_EVENT);

  info = make_info (SB_EVENT_ACCEPT, SB_SIDE_SERVER, 2, 5, 0, "('127.0.0.1', 62793)");
  sb_capture_append (capture, &info, NULL, 0);
  info = make_info (SB_EVENT_SEND, SB_SIDE_CLIENT, 1, 4096, 65536, NULL);
  info.errnum = 0;
  sb_capture_append (capture, &info, (const guint8 *) "abcd", 4);

  /* Recorded but not announced yet. */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (capture), 0));
  sb_capture_flush (capture);
  info = make_info (SB_EVENT_CLOSE, SB_SIDE_CLIENT, 1, 0, 0, NULL);
  sb_capture_append (capture, &info, NULL, 0);

  event = g_list_model_get_item (G_LIST_MODEL (capture), 1);
  g_assert_true (SB_IS_EVENT (event));
  g_assert_true (sb_event_get_capture (event) == capture);
  g_assert_cmpuint (sb_event_get_index (event), ==, 1);
  g_assert_cmpint (sb_event_get_kind (event), ==, SB_EVENT_SEND);
  g_assert_cmpint (sb_event_get_side (event), ==, SB_SIDE_CLIENT);
  g_assert_cmpuint (sb_event_get_socket_id (event), ==, 1);
  g_assert_cmpint (sb_event_get_result (event), ==, 4096);
  g_assert_cmpuint (sb_event_get_requested (event), ==, 65536);
  g_assert_cmpuint (sb_event_get_payload_length (event), ==, 4);
  g_assert_null (sb_event_get_note (event));
  payload = sb_event_dup_payload (event);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), "abcd", 4);
  g_clear_object (&event);

  /* Each call makes a new, light object: none is kept. */
  event = g_list_model_get_item (G_LIST_MODEL (capture), 0);
  g_object_get (event,
                "index", &index,
                "kind", &kind,
                "side", &side,
                "socket-id", &socket_id,
                "result", &result,
                "errnum", &errnum,
                "requested", &requested,
                "payload-length", &payload_length,
                "note", &note,
                "time-us", &time_us,
                NULL);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpint (kind, ==, SB_EVENT_ACCEPT);
  g_assert_cmpint (side, ==, SB_SIDE_SERVER);
  g_assert_cmpuint (socket_id, ==, 2);
  g_assert_cmpint (result, ==, 5);
  g_assert_cmpint (errnum, ==, 0);
  g_assert_cmpuint (requested, ==, 0);
  g_assert_cmpuint (payload_length, ==, 0);
  g_assert_cmpstr (note, ==, "('127.0.0.1', 62793)");
  g_assert_cmpint (time_us, ==, sb_event_get_time_us (event));
  g_assert_cmpint (time_us, >=, 0);
  g_assert_cmpint (sb_event_get_wall_us (event) - time_us, >, 0);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (capture), 2));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (capture), 1000));
}

static void
test_clear (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GBytes) kept = NULL;
  BatchData data = { NULL, capture, };
  SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, 5, 5, "x");
  SbEventInfo out;
  const char *note;

  g_assert_cmpuint (sb_capture_new_socket_id (capture), ==, 1);
  g_assert_cmpuint (sb_capture_new_socket_id (capture), ==, 2);
  g_assert_cmpuint (sb_capture_new_socket_id (capture), ==, 3);

  sb_capture_append (capture, &info, (const guint8 *) "hello", 5);
  sb_capture_append (capture, &info, (const guint8 *) "world", 5);
  sb_capture_flush (capture);
  sb_capture_append (capture, &info, (const guint8 *) "again", 5);
  kept = sb_capture_dup_payload (capture, 1);
  g_assert_true (sb_capture_get_info (capture, 0, &out));
  note = out.note;
  g_assert_cmpstr (note, ==, "x");

  g_signal_connect (capture, "items-changed", G_CALLBACK (items_changed_cb), &data);
  sb_capture_clear (capture);
  /* "again" is announced first, then all three go. */
  g_assert_cmpuint (data.n_signals, ==, 2);
  g_assert_cmpuint (data.position, ==, 0);
  g_assert_cmpuint (data.removed, ==, 3);
  g_assert_cmpuint (data.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 0);
  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, 0);
  g_assert_cmpuint (sb_capture_get_payload_bytes (capture), ==, 0);
  g_assert_false (sb_capture_get_info (capture, 0, &out));

  /* A note and a payload handed out before stay intact. */
  g_assert_cmpstr (note, ==, "x");
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "world", 5);

  /* Socket ids keep increasing; event indexes start again. */
  g_assert_cmpuint (sb_capture_new_socket_id (capture), ==, 4);
  info.note = "y";
  g_assert_cmpuint (sb_capture_append (capture, &info, (const guint8 *) "fresh", 5), ==, 0);
  g_assert_true (sb_capture_get_info (capture, 0, &out));
  g_assert_cmpstr (out.note, ==, "y");
  g_assert_cmpuint (sb_capture_copy_payload (capture, 0, 0, (guint8 *) &out, 0), ==, 0);
  sb_capture_flush (capture);
  g_assert_cmpuint (data.n_signals, ==, 3);
  g_assert_cmpuint (data.position, ==, 0);
  g_assert_cmpuint (data.added, ==, 1);

  /* Clearing an empty capture says nothing. */
  sb_capture_clear (capture);
  g_assert_cmpuint (data.n_signals, ==, 4);
  sb_capture_clear (capture);
  g_assert_cmpuint (data.n_signals, ==, 4);
}

static void
read_events_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                GString    *seen)
{
  SbCapture *capture = SB_CAPTURE (model);

  if (removed > 0)
    g_string_append_printf (seen, "-%u ", removed);
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GBytes) payload = sb_capture_dup_payload (capture, i);

      g_string_append_len (seen, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
      g_string_append_c (seen, ' ');
    }
}

/* A reader of the model as a stream of events (the auto-responder reads
 * requests this way) gets each event before a clear removes it, even one
 * recorded after the last flush. */
static void
test_clear_announces_first (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autoptr(GString) seen = g_string_new (NULL);
  SbEventInfo info = make_info (SB_EVENT_RECV, SB_SIDE_SERVER, 1, 3, 3, NULL);

  g_signal_connect (capture, "items-changed", G_CALLBACK (read_events_cb), seen);
  sb_capture_append (capture, &info, (const guint8 *) "one", 3);
  sb_capture_flush (capture);
  sb_capture_append (capture, &info, (const guint8 *) "two", 3);
  sb_capture_clear (capture);
  g_assert_cmpstr (seen->str, ==, "one two -2 ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 0);

  /* Nothing left over to announce later. */
  sb_capture_flush (capture);
  g_assert_cmpstr (seen->str, ==, "one two -2 ");
}

static void
test_overhead (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();

  g_assert_cmpuint (sb_capture_get_overhead_per_event (capture), <=, 48);
  g_assert_cmpuint (sb_capture_get_overhead_per_event (capture), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/round-trip", test_round_trip);
  g_test_add_func ("/capture/copy-payload", test_copy_payload);
  g_test_add_func ("/capture/chunks", test_chunks);
  g_test_add_func ("/capture/spill", test_spill);
  g_test_add_func ("/capture/spill-reuse", test_spill_reuse);
  g_test_add_func ("/capture/spill-odd-sizes", test_spill_odd_sizes);
  g_test_add_func ("/capture/batching", test_batching);
  g_test_add_func ("/capture/flush-now", test_flush_now);
  g_test_add_func ("/capture/items", test_items);
  g_test_add_func ("/capture/clear", test_clear);
  g_test_add_func ("/capture/clear-announces-first", test_clear_announces_first);
  g_test_add_func ("/capture/overhead", test_overhead);

  return g_test_run ();
}
