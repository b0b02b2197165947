/* sb-export-text.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text export: the log as readable lines, one per event, in the
 * words the log and the inspector use (sb_event_dup_summary ()):
 *
 *   0.001234  client  client (#3)  send() took 11 of 11 bytes
 *       Hello World\r\n
 *
 * the payload below it as escaped text, a line per line of it. */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include <string.h>

#include "sb-event.h"
#include "sb-export-private.h"
#include "sb-payload.h"
#include "sb-transcript.h"

#define PAYLOAD_INDENT "    "

static gboolean
text_begin (SbExport  *export,
            gpointer  *state,
            GError   **error)
{
  static const char head[] = "# Sockbench log: time (s), side, socket, call; payloads below "
                             "their call as escaped text\n";

  *state = NULL;
  return _sb_export_write (export, head, sizeof head - 1, error);
}

static void
append_payload (GString *out,
                GBytes  *payload)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (payload, &len);
  g_autofree char *text = sb_payload_to_escaped_lines (data, len);
  const char *line = text;

  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize line_len = end != NULL ? (gsize) (end - line) : strlen (line);

      if (line_len > 0)
        {
          g_string_append_len (out, PAYLOAD_INDENT, strlen (PAYLOAD_INDENT));
          g_string_append_len (out, line, line_len);
          g_string_append_c (out, '\n');
        }
      line += line_len + (end != NULL);
    }
}

static gboolean
text_event (SbExport           *export,
            gpointer            state,
            guint               index,
            const SbEventInfo  *info,
            GError            **error)
{
  SbCapture *capture = _sb_export_get_capture (export);
  g_autoptr(SbEvent) event = sb_event_new (capture, index);
  g_autofree char *summary = sb_event_dup_summary (event);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) payload = NULL;
  gint64 us = MAX (info->mono_us, 0);

  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%06d  %s  ", us / G_USEC_PER_SEC,
                          (int) (us % G_USEC_PER_SEC), sb_side_to_string (info->side));
  if (info->socket_id != 0)
    {
      g_autofree char *name = sb_transcript_dup_socket_name (capture, info->socket_id);

      g_string_append_printf (out, "%s (#%u)  ", name, info->socket_id);
    }
  g_string_append_printf (out, "%s\n", summary);

  if (info->payload_len > 0 && (payload = sb_capture_dup_payload (capture, index)) != NULL)
    append_payload (out, payload);

  return _sb_export_write (export, out->str, out->len, error);
}

static gboolean
text_end (SbExport  *export,
          gpointer   state,
          GError   **error)
{
  return TRUE;
}

const SbExportWriter _sb_export_text_writer = {
  text_begin,
  text_event,
  text_end,
  NULL,
};
