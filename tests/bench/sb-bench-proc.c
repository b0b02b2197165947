/* sb-bench-proc.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include "sb-bench-proc.h"

double
sb_bench_process_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double
sb_bench_main_thread_wait_s (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/schedstat", &contents, NULL, NULL))
    return -1;

  fields = g_strsplit (g_strstrip (contents), " ", 3);
  if (g_strv_length (fields) < 2)
    return -1;

  return g_ascii_strtoull (fields[1], NULL, 10) / 1e9;
}

double
sb_bench_main_thread_run_s (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/self/schedstat", &contents, NULL, NULL))
    return -1;

  return g_ascii_strtoull (contents, NULL, 10) / 1e9;
}

guint64
sb_bench_listen_overflows (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/net/netstat", &contents, NULL, NULL))
    return 0;

  /* Pairs of lines: "TcpExt: names…", then "TcpExt: values…". */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (g_str_has_prefix (lines[i], "TcpExt:") && g_str_has_prefix (lines[i + 1], "TcpExt:"))
      {
        g_auto(GStrv) names = g_strsplit (lines[i], " ", -1);
        g_auto(GStrv) values = g_strsplit (lines[i + 1], " ", -1);

        for (guint j = 0; names[j] != NULL && values[j] != NULL; j++)
          if (g_str_equal (names[j], "ListenOverflows"))
            return g_ascii_strtoull (values[j], NULL, 10);
        break;
      }

  return 0;
}

guint64
sb_bench_status_bytes (const char *field)
{
  g_autofree char *contents = NULL;
  gsize len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;

  for (const char *line = contents; line != NULL && *line != '\0'; )
    {
      const char *next = strchr (line, '\n');

      if (strncmp (line, field, len) == 0 && line[len] == ':')
        return g_ascii_strtoull (line + len + 1, NULL, 10) * 1024;
      line = next != NULL ? next + 1 : NULL;
    }

  return 0;
}

gboolean
sb_bench_reset_peak_rss (void)
{
  guint64 rss;
  gboolean written;
  FILE *file;

  /* Not g_file_set_contents(): it writes a new file and renames it. */
  file = fopen ("/proc/self/clear_refs", "w");
  if (file == NULL)
    return FALSE;
  written = fputs ("5", file) >= 0;
  written = fclose (file) == 0 && written;
  if (!written)
    return FALSE;

  /* VmHWM now follows VmRSS again (both in kB, read a moment apart). */
  rss = sb_bench_status_bytes ("VmRSS");
  return rss > 0 && sb_bench_status_bytes ("VmHWM") <= rss + (4 << 20);
}

char *
sb_bench_load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("?");

  fields = g_strsplit (g_strstrip (contents), " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("?");

  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

guint64
sb_bench_free_bytes (const char *path)
{
  struct statvfs fs;

  if (statvfs (path, &fs) != 0)
    return 0;

  return (guint64) fs.f_bavail * fs.f_frsize;
}
