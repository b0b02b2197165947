/* fuzz-script.c — fuzz input read as a script of captured events
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-script"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "fuzz-script.h"

void
sb_fuzz_input_init (SbFuzzInput  *self,
                    const guint8 *data,
                    gsize         size)
{
  self->data = data;
  self->size = size;
  self->at = 0;
}

gboolean
sb_fuzz_input_done (SbFuzzInput *self)
{
  return self->at >= self->size;
}

guint8
sb_fuzz_input_byte (SbFuzzInput *self)
{
  return self->at < self->size ? self->data[self->at++] : 0;
}

guint32
sb_fuzz_input_uint (SbFuzzInput *self,
                    guint        n_bytes)
{
  guint32 value = 0;

  for (guint i = 0; i < MIN (n_bytes, 4); i++)
    value |= (guint32) sb_fuzz_input_byte (self) << (8 * i);

  return value;
}

const guint8 *
sb_fuzz_input_take (SbFuzzInput *self,
                    gsize        max,
                    gsize       *len)
{
  const guint8 *start = self->data + MIN (self->at, self->size);

  *len = MIN (max, self->size - MIN (self->at, self->size));
  self->at += *len;

  return start;
}

/* Notes the socket code writes, so that the renderers' parsing of them
 * (a resolve's "host: addresses", a tuple) gets real shapes too. */
static const char *const notes[] = {
  "AF_INET, SOCK_STREAM", "AF_INET6, SOCK_STREAM", "AF_INET, SOCK_DGRAM",
  "AF_INET6, SOCK_DGRAM", "('127.0.0.1', 5000)", "('::1', 8080, 0, 0)",
  "('0.0.0.0', 0)", "localhost: ::1, 127.0.0.1", "localhost: 127.0.0.1",
  "example.invalid: Name or service not known", "after the send queue drained",
  ": ", "('127.0.0.1', 5000) → ('127.0.0.1', 40000)",
};

static const int errnums[] = {
  0, ECONNREFUSED, ECONNRESET, EPIPE, ENOTCONN, EADDRINUSE, ETIMEDOUT, EMFILE,
  ENFILE, ENOBUFS, EAGAIN, EHOSTUNREACH, EACCES, EINVAL, 4095, 40000, -3,
};

/* How many values the detail of each kind has; 0 for any count. */
static int
n_details (SbEventKind kind)
{
  switch (kind)
    {
    case SB_EVENT_CONNECT:  return SB_CONNECT_NEXT_ADDRESS + 1;
    case SB_EVENT_SHUTDOWN: return SB_SHUTDOWN_BOTH + 1;
    case SB_EVENT_CLOSE:    return SB_CLOSE_ABORT + 1;
    case SB_EVENT_SENDTO:   return SB_SENDTO_CONNECTED + 1;
    case SB_EVENT_RECVFROM: return 0;
    case SB_EVENT_SOCKET:
    case SB_EVENT_BIND:
    case SB_EVENT_LISTEN:
    case SB_EVENT_ACCEPT:
    case SB_EVENT_RESOLVE:
    case SB_EVENT_SEND:
    case SB_EVENT_RECV:
    case SB_EVENT_EOF:
    case SB_EVENT_RESET:
    case SB_EVENT_ERROR:
    default:
      return 1;
    }
}

static gboolean
has_payload (SbEventKind kind)
{
  return kind == SB_EVENT_SEND || kind == SB_EVENT_RECV
         || kind == SB_EVENT_SENDTO || kind == SB_EVENT_RECVFROM;
}

static char *
read_note (SbFuzzInput *input)
{
  guint8 choice = sb_fuzz_input_byte (input);

  if (choice < 0x40)
    return NULL;
  if (choice < 0xe0)
    return g_strdup (notes[choice % G_N_ELEMENTS (notes)]);

  /* Arbitrary text, made valid UTF-8 (notes are text), NULs dropped. */
  {
    gsize len;
    const guint8 *bytes = sb_fuzz_input_take (input, choice & 0x1f, &len);
    g_autofree char *raw = g_strndup ((const char *) bytes, len);
    char *note = g_utf8_make_valid (raw, -1);

    /* A note is one line the socket code wrote or the user typed in an
     * entry: no control characters; never empty (NULL for none). */
    if (note[0] == '\0')
      {
        g_free (note);
        return NULL;
      }
    for (char *p = note; *p != '\0'; p++)
      if ((guchar) *p < 0x20 || *p == 0x7f)
        *p = '?';

    return note;
  }
}

void
sb_fuzz_event_read (SbFuzzEvent *event,
                    SbFuzzInput *input,
                    const guint *socket_ids)
{
  guint8 head = sb_fuzz_input_byte (input);
  guint8 flags = sb_fuzz_input_byte (input);
  SbEventKind kind = head % (SB_EVENT_RECVFROM + 1);
  guint socket = (head >> 4) % SB_FUZZ_N_SOCKETS;
  int details = n_details (kind);

  memset (event, 0, sizeof *event);
  event->info.kind = kind;
  event->info.socket_id = socket_ids[socket];
  event->info.side = (socket % 2 == 0) ? SB_SIDE_SERVER : SB_SIDE_CLIENT;
  event->info.detail = details > 0 ? (flags & 0x0f) % details
                                   : (int) sb_fuzz_input_uint (input, (flags & 1) ? 3 : 1);
  event->info.errnum = (flags & 0x10) ? errnums[sb_fuzz_input_byte (input) % G_N_ELEMENTS (errnums)]
                                      : 0;
  event->note = read_note (input);
  event->info.note = event->note;

  if (has_payload (kind) && event->info.errnum == 0)
    {
      gsize len;
      guint8 want = sb_fuzz_input_byte (input);
      const guint8 *bytes = sb_fuzz_input_take (input, want, &len);
      guint repeat = (flags & 0x20) ? 1 + sb_fuzz_input_byte (input) % 16 : 1;

      event->payload_len = len * repeat;
      event->payload = g_malloc (MAX (event->payload_len, 1));
      for (guint r = 0; r < repeat; r++)
        memcpy (event->payload + r * len, bytes, len);
    }

  /* What the call returned and what was asked of it. */
  if (event->info.errnum != 0)
    event->info.result = -1;
  else if (has_payload (kind))
    /* Now and then more than was kept: a gap "N bytes not retained". */
    event->info.result = event->payload_len + ((flags & 0x40) ? sb_fuzz_input_byte (input) : 0);
  else
    event->info.result = (flags & 0x40) ? (gint8) sb_fuzz_input_byte (input) : 0;
  event->info.requested = (flags & 0x80) ? sb_fuzz_input_uint (input, 3) : event->payload_len;
}

void
sb_fuzz_event_clear (SbFuzzEvent *event)
{
  g_clear_pointer (&event->note, g_free);
  g_clear_pointer (&event->payload, g_free);
  event->info.note = NULL;
  event->payload_len = 0;
}

void
sb_fuzz_assert_text (const char *text,
                     const char *allowed)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      if (allowed == NULL || strchr (allowed, *p) == NULL)
        g_error ("control character 0x%02x at %zu in:\n%s", (guchar) *p, (gsize) (p - text), text);
}
