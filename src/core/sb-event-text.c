/* sb-event-text.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-event-text"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-payload.h"
#include "sb-socket-util.h"

/* Characters of a Python bytes literal, "…" included. */
#define PYTHON_MAX_CHARS 60

const char *
sb_event_kind_to_string (SbEventKind kind)
{
  switch (kind)
    {
    case SB_EVENT_SOCKET:   return "socket";
    case SB_EVENT_BIND:     return "bind";
    case SB_EVENT_LISTEN:   return "listen";
    case SB_EVENT_ACCEPT:   return "accept";
    case SB_EVENT_RESOLVE:  return "resolve";
    case SB_EVENT_CONNECT:  return "connect";
    case SB_EVENT_SEND:     return "send";
    case SB_EVENT_RECV:     return "recv";
    case SB_EVENT_EOF:      return "eof";
    case SB_EVENT_SHUTDOWN: return "shutdown";
    case SB_EVENT_CLOSE:    return "close";
    case SB_EVENT_RESET:    return "reset";
    case SB_EVENT_ERROR:    return "error";
    case SB_EVENT_SENDTO:   return "sendto";
    case SB_EVENT_RECVFROM: return "recvfrom";
    default:                return "unknown";
    }
}

const char *
sb_side_to_string (SbSide side)
{
  switch (side)
    {
    case SB_SIDE_CLIENT: return "client";
    case SB_SIDE_SERVER: return "server";
    default:             return "unknown";
    }
}

/* The exception Python raises for an errno, where it is not OSError. */
static const struct
{
  int         errnum;
  const char *exception;
} python_exceptions[] = {
  { EACCES,       "PermissionError" },
  { EAGAIN,       "BlockingIOError" },
  { EALREADY,     "BlockingIOError" },
  { ECONNABORTED, "ConnectionAbortedError" },
  { ECONNREFUSED, "ConnectionRefusedError" },
  { ECONNRESET,   "ConnectionResetError" },
  { EINPROGRESS,  "BlockingIOError" },
  { EINTR,        "InterruptedError" },
  { ENOENT,       "FileNotFoundError" },
  { EPERM,        "PermissionError" },
  { EPIPE,        "BrokenPipeError" },
  { ESHUTDOWN,    "BrokenPipeError" },
  { ETIMEDOUT,    "TimeoutError" },
};

static const char *
python_exception (int errnum)
{
  for (guint i = 0; i < G_N_ELEMENTS (python_exceptions); i++)
    if (python_exceptions[i].errnum == errnum)
      return python_exceptions[i].exception;

  return "OSError";
}

/* "ECONNREFUSED" or "errno 1234" */
static void
append_errno_name (GString *out,
                   int      errnum)
{
  const char *name = sb_errno_get_name (errnum);

  if (name != NULL)
    g_string_append (out, name);
  else
    g_string_append_printf (out, "errno %d", errnum);
}

/* " failed: EADDRINUSE (Address already in use)" */
static void
append_failure (GString *out,
                int      errnum)
{
  g_string_append (out, _(" failed: "));
  append_errno_name (out, errnum);
  g_string_append_printf (out, " (%s)", g_strerror (errnum));
}

/* " — after the send queue drained" */
static void
append_note (GString    *out,
             const char *note)
{
  if (note != NULL && note[0] != '\0')
    g_string_append_printf (out, " — %s", note);
}

/* "ConnectionRefusedError: [Errno 111] Connection refused" */
static void
append_exception_text (GString *out,
                       int      errnum)
{
  g_string_append_printf (out, "%s: [Errno %d] %s",
                          python_exception (errnum), errnum, g_strerror (errnum));
}

static void
append_python_exception (GString *out,
                         int      errnum)
{
  g_string_append (out, "  # → ");
  append_exception_text (out, errnum);
}

static const char *
shutdown_how_name (int how)
{
  switch ((SbShutdownHow) how)
    {
    case SB_SHUTDOWN_READ:  return "SHUT_RD";
    case SB_SHUTDOWN_WRITE: return "SHUT_WR";
    case SB_SHUTDOWN_BOTH:  return "SHUT_RDWR";
    default:                return "?";
    }
}

/* Splits a resolve note "host: addresses" in two; *host is NULL when the
 * note names no host.  No host name, nor an IPv6 literal, holds ": ". */
static const char *
split_resolve_note (const char  *note,
                    char       **host)
{
  const char *colon = note != NULL ? strstr (note, ": ") : NULL;

  *host = NULL;
  if (colon == NULL)
    return note != NULL ? note : "";

  *host = g_strndup (note, colon - note);

  return colon + 2;
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

static gboolean
get_event_info (SbEvent     *self,
                SbEventInfo *info)
{
  return sb_capture_get_info (sb_event_get_capture (self), sb_event_get_index (self), info);
}

char *
sb_event_dup_summary (SbEvent *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *host = NULL;
  const char *addresses;
  const char *note;
  SbEventInfo info;

  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  if (!get_event_info (self, &info))
    return g_strdup ("");

  note = info.note != NULL ? info.note : "";

  switch (info.kind)
    {
    case SB_EVENT_SOCKET:
      g_string_append_printf (out, "socket(%s)",
                              info.note != NULL ? info.note : "AF_INET, SOCK_STREAM");
      break;

    case SB_EVENT_BIND:
      g_string_append_printf (out, "bind(%s)", note);
      break;

    case SB_EVENT_LISTEN:
      g_string_append_printf (out, "listen(%llu)", (unsigned long long) info.requested);
      break;

    case SB_EVENT_ACCEPT:
      g_string_append (out, "accept()");
      if (info.errnum == 0)
        g_string_append_printf (out, " → %s", note);
      break;

    case SB_EVENT_RESOLVE:
      addresses = split_resolve_note (info.note, &host);
      if (host != NULL)
        g_string_append_printf (out, "getaddrinfo('%s')", host);
      else
        g_string_append (out, "getaddrinfo()");
      if (info.errnum != 0 || info.result < 0)
        g_string_append_printf (out, _(" failed: %s"), addresses);
      else
        g_string_append_printf (out, " → %s", addresses);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_CONNECT:
      g_string_append_printf (out, "connect(%s)", note);
      switch ((SbConnectPhase) info.detail)
        {
        case SB_CONNECT_STARTED:
          g_string_append (out, _(" started"));
          break;
        case SB_CONNECT_ESTABLISHED:
          g_string_append (out, _(" established"));
          break;
        case SB_CONNECT_REFUSED:
          g_string_append (out, _(" refused: "));
          append_errno_name (out, info.errnum != 0 ? info.errnum : ECONNREFUSED);
          break;
        case SB_CONNECT_TIMED_OUT:
          g_string_append (out, _(" timed out"));
          break;
        case SB_CONNECT_FAILED:
        default:
          if (info.errnum != 0)
            append_failure (out, info.errnum);
          else
            g_string_append (out, _(" failed"));
          break;
        }
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_SEND:
      if (info.errnum != 0)
        {
          g_string_append (out, "send()");
          break;
        }
      g_string_append_printf (out,
                              g_dngettext (NULL, "send() took %lld of %llu byte",
                                           "send() took %lld of %llu bytes",
                                           info.requested),
                              (long long) info.result, (unsigned long long) info.requested);
      if (info.result >= 0 && (guint64) info.result < info.requested)
        g_string_append (out, _(", the rest is queued"));
      break;

    case SB_EVENT_RECV:
      g_string_append_printf (out, "recv(%llu)", (unsigned long long) info.requested);
      if (info.errnum == 0)
        g_string_append_printf (out,
                                g_dngettext (NULL, " returned %lld byte", " returned %lld bytes",
                                             info.result),
                                (long long) info.result);
      break;

    case SB_EVENT_EOF:
      g_string_append (out, _("recv() returned b'' — the peer closed"));
      break;

    case SB_EVENT_SHUTDOWN:
      g_string_append_printf (out, "shutdown(%s)", shutdown_how_name (info.detail));
      append_note (out, info.note);
      break;

    case SB_EVENT_CLOSE:
      g_string_append (out, "close()");
      /* The abort's note says what the summary says already. */
      if (info.detail == SB_CLOSE_ABORT)
        g_string_append (out, _(" with SO_LINGER 0: sent RST"));
      else
        append_note (out, info.note);
      break;

    case SB_EVENT_RESET:
      if (info.errnum == EPIPE)
        g_string_append (out, _("broken pipe: the peer reset the connection (EPIPE)"));
      else
        g_string_append (out, _("connection reset by peer (ECONNRESET)"));
      append_note (out, info.note);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_ERROR:
      if (info.errnum != 0)
        {
          append_errno_name (out, info.errnum);
          g_string_append_printf (out, ": %s",
                                  info.note != NULL ? info.note : g_strerror (info.errnum));
        }
      else
        g_string_append (out, info.note != NULL ? info.note : _("error"));
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_SENDTO:
      g_string_append_printf (out, "sendto(%s)", note);
      if (info.errnum == 0)
        g_string_append_printf (out,
                                g_dngettext (NULL, " took %lld byte", " took %lld bytes",
                                             info.result),
                                (long long) info.result);
      break;

    case SB_EVENT_RECVFROM:
      g_string_append_printf (out, "recvfrom(%llu)", (unsigned long long) info.requested);
      if (info.errnum == 0)
        g_string_append_printf (out,
                                g_dngettext (NULL, " returned %lld byte from %s",
                                             " returned %lld bytes from %s",
                                             info.result),
                                (long long) info.result, note);
      break;

    default:
      g_string_append (out, sb_event_kind_to_string (info.kind));
      break;
    }

  if (info.errnum != 0)
    append_failure (out, info.errnum);

  return g_string_free (g_steal_pointer (&out), FALSE);
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
      addresses = split_resolve_note (info.note, &host);
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
      g_string_append_printf (out, "%s.shutdown(%s)", name, shutdown_how_name (info.detail));
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
