/* sb-transcript.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole session as Python: the transcript, and one side's calls as a
 * script that runs.  Statements come from sb-event-python.c. */

#define G_LOG_DOMAIN "sb-transcript"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-transcript-private.h"

gsize
sb_transcript_find_comment (const char *line)
{
  char quote = 0;
  const char *p;

  g_return_val_if_fail (line != NULL, 0);

  for (p = line; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == quote)
            quote = 0;
        }
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '#')
        break;
    }

  return p - line;
}

char *
sb_transcript_dup_text (SbCapture *capture)
{
  GString *out;
  guint n;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  n = sb_capture_get_n_recorded (capture);
  out = g_string_new (SB_TRANSCRIPT_HEADER "\n");
  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;

      if (!sb_capture_get_info (capture, i, &info))
        continue;
      _sb_statement_append (out, capture, i, &info, 0, SB_STATEMENT_TRANSCRIPT);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Sockets of @side whose calls the script can make again: listeners that
 * listened, clients that connected, every accepted connection.  The
 * others (a refused attempt before the next address) become comments. */
GHashTable *
_sb_transcript_find_live_sockets (SbCapture *capture,
                                  SbSide     side)
{
  GHashTable *live = g_hash_table_new (NULL, NULL);
  guint n = sb_capture_get_n_recorded (capture);

  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;
      gboolean alive;

      if (!sb_capture_get_info (capture, i, &info) || info.side != side || info.socket_id == 0)
        continue;

      /* A UDP socket needs no listen() or connect(): it runs once made. */
      if (sb_capture_is_datagram_socket (capture, info.socket_id))
        {
          if (info.kind == SB_EVENT_SOCKET && info.errnum == 0 && info.result >= 0)
            g_hash_table_add (live, GUINT_TO_POINTER (info.socket_id));
          continue;
        }

      switch (sb_capture_get_socket_role (capture, info.socket_id, NULL, NULL))
        {
        case SB_SOCKET_ROLE_LISTENER:
          alive = info.kind == SB_EVENT_LISTEN && info.errnum == 0 && info.result >= 0;
          break;
        case SB_SOCKET_ROLE_CLIENT:
          alive = info.kind == SB_EVENT_CONNECT && info.detail == SB_CONNECT_ESTABLISHED;
          break;
        case SB_SOCKET_ROLE_CONNECTION:
          alive = TRUE;
          break;
        case SB_SOCKET_ROLE_NONE:
        default:
          alive = FALSE;
          break;
        }
      if (alive)
        g_hash_table_add (live, GUINT_TO_POINTER (info.socket_id));
    }

  return live;
}

/* UDP: a reply to the sender just received goes to `addr`, the variable
 * the recvfrom() (or accept()) line set, rather than to the tuple the
 * window saw: run again, the peer has another port.  Rewrites the end of
 * "server.sendto(b'pong', ('127.0.0.1', 51515))  # → 4". */
static void
reply_to_addr (GString    *line,
               const char *tuple)
{
  g_autofree char *call_end = g_strdup_printf (", %s)", tuple);
  gsize comment = sb_transcript_find_comment (line->str);
  const char *at = g_strrstr_len (line->str, comment, call_end);

  if (at == NULL)
    return;

  g_string_erase (line, at - line->str, strlen (call_end));
  g_string_insert (line, at - line->str, ", addr)");
  g_string_append (line, ", addr == ");
  g_string_append (line, tuple);
}

static void
append_commented (GString    *out,
                  const char *line)
{
  if (line[0] != '#')
    g_string_append (out, "# ");
  g_string_append (out, line);
}

char *
sb_transcript_dup_script (SbCapture *capture,
                          SbSide     side)
{
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  GString *out;
  gboolean needs_struct = FALSE;
  const char *addr = NULL;   /* what Python's `addr` holds at this line */
  guint n;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  live = _sb_transcript_find_live_sockets (capture, side);
  n = sb_capture_get_n_recorded (capture);
  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;
      gboolean runs;

      if (!sb_capture_get_info (capture, i, &info) || info.side != side)
        continue;

      g_string_truncate (line, 0);
      runs = _sb_statement_append (line, capture, i, &info, 0, SB_STATEMENT_SCRIPT);
      runs = runs && g_hash_table_contains (live, GUINT_TO_POINTER (info.socket_id));
      if (!runs)
        {
          append_commented (body, line->str);
          g_string_append_c (body, '\n');
          continue;
        }

      if (info.kind == SB_EVENT_SENDTO && info.detail == SB_SENDTO_ADDRESSED
          && addr != NULL && g_strcmp0 (info.note, addr) == 0)
        reply_to_addr (line, addr);
      if (info.kind == SB_EVENT_RECVFROM || info.kind == SB_EVENT_ACCEPT)
        addr = info.note;

      g_string_append_len (body, line->str, line->len);
      g_string_append_c (body, '\n');
      if (info.kind == SB_EVENT_CLOSE && info.detail == SB_CLOSE_ABORT)
        needs_struct = TRUE;
      /* The window's listener does this too, without an event of its own:
       * the script can listen again while old connections wait in
       * TIME_WAIT. */
      if (info.kind == SB_EVENT_SOCKET
          && sb_capture_get_socket_role (capture, info.socket_id, NULL, NULL)
             == SB_SOCKET_ROLE_LISTENER
          && !sb_capture_is_datagram_socket (capture, info.socket_id))
        {
          g_autofree char *name = sb_transcript_dup_socket_name (capture, info.socket_id);

          g_string_append_printf (body, "%s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)\n", name);
        }
    }

  out = g_string_new ("#!/usr/bin/env python3\n");
  g_string_append_printf (out,
                          "# The %s side's socket calls of a Sockbench session.\n"
                          "# Run against the same peer, it makes the same calls and sends the\n"
                          "# same bytes.  Each recv() waits for exactly the bytes that the\n"
                          "# window's recv() returned (MSG_WAITALL); what came back is in the\n"
                          "# comments, as are calls that failed.\n",
                          side == SB_SIDE_SERVER ? "server" : "client");
  g_string_append (out, SB_TRANSCRIPT_HEADER "\n");
  if (needs_struct)
    g_string_append (out, "import struct\n");
  g_string_append_c (out, '\n');
  g_string_append_len (out, body->str, body->len);

  return g_string_free (out, FALSE);
}

gboolean
_sb_transcript_write (GFile         *file,
                      const char    *text,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}

gboolean
sb_transcript_export_script (SbCapture     *capture,
                             SbSide         side,
                             GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *script = NULL;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  script = sb_transcript_dup_script (capture, side);

  return _sb_transcript_write (file, script, cancellable, error);
}
