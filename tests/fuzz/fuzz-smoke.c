/* fuzz-smoke.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-smoke"

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

/* Without libFuzzer: feeds a fuzz target the corpus and then pseudo-random
 * inputs from a fixed seed, so every build exercises the targets.
 * Usage: fuzz-smoke-NAME CORPUS-DIR [ITERATIONS] */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define SEED 20260101
#define DEFAULT_ITERATIONS 20000
#define MAX_LEN 96

/* Pieces the parsers care about, so random inputs reach past the first check. */
static const char *const tokens[] = {
  "\\", "\\x", "\\x4", "\\x41", "\\r\\n", "\\0", "\\q", "0x", "de:ad", "4", "48 65",
  "[", "]", ":", "::1", "[::1]:", "127.0.0.1", "localhost", "fe80::1%lo", "%",
  "(", ")", "'", "\"", ",", " ", "8080", "65536", "-", "+", "\xc3\xa9", "\xe2\x80\xae",
  "\xc2\x85", "\xff", "\x01", "\n", "\t", "\xf0\x9f\x98\x80",
  /* HTTP (fuzz-http) */
  "GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.0 ", "HEAD ", "\r\n", "\r\n\r\n",
  "Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n", "5;x=y\r\n", "0\r\n",
  "Connection: close\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
};

static GByteArray *
random_input (GRand           *rand,
              GPtrArray       *corpus)
{
  GByteArray *input = g_byte_array_new ();
  int pieces = g_rand_int_range (rand, 0, 12);

  /* Start from a corpus entry now and then, so mutations stay close to it. */
  if (corpus->len > 0 && g_rand_boolean (rand))
    {
      GBytes *seed = corpus->pdata[g_rand_int_range (rand, 0, corpus->len)];
      gsize len;
      const guint8 *data = g_bytes_get_data (seed, &len);

      g_byte_array_append (input, data, len);
    }

  for (int i = 0; i < pieces; i++)
    {
      int kind = g_rand_int_range (rand, 0, 4);
      guint8 byte = g_rand_int_range (rand, 0, 256);
      guint at = input->len > 0 ? g_rand_int_range (rand, 0, input->len + 1) : 0;

      switch (kind)
        {
        case 0:
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

            g_byte_array_append (input, (const guint8 *) token, strlen (token));
          }
          break;
        case 1:
          g_byte_array_append (input, &byte, 1);
          break;
        case 2:
          if (input->len > 0 && at < input->len)
            input->data[at] = byte;
          break;
        default:
          if (input->len > 0 && at < input->len)
            g_byte_array_remove_index (input, at);
          break;
        }
    }

  if (input->len > MAX_LEN)
    g_byte_array_set_size (input, MAX_LEN);

  return input;
}

static GPtrArray *
load_corpus (const char *path)
{
  GPtrArray *corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      char *contents;
      gsize len;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      g_file_get_contents (file, &contents, &len, &error);
      g_assert_no_error (error);
      g_ptr_array_add (corpus, g_bytes_new_take (contents, len));
    }

  return corpus;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *name = NULL;
  int iterations = DEFAULT_ITERATIONS;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR [ITERATIONS]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    iterations = atoi (argv[2]);

  name = g_path_get_basename (argv[0]);
  printf ("1..1\n");
  fflush (stdout);

  corpus = load_corpus (argv[1]);
  for (guint i = 0; i < corpus->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (corpus->pdata[i], &len);

      LLVMFuzzerTestOneInput (data, len);
    }

  rand = g_rand_new_with_seed (SEED);
  for (int i = 0; i < iterations; i++)
    {
      g_autoptr(GByteArray) input = random_input (rand, corpus);

      LLVMFuzzerTestOneInput (input->data, input->len);
    }

  printf ("ok 1 %s: %u corpus files and %d pseudo-random inputs (seed %d)\n",
          name, corpus->len, iterations, SEED);

  return 0;
}
