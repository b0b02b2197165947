/* fuzz-render.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-render"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "fuzz-script.h"
#include "sb-capture.h"
#include "sb-event.h"
#include "sb-payload.h"
#include "sb-stream-text.h"
#include "sb-transcript.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Every renderer of received bytes over a capture made of the input:
 * the event summary and Python line, statements folded and whole, the
 * transcript, the Python script and C program of each side, Follow
 * Stream as text and as a hex dump, and the payload notations. */

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;

  return n;
}

/* The payload notations of one event's bytes, and their round trips. */
static void
check_payload (const guint8 *data,
               gsize         len)
{
  g_autofree char *lines = sb_payload_to_escaped_lines (data, len);
  g_autofree char *python = sb_payload_to_python (data, len);
  g_autofree char *c_array = sb_payload_to_c_array (data, len, "recv 1");
  g_autofree char *dump = sb_payload_to_hexdump (data, len);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;

  /* Each line a piece up to its newline: together, the bytes again. */
  sb_fuzz_assert_text (lines, "\n");
  for (const char *p = lines; *p != '\0'; p++)
    if (*p != '\n')
      g_string_append_c (joined, *p);
  back = sb_payload_parse_escaped (joined->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), data, len);

  sb_fuzz_assert_text (python, NULL);
  g_assert_true (python[0] == 'b' && (python[1] == '\'' || python[1] == '"'));
  g_assert_cmpint (python[strlen (python) - 1], ==, python[1]);
  sb_fuzz_assert_text (c_array, "\n");
  g_assert_true (g_str_has_prefix (c_array, "unsigned char recv_1[] = {\n"));
  sb_fuzz_assert_text (dump, "\n");
  g_assert_cmpuint (count_lines (dump), ==, (len + 15) / 16);
}

/* Follow Stream as text: every line starts with its direction's mark and
 * holds escaped bytes; undone, each direction's bytes come back whole,
 * unless a gap was marked. */
static void
check_stream_text (SbCapture *capture,
                   guint      socket_id)
{
  g_autofree char *text = sb_stream_text_render (capture, socket_id, FALSE);
  g_autofree char *hex = sb_stream_text_render (capture, socket_id, TRUE);
  GByteArray *expected[2] = { g_byte_array_new (), g_byte_array_new () };
  GByteArray *got[2] = { g_byte_array_new (), g_byte_array_new () };
  g_auto(GStrv) lines = NULL;
  gboolean gaps = FALSE;
  SbEventInfo info;
  guint n = sb_capture_get_n_recorded (capture);

  sb_fuzz_assert_text (text, "\n");
  sb_fuzz_assert_text (hex, "\n");

  for (guint i = sb_stream_text_next_event (capture, socket_id, 0, n, &info);
       i != G_MAXUINT;
       i = sb_stream_text_next_event (capture, socket_id, i + 1, n, &info))
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, i);

      if (info.payload_len < (gsize) info.result)
        gaps = TRUE;
      g_byte_array_append (expected[info.kind == SB_EVENT_RECV],
                           g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];
      gboolean received;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (line[0] == '\0' && lines[l + 1] == NULL)
        break;
      received = g_str_has_prefix (line, SB_STREAM_TEXT_RECEIVED_MARK);
      g_assert_true (received || g_str_has_prefix (line, SB_STREAM_TEXT_SENT_MARK));
      if (gaps)
        continue;
      bytes = sb_payload_parse_escaped (line + strlen (SB_STREAM_TEXT_SENT_MARK), NULL, &error);
      g_assert_no_error (error);
      g_byte_array_append (got[received], g_bytes_get_data (bytes, NULL),
                           g_bytes_get_size (bytes));
    }

  for (guint d = 0; d < 2; d++)
    {
      if (!gaps)
        g_assert_cmpmem (got[d]->data, got[d]->len, expected[d]->data, expected[d]->len);
      g_byte_array_unref (got[d]);
      g_byte_array_unref (expected[d]);
    }
}

static void
check_event (SbCapture *capture,
             guint      index,
             gsize      fold_chars)
{
  g_autoptr(SbEvent) event = g_list_model_get_item (G_LIST_MODEL (capture), index);
  g_autofree char *summary = sb_event_dup_summary (event);
  g_autofree char *python = sb_event_dup_python (event);
  g_autofree char *whole = sb_transcript_dup_statement (capture, index, 0);
  g_autofree char *folded = sb_transcript_dup_statement (capture, index, fold_chars);
  g_autofree char *name = sb_transcript_dup_socket_name (capture, sb_event_get_socket_id (event));
  g_autoptr(GBytes) payload = sb_event_dup_payload (event);
  gboolean folds = sb_transcript_folds (capture, index, fold_chars);

  sb_fuzz_assert_text (summary, NULL);
  if (summary[0] == '\0')
    g_error ("event %u (%s) has no summary", index, whole);
  sb_fuzz_assert_text (python, NULL);
  sb_fuzz_assert_text (whole, NULL);
  sb_fuzz_assert_text (folded, NULL);
  sb_fuzz_assert_text (name, NULL);
  g_assert_true (g_ascii_isalpha (name[0]));

  /* Folding changes the line exactly when it says it folds, and keeps
   * the statement before the payload. */
  if (folds)
    {
      g_assert_cmpstr (folded, !=, whole);
      g_assert_nonnull (strstr (folded, "…"));
    }
  else
    g_assert_cmpstr (folded, ==, whole);
  g_assert_cmpstr (python, ==, sb_transcript_folds (capture, index, SB_TRANSCRIPT_FOLD_CHARS)
                               ? python : whole);
  g_assert_cmpuint (sb_transcript_find_comment (whole), <=, strlen (whole));

  if (payload != NULL)
    check_payload (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SbCapture) capture = sb_capture_new ();
  g_autofree char *transcript = NULL;
  guint ids[SB_FUZZ_N_SOCKETS];
  SbFuzzInput input;
  gsize fold_chars;
  guint n;

  sb_fuzz_input_init (&input, data, size);
  fold_chars = 1 + sb_fuzz_input_byte (&input) % 80;
  for (guint s = 0; s < SB_FUZZ_N_SOCKETS; s++)
    ids[s] = sb_capture_new_socket_id (capture);

  while (!sb_fuzz_input_done (&input))
    {
      SbFuzzEvent event;

      sb_fuzz_event_read (&event, &input, ids);
      sb_capture_append (capture, &event.info, event.payload, event.payload_len);
      sb_fuzz_event_clear (&event);
    }
  sb_capture_flush (capture);
  n = sb_capture_get_n_recorded (capture);

  for (guint i = 0; i < n; i++)
    check_event (capture, i, fold_chars);

  /* One line per event after the header. */
  transcript = sb_transcript_dup_text (capture);
  sb_fuzz_assert_text (transcript, "\n");
  g_assert_cmpuint (count_lines (transcript), ==, n + 1);

  for (SbSide side = SB_SIDE_CLIENT; side <= SB_SIDE_SERVER; side++)
    {
      g_autofree char *script = sb_transcript_dup_script (capture, side);
      g_autofree char *program = sb_transcript_dup_c_program (capture, side);

      sb_fuzz_assert_text (script, "\n");
      sb_fuzz_assert_text (program, "\n");
    }

  for (guint s = 0; s < SB_FUZZ_N_SOCKETS; s++)
    check_stream_text (capture, ids[s]);

  return 0;
}
