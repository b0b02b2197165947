/* sb-payload.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-input-error.h"

G_BEGIN_DECLS

typedef enum
{
  SB_PAYLOAD_TEXT,  /* text with escapes: \r \n \t \\ \0 \xNN */
  SB_PAYLOAD_HEX,   /* hex digits; spaces, colons and newlines between bytes allowed */
} SbPayloadFormat;

/* Parsing what the user typed.  Errors are SB_INPUT_ERROR; *error_offset
 * (may be NULL) receives the offset, in characters, of the offending
 * character: "invalid hex digit 'z' at 5", "incomplete escape \x4 at 3". */
GBytes *sb_payload_parse          (const char      *text,
                                   SbPayloadFormat  format,
                                   gsize           *error_offset,
                                   GError         **error);
GBytes *sb_payload_parse_escaped  (const char      *text,
                                   gsize           *error_offset,
                                   GError         **error);
GBytes *sb_payload_parse_hex      (const char      *text,
                                   gsize           *error_offset,
                                   GError         **error);

/* Renderers.  None of them ever emits a raw control character. */

/* Escaped text, the inverse of sb_payload_parse_escaped(): printable
 * characters as they are, \r \n \t \\ \0, other bytes as \xNN.  At most
 * @max_chars characters (0: no limit); a cut-off result ends with "…". */
char   *sb_payload_to_escaped     (const guint8    *data,
                                   gsize            len,
                                   gsize            max_chars);
/* The escaped text with a line break after each \n, which stays written
 * as the two characters \n: how the inspector shows text. */
char   *sb_payload_to_escaped_lines (const guint8  *data,
                                     gsize          len);
/* Appends @b as two lowercase hex digits ("0a"). */
void    sb_payload_append_hex_byte (GString       *out,
                                    guint8         b);
/* "48 65 6c 6c 6f", the inverse of sb_payload_parse_hex(). */
char   *sb_payload_to_hex         (const guint8    *data,
                                   gsize            len);
/* As xxd prints it: "00000000: 4865 6c6c 6f0a                           Hello." */
char   *sb_payload_to_hexdump     (const guint8    *data,
                                   gsize            len);
/* The same appended to @out, offsets from @base, each line after
 * @line_prefix (may be NULL). */
void    sb_payload_append_hexdump (GString         *out,
                                   const guint8    *data,
                                   gsize            len,
                                   guint64          base,
                                   const char      *line_prefix);
/* Exactly what Python's repr() prints for bytes: b'Hello\r\n' */
char   *sb_payload_to_python      (const guint8    *data,
                                   gsize            len);
/* unsigned char NAME[] = { 0x48, 0x65, … }; with a length line. */
char   *sb_payload_to_c_array     (const guint8    *data,
                                   gsize            len,
                                   const char      *name);

G_END_DECLS
