/* sb-ladder-label.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadder: what an arrow says ("send 11 bytes → recv 11 bytes") and
 * what it shows (b'Hello World'). */

#define G_LOG_DOMAIN "sb-ladder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-ladder-private.h"
#include "sb-payload.h"
#include "sb-socket-util.h"

static char *
format_bytes (guint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu byte", "%llu bytes", n),
                          (unsigned long long) n);
}

static gint64
event_result (SbLadder *self,
              guint     event)
{
  SbEventInfo info;

  return sb_capture_get_info (self->capture, event, &info) ? info.result : 0;
}

/* The sending end of a FIN or RST: what the call was. */
static const char *
closing_call (SbLadder          *self,
              guint              event,
              SbLadderArrowKind  kind)
{
  SbEventInfo info;

  if (event == SB_LADDER_NONE)
    return _("peer");
  if (!sb_capture_get_info (self->capture, event, &info))
    return "";
  if (info.kind == SB_EVENT_SHUTDOWN)
    return _("shutdown");
  if (kind == SB_LADDER_ARROW_RST && info.detail == SB_CLOSE_ABORT)
    return _("reset");
  return _("close");
}

static char *
data_label (SbLadder            *self,
            const SbLadderArrow *arrow)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 sent = 0, received = 0;

  if (arrow->from_event == SB_LADDER_NONE)
    from = g_strdup (_("peer"));
  else
    {
      g_autofree char *bytes = format_bytes (sent = event_result (self, arrow->from_event));
      /* Translators: a send() call and how many bytes it sent */
      from = g_strdup_printf (_("send %s"), bytes);
    }

  if (arrow->to_event == SB_LADDER_NONE)
    to = g_strdup (_("peer"));
  else
    {
      g_autofree char *bytes = format_bytes (received = event_result (self, arrow->to_event));
      /* Translators: a recv() call and how many bytes it returned */
      to = g_strdup_printf (_("recv %s"), bytes);
    }

  /* A send split over recv() calls, or sends read by one: the share. */
  if (arrow->from_event != SB_LADDER_NONE && arrow->to_event != SB_LADDER_NONE
      && (arrow->bytes != sent || arrow->bytes != received))
    {
      g_autofree char *share = format_bytes (arrow->bytes);

      return g_strdup_printf ("%s → %s (%s)", from, to, share);
    }

  return g_strdup_printf ("%s → %s", from, to);
}

/* "sendto 4 bytes", "send 4 bytes" (a connect()ed UDP socket), "peer". */
static char *
dup_sendto_text (SbLadder *self,
                 guint     event)
{
  g_autofree char *bytes = NULL;
  SbEventInfo info;

  if (event == SB_LADDER_NONE || !sb_capture_get_info (self->capture, event, &info))
    return g_strdup (_("peer"));

  bytes = format_bytes (MAX (info.result, 0));
  if (info.detail == SB_SENDTO_CONNECTED)
    /* Translators: a send() call and how many bytes it sent */
    return g_strdup_printf (_("send %s"), bytes);
  /* Translators: a sendto() call and how many bytes it sent */
  return g_strdup_printf (_("sendto %s"), bytes);
}

/* "sendto 4 bytes → recvfrom 4 bytes", with "(truncated to 1024)" or
 * "(empty datagram)"; "peer" for an outside end. */
static char *
datagram_label (SbLadder            *self,
                const SbLadderArrow *arrow)
{
  g_autofree char *from = dup_sendto_text (self, arrow->from_event);
  g_autofree char *to = NULL;
  g_autofree char *bytes = NULL;
  SbEventInfo info;

  if (arrow->kind == SB_LADDER_ARROW_LOST)
    /* Translators: a datagram that never arrived, "sendto 4 bytes → lost" */
    return g_strdup_printf (_("%s → lost"), from);

  if (arrow->to_event == SB_LADDER_NONE
      || !sb_capture_get_info (self->capture, arrow->to_event, &info))
    return g_strdup_printf ("%s → %s", from, _("peer"));

  bytes = format_bytes (MAX (info.result, 0));
  /* Translators: a recvfrom() call and the length of the datagram it got */
  to = g_strdup_printf (_("recvfrom %s"), bytes);
  if (info.result > (gint64) info.requested)
    /* Translators: "sendto 3000 bytes → recvfrom 3000 bytes (truncated to 1024)" */
    return g_strdup_printf (_("%s → %s (truncated to %llu)"), from, to,
                            (unsigned long long) info.requested);
  if (info.result == 0)
    return g_strdup_printf (_("%s → %s (empty datagram)"), from, to);

  return g_strdup_printf ("%s → %s", from, to);
}

char *
sb_ladder_dup_arrow_label (SbLadder *self,
                           guint     index)
{
  SbLadderArrow arrow;
  SbEventInfo info;

  g_return_val_if_fail (SB_IS_LADDER (self), NULL);

  if (!sb_ladder_get_arrow (self, index, &arrow))
    return NULL;

  switch (arrow.kind)
    {
    case SB_LADDER_ARROW_HANDSHAKE:
      if (arrow.from_event == SB_LADDER_NONE)
        return g_strdup (_("peer → accept"));
      if (arrow.to_event == SB_LADDER_NONE)
        return g_strdup (_("connect → peer"));
      return g_strdup (_("connect → accept"));

    case SB_LADDER_ARROW_DATA:
      return data_label (self, &arrow);

    case SB_LADDER_ARROW_DATAGRAM:
    case SB_LADDER_ARROW_LOST:
      return datagram_label (self, &arrow);

    case SB_LADDER_ARROW_FIN:
      /* Translators: "close → recv b'' (FIN)": a call, then what the peer's recv() returned */
      return g_strdup_printf (_("%s → %s (FIN)"),
                              closing_call (self, arrow.from_event, arrow.kind),
                              arrow.to_event == SB_LADDER_NONE ? _("peer") : "recv b''");

    case SB_LADDER_ARROW_RST:
    default:
      /* Translators: "reset → ConnectionResetError (RST)": a call, then the peer's exception */
      return g_strdup_printf (_("%s → %s (RST)"),
                              closing_call (self, arrow.from_event, arrow.kind),
                              arrow.to_event == SB_LADDER_NONE ? _("peer")
                              : sb_capture_get_info (self->capture, arrow.to_event, &info)
                                ? sb_errno_get_python_exception (info.errnum) : "");
    }
}

/* A Python bytes literal of @len bytes of @event's payload from @offset,
 * at most @max_chars characters with its "…". */
static char *
python_preview (SbCapture *capture,
                guint      event,
                guint      offset,
                guint      len,
                gsize      max_chars)
{
  g_autofree guint8 *buffer = NULL;
  gsize want = MIN ((gsize) len, MAX (max_chars, 4));
  gsize n;
  char *literal;
  char *cut;

  buffer = g_malloc (want);
  n = sb_capture_copy_payload (capture, event, offset, buffer, want);
  literal = sb_payload_to_python (buffer, n);
  if (n == len && strlen (literal) <= max_chars)
    return literal;

  /* ASCII: one byte a character.  Each byte is at most four of them. */
  while (n > 0 && strlen (literal) > max_chars - 1)
    {
      gsize over = strlen (literal) - (max_chars - 1);

      g_free (literal);
      n -= MIN (n, MAX (1, over / 4));
      literal = sb_payload_to_python (buffer, n);
    }

  cut = g_strconcat (literal, "…", NULL);
  g_free (literal);

  return cut;
}

char *
sb_ladder_dup_arrow_preview (SbLadder *self,
                             guint     index,
                             gsize     max_chars)
{
  SbLadderArrow arrow;

  g_return_val_if_fail (SB_IS_LADDER (self), NULL);

  if (!sb_ladder_get_arrow (self, index, &arrow))
    return NULL;

  switch (arrow.kind)
    {
    case SB_LADDER_ARROW_HANDSHAKE:
      return g_strdup ("SYN");

    case SB_LADDER_ARROW_FIN:
      return g_strdup ("FIN");

    case SB_LADDER_ARROW_RST:
      return g_strdup ("RST");

    case SB_LADDER_ARROW_LOST:
      {
        g_autofree char *bytes = python_preview (self->capture, arrow.from_event, 0,
                                                 arrow.bytes, MAX (max_chars, 8) - 2);

        return g_strconcat (bytes, " ✕", NULL);
      }

    case SB_LADDER_ARROW_DATA:
    case SB_LADDER_ARROW_DATAGRAM:
    default:
      if (arrow.from_event != SB_LADDER_NONE)
        return python_preview (self->capture, arrow.from_event, arrow.offset, arrow.bytes,
                               MAX (max_chars, 8));
      return python_preview (self->capture, arrow.to_event, 0, arrow.bytes, MAX (max_chars, 8));
    }
}
