/* sb-event-python.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An event as the Python statement of the socket exercises,
 * "conn.recv(1024)  # → b'Hello World'": the one renderer behind the
 * inspector's Python line, the transcript and the exported script. */

#define G_LOG_DOMAIN "sb-event-text"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-event-text-private.h"
#include "sb-payload.h"
#include "sb-socket-util.h"
#include "sb-transcript-private.h"

/* Text that goes into a comment: a line break or another control
 * character would end the comment, so they are escaped. */
static void
append_comment_text (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
}

/* A Python str literal of UTF-8 text (a host name as the user typed it). */
static void
append_str_literal (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* "ConnectionRefusedError: [Errno 111] Connection refused" */
static void
append_exception_text (GString *out,
                       int      errnum)
{
  g_string_append_printf (out, "%s: [Errno %d] ", sb_errno_get_python_exception (errnum), errnum);
  append_comment_text (out, g_strerror (errnum));
}

static void
append_python_exception (GString *out,
                         int      errnum)
{
  g_string_append (out, "  # → ");
  append_exception_text (out, errnum);
}

/* Whether the payload's literal has at most @fold_chars characters; reads
 * the first bytes into @buffer (room for @fold_chars) and sets @literal to
 * theirs.  No byte takes less than one character. */
static gboolean
payload_fits (SbCapture  *capture,
              guint       index,
              gsize       payload_len,
              gsize       fold_chars,
              guint8     *buffer,
              char      **literal)
{
  gsize n = sb_capture_copy_payload (capture, index, 0, buffer, MIN (payload_len, fold_chars));

  *literal = sb_payload_to_python (buffer, n);

  return n == payload_len && strlen (*literal) <= fold_chars;
}

/* The event's payload as a Python bytes literal, whole when @fold_chars is
 * 0, else at most @fold_chars characters: the longest prefix that fits,
 * then "…".  Returns the bytes left out. */
static gsize
append_payload (GString   *out,
                SbCapture *capture,
                guint      index,
                gsize      payload_len,
                gsize      fold_chars)
{
  g_autofree guint8 *buffer = NULL;
  g_autofree char *literal = NULL;
  gsize n;

  if (fold_chars == 0)
    {
      g_autoptr(GBytes) bytes = sb_capture_dup_payload (capture, index);
      gsize len = 0;
      const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

      literal = sb_payload_to_python (data, len);
      g_string_append (out, literal);
      return payload_len - MIN (len, payload_len);
    }

  buffer = g_malloc (MIN (payload_len, fold_chars) + 1);
  if (payload_fits (capture, index, payload_len, fold_chars, buffer, &literal))
    {
      g_string_append (out, literal);
      return 0;
    }
  n = MIN (payload_len, fold_chars);

  /* The literal is ASCII: bytes are characters.  "…" takes one. */
  while (n > 0 && strlen (literal) > fold_chars - 1)
    {
      g_free (literal);
      literal = sb_payload_to_python (buffer, --n);
    }
  g_string_append (out, literal);
  g_string_append (out, "…");

  return payload_len - n;
}

static void
append_more_bytes (GString *out,
                   gsize    left_out,
                   gboolean in_comment)
{
  if (left_out == 0)
    return;

  g_string_append_printf (out, in_comment ? "  (%zu more bytes)" : "  # (%zu more bytes)",
                          left_out);
}

char *
sb_transcript_dup_socket_name (SbCapture *capture,
                               guint      socket_id)
{
  guint number = 0;
  const char *stem;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  switch (sb_capture_get_socket_role (capture, socket_id, &number, NULL))
    {
    case SB_SOCKET_ROLE_LISTENER:   stem = "server"; break;
    case SB_SOCKET_ROLE_CONNECTION: stem = "conn";   break;
    case SB_SOCKET_ROLE_CLIENT:     stem = "client"; break;
    case SB_SOCKET_ROLE_NONE:
    default:
      return g_strdup_printf ("sock%u", socket_id);
    }

  return number <= 1 ? g_strdup (stem) : g_strdup_printf ("%s%u", stem, number);
}

static char *
dup_listener_name (SbCapture *capture,
                   guint      socket_id)
{
  guint listener = 0;

  sb_capture_get_socket_role (capture, socket_id, NULL, &listener);

  return listener <= 1 ? g_strdup ("server") : g_strdup_printf ("server%u", listener);
}

static gboolean
append_connect (GString           *out,
                const char        *name,
                const SbEventInfo *info)
{
  const char *note = info->note != NULL ? info->note : "";

  if ((SbConnectPhase) info->detail == SB_CONNECT_STARTED)
    {
      g_string_append_printf (out, "%s.connect(%s)", name, note);
      return TRUE;
    }


  /* The outcome of the call on the line before: a comment, so that the
   * transcript does not call connect() twice. */
  g_string_append_printf (out, "# %s.connect(%s) → ", name, note);
  switch ((SbConnectPhase) info->detail)
    {
    case SB_CONNECT_ESTABLISHED:
      g_string_append (out, "None: connected");
      break;
    case SB_CONNECT_REFUSED:
      append_exception_text (out, info->errnum != 0 ? info->errnum : ECONNREFUSED);
      break;
    case SB_CONNECT_TIMED_OUT:
      g_string_append (out, "TimeoutError: timed out");
      break;
    case SB_CONNECT_NEXT_ADDRESS:
      append_exception_text (out, info->errnum != 0 ? info->errnum : ECONNREFUSED);
      g_string_append (out, "; trying the next address");
      break;
    case SB_CONNECT_STARTED:
    case SB_CONNECT_FAILED:
    default:
      if (info->errnum != 0)
        append_exception_text (out, info->errnum);
      else
        g_string_append (out, "OSError");
      break;
    }

  return FALSE;
}

static void
append_send (GString           *out,
             SbCapture         *capture,
             guint              index,
             const char        *name,
             const SbEventInfo *info,
             gsize              fold_chars,
             SbStatementStyle   style)
{
  gsize left_out;

  if (info->payload_len == 0 && info->result > 0)
    {
      g_autofree char *gap = sb_capture_dup_gap_text ((guint64) info->result);

      g_string_append_printf (out, "# %s.send(…)  # → %s", name, gap);
      return;
    }

  g_string_append_printf (out, "%s.%s(", name, style == SB_STATEMENT_SCRIPT ? "sendall" : "send");
  left_out = append_payload (out, capture, index, info->payload_len, fold_chars);
  g_string_append_c (out, ')');
  if (info->errnum != 0)
    {
      append_python_exception (out, info->errnum);
      append_more_bytes (out, left_out, TRUE);
      return;
    }

  if (style == SB_STATEMENT_SCRIPT)
    g_string_append_printf (out, "  # the window's send() took %lld", (long long) info->result);
  else
    g_string_append_printf (out, "  # → %lld", (long long) info->result);
  if ((gint64) info->requested > info->result)
    g_string_append_printf (out, " of %zu (the rest went on later)", info->requested);
  append_more_bytes (out, left_out, TRUE);
}

static void
append_recv (GString           *out,
             SbCapture         *capture,
             guint              index,
             const char        *name,
             const SbEventInfo *info,
             gsize              fold_chars,
             SbStatementStyle   style)
{
  gsize left_out;

  if (style == SB_STATEMENT_SCRIPT && info->errnum == 0 && info->result > 0)
    g_string_append_printf (out, "%s.recv(%lld, MSG_WAITALL)", name, (long long) info->result);
  else
    g_string_append_printf (out, "%s.recv(%zu)", name, info->requested);

  if (info->errnum != 0)
    {
      append_python_exception (out, info->errnum);
      return;
    }
  if (info->payload_len == 0 && info->result > 0)
    {
      g_autofree char *gap = sb_capture_dup_gap_text ((guint64) info->result);

      g_string_append_printf (out, "  # → %s", gap);
      return;
    }

  g_string_append (out, "  # → ");
  left_out = append_payload (out, capture, index, info->payload_len, fold_chars);
  append_more_bytes (out, left_out, TRUE);
}

static gboolean
append_reset (GString           *out,
              const char        *name,
              const SbEventInfo *info)
{
  const char *note = info->note != NULL ? info->note : "";
  int errnum = info->errnum != 0 ? info->errnum : ECONNRESET;
  g_autofree char *call = NULL;

  /* The note names the call that found the peer gone: "send: …". */
  if (strchr (note, ':') != NULL)
    call = g_strndup (note, strchr (note, ':') - note);
  else
    call = g_strdup (errnum == EPIPE ? "send" : "recv");

  /* A call the transcript can state whole; else a comment, so that the
   * transcript stays Python (a failed send()'s bytes are not recorded,
   * nor the buffer size of a recv() that found the reset). */
  if (g_str_equal (call, "shutdown"))
    {
      g_string_append_printf (out, "%s.shutdown(SHUT_WR)", name);
      append_python_exception (out, errnum);
    }
  else if (g_str_equal (call, "recv") && info->requested > 0)
    {
      g_string_append_printf (out, "%s.recv(%zu)", name, info->requested);
      append_python_exception (out, errnum);
    }
  else
    {
      g_string_append_printf (out, "# %s.%s(…) → ", name, call);
      append_exception_text (out, errnum);
    }

  return FALSE;
}

gboolean
_sb_statement_append (GString           *out,
                      SbCapture         *capture,
                      guint              index,
                      const SbEventInfo *info,
                      gsize              fold_chars,
                      SbStatementStyle   style)
{
  g_autofree char *name = NULL;
  g_autofree char *host = NULL;
  g_autofree char *listener = NULL;
  const char *addresses;
  const char *note;
  gsize left_out;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (SB_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  note = info->note != NULL ? info->note : "";
  name = sb_transcript_dup_socket_name (capture, info->socket_id);

  switch (info->kind)
    {
    case SB_EVENT_SOCKET:
      g_string_append_printf (out, "%s = socket(%s)", name,
                              info->note != NULL ? info->note : "AF_INET, SOCK_STREAM");
      break;

    case SB_EVENT_BIND:
      g_string_append_printf (out, "%s.bind(%s)", name, note);
      break;

    case SB_EVENT_LISTEN:
      g_string_append_printf (out, "%s.listen(%zu)", name, info->requested);
      break;

    case SB_EVENT_ACCEPT:
      /* A failed accept() carries the listener's id, a connection its own. */
      if (sb_capture_get_socket_role (capture, info->socket_id, NULL, NULL)
          != SB_SOCKET_ROLE_CONNECTION)
        {
          g_string_append_printf (out, "%s.accept()", name);
          break;
        }
      listener = dup_listener_name (capture, info->socket_id);
      g_string_append_printf (out, "%s, addr = %s.accept()", name, listener);
      if (info->errnum == 0)
        {
          g_string_append (out, "  # addr == ");
          append_comment_text (out, note);
        }
      break;

    case SB_EVENT_RESOLVE:
      addresses = _sb_event_split_resolve_note (info->note, &host);
      g_string_append (out, "# getaddrinfo(");
      if (host != NULL)
        {
          append_str_literal (out, host);
          g_string_append (out, ", None)");
        }
      else
        g_string_append (out, "…)");
      g_string_append (out, info->errnum != 0 || info->result < 0 ? " → gaierror: " : " → ");
      append_comment_text (out, addresses);
      return FALSE;

    case SB_EVENT_CONNECT:
      /* UDP's connect() is one call with no handshake: one event. */
      if (sb_capture_is_datagram_socket (capture, info->socket_id))
        {
          g_string_append_printf (out, "%s.connect(%s)", name, note);
          break;
        }
      return append_connect (out, name, info);

    case SB_EVENT_SEND:
      append_send (out, capture, index, name, info, fold_chars, style);
      return info->errnum == 0 && (info->payload_len > 0 || info->result <= 0);

    case SB_EVENT_RECV:
      append_recv (out, capture, index, name, info, fold_chars, style);
      return info->errnum == 0;

    case SB_EVENT_EOF:
      g_string_append_printf (out, "%s.recv(%zu)  # → b''  (the peer closed)",
                              name, info->requested);
      return TRUE;

    case SB_EVENT_SHUTDOWN:
      g_string_append_printf (out, "%s.shutdown(%s)", name,
                              _sb_event_shutdown_how_name (info->detail));
      break;

    case SB_EVENT_CLOSE:
      if (info->detail == SB_CLOSE_ABORT)
        g_string_append_printf (out, "%s.setsockopt(SOL_SOCKET, SO_LINGER, "
                                "struct.pack('ii', 1, 0)); ", name);
      g_string_append_printf (out, "%s.close()", name);
      break;

    case SB_EVENT_RESET:
      return append_reset (out, name, info);

    case SB_EVENT_ERROR:
      /* The capture was full, or has room again: no call failed. */
      if (sb_capture_is_full_event (capture, info))
        {
          g_string_append (out, "# ");
          append_comment_text (out, note);
          return FALSE;
        }
      /* Drops a UDP socket's refresh found: no call failed. */
      if (sb_capture_is_kernel_drops (capture, info))
        {
          g_string_append_printf (out, "# the kernel dropped %d datagram%s for %s: its receive "
                                  "buffer was full", info->detail,
                                  info->detail == 1 ? "" : "s", name);
          return FALSE;
        }
      g_string_append (out, "# → ");
      if (info->errnum != 0)
        append_exception_text (out, info->errnum);
      else
        {
          g_string_append (out, "error: ");
          append_comment_text (out, note);
        }
      return FALSE;

    case SB_EVENT_SENDTO:
      /* On a connect()ed UDP socket the window called send(). */
      g_string_append_printf (out, "%s.%s(", name, sb_event_info_call_name (info));
      left_out = append_payload (out, capture, index, info->payload_len, fold_chars);
      if (info->detail == SB_SENDTO_CONNECTED)
        g_string_append_c (out, ')');
      else
        g_string_append_printf (out, ", %s)", note);
      if (info->errnum == 0)
        g_string_append_printf (out, "  # → %lld", (long long) info->result);
      else
        append_python_exception (out, info->errnum);
      append_more_bytes (out, left_out, TRUE);
      return info->errnum == 0;

    case SB_EVENT_RECVFROM:
      g_string_append_printf (out, "data, addr = %s.recvfrom(%zu)", name, info->requested);
      if (info->errnum != 0)
        {
          append_python_exception (out, info->errnum);
          return FALSE;
        }
      g_string_append (out, "  # data == ");
      left_out = append_payload (out, capture, index, info->payload_len, fold_chars);
      append_more_bytes (out, left_out, TRUE);
      /* Python drops the rest of a longer datagram without a word. */
      if (info->result > (gint64) info->requested)
        g_string_append_printf (out, " (truncated: the datagram had %lld bytes)",
                                (long long) info->result);
      g_string_append_printf (out, ", addr == %s", note);
      if (info->detail > 0)
        g_string_append_printf (out, "; the kernel dropped %d before it (SO_RXQ_OVFL)",
                                info->detail);
      return TRUE;

    default:
      g_string_append_printf (out, "# %s", sb_event_kind_to_string (info->kind));
      return FALSE;
    }

  if (info->errnum != 0)
    {
      append_python_exception (out, info->errnum);
      return FALSE;
    }

  return info->result >= 0;
}

char *
sb_transcript_dup_statement (SbCapture *capture,
                             guint      index,
                             gsize      fold_chars)
{
  GString *out;
  SbEventInfo info;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  if (!sb_capture_get_info (capture, index, &info))
    return g_strdup ("");

  out = g_string_new (NULL);
  _sb_statement_append (out, capture, index, &info, fold_chars, SB_STATEMENT_TRANSCRIPT);

  return g_string_free (out, FALSE);
}

gboolean
sb_transcript_folds (SbCapture *capture,
                     guint      index,
                     gsize      fold_chars)
{
  g_autofree guint8 *buffer = NULL;
  g_autofree char *literal = NULL;
  SbEventInfo info;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), FALSE);

  if (fold_chars == 0 || !sb_capture_get_info (capture, index, &info) || info.payload_len == 0)
    return FALSE;
  if (info.kind != SB_EVENT_SEND && info.kind != SB_EVENT_RECV
      && info.kind != SB_EVENT_SENDTO && info.kind != SB_EVENT_RECVFROM)
    return FALSE;
  if ((info.kind == SB_EVENT_RECV || info.kind == SB_EVENT_RECVFROM) && info.errnum != 0)
    return FALSE;

  buffer = g_malloc (MIN (info.payload_len, fold_chars) + 1);

  return !payload_fits (capture, index, info.payload_len, fold_chars, buffer, &literal);
}

char *
sb_event_dup_python (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  return sb_transcript_dup_statement (sb_event_get_capture (self), sb_event_get_index (self),
                                      SB_TRANSCRIPT_FOLD_CHARS);
}
