/* sb-input-error.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors about what the user typed.  Messages are translated, name the field
 * or the offending character and its offset, and say what is allowed:
 * "port must be a number from 0 to 65535", "invalid hex digit 'z' at 5". */
#define SB_INPUT_ERROR (sb_input_error_quark ())

typedef enum
{
  SB_INPUT_ERROR_EMPTY,
  SB_INPUT_ERROR_PORT,
  SB_INPUT_ERROR_HOST,
  SB_INPUT_ERROR_HEX_DIGIT,
  SB_INPUT_ERROR_HEX_ODD,
  SB_INPUT_ERROR_ESCAPE,
  SB_INPUT_ERROR_TUPLE,
} SbInputError;

GQuark sb_input_error_quark (void);

/* For the parsers: sets @error and *@error_offset (either may be NULL) and
 * returns FALSE, so that a parser can `return sb_input_error_set (…)`. */
gboolean sb_input_error_set       (GError       **error,
                                   gsize         *error_offset,
                                   SbInputError   code,
                                   gsize          offset,
                                   const char    *format,
                                   ...) G_GNUC_PRINTF (5, 6);

/* TRUE if @text is valid UTF-8; otherwise an error @code pointing at the
 * first invalid byte: "invalid UTF-8 byte '\xff' at 2". */
gboolean sb_input_check_utf8      (const char    *text,
                                   SbInputError   code,
                                   gsize         *error_offset,
                                   GError       **error);

G_END_DECLS
