/* test-capture-spill.c — event records spill under the memory budget and
 * read back byte-exact; chunk memory is recycled
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-capture-spill"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-capture-helper.h"

#define MIB (1024 * 1024)

/* sb_capture_get_overhead_per_event (), checked below. */
#define RECORD_SIZE 48

/* Chunks the arena's preparer thread may be faulting in when the capture
 * is cleared (PREPARE_AHEAD in sb-capture-arena.c): they reach the pool
 * only after the clear, so a refill may map that many afresh.  A refill of
 * 24 MiB without recycling maps 6 or more. */
#define IN_FLIGHT 3

static const char *const notes[] = {
  NULL,
  "('127.0.0.1', 62793)",
  "Connection refused",
  "AF_INET, SOCK_STREAM",
  "('::1', 8080, 0, 0)",
};

/* Every field of event @i of a run named by @seed, so that a record read
 * from the wrong place, or a field lost on the way, cannot pass. */
static SbEventInfo
expected_info (guint i,
               guint seed)
{
  SbEventInfo info = { 0, };
  guint k = i * 2654435761u + seed;

  info.kind = (SbEventKind) (k % (SB_EVENT_RECVFROM + 1));
  info.side = (k >> 5) & 1 ? SB_SIDE_SERVER : SB_SIDE_CLIENT;
  info.socket_id = 1 + (k >> 7) % 997;
  /* Now and then a detail too big for the record, kept aside. */
  info.detail = (i % 97 == 3) ? 127 + (int) (k % 100000) : (int) ((k >> 3) % 127);
  info.result = ((i & 1) ? -1 : 1) * ((gint64) k * 4099 + i);
  info.errnum = (i % 5 == 0) ? (int) (k % 4000) : 0;
  info.requested = (gsize) k * 65537u + seed;
  info.note = notes[(k >> 11) % G_N_ELEMENTS (notes)];
  info.payload_len = (i % 7 == 0) ? 0 : 1 + (k >> 13) % 4096;

  return info;
}

static inline guint8
pattern_byte (guint i,
              guint seed,
              gsize pos)
{
  return (guint8) ((i * 131u + seed * 17u + pos * 7u + (pos >> 8)) & 0xff);
}

/* Records event @i; returns its payload length. */
static gsize
append_event (SbCapture *capture,
              guint      i,
              guint      seed)
{
  SbEventInfo info = expected_info (i, seed);
  gsize len = info.payload_len;
  guint8 *dest;

  if (len == 0)
    g_assert_cmpuint (sb_capture_append (capture, &info, NULL, 0), ==, i);
  else
    {
      dest = sb_capture_reserve (capture, 4096);
      for (gsize j = 0; j < len; j++)
        dest[j] = pattern_byte (i, seed, j);
      g_assert_cmpuint (sb_capture_commit (capture, &info, len), ==, i);
    }

  return len;
}

/* Reads event @i back: every field of SbEventInfo and every payload byte. */
static void
check_event (SbCapture *capture,
             guint      i,
             guint      seed,
             gint64     mono_us,
             gint64     wall_offset)
{
  SbEventInfo want = expected_info (i, seed);
  SbEventInfo got;
  g_autoptr(GBytes) payload = NULL;
  const guint8 *data;
  gsize size;
  guint8 tail[3];

  g_assert_true (sb_capture_get_info (capture, i, &got));
  g_assert_cmpint (got.kind, ==, want.kind);
  g_assert_cmpint (got.side, ==, want.side);
  g_assert_cmpuint (got.socket_id, ==, want.socket_id);
  g_assert_cmpint (got.detail, ==, want.detail);
  g_assert_cmpint (got.result, ==, want.result);
  g_assert_cmpint (got.errnum, ==, want.errnum);
  g_assert_cmpuint (got.requested, ==, want.requested);
  g_assert_cmpstr (got.note, ==, want.note);
  g_assert_cmpuint (got.payload_len, ==, want.payload_len);
  g_assert_cmpint (got.mono_us, ==, mono_us);
  g_assert_cmpint (got.wall_us - got.mono_us, ==, wall_offset);

  payload = sb_capture_dup_payload (capture, i);
  g_assert_nonnull (payload);
  data = g_bytes_get_data (payload, &size);
  g_assert_cmpuint (size, ==, want.payload_len);
  for (gsize j = 0; j < size; j++)
    if (data[j] != pattern_byte (i, seed, j))
      g_error ("event %u: payload byte %" G_GSIZE_FORMAT " is %02x, expected %02x",
               i, j, data[j], pattern_byte (i, seed, j));
  if (size >= sizeof tail)
    {
      g_assert_cmpuint (sb_capture_copy_payload (capture, i, size - sizeof tail,
                                                 tail, sizeof tail), ==, sizeof tail);
      for (gsize j = 0; j < sizeof tail; j++)
        g_assert_cmpint (tail[j], ==, pattern_byte (i, seed, size - sizeof tail + j));
    }
}

/* The time and wall-clock offset of each event, taken while it is still
 * in memory, to compare with what comes back from the file. */
typedef struct
{
  gint64 *mono_us;
  guint   n;
  gint64  wall_offset;
} Times;

static void
note_time (SbCapture *capture,
           Times     *times,
           guint      i)
{
  SbEventInfo info;

  g_assert_cmpuint (i, <, times->n);
  g_assert_true (sb_capture_get_info (capture, i, &info));
  times->mono_us[i] = info.mono_us;
  times->wall_offset = info.wall_us - info.mono_us;
  if (i > 0)
    g_assert_cmpint (info.mono_us, >=, times->mono_us[i - 1]);
}

static void
capture_and_check (SbCapture *capture,
                   guint      n,
                   guint      seed)
{
  guint64 budget = sb_capture_get_memory_budget (capture);
  Times times = { g_new (gint64, n), n, 0 };

  for (guint i = 0; i < n; i++)
    {
      append_event (capture, i, seed);
      note_time (capture, &times, i);
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        budget + SB_CAPTURE_FIXED_OVERHEAD);
    }

  g_assert_cmpuint (sb_capture_get_n_recorded (capture), ==, n);
  /* The records alone are several times the budget: most were spilled. */
  g_assert_cmpuint (sb_capture_get_spilled_record_bytes (capture), >=,
                    (guint64) n * RECORD_SIZE - budget - SB_CAPTURE_FIXED_OVERHEAD);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >, 0);

  /* In order, backwards, and jumping about (as rows on screen come and go). */
  for (guint i = 0; i < n; i++)
    check_event (capture, i, seed, times.mono_us[i], times.wall_offset);
  for (guint i = n; i-- > 0;)
    check_event (capture, i, seed, times.mono_us[i], times.wall_offset);
  for (guint i = 0, j = 0; i < n; i++, j = (j + 104729) % n)
    check_event (capture, j, seed, times.mono_us[j], times.wall_offset);

  g_free (times.mono_us);
}

/* With a budget of 1 MiB, 300,000 events (14 MB of records) spill records
 * and payloads; each reads back whole, and again after a clear, when the
 * capture starts over with other events. */
static void
test_records_spill_clear (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  const guint n = 300000;
  SbEventInfo info;

  sb_capture_set_memory_budget (capture, MIB);
  capture_and_check (capture, n, 1);

  sb_capture_clear (capture);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), ==, 0);
  g_assert_cmpuint (sb_capture_get_spilled_record_bytes (capture), ==, 0);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), ==, 0);
  g_assert_false (sb_capture_get_info (capture, 0, &info));

  capture_and_check (capture, n, 2);
}

static guint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* 1 GiB of payloads of 1 to 4096 bytes (about half a million events, 25 MB
 * of records) with a budget of 16 MiB: the capture's memory, and the
 * process's resident memory, stay within the budget plus the promised
 * overhead all along; spilled chunks' memory is used again rather than
 * mapped afresh; every event reads back whole. */
static void
test_gib_small_budget (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  const guint64 budget = 16 * MIB;
  const guint64 total = (guint64) 1 << 30;
  const guint max_events = 700000;
  /* Allocated and touched before the baseline, so not counted in it. */
  Times times = { g_new0 (gint64, max_events), max_events, 0 };
  guint64 rss_base_kib, rss_max_kib = 0;
  guint64 mapped_before;
  guint64 captured = 0;
  guint n = 0;

  sb_capture_set_memory_budget (capture, budget);
  sb_chunk_pool_drain ();
  memset (times.mono_us, 0xff, max_events * sizeof (gint64));
  rss_base_kib = read_status_kib ("VmRSS:");
  mapped_before = sb_chunk_memory_get_n_mapped ();

  while (captured < total)
    {
      captured += append_event (capture, n, 3);
      note_time (capture, &times, n);
      n++;
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        budget + SB_CAPTURE_FIXED_OVERHEAD);
      if (n % 4096 == 0)
        rss_max_kib = MAX (rss_max_kib, read_status_kib ("VmRSS:"));
    }

  g_test_message ("%u events, %" G_GUINT64_FORMAT " MiB of payloads spilled, %"
                  G_GUINT64_FORMAT " MiB of records; resident at most %"
                  G_GUINT64_FORMAT " KiB over the start; %" G_GUINT64_FORMAT
                  " chunks mapped",
                  n, sb_capture_get_spilled_bytes (capture) >> 20,
                  sb_capture_get_spilled_record_bytes (capture) >> 20,
                  rss_max_kib - rss_base_kib,
                  sb_chunk_memory_get_n_mapped () - mapped_before);

  /* The records alone are more than the budget: they spilled too. */
  g_assert_cmpuint ((guint64) n * RECORD_SIZE, >, budget);
  g_assert_cmpuint (sb_capture_get_spilled_record_bytes (capture), >=,
                    (guint64) n * RECORD_SIZE - budget);
  g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), >=, total - budget);

  /* Memory: what the capture holds, plus the read-back windows, the
   * process's heap noise and the side tables, within 2 MiB. */
  g_assert_cmpuint (rss_max_kib - rss_base_kib, <=,
                    (budget + SB_CAPTURE_FIXED_OVERHEAD + 2 * MIB) / 1024);

  /* Chunks spilled are used again: 1 GiB went through no more fresh
   * mappings than the budget, the overhead and the spares ahead hold. */
  g_assert_cmpuint (sb_chunk_memory_get_n_mapped () - mapped_before, <=,
                    (budget + SB_CAPTURE_FIXED_OVERHEAD) / SB_CAPTURE_CHUNK_SIZE + 2 * 3);

  for (guint i = 0; i < n; i++)
    check_event (capture, i, 3, times.mono_us[i], times.wall_offset);
  for (guint i = 0, j = 0; i < 20000; i++, j = (j + 104729) % n)
    check_event (capture, j, 3, times.mono_us[j], times.wall_offset);

  /* And again after a clear, from the same memory. */
  sb_capture_clear (capture);
  mapped_before = sb_chunk_memory_get_n_mapped ();
  for (guint i = 0; i < 50000; i++)
    {
      append_event (capture, i, 4);
      note_time (capture, &times, i);
    }
  for (guint i = 0; i < 50000; i++)
    check_event (capture, i, 4, times.mono_us[i], times.wall_offset);
  g_assert_cmpuint (sb_chunk_memory_get_n_mapped (), <=, mapped_before + IN_FLIGHT);

  g_free (times.mono_us);
}

static void
fill (SbCapture *capture,
      guint64    bytes,
      gboolean   in_memory)
{
  const gsize len = 65536;
  SbEventInfo info = { 0, };

  info.kind = SB_EVENT_RECV;
  info.side = SB_SIDE_SERVER;
  info.socket_id = 1;
  for (guint64 done = 0; done < bytes; done += len)
    {
      guint8 *dest = sb_capture_reserve (capture, len);

      memset (dest, (int) (done >> 16), len);
      info.result = (gint64) len;
      info.requested = len;
      sb_capture_commit (capture, &info, len);
    }
  if (in_memory)
    g_assert_cmpuint (sb_capture_get_spilled_bytes (capture), ==, 0);
}

/* Chunk memory let go at a clear, or when a capture is freed, is kept for
 * the next one: a second capture of the same size maps nothing new. */
static void
test_recycled (void)
{
  const guint64 budget = 64 * MIB;
  SbCapture *capture = sb_capture_new ();
  guint64 mapped;

  sb_chunk_pool_drain ();
  sb_capture_set_memory_budget (capture, budget);

  mapped = sb_chunk_memory_get_n_mapped ();
  fill (capture, 24 * MIB, TRUE);
  g_assert_cmpuint (sb_chunk_memory_get_n_mapped () - mapped, >=, 6);

  sb_capture_clear (capture);
  g_assert_cmpuint (sb_capture_get_resident_bytes (capture), ==, 0);
  g_assert_cmpuint (sb_chunk_pool_get_bytes (), >=, 24 * MIB);
  g_assert_cmpuint (sb_chunk_pool_get_bytes (), <=, budget + SB_CAPTURE_FIXED_OVERHEAD);

  mapped = sb_chunk_memory_get_n_mapped ();
  fill (capture, 24 * MIB, TRUE);
  g_assert_cmpuint (sb_chunk_memory_get_n_mapped (), <=, mapped + IN_FLIGHT);

  /* Across captures. */
  g_object_unref (capture);
  capture = sb_capture_new ();
  sb_capture_set_memory_budget (capture, budget);
  fill (capture, 24 * MIB, TRUE);
  g_assert_cmpuint (sb_chunk_memory_get_n_mapped (), <=, mapped + IN_FLIGHT);

  /* The pool holds no more than the capture may: the budget and the
   * overhead. */
  fill (capture, 80 * MIB, FALSE);
  g_object_unref (capture);
  g_assert_cmpuint (sb_chunk_pool_get_bytes (), <=, budget + SB_CAPTURE_FIXED_OVERHEAD);
  g_assert_cmpuint (sb_chunk_pool_get_bytes (), >=, budget / 2);
}

/* The budget covers records: a capture of small events stays within it. */
static void
test_overhead_counts_records (void)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();

  g_assert_cmpuint (sb_capture_get_overhead_per_event (capture), ==, 48);
  sb_capture_set_memory_budget (capture, 8 * MIB);
  for (guint i = 0; i < 400000; i++)
    {
      append_event (capture, i, 5);
      g_assert_cmpuint (sb_capture_get_resident_bytes (capture), <=,
                        8 * MIB + SB_CAPTURE_FIXED_OVERHEAD);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture-spill/records-spill-clear", test_records_spill_clear);
  g_test_add_func ("/capture-spill/recycled", test_recycled);
  g_test_add_func ("/capture-spill/overhead-counts-records", test_overhead_counts_records);
  g_test_add_func ("/capture-spill/gib-small-budget", test_gib_small_budget);

  return g_test_run ();
}
