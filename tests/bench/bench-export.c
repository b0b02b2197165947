/* bench-export.c — how fast does a large log export?
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A capture of 100 MB of payload (the workbench's client and server
 * exchanging 16 kB sends and recvs on a few connections), of random bytes
 * (binary_*: the worst case for JSON and text, which escape most of them
 * as \xNN) and of HTTP-like text (text_*),
 * exported to each format, RUNS times, the median in MB per second of
 * the log's payload (each chunk is in it twice: its send and its recv).  The baseline, in the same run: the same payload bytes written
 * to a file through the same kind of stream, with nothing to format
 * (write_MBps); each format's ratio to it says what formatting costs.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "sb-bench-util.h"
#include "sb-capture.h"
#include "sb-export.h"

#ifndef PAYLOAD_TOTAL
#define PAYLOAD_TOTAL  ((guint64) 100 * 1024 * 1024)
#endif
#define CHUNK          (16 * 1024)
#define CONNECTIONS    8
#define RUNS           3

static void
append (SbCapture    *capture,
        SbEventKind   kind,
        SbSide        side,
        guint         socket_id,
        int           detail,
        const char   *note,
        const guint8 *payload,
        gsize         len)
{
  SbEventInfo info = { kind, side, socket_id, detail, (gint64) len, 0, len, note, };

  sb_capture_append (capture, &info, payload, len);
}

/* @text: HTTP-like text payloads, else random bytes. */
static SbCapture *
make_capture (gboolean text)
{
  SbCapture *capture = sb_capture_new ();
  g_autofree guint8 *bytes = g_malloc (CHUNK);
  guint clients[CONNECTIONS], conns[CONNECTIONS];
  guint listener;
  guint64 total = 0;

  for (guint i = 0; i < CHUNK; i++)
    bytes[i] = text ? "GET /index.html HTTP/1.1\r\nHost: example.org\r\n\r\n<p>Hello</p>\n"[i % 58]
                    : (guint8) g_random_int ();

  sb_capture_set_memory_budget (capture, 2 * PAYLOAD_TOTAL);
  listener = sb_capture_new_socket_id (capture);
  append (capture, SB_EVENT_SOCKET, SB_SIDE_SERVER, listener, 0, "AF_INET, SOCK_STREAM", NULL, 0);
  append (capture, SB_EVENT_BIND, SB_SIDE_SERVER, listener, 0, "('127.0.0.1', 15000)", NULL, 0);
  append (capture, SB_EVENT_LISTEN, SB_SIDE_SERVER, listener, 0, NULL, NULL, 0);

  for (guint c = 0; c < CONNECTIONS; c++)
    {
      g_autofree char *local = g_strdup_printf ("('127.0.0.1', %u)", 40000 + c);

      clients[c] = sb_capture_new_socket_id (capture);
      append (capture, SB_EVENT_SOCKET, SB_SIDE_CLIENT, clients[c], 0, "AF_INET, SOCK_STREAM",
              NULL, 0);
      sb_capture_set_local_tuple (capture, clients[c], local);
      append (capture, SB_EVENT_CONNECT, SB_SIDE_CLIENT, clients[c], SB_CONNECT_ESTABLISHED,
              "('127.0.0.1', 15000)", NULL, 0);
      conns[c] = sb_capture_new_socket_id (capture);
      append (capture, SB_EVENT_ACCEPT, SB_SIDE_SERVER, conns[c], 0, local, NULL, 0);
    }

  /* Each chunk crosses once: a send and the recv that got it. */
  for (guint i = 0; total < PAYLOAD_TOTAL; i++)
    {
      guint c = i % CONNECTIONS;
      gboolean from_client = (i / CONNECTIONS) % 2 == 0;

      bytes[0] = (guint8) i;
      append (capture, SB_EVENT_SEND, from_client ? SB_SIDE_CLIENT : SB_SIDE_SERVER,
              from_client ? clients[c] : conns[c], 0, NULL, bytes, CHUNK);
      append (capture, SB_EVENT_RECV, from_client ? SB_SIDE_SERVER : SB_SIDE_CLIENT,
              from_client ? conns[c] : clients[c], 0, NULL, bytes, CHUNK);
      total += CHUNK;
    }

  sb_capture_flush (capture);

  return capture;
}

/* Seconds to write every payload of @capture, as it is, to @file. */
static double
write_raw (SbCapture *capture,
           GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  gint64 start = g_get_monotonic_time ();

  /* A new file, as the export writes (g_file_replace () would fsync). */
  g_file_delete (file, NULL, NULL);
  out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
  for (guint i = 0; i < sb_capture_get_n_recorded (capture); i++)
    {
      g_autoptr(GBytes) payload = sb_capture_dup_payload (capture, i);

      if (payload != NULL)
        g_output_stream_write_all (buffered, g_bytes_get_data (payload, NULL),
                                   g_bytes_get_size (payload), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (buffered, NULL, &error);
  g_assert_no_error (error);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
export_seconds (SbCapture      *capture,
                SbExportFormat  format,
                GFile          *file)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!sb_export_to_file (capture, format, "all", file, NULL, &error))
    g_error ("export failed: %s", error->message);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
file_size_MB (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) / 1e6 : 0;
}

/* The figures for one capture, each name starting with @kind. */
static void
measure (const char *kind,
         gboolean    text,
         GFile      *file)
{
  static const SbExportFormat formats[] = { SB_EXPORT_PCAPNG, SB_EXPORT_JSON, SB_EXPORT_TEXT };
  g_autoptr(SbCapture) capture = make_capture (text);
  /* Each chunk is in the log twice, sent and received: what the JSON and
   * text exports write; pcapng writes each byte once. */
  double payload_MB = sb_capture_get_payload_bytes (capture) / 1e6;
  double raw[RUNS];
  double write_MBps;

  printf ("%s_events: %u\n", kind, sb_capture_get_n_recorded (capture));
  printf ("%s_payload_MB: %.1f\n", kind, payload_MB);

  for (guint r = 0; r < RUNS; r++)
    raw[r] = payload_MB / write_raw (capture, file);
  write_MBps = sb_bench_median (raw, RUNS);
  printf ("%s_write_MBps: %.1f\n", kind, write_MBps);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      const char *name = sb_export_format_to_string (formats[f]);
      double runs[RUNS];
      double MBps;

      for (guint r = 0; r < RUNS; r++)
        runs[r] = payload_MB / export_seconds (capture, formats[f], file);
      MBps = sb_bench_median (runs, RUNS);
      printf ("%s_export_%s_MBps: %.1f\n", kind, name, MBps);
      printf ("%s_export_%s_vs_write: %.2f\n", kind, name, MBps / write_MBps);
      printf ("%s_export_%s_file_MB: %.1f\n", kind, name, file_size_MB (file));
      fflush (stdout);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  measure ("binary", FALSE, file);
  measure ("text", TRUE, file);

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
