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

G_END_DECLS
