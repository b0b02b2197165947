/* fuzz-payload.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-payload"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "sb-payload.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* No raw C0/C1 control, DEL, line/paragraph separator or bidi control. */
static void
assert_displayable (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c >= 0x20 && (c < 0x7f || c >= 0xa0));
      g_assert_true (c != 0x2028 && c != 0x2029);
      g_assert_true (c < 0x202a || c > 0x202e);
      g_assert_true (c < 0x2066 || c > 0x2069);
    }
}

static void
assert_printable_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true (*p == '\n' || (*p >= 0x20 && *p < 0x7f));
}

static void
assert_same (GBytes        *bytes,
             const uint8_t *data,
             size_t         size)
{
  gsize len;
  const guint8 *got;

  g_assert_nonnull (bytes);
  got = g_bytes_get_data (bytes, &len);
  g_assert_cmpmem (got, len, data, size);
}

/* The input as bytes: every renderer, and the round trips. */
static void
check_renderers (const uint8_t *data,
                 size_t         size)
{
  g_autofree char *escaped = sb_payload_to_escaped (data, size, 0);
  g_autofree char *cut = sb_payload_to_escaped (data, size, 1 + size % 23);
  g_autofree char *hex = sb_payload_to_hex (data, size);
  g_autofree char *dump = sb_payload_to_hexdump (data, size);
  g_autofree char *python = sb_payload_to_python (data, size);
  g_autofree char *c_array = sb_payload_to_c_array (data, size, "fuzz");
  g_autoptr(GBytes) from_escaped = NULL;
  g_autoptr(GBytes) from_hex = NULL;
  g_autoptr(GError) error = NULL;

  assert_displayable (escaped);
  assert_displayable (cut);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, 1 + size % 23);
  if (strcmp (cut, escaped) != 0)
    g_assert_true (g_str_has_suffix (cut, "…"));

  from_escaped = sb_payload_parse_escaped (escaped, NULL, &error);
  g_assert_no_error (error);
  assert_same (from_escaped, data, size);

  from_hex = sb_payload_parse_hex (hex, NULL, &error);
  g_assert_no_error (error);
  assert_same (from_hex, data, size);

  assert_printable_ascii (hex);
  assert_printable_ascii (dump);
  assert_printable_ascii (python);
  assert_printable_ascii (c_array);
  /* "00000000: " + 40 hex columns + " " + the characters + "\n" per line. */
  g_assert_cmpuint (strlen (dump), ==, (size + 15) / 16 * 52 + size);
}

/* The input as typed text, in either format. */
static void
check_parser (const char      *text,
              SbPayloadFormat  format)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset = G_MAXSIZE;

  bytes = sb_payload_parse (text, format, &offset, &error);

  if (bytes == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SB_INPUT_ERROR);
      assert_displayable (error->message);
      g_assert_cmpuint (offset, <=, strlen (text));
      if (g_utf8_validate (text, -1, NULL))
        g_assert_cmpuint (offset, <, g_utf8_strlen (text, -1) + 1);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (offset, ==, G_MAXSIZE);

  /* Whatever parsed renders back to text that parses to the same bytes. */
  {
    gsize len;
    const guint8 *data = g_bytes_get_data (bytes, &len);
    g_autofree char *rendered = NULL;
    g_autoptr(GBytes) again = NULL;

    rendered = format == SB_PAYLOAD_HEX ? sb_payload_to_hex (data, len)
                                        : sb_payload_to_escaped (data, len, 0);
    again = sb_payload_parse (rendered, format, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (bytes, again));

    if (format == SB_PAYLOAD_HEX)
      g_assert_cmpuint (len * 2, <=, strlen (text));
    else
      g_assert_cmpuint (len, <=, strlen (text));
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);

  /* NUL-terminated; text stops at an embedded NUL, as a GtkEntry would. */
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  check_renderers (data, size);
  check_parser (text, SB_PAYLOAD_TEXT);
  check_parser (text, SB_PAYLOAD_HEX);

  return 0;
}
