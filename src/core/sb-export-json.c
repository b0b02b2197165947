/* sb-export-json.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON export, "sockbench-log-1" (docs/export-formats.md):
 * {"format": "sockbench-log-1", "events": [ … ]}, one object per event,
 * each built with JsonBuilder and written as it comes, so that the file
 * is never whole in memory. */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sb-event.h"
#include "sb-export-private.h"
#include "sb-payload.h"
#include "sb-socket-util.h"
#include "sb-transcript.h"

#define JSON_HEAD "{\n\"format\": \"" SB_EXPORT_JSON_FORMAT "\",\n\"events\": ["

typedef struct
{
  JsonGenerator *generator;
  JsonBuilder   *builder;
  gboolean       first;
} JsonState;

static void
json_state_free (gpointer data)
{
  JsonState *state = data;

  g_clear_object (&state->generator);
  g_clear_object (&state->builder);
  g_free (state);
}

static gboolean
json_begin (SbExport  *export,
            gpointer  *state_out,
            GError   **error)
{
  JsonState *state = g_new0 (JsonState, 1);

  state->generator = json_generator_new ();
  state->builder = json_builder_new ();
  state->first = TRUE;
  *state_out = state;

  return _sb_export_write (export, JSON_HEAD, strlen (JSON_HEAD), error);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_error (JsonBuilder       *builder,
           const SbEventInfo *info)
{
  json_builder_set_member_name (builder, "error");
  if (info->errnum == 0)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_int (builder, "errno", info->errnum);
  add_string (builder, "name", sb_errno_get_name (info->errnum));
  add_string (builder, "message", g_strerror (info->errnum));
  json_builder_end_object (builder);
}

static void
add_payload (JsonBuilder *builder,
             GBytes      *payload)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (payload, &len);
  g_autofree char *base64 = g_base64_encode (data, len);
  g_autofree char *text = sb_payload_to_escaped (data, len, 0);

  add_string (builder, "payload_base64", base64);
  add_string (builder, "payload_text", text);
}

static char *
dup_wall_time (gint64 wall_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_us / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (time == NULL || wall_us < 0)
    return NULL;
  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", seconds, (int) (wall_us % G_USEC_PER_SEC));
}

static void
build_event (SbExport          *export,
             JsonBuilder       *builder,
             guint              index,
             const SbEventInfo *info)
{
  SbCapture *capture = _sb_export_get_capture (export);
  const SbExportSocket *socket = _sb_export_get_socket (export, info->socket_id);
  g_autoptr(SbEvent) event = sb_event_new (capture, index);
  g_autoptr(GBytes) payload = sb_capture_dup_payload (capture, index);
  g_autofree char *summary = sb_event_dup_summary (event);
  g_autofree char *name = NULL;
  g_autofree char *wall = dup_wall_time (info->wall_us);
  gsize len = payload != NULL ? g_bytes_get_size (payload) : 0;

  json_builder_begin_object (builder);
  add_int (builder, "index", index);
  add_int (builder, "time_us", info->mono_us);
  add_int (builder, "wall_time_us", info->wall_us);
  add_string (builder, "wall_time", wall);
  add_string (builder, "side", sb_side_to_string (info->side));
  add_int (builder, "socket", info->socket_id);
  if (info->socket_id != 0)
    name = sb_transcript_dup_socket_name (capture, info->socket_id);
  add_string (builder, "socket_name", name);
  add_string (builder, "protocol",
              socket == NULL ? NULL : socket->datagram ? "udp" : "tcp");
  add_string (builder, "call", sb_event_info_call_name (info));
  add_string (builder, "kind", sb_event_kind_to_string (info->kind));
  add_int (builder, "detail", info->detail);
  add_int (builder, "result", info->result);
  add_int (builder, "requested", (gint64) info->requested);
  add_int (builder, "repeats", MAX (sb_capture_get_repeats (capture, index), 1));
  add_error (builder, info);
  add_string (builder, "local", socket != NULL ? socket->local : NULL);
  add_string (builder, "peer", socket != NULL ? socket->peer : NULL);
  add_string (builder, "note", info->note);
  add_string (builder, "summary", summary);
  add_int (builder, "payload_length", (gint64) len);
  if (payload != NULL)
    add_payload (builder, payload);
  else
    {
      add_string (builder, "payload_base64", "");
      add_string (builder, "payload_text", "");
    }
  json_builder_end_object (builder);
}

static gboolean
json_event (SbExport           *export,
            gpointer            data,
            guint               index,
            const SbEventInfo  *info,
            GError            **error)
{
  JsonState *state = data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  json_builder_reset (state->builder);
  build_event (export, state->builder, index, info);
  root = json_builder_get_root (state->builder);
  json_generator_set_root (state->generator, root);
  text = json_generator_to_data (state->generator, &len);

  if (!_sb_export_write (export, state->first ? "\n" : ",\n", state->first ? 1 : 2, error))
    return FALSE;
  state->first = FALSE;

  return _sb_export_write (export, text, len, error);
}

static gboolean
json_end (SbExport  *export,
          gpointer   data,
          GError   **error)
{
  return _sb_export_write (export, "\n]\n}\n", 5, error);
}

const SbExportWriter _sb_export_json_writer = {
  json_begin,
  json_event,
  json_end,
  json_state_free,
};
