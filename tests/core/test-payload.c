/* test-payload.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-payload"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sb-payload.h"

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gsize       expected_len)
{
  gsize len;
  const guint8 *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpmem (data, len, expected, expected_len);
}

typedef struct
{
  const char *text;
  const char *bytes;
  gsize       len;
} ParseCase;

static void
test_escaped_parse (void)
{
  static const ParseCase cases[] = {
    { "", "", 0 },
    { "Hello", "Hello", 5 },
    { "GET / HTTP/1.0\\r\\n\\r\\n", "GET / HTTP/1.0\r\n\r\n", 18 },
    { "a\\tb\\\\c\\0d", "a\tb\\c\0d", 7 },
    { "\\x00\\x7f\\xFF\\xab", "\x00\x7f\xff\xab", 4 },
    { "\\'\\\"\\a\\b\\f\\v", "'\"\a\b\f\v", 6 },
    { "\\01", "\0" "1", 2 },
    { "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac", 9 },
    { "'\"", "'\"", 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = sb_payload_parse_escaped (cases[i].text, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, cases[i].bytes, cases[i].len);

      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = sb_payload_parse (cases[i].text, SB_PAYLOAD_TEXT, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, cases[i].bytes, cases[i].len);
    }
}

typedef struct
{
  const char   *text;
  SbInputError  code;
  gsize         offset;
  const char   *message;
} ErrorCase;

static void
check_errors (const ErrorCase *cases,
              gsize            n_cases,
              SbPayloadFormat  format)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize offset = 12345;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      bytes = sb_payload_parse (cases[i].text, format, &offset, &error);
      g_assert_null (bytes);
      g_assert_error (error, SB_INPUT_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (offset, ==, cases[i].offset);

      /* A NULL offset pointer is fine too. */
      g_clear_error (&error);
      bytes = sb_payload_parse (cases[i].text, format, NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, SB_INPUT_ERROR, (int) cases[i].code);
    }
}

static void
test_escaped_errors (void)
{
  static const ErrorCase cases[] = {
    { "abc\\x4", SB_INPUT_ERROR_ESCAPE, 3,
      "incomplete escape '\\x4' at 3: \\x needs two hex digits" },
    { "abc\\x4g", SB_INPUT_ERROR_ESCAPE, 3,
      "incomplete escape '\\x4' at 3: \\x needs two hex digits" },
    { "\\x", SB_INPUT_ERROR_ESCAPE, 0,
      "incomplete escape '\\x' at 0: \\x needs two hex digits" },
    { "\\xg1", SB_INPUT_ERROR_ESCAPE, 0,
      "incomplete escape '\\x' at 0: \\x needs two hex digits" },
    { "\\X41", SB_INPUT_ERROR_ESCAPE, 0, "unknown escape '\\X' at 0" },
    { "ab\\q", SB_INPUT_ERROR_ESCAPE, 2, "unknown escape '\\q' at 2" },
    /* Offsets count characters, not bytes: é is two bytes. */
    { "\xc3\xa9\xc3\xa9\\q", SB_INPUT_ERROR_ESCAPE, 2, "unknown escape '\\q' at 2" },
    { "\\x41\\z", SB_INPUT_ERROR_ESCAPE, 4, "unknown escape '\\z' at 4" },
    { "x\\\xc3\xa9", SB_INPUT_ERROR_ESCAPE, 1, "unknown escape '\\\xc3\xa9' at 1" },
    /* The offending character never reaches the message raw. */
    { "\\\x1b", SB_INPUT_ERROR_ESCAPE, 0, "unknown escape '\\\\x1b' at 0" },
    { "abc\\", SB_INPUT_ERROR_ESCAPE, 3,
      "incomplete escape '\\' at 3: write \\\\ for a backslash" },
    { "\\\\\\", SB_INPUT_ERROR_ESCAPE, 2,
      "incomplete escape '\\' at 2: write \\\\ for a backslash" },
    { "ab\xff", SB_INPUT_ERROR_ESCAPE, 2, "invalid UTF-8 byte '\\xff' at 2" },
  };

  check_errors (cases, G_N_ELEMENTS (cases), SB_PAYLOAD_TEXT);
}

static void
test_hex_parse (void)
{
  static const ParseCase cases[] = {
    { "", "", 0 },
    { "   ", "", 0 },
    { "48656c6c6f", "Hello", 5 },
    { "48 65 6C 6c 6F", "Hello", 5 },
    { "4865 6c6c 6f0a", "Hello\n", 6 },
    { "de:ad:BE:ef", "\xde\xad\xbe\xef", 4 },
    { "de-ad\tbe\nef\r\n", "\xde\xad\xbe\xef", 4 },
    { "0x480x65", "He", 2 },
    { "00", "\0", 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = sb_payload_parse (cases[i].text, SB_PAYLOAD_HEX, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (bytes, cases[i].bytes, cases[i].len);
    }
}

static void
test_hex_errors (void)
{
  static const ErrorCase cases[] = {
    { "zz", SB_INPUT_ERROR_HEX_DIGIT, 0, "invalid hex digit 'z' at 0" },
    { "48 6z", SB_INPUT_ERROR_HEX_DIGIT, 4, "invalid hex digit 'z' at 4" },
    { "48,65", SB_INPUT_ERROR_HEX_DIGIT, 2, "invalid hex digit ',' at 2" },
    { "0x", SB_INPUT_ERROR_HEX_DIGIT, 1, "invalid hex digit 'x' at 1" },
    { "\xc3\xa9" "00", SB_INPUT_ERROR_HEX_DIGIT, 0, "invalid hex digit '\xc3\xa9' at 0" },
    { "00\x01", SB_INPUT_ERROR_HEX_DIGIT, 2, "invalid hex digit '\\x01' at 2" },
    { "00\xe2\x80\xae", SB_INPUT_ERROR_HEX_DIGIT, 2, "invalid hex digit '\\xe2\\x80\\xae' at 2" },
    { "486", SB_INPUT_ERROR_HEX_ODD, 2,
      "odd number of hex digits: the last byte at 2 needs a second digit" },
    { "48 6 5", SB_INPUT_ERROR_HEX_ODD, 3,
      "odd number of hex digits: the last byte at 3 needs a second digit" },
    { "4", SB_INPUT_ERROR_HEX_ODD, 0,
      "odd number of hex digits: the last byte at 0 needs a second digit" },
    { "0x4", SB_INPUT_ERROR_HEX_ODD, 2,
      "odd number of hex digits: the last byte at 2 needs a second digit" },
    { "4\xff", SB_INPUT_ERROR_HEX_DIGIT, 1, "invalid UTF-8 byte '\\xff' at 1" },
  };

  check_errors (cases, G_N_ELEMENTS (cases), SB_PAYLOAD_HEX);
}

typedef struct
{
  const char *bytes;
  gsize       len;
  const char *escaped;
} RenderCase;

static void
test_to_escaped (void)
{
  static const RenderCase cases[] = {
    { "", 0, "" },
    { "Hello\r\n", 7, "Hello\\r\\n" },
    { "\0\t\\'\"", 5, "\\0\\t\\\\'\"" },
    { "\x01\x1b[31m\x7f", 7, "\\x01\\x1b[31m\\x7f" },
    { "caf\xc3\xa9", 5, "caf\xc3\xa9" },
    { "\xe2\x82\xac\xf0\x9f\x98\x80", 7, "\xe2\x82\xac\xf0\x9f\x98\x80" },
    /* Invalid UTF-8 byte by byte. */
    { "\xff\xfe\xc3", 3, "\\xff\\xfe\\xc3" },
    { "\xc3(", 2, "\\xc3(" },
    { "\xed\xa0\x80", 3, "\\xed\\xa0\\x80" },
    /* C1 controls U+0080..U+009F, U+0085. */
    { "\xc2\x80\xc2\x85\xc2\x9f", 6, "\\xc2\\x80\\xc2\\x85\\xc2\\x9f" },
    /* Line and paragraph separators. */
    { "\xe2\x80\xa8\xe2\x80\xa9", 6, "\\xe2\\x80\\xa8\\xe2\\x80\\xa9" },
    /* Bidi controls U+202A..U+202E, U+2066..U+2069, and marks. */
    { "\xe2\x80\xaa\xe2\x80\xae", 6, "\\xe2\\x80\\xaa\\xe2\\x80\\xae" },
    { "\xe2\x81\xa6\xe2\x81\xa9", 6, "\\xe2\\x81\\xa6\\xe2\\x81\\xa9" },
    { "\xe2\x80\x8f\xd8\x9c", 5, "\\xe2\\x80\\x8f\\xd8\\x9c" },
    /* Zero-width space and BOM. */
    { "\xe2\x80\x8b\xef\xbb\xbf", 6, "\\xe2\\x80\\x8b\\xef\\xbb\\xbf" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = sb_payload_to_escaped ((const guint8 *) cases[i].bytes,
                                                        cases[i].len, 0);
      g_autoptr(GBytes) back = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
      back = sb_payload_parse_escaped (escaped, NULL, &error);
      g_assert_no_error (error);
      assert_bytes (back, cases[i].bytes, cases[i].len);
    }
}

static void
test_to_escaped_cut (void)
{
  static const struct
  {
    const char *bytes;
    gsize       max_chars;
    const char *escaped;
  } cases[] = {
    { "Hello", 0, "Hello" },
    { "Hello", 5, "Hello" },
    { "Hello", 6, "Hello" },
    { "Hello", 4, "Hel…" },
    { "Hello", 1, "…" },
    { "ab\r\n", 4, "ab…" },
    { "ab\r\n", 5, "ab\\r…" },
    { "ab\r\n", 6, "ab\\r\\n" },
    { "a\x01\x02", 6, "a\\x01…" },
    { "a\x01\x02", 5, "a…" },
    { "a\x01\x02", 4, "a…" },
    { "\xc3\xa9\xc3\xa9\xc3\xa9", 2, "\xc3\xa9…" },
    { "\xc3\xa9\xc3\xa9\xc3\xa9", 3, "\xc3\xa9\xc3\xa9\xc3\xa9" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = NULL;

      escaped = sb_payload_to_escaped ((const guint8 *) cases[i].bytes,
                                       strlen (cases[i].bytes), cases[i].max_chars);
      g_assert_cmpstr (escaped, ==, cases[i].escaped);
      if (cases[i].max_chars > 0)
        g_assert_cmpuint (g_utf8_strlen (escaped, -1), <=, cases[i].max_chars);
    }
}

static GBytes *
random_bytes (gsize max_len)
{
  gsize len = g_test_rand_int_range (0, max_len + 1);
  guint8 *data = g_malloc (len + 1);
  int mode = g_test_rand_int_range (0, 3);
  /* The bytes the notations treat specially; the NUL at the end too. */
  static const char special[] = "\\x'\"0\r\n\t\xc3\xa9\xe2\x80\xae";

  for (gsize i = 0; i < len; i++)
    {
      if (mode == 0)
        data[i] = g_test_rand_int_range (0, 256);
      else if (mode == 1)
        data[i] = special[g_test_rand_int_range (0, sizeof special)];
      else
        data[i] = g_test_rand_int_range (0x20, 0x80);
    }

  return g_bytes_new_take (data, len);
}

/* No raw C0/C1 control, DEL, line separator or bidi control survives. */
static void
assert_no_controls (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c >= 0x20);
      g_assert_true (c < 0x7f || c >= 0xa0);
      g_assert_true (c != 0x2028 && c != 0x2029);
      g_assert_true (c < 0x202a || c > 0x202e);
      g_assert_true (c < 0x2066 || c > 0x2069);
    }
}

static void
test_round_trips (void)
{
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GBytes) bytes = random_bytes (64);
      g_autoptr(GBytes) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *hex = NULL;
      g_autofree char *hexdump = NULL;
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      escaped = sb_payload_to_escaped (data, len, 0);
      assert_no_controls (escaped);
      back = sb_payload_parse (escaped, SB_PAYLOAD_TEXT, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, back));
      g_clear_pointer (&back, g_bytes_unref);

      hex = sb_payload_to_hex (data, len);
      g_assert_cmpuint (strlen (hex), ==, len == 0 ? 0 : len * 3 - 1);
      back = sb_payload_parse (hex, SB_PAYLOAD_HEX, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, back));

      hexdump = sb_payload_to_hexdump (data, len);
      g_assert_true (g_str_is_ascii (hexdump));
    }
}

static void
test_to_hex (void)
{
  g_autofree char *empty = sb_payload_to_hex (NULL, 0);
  g_autofree char *hello = sb_payload_to_hex ((const guint8 *) "Hel\xff", 4);

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (hello, ==, "48 65 6c ff");
}

static guint8 *
byte_range (gsize len)
{
  guint8 *data = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    data[i] = i;
  return data;
}

/* Expectations captured from xxd 2022-01-14 (Debian 12's vim 9.0.1378). */
static void
test_hexdump_baked (void)
{
  g_autofree guint8 *data = byte_range (256);
  g_autofree char *hello = sb_payload_to_hexdump ((const guint8 *) "Hello\n", 6);
  g_autofree char *part = sb_payload_to_hexdump (data, 37);
  g_autofree char *full = sb_payload_to_hexdump (data, 256);
  g_autofree char *empty = sb_payload_to_hexdump (NULL, 0);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (hello, ==,
                   "00000000: 4865 6c6c 6f0a                           Hello.\n");
  g_assert_cmpstr (part, ==,
                   "00000000: 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f  ................\n"
                   "00000010: 1011 1213 1415 1617 1819 1a1b 1c1d 1e1f  ................\n"
                   "00000020: 2021 2223 24                              !\"#$\n");
  g_assert_cmpstr (empty, ==, "");

  lines = g_strsplit (full, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 17);
  g_assert_cmpstr (lines[0], ==,
                   "00000000: 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f  ................");
  g_assert_cmpstr (lines[7], ==,
                   "00000070: 7071 7273 7475 7677 7879 7a7b 7c7d 7e7f  pqrstuvwxyz{|}~.");
  g_assert_cmpstr (lines[15], ==,
                   "000000f0: f0f1 f2f3 f4f5 f6f7 f8f9 fafb fcfd feff  ................");
  g_assert_cmpstr (lines[16], ==, "");
}

static void
test_c_array_baked (void)
{
  g_autofree guint8 *data = byte_range (37);
  g_autofree char *part = sb_payload_to_c_array (data, 37, "h2");
  g_autofree char *twelve = sb_payload_to_c_array ((const guint8 *) "0123456789ab", 12, "h4");
  g_autofree char *empty = sb_payload_to_c_array (NULL, 0, "empty.bin");
  g_autofree char *digit = sb_payload_to_c_array ((const guint8 *) "abc", 3, "1.bin");
  g_autofree char *unnamed = sb_payload_to_c_array ((const guint8 *) "a", 1, NULL);

  g_assert_cmpstr (part, ==,
                   "unsigned char h2[] = {\n"
                   "  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,\n"
                   "  0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,\n"
                   "  0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,\n"
                   "  0x24\n"
                   "};\n"
                   "unsigned int h2_len = 37;\n");
  g_assert_cmpstr (twelve, ==,
                   "unsigned char h4[] = {\n"
                   "  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62\n"
                   "};\n"
                   "unsigned int h4_len = 12;\n");
  g_assert_cmpstr (empty, ==,
                   "unsigned char empty_bin[] = {\n"
                   "};\n"
                   "unsigned int empty_bin_len = 0;\n");
  g_assert_cmpstr (digit, ==,
                   "unsigned char __1_bin[] = {\n"
                   "  0x61, 0x62, 0x63\n"
                   "};\n"
                   "unsigned int __1_bin_len = 3;\n");
  g_assert_cmpstr (unnamed, ==,
                   "unsigned char payload[] = {\n"
                   "  0x61\n"
                   "};\n"
                   "unsigned int payload_len = 1;\n");
}

/* Runs the real xxd (if installed) on random data written to a file. */
static void
test_xxd_live (void)
{
  g_autofree char *xxd = g_find_program_in_path ("xxd");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (xxd == NULL)
    {
      g_test_skip ("xxd is not installed; the baked expectations still ran");
      return;
    }

  dir = g_dir_make_tmp ("test-payload-XXXXXX", &error);
  g_assert_no_error (error);

  for (int i = 0; i < 40; i++)
    {
      g_autoptr(GBytes) bytes = random_bytes (100);
      g_autofree char *path = g_build_filename (dir, "blob", NULL);
      g_autofree char *out = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *ours_c = NULL;
      g_autofree char *out_c = NULL;
      const char *dump_argv[] = { xxd, "blob", NULL };
      const char *c_argv[] = { xxd, "-i", "blob", NULL };
      int status;
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      g_file_set_contents (path, (const char *) data, len, &error);
      g_assert_no_error (error);

      g_spawn_sync (dir, (char **) dump_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      ours = sb_payload_to_hexdump (data, len);
      g_assert_cmpstr (ours, ==, out);

      g_spawn_sync (dir, (char **) c_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out_c, NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      ours_c = sb_payload_to_c_array (data, len, "blob");
      g_assert_cmpstr (ours_c, ==, out_c);

      g_unlink (path);
    }

  g_rmdir (dir);
}

static void
test_python_repr (void)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  static const char *fixed[] = {
    "", "'", "\"", "'\"", "it's", "say \"hi\"", "\\'", "\\\"", "''\"", "\\",
    "Hello\r\n", "\t\x0b\x0c", "\x7f\x80",
  };
  int status;

  g_ptr_array_add (inputs, g_bytes_new_take (byte_range (256), 256));
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (inputs, g_bytes_new_static (fixed[i], strlen (fixed[i])));
  for (int i = 0; i < 200; i++)
    g_ptr_array_add (inputs, random_bytes (40));

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup ("import sys\n"
                                   "for a in sys.argv[1:]:\n"
                                   "    print(repr(bytes.fromhex(a)))\n"));
  for (guint i = 0; i < inputs->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (inputs->pdata[i], &len);

      /* bytes.fromhex() wants at least something per argument: "" is fine. */
      g_ptr_array_add (argv, sb_payload_to_hex (data, len));
    }
  g_ptr_array_add (argv, NULL);

  /* The test fails, not skips, when python3 cannot run. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, inputs->len + 1);

  for (guint i = 0; i < inputs->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (inputs->pdata[i], &len);
      g_autofree char *ours = sb_payload_to_python (data, len);

      g_assert_cmpstr (ours, ==, lines[i]);
    }

  /* A few spelled out, so a broken python3 cannot make us agree on nonsense. */
  {
    g_autofree char *a = sb_payload_to_python ((const guint8 *) "it's", 4);
    g_autofree char *b = sb_payload_to_python ((const guint8 *) "'\"", 2);
    g_autofree char *c = sb_payload_to_python ((const guint8 *) "\0\r\n\x7f\\", 5);

    g_assert_cmpstr (a, ==, "b\"it's\"");
    g_assert_cmpstr (b, ==, "b'\\'\"'");
    g_assert_cmpstr (c, ==, "b'\\x00\\r\\n\\x7f\\\\'");
  }
}

/* The inspector's Text view: a line break after each \n, the marks kept. */
static void
test_to_escaped_lines (void)
{
  static const struct { const char *in; gsize len; const char *out; } cases[] = {
    { "", 0, "" },
    { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 27, "GET / HTTP/1.1\\r\\n\nHost: a\\r\\n\n\\r\\n" },
    { "no newline", 10, "no newline" },
    { "a\nb", 3, "a\\n\nb" },
    { "\n\n", 2, "\\n\n\\n" },
    { "x\0y\n", 4, "x\\0y\\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sb_payload_to_escaped_lines ((const guint8 *) cases[i].in,
                                                           cases[i].len);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payload/escaped/parse", test_escaped_parse);
  g_test_add_func ("/payload/escaped/errors", test_escaped_errors);
  g_test_add_func ("/payload/escaped/render", test_to_escaped);
  g_test_add_func ("/payload/escaped/cut", test_to_escaped_cut);
  g_test_add_func ("/payload/escaped/lines", test_to_escaped_lines);
  g_test_add_func ("/payload/hex/parse", test_hex_parse);
  g_test_add_func ("/payload/hex/errors", test_hex_errors);
  g_test_add_func ("/payload/hex/render", test_to_hex);
  g_test_add_func ("/payload/round-trips", test_round_trips);
  g_test_add_func ("/payload/hexdump/baked", test_hexdump_baked);
  g_test_add_func ("/payload/c-array/baked", test_c_array_baked);
  g_test_add_func ("/payload/xxd/live", test_xxd_live);
  g_test_add_func ("/payload/python/repr", test_python_repr);

  return g_test_run ();
}
