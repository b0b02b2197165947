/* sb-datagram-facts.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-datagram-facts"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-facts.h"
#include "sb-event.h"

gboolean
sb_datagram_facts_applies (SbEvent *event)
{
  g_return_val_if_fail (SB_IS_EVENT (event), FALSE);

  return sb_event_get_socket_id (event) != 0
         && sb_capture_is_datagram_socket (sb_event_get_capture (event),
                                           sb_event_get_socket_id (event));
}

const char *
sb_datagram_fact_get_name (SbEvent        *event,
                           SbDatagramFact  fact)
{
  g_return_val_if_fail (SB_IS_EVENT (event), NULL);

  switch (fact)
    {
    case SB_DATAGRAM_FACT_ADDRESS:
      return sb_event_get_kind (event) == SB_EVENT_SENDTO ? _("Destination") : _("Sender");
    case SB_DATAGRAM_FACT_LENGTH:
      return _("Datagram");
    case SB_DATAGRAM_FACT_DROPS:
      return _("Drops");
    case SB_N_DATAGRAM_FACTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
dup_length (SbEvent *event)
{
  gint64 length = sb_event_get_result (event);
  gsize requested = sb_event_get_requested (event);
  gsize kept = sb_event_get_payload_length (event);

  if (length == 0)
    return g_strdup (sb_event_get_kind (event) == SB_EVENT_RECVFROM
                     ? _("empty: 0 bytes, a datagram of its own, not an end of file")
                     : _("empty: 0 bytes"));

  if (sb_event_get_kind (event) == SB_EVENT_RECVFROM && length > (gint64) requested)
    /* Translators: "3000 bytes, the first 1024 kept: truncated by recvfrom(1024) (MSG_TRUNC)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%lld byte, the first %zu kept: truncated by "
                                         "recvfrom(%zu) (MSG_TRUNC)",
                                         "%lld bytes, the first %zu kept: truncated by "
                                         "recvfrom(%zu) (MSG_TRUNC)", length),
                            (long long) length, kept, requested);

  if (kept < (gsize) length)
    return sb_capture_dup_gap_text ((guint64) length);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld byte", "%lld bytes", length),
                          (long long) length);
}

char *
sb_datagram_fact_dup_text (SbEvent        *event,
                           SbDatagramFact  fact)
{
  SbEventKind kind;
  SbEventInfo info;
  int dropped;

  g_return_val_if_fail (SB_IS_EVENT (event), NULL);

  kind = sb_event_get_kind (event);
  dropped = sb_event_get_detail (event);

  /* The drops sb_datagram_refresh() found: an event of their own. */
  if (kind == SB_EVENT_ERROR
      && sb_capture_get_info (sb_event_get_capture (event), sb_event_get_index (event), &info)
      && sb_capture_is_kernel_drops (sb_event_get_capture (event), &info))
    return fact == SB_DATAGRAM_FACT_DROPS
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d datagram: the receive buffer was full",
                                           "%d datagrams: the receive buffer was full",
                                           dropped), dropped)
           : NULL;

  if ((kind != SB_EVENT_SENDTO && kind != SB_EVENT_RECVFROM) || sb_event_get_result (event) < 0)
    return NULL;

  switch (fact)
    {
    case SB_DATAGRAM_FACT_ADDRESS:
      if (kind == SB_EVENT_SENDTO && dropped == SB_SENDTO_CONNECTED)
        /* Translators: the peer a connect()ed UDP socket sends to */
        return g_strdup_printf (_("%s (connected: send())"), sb_event_get_note (event));
      return g_strdup (sb_event_get_note (event));

    case SB_DATAGRAM_FACT_LENGTH:
      return dup_length (event);

    case SB_DATAGRAM_FACT_DROPS:
      if (kind != SB_EVENT_RECVFROM || dropped <= 0)
        return NULL;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d datagram dropped before this one (SO_RXQ_OVFL)",
                                           "%d datagrams dropped before this one (SO_RXQ_OVFL)",
                                           dropped), dropped);

    case SB_N_DATAGRAM_FACTS:
    default:
      g_return_val_if_reached (NULL);
    }
}
