/* sb-input-error.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-input-error"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-input-error.h"

G_DEFINE_QUARK (sb-input-error-quark, sb_input_error)

gboolean
sb_input_error_set (GError       **error,
                    gsize         *error_offset,
                    SbInputError   code,
                    gsize          offset,
                    const char    *format,
                    ...)
{
  va_list args;

  if (error_offset != NULL)
    *error_offset = offset;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SB_INPUT_ERROR, code, format, args));
  va_end (args);

  return FALSE;
}

gboolean
sb_input_check_utf8 (const char    *text,
                     SbInputError   code,
                     gsize         *error_offset,
                     GError       **error)
{
  const char *bad;
  gsize offset;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_utf8_validate (text, -1, &bad))
    return TRUE;

  offset = g_utf8_strlen (text, bad - text);
  return sb_input_error_set (error, error_offset, code, offset,
                             _("invalid UTF-8 byte '\\x%02x' at %zu"),
                             (guint8) *bad, offset);
}
