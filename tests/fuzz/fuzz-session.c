/* fuzz-session.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-session"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Cutting a valid session short is checked for every prefix up to here. */
#define MAX_PREFIX_CHECK 4096

/* The capture's events written as a session file. */
static GBytes *
write_session (SbCapture *capture)
{
  g_autoptr(SbSessionWriter) writer = sb_session_writer_new (capture);
  g_autoptr(GError) error = NULL;
  GByteArray *out = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  while ((n = sb_session_writer_read (writer, buffer, sizeof buffer, &error)) > 0)
    g_byte_array_append (out, buffer, (guint) n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpuint (out->len, ==, sb_session_writer_get_size (writer));

  return g_byte_array_free_to_bytes (out);
}

/* Every event reads back whole: its note is text, its payload as long as
 * it says. */
static void
read_every_event (SbCapture *capture)
{
  guint n = sb_capture_get_n_recorded (capture);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) payload = sb_capture_dup_payload (capture, i);
      SbEventInfo info;

      g_assert_true (sb_capture_get_info (capture, i, &info));
      g_assert_cmpuint (g_bytes_get_size (payload), ==, info.payload_len);
      g_assert_true (info.note == NULL || g_utf8_validate (info.note, -1, NULL));
      g_assert_cmpint (info.detail, >=, 0);
    }
  g_assert_false (sb_capture_get_info (capture, n, &(SbEventInfo) { 0, }));
}

static void
assert_same (SbCapture *a,
             SbCapture *b)
{
  guint n = sb_capture_get_n_recorded (a);

  g_assert_cmpuint (sb_capture_get_n_recorded (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) pa = sb_capture_dup_payload (a, i);
      g_autoptr(GBytes) pb = sb_capture_dup_payload (b, i);
      SbEventInfo x, y;

      g_assert_true (sb_capture_get_info (a, i, &x));
      g_assert_true (sb_capture_get_info (b, i, &y));
      g_assert_cmpint (x.kind, ==, y.kind);
      g_assert_cmpint (x.side, ==, y.side);
      g_assert_cmpuint (x.socket_id, ==, y.socket_id);
      g_assert_cmpint (x.detail, ==, y.detail);
      g_assert_cmpint (x.result, ==, y.result);
      g_assert_cmpint (x.errnum, ==, y.errnum);
      g_assert_cmpuint (x.requested, ==, y.requested);
      g_assert_cmpstr (x.note, ==, y.note);
      g_assert_cmpint (x.mono_us, ==, y.mono_us);
      g_assert_cmpint (x.wall_us, ==, y.wall_us);
      g_assert_true (g_bytes_equal (pa, pb));
      g_assert_cmpuint (sb_capture_get_repeats (a, i), ==, sb_capture_get_repeats (b, i));
    }
}

/* Any bytes: either a clear error naming them, or a session whose every
 * event reads back, which saved again and reopened gives the same events,
 * and which cut short anywhere is refused as truncated. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCapture) capture = sb_session_open_bytes (bytes, "input", &error);
  g_autoptr(SbCapture) again = NULL;
  g_autoptr(GBytes) saved = NULL;

  if (capture == NULL)
    {
      g_assert_error (error, SB_SESSION_ERROR, error->code);
      g_assert_true (g_str_has_prefix (error->message, "Cannot open “input”: "));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_true (sb_capture_is_read_only (capture));
  read_every_event (capture);

  saved = write_session (capture);
  again = sb_session_open_bytes (saved, "saved", &error);
  g_assert_no_error (error);
  assert_same (capture, again);

  if (g_bytes_get_size (saved) <= MAX_PREFIX_CHECK)
    for (gsize cut = 0; cut < g_bytes_get_size (saved); cut++)
      {
        g_autoptr(GBytes) part = g_bytes_new_from_bytes (saved, 0, cut);
        g_autoptr(GError) cut_error = NULL;
        g_autoptr(SbCapture) none = sb_session_open_bytes (part, "part", &cut_error);

        g_assert_null (none);
        g_assert_true (cut == 0 ? g_error_matches (cut_error, SB_SESSION_ERROR,
                                                   SB_SESSION_ERROR_NOT_SESSION)
                                : g_error_matches (cut_error, SB_SESSION_ERROR,
                                                   SB_SESSION_ERROR_TRUNCATED));
      }

  return 0;
}
