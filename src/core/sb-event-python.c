/* sb-event-python.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An event as the Python statement of the socket exercises:
 * "c.recv(1024)  # → b'Hello World'". */

#define G_LOG_DOMAIN "sb-event-text"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sb-capture.h"
#include "sb-event-text-private.h"
#include "sb-payload.h"
#include "sb-socket-util.h"

/* Characters of a Python bytes literal, "…" included. */
#define PYTHON_MAX_CHARS 60

/* "ConnectionRefusedError: [Errno 111] Connection refused" */
static void
append_exception_text (GString *out,
                       int      errnum)
{
  g_string_append_printf (out, "%s: [Errno %d] %s",
                          sb_errno_get_python_exception (errnum), errnum, g_strerror (errnum));
}

static void
append_python_exception (GString *out,
                         int      errnum)
{
  g_string_append (out, "  # → ");
  append_exception_text (out, errnum);
}

/* A Python bytes literal of the event's payload, at most PYTHON_MAX_CHARS
 * characters: the longest prefix that fits, then "…". */
static char *
python_payload (SbCapture *capture,
                guint      index,
                gsize      payload_len)
{
  guint8 buffer[PYTHON_MAX_CHARS];
  gsize n;
  char *literal;
  char *cut;

  n = sb_capture_copy_payload (capture, index, 0, buffer, MIN (payload_len, sizeof buffer));
  literal = sb_payload_to_python (buffer, n);
  if (n == payload_len && strlen (literal) <= PYTHON_MAX_CHARS)
    return literal;

  /* The literal is ASCII: bytes are characters.  "…" takes one. */
  while (n > 0 && strlen (literal) > PYTHON_MAX_CHARS - 1)
    {
      g_free (literal);
      literal = sb_payload_to_python (buffer, --n);
    }

  cut = g_strconcat (literal, "…", NULL);
  g_free (literal);

  return cut;
}

/* See sb_event_dup_python() in the header for the naming rule. */
static char *
python_name (SbCapture *capture,
             guint      socket_id)
{
  guint number = sb_capture_get_connection_number (capture, socket_id);

  if (number == 0)
    return g_strdup ("s");
  if (number == 1)
    return g_strdup ("c");

  return g_strdup_printf ("c%u", number);
}

char *
sb_event_dup_python (SbEvent *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *host = NULL;
  SbCapture *capture;
  const char *addresses;
  const char *note;
  SbEventInfo info;
  guint index;

  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  capture = sb_event_get_capture (self);
  index = sb_event_get_index (self);
  if (!sb_capture_get_info (capture, index, &info))
    return g_strdup ("");

  note = info.note != NULL ? info.note : "";
  name = python_name (capture, info.socket_id);

  switch (info.kind)
    {
    case SB_EVENT_SOCKET:
      g_string_append_printf (out, "%s = socket(%s)", name,
                              info.note != NULL ? info.note : "AF_INET, SOCK_STREAM");
      break;

    case SB_EVENT_BIND:
      g_string_append_printf (out, "%s.bind(%s)", name, note);
      break;

    case SB_EVENT_LISTEN:
      g_string_append_printf (out, "%s.listen(%llu)", name, (unsigned long long) info.requested);
      break;

    case SB_EVENT_ACCEPT:
      /* The event may carry the listener's id or the connection's. */
      g_string_append_printf (out, "%s, a = s.accept()", strcmp (name, "s") == 0 ? "c" : name);
      if (info.errnum == 0)
        g_string_append_printf (out, "  # a == %s", note);
      break;

    case SB_EVENT_RESOLVE:
      addresses = _sb_event_split_resolve_note (info.note, &host);
      if (host != NULL)
        g_string_append_printf (out, "getaddrinfo('%s', None)", host);
      else
        g_string_append (out, "getaddrinfo(…)");
      if (info.errnum != 0 || info.result < 0)
        g_string_append_printf (out, "  # → gaierror: %s", addresses);
      else
        g_string_append_printf (out, "  # → %s", addresses);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_CONNECT:
      g_string_append_printf (out, "%s.connect(%s)", name, note);
      switch ((SbConnectPhase) info.detail)
        {
        case SB_CONNECT_STARTED:
          break;
        case SB_CONNECT_ESTABLISHED:
          g_string_append (out, "  # → None: connected");
          break;
        case SB_CONNECT_REFUSED:
          append_python_exception (out, info.errnum != 0 ? info.errnum : ECONNREFUSED);
          break;
        case SB_CONNECT_TIMED_OUT:
          g_string_append (out, "  # → TimeoutError: timed out");
          break;
        case SB_CONNECT_NEXT_ADDRESS:
        case SB_CONNECT_FAILED:
        default:
          if (info.errnum != 0)
            append_python_exception (out, info.errnum);
          else
            g_string_append (out, "  # → OSError");
          break;
        }
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_SEND:
      payload = python_payload (capture, index, info.payload_len);
      g_string_append_printf (out, "%s.send(%s)", name, payload);
      if (info.errnum == 0)
        g_string_append_printf (out, "  # → %lld", (long long) info.result);
      break;

    case SB_EVENT_RECV:
      g_string_append_printf (out, "%s.recv(%llu)", name, (unsigned long long) info.requested);
      if (info.errnum == 0)
        {
          payload = python_payload (capture, index, info.payload_len);
          g_string_append_printf (out, "  # → %s", payload);
        }
      break;

    case SB_EVENT_EOF:
      g_string_append_printf (out, "%s.recv(%llu)  # → b''  (the peer closed)",
                              name, (unsigned long long) info.requested);
      break;

    case SB_EVENT_SHUTDOWN:
      g_string_append_printf (out, "%s.shutdown(%s)", name,
                              _sb_event_shutdown_how_name (info.detail));
      break;

    case SB_EVENT_CLOSE:
      if (info.detail == SB_CLOSE_ABORT)
        g_string_append_printf (out, "%s.setsockopt(SOL_SOCKET, SO_LINGER, "
                                "struct.pack('ii', 1, 0)); ", name);
      g_string_append_printf (out, "%s.close()", name);
      break;

    case SB_EVENT_RESET:
      if (info.errnum == EPIPE || g_str_has_prefix (note, "send"))
        g_string_append_printf (out, "%s.send(…)", name);
      else if (info.requested > 0)
        g_string_append_printf (out, "%s.recv(%llu)", name, (unsigned long long) info.requested);
      else
        g_string_append_printf (out, "%s.recv(…)", name);
      append_python_exception (out, info.errnum != 0 ? info.errnum : ECONNRESET);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_ERROR:
      if (info.errnum != 0)
        {
          g_string_append (out, "# → ");
          append_exception_text (out, info.errnum);
        }
      else
        g_string_append_printf (out, "# error: %s", note);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_SENDTO:
      payload = python_payload (capture, index, info.payload_len);
      g_string_append_printf (out, "%s.sendto(%s, %s)", name, payload, note);
      if (info.errnum == 0)
        g_string_append_printf (out, "  # → %lld", (long long) info.result);
      break;

    case SB_EVENT_RECVFROM:
      g_string_append_printf (out, "%s.recvfrom(%llu)", name, (unsigned long long) info.requested);
      if (info.errnum == 0)
        {
          payload = python_payload (capture, index, info.payload_len);
          g_string_append_printf (out, "  # → (%s, %s)", payload, note);
        }
      break;

    default:
      g_string_append_printf (out, "# %s", sb_event_kind_to_string (info.kind));
      break;
    }

  if (info.errnum != 0)
    append_python_exception (out, info.errnum);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
