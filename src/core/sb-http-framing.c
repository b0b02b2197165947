/* sb-http-framing.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Chunked transfer coding (RFC 9112 section 7.1), decoded as the bytes
 * come, one recv at a time: chunk sizes, extensions, data and trailers.
 * The data itself is passed over by the caller without being read here. */

#define G_LOG_DOMAIN "sb-http"

#include "config.h"

#include "sb-http-private.h"

/* A chunk-size line (with its extensions) longer than this is not one. */
#define MAX_SIZE_LINE 4096
/* 15 hex digits: sizes stay far below G_MAXUINT64. */
#define MAX_SIZE_DIGITS 15

void
_sb_chunk_decoder_init (SbChunkDecoder *self)
{
  *self = (SbChunkDecoder) { .state = SB_CHUNK_SIZE };
}

static void
next_chunk (SbChunkDecoder *self)
{
  self->state = SB_CHUNK_SIZE;
  self->remaining = 0;
  self->digits = 0;
  self->line_len = 0;
}

static void
size_line_done (SbChunkDecoder *self)
{
  self->line_len = 0;
  if (self->remaining == 0)
    {
      self->last = TRUE;
      self->state = SB_CHUNK_TRAILER;
    }
  else
    self->state = SB_CHUNK_DATA;
}

static void
size_byte (SbChunkDecoder *self,
           guint8          c)
{
  if (g_ascii_isxdigit (c))
    {
      if (++self->digits > MAX_SIZE_DIGITS)
        self->state = SB_CHUNK_ERROR;
      else
        self->remaining = self->remaining * 16 + g_ascii_xdigit_value (c);
      return;
    }

  if (self->digits == 0)
    self->state = SB_CHUNK_ERROR;
  else if (c == '\n')
    size_line_done (self);
  else if (c == ';' || c == ' ' || c == '\t' || c == '\r')
    self->state = SB_CHUNK_EXTENSION;
  else
    self->state = SB_CHUNK_ERROR;
}

gsize
_sb_chunk_decoder_feed (SbChunkDecoder *self,
                        const guint8   *data,
                        gsize           len)
{
  gsize i;

  for (i = 0; i < len; i++)
    {
      guint8 c = data[i];

      switch (self->state)
        {
        case SB_CHUNK_SIZE:
          self->line_len++;
          size_byte (self, c);
          break;

        case SB_CHUNK_EXTENSION:
          if (c == '\n')
            size_line_done (self);
          else if (++self->line_len > MAX_SIZE_LINE)
            self->state = SB_CHUNK_ERROR;
          break;

        case SB_CHUNK_DATA_CR:
          if (c == '\r')
            self->state = SB_CHUNK_DATA_LF;
          else if (c == '\n')
            next_chunk (self);
          else
            self->state = SB_CHUNK_ERROR;
          break;

        case SB_CHUNK_DATA_LF:
          if (c == '\n')
            next_chunk (self);
          else
            self->state = SB_CHUNK_ERROR;
          break;

        case SB_CHUNK_TRAILER:
          if (c == '\r')
            self->state = SB_CHUNK_TRAILER_END;
          else if (c == '\n')
            self->state = SB_CHUNK_DONE;
          else
            self->state = SB_CHUNK_TRAILER_LINE;
          self->line_len++;
          break;

        case SB_CHUNK_TRAILER_LINE:
          if (c == '\n')
            self->state = SB_CHUNK_TRAILER;
          if (++self->line_len > SB_HTTP_MAX_HEAD_BYTES)
            self->state = SB_CHUNK_ERROR;
          break;

        case SB_CHUNK_TRAILER_END:
          self->state = c == '\n' ? SB_CHUNK_DONE : SB_CHUNK_ERROR;
          break;

        case SB_CHUNK_DATA:
        case SB_CHUNK_DONE:
        case SB_CHUNK_ERROR:
        default:
          return i;
        }

      if (self->state == SB_CHUNK_DATA || self->state == SB_CHUNK_DONE
          || self->state == SB_CHUNK_ERROR)
        return self->state == SB_CHUNK_ERROR ? i : i + 1;
    }

  return i;
}

void
_sb_chunk_decoder_skip (SbChunkDecoder *self,
                        guint64         len)
{
  g_assert (self->state == SB_CHUNK_DATA);
  g_assert (len <= self->remaining);

  self->remaining -= len;
  if (self->remaining == 0)
    self->state = SB_CHUNK_DATA_CR;
}
