/* fuzz-script.h — fuzz input read as a script of captured events
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

#include <glib.h>

#include "sb-capture.h"

G_BEGIN_DECLS

/* The input, read from the front; past its end every read gives zeros. */
typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         at;
} SbFuzzInput;

void          sb_fuzz_input_init   (SbFuzzInput  *self,
                                    const guint8 *data,
                                    gsize         size);
gboolean      sb_fuzz_input_done   (SbFuzzInput  *self);
guint8        sb_fuzz_input_byte   (SbFuzzInput  *self);
/* @n_bytes (at most 4) bytes, little-endian. */
guint32       sb_fuzz_input_uint   (SbFuzzInput  *self,
                                    guint         n_bytes);
/* The next min (@max, what is left) bytes. */
const guint8 *sb_fuzz_input_take   (SbFuzzInput  *self,
                                    gsize         max,
                                    gsize        *len);

/* Sockets the events happen on: ids from the capture, the even ones on
 * the server side, the odd ones clients. */
#define SB_FUZZ_N_SOCKETS 4

/* One event as the socket code would record it: a valid kind, side and
 * detail for the kind, a realistic or arbitrary (UTF-8) note, errno and
 * result; for send, recv, sendto and recvfrom a payload of input bytes
 * (any bytes at all), repeated to reach a few KiB now and then. */
typedef struct
{
  SbEventInfo info;
  char       *note;       /* owned; info.note points to it */
  guint8     *payload;    /* owned */
  gsize       payload_len;
} SbFuzzEvent;

void          sb_fuzz_event_read   (SbFuzzEvent  *event,
                                    SbFuzzInput  *input,
                                    const guint  *socket_ids);
void          sb_fuzz_event_clear  (SbFuzzEvent  *event);

/* What a fuzz target's assertions need for messages: valid UTF-8 and no
 * control characters but those in @allowed. */
void          sb_fuzz_assert_text  (const char   *text,
                                    const char   *allowed);

G_END_DECLS
