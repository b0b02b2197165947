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
#include "sb-event-text-private.h"
#include "sb-socket-util.h"

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

const char *
_sb_event_shutdown_how_name (int how)
{
  switch ((SbShutdownHow) how)
    {
    case SB_SHUTDOWN_READ:  return "SHUT_RD";
    case SB_SHUTDOWN_WRITE: return "SHUT_WR";
    case SB_SHUTDOWN_BOTH:  return "SHUT_RDWR";
    default:                return "?";
    }
}

const char *
_sb_event_split_resolve_note (const char  *note,
                              char       **host)
{
  const char *colon = note != NULL ? strstr (note, ": ") : NULL;

  *host = NULL;
  if (colon == NULL)
    return note != NULL ? note : "";

  *host = g_strndup (note, colon - note);

  return colon + 2;
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

/* " (12 times)": one event for a failure that repeated (accept() out of
 * descriptors), rather than one per call. */
static void
append_repeats (GString *out,
                guint    times)
{
  if (times > 1)
    g_string_append_printf (out, g_dngettext (NULL, " (%u time)", " (%u times)", times), times);
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
      addresses = _sb_event_split_resolve_note (info.note, &host);
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
      /* UDP: no handshake, connect() only fixes the peer. */
      if (info.errnum == 0
          && sb_capture_is_datagram_socket (sb_event_get_capture (self), info.socket_id))
        {
          g_string_append (out, _(": the peer is fixed (UDP, no handshake)"));
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
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
        case SB_CONNECT_NEXT_ADDRESS:
          /* A normal step while the name has more addresses. */
          if (info.errnum == ECONNREFUSED)
            g_string_append (out, _(" refused, trying the next address"));
          else if (info.errnum == ETIMEDOUT)
            g_string_append (out, _(" timed out, trying the next address"));
          else
            {
              g_string_append (out, _(" failed ("));
              append_errno_name (out, info.errnum);
              g_string_append (out, _("), trying the next address"));
            }
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
      /* Not a failure: the non-blocking recv() found nothing to read. */
      if (info.errnum == EAGAIN)
        {
          g_string_append (out, _(" would block: nothing is waiting (EAGAIN)"));
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      if (info.errnum == 0)
        g_string_append_printf (out,
                                g_dngettext (NULL, " returned %lld byte", " returned %lld bytes",
                                             info.result),
                                (long long) info.result);
      if (info.errnum == 0 && info.result > 0 && info.payload_len == 0)
        {
          g_autofree char *gap = sb_capture_dup_gap_text ((guint64) info.result);

          g_string_append_printf (out, " (%s)", gap);
        }
      break;

    case SB_EVENT_EOF:
      g_string_append (out, _("recv() returned b'' — the peer closed"));
      break;

    case SB_EVENT_SHUTDOWN:
      g_string_append_printf (out, "shutdown(%s)", _sb_event_shutdown_how_name (info.detail));
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
      /* An ending the peer caused, not a failure; the errno stays named. */
      if (info.errnum == EPIPE)
        g_string_append (out, _("the peer left (EPIPE): broken pipe"));
      else if (info.errnum == ENOTCONN)
        g_string_append (out, _("the peer left (ENOTCONN): the connection is gone"));
      else
        g_string_append (out, _("the peer left (ECONNRESET): connection reset by peer"));
      append_note (out, info.note);
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_ERROR:
      /* The capture was full, or has room again: the note says it all. */
      if (info.note != NULL && sb_capture_is_full_event (sb_event_get_capture (self), &info))
        return g_strdup (info.note);
      /* UDP drops sb_datagram_refresh() found: no call failed. */
      if (info.note != NULL && sb_capture_is_kernel_drops (sb_event_get_capture (self), &info))
        {
          g_string_append (out, info.note);
          g_string_append (out, _(" (no call failed: the kernel counts them)"));
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      /* The count first, where a narrow column still shows it. */
      if (info.errnum != 0)
        {
          append_errno_name (out, info.errnum);
          append_repeats (out, sb_capture_get_repeats (sb_event_get_capture (self),
                                                       sb_event_get_index (self)));
          g_string_append_printf (out, ": %s",
                                  info.note != NULL ? info.note : g_strerror (info.errnum));
        }
      else
        {
          g_string_append (out, info.note != NULL ? info.note : _("error"));
          append_repeats (out, sb_capture_get_repeats (sb_event_get_capture (self),
                                                       sb_event_get_index (self)));
        }
      return g_string_free (g_steal_pointer (&out), FALSE);

    case SB_EVENT_SENDTO:
      if (info.detail == SB_SENDTO_CONNECTED)
        g_string_append_printf (out, "send() to %s", note);
      else
        g_string_append_printf (out, "sendto(%s)", note);
      if (info.errnum != 0)
        break;
      if (info.result == 0)
        g_string_append (out, _(" sent an empty datagram"));
      else
        g_string_append_printf (out,
                                g_dngettext (NULL, " took %lld byte", " took %lld bytes",
                                             info.result),
                                (long long) info.result);
      break;

    case SB_EVENT_RECVFROM:
      g_string_append_printf (out, "recvfrom(%llu)", (unsigned long long) info.requested);
      if (info.errnum == EAGAIN)
        {
          g_string_append (out, _(" would block: nothing is waiting (EAGAIN)"));
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      if (info.errnum != 0)
        break;
      /* A datagram of no bytes is a datagram: UDP has no end of file. */
      if (info.result == 0)
        g_string_append_printf (out, _(" returned an empty datagram from %s "
                                       "(0 bytes, not an end of file)"), note);
      else
        g_string_append_printf (out,
                                g_dngettext (NULL, " returned %lld byte from %s",
                                             " returned %lld bytes from %s",
                                             info.result),
                                (long long) info.result, note);
      if (info.result > (gint64) info.requested)
        g_string_append_printf (out, _(", truncated to %llu (MSG_TRUNC)"),
                                (unsigned long long) info.requested);
      if (info.detail > 0)
        g_string_append_printf (out,
                                g_dngettext (NULL,
                                             "; the kernel dropped %d datagram before it",
                                             "; the kernel dropped %d datagrams before it",
                                             info.detail),
                                info.detail);
      break;

    default:
      g_string_append (out, sb_event_kind_to_string (info.kind));
      break;
    }

  if (info.errnum != 0)
    append_failure (out, info.errnum);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
