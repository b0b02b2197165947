/* sb-payload.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-payload"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-payload.h"

/* sb_input_error_set() for functions that return a GBytes. */
#define fail(error_offset, error, ...) \
  (sb_input_error_set ((error), (error_offset), __VA_ARGS__), (GBytes *) NULL)

/* The characters starting at @p, up to @end, as they may appear in a message:
 * never a raw control character. */
static char *
describe (const char *p,
          const char *end)
{
  return sb_payload_to_escaped ((const guint8 *) p, end - p, 0);
}

GBytes *
sb_payload_parse (const char       *text,
                  SbPayloadFormat   format,
                  gsize            *error_offset,
                  GError          **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case SB_PAYLOAD_TEXT:
      return sb_payload_parse_escaped (text, error_offset, error);
    case SB_PAYLOAD_HEX:
      return sb_payload_parse_hex (text, error_offset, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Escapes that stand for one byte, as in Python: \0 is only NUL here (no octal). */
static int
simple_escape (char c)
{
  switch (c)
    {
    case 'r': return '\r';
    case 'n': return '\n';
    case 't': return '\t';
    case '0': return '\0';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    default: return -1;
    }
}

GBytes *
sb_payload_parse_escaped (const char  *text,
                          gsize       *error_offset,
                          GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  const char *p;
  gsize offset = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_ESCAPE, error_offset, error))
    return NULL;

  bytes = g_byte_array_new ();

  for (p = text; *p != '\0'; offset++)
    {
      const char *next = g_utf8_next_char (p);
      guint8 byte;
      int value;

      if (*p != '\\')
        {
          g_byte_array_append (bytes, (const guint8 *) p, next - p);
          p = next;
          continue;
        }

      if (p[1] == '\0')
        return fail (error_offset, error, SB_INPUT_ERROR_ESCAPE, offset,
                     _("incomplete escape '\\' at %zu: "
                       "write \\\\ for a backslash"), offset);

      if (p[1] == 'x')
        {
          if (!g_ascii_isxdigit (p[2]) || !g_ascii_isxdigit (p[3]))
            {
              g_autofree char *shown = NULL;

              /* The escape as typed: a backslash, 'x' and at most one digit. */
              shown = g_strndup (p, g_ascii_isxdigit (p[2]) ? 3 : 2);
              return fail (error_offset, error, SB_INPUT_ERROR_ESCAPE, offset,
                           _("incomplete escape '%s' at %zu: "
                             "\\x needs two hex digits"), shown, offset);
            }

          byte = g_ascii_xdigit_value (p[2]) << 4 | g_ascii_xdigit_value (p[3]);
          g_byte_array_append (bytes, &byte, 1);
          p += 4;
          offset += 3;
          continue;
        }

      value = simple_escape (p[1]);
      if (value < 0)
        {
          g_autofree char *shown = describe (p + 1, g_utf8_next_char (p + 1));

          return fail (error_offset, error, SB_INPUT_ERROR_ESCAPE, offset,
                       _("unknown escape '\\%s' at %zu"), shown, offset);
        }

      byte = value;
      g_byte_array_append (bytes, &byte, 1);
      p += 2;
      offset += 1;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
is_hex_separator (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '-';
}

GBytes *
sb_payload_parse_hex (const char  *text,
                      gsize       *error_offset,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  const char *p = text;
  gsize offset = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sb_input_check_utf8 (text, SB_INPUT_ERROR_HEX_DIGIT, error_offset, error))
    return NULL;

  bytes = g_byte_array_new ();

  /* The text is ASCII up to any error, so bytes and characters agree until
   * then; only the offending character may be wider. */
  while (*p != '\0')
    {
      guint8 byte;

      if (is_hex_separator (*p))
        {
          p++;
          offset++;
          continue;
        }

      /* An optional 0x before a byte. */
      if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && g_ascii_isxdigit (p[2]))
        {
          p += 2;
          offset += 2;
        }

      if (!g_ascii_isxdigit (p[0]))
        {
          g_autofree char *shown = describe (p, g_utf8_next_char (p));

          return fail (error_offset, error, SB_INPUT_ERROR_HEX_DIGIT, offset,
                       _("invalid hex digit '%s' at %zu"), shown, offset);
        }

      if (p[1] == '\0' || is_hex_separator (p[1]))
        return fail (error_offset, error, SB_INPUT_ERROR_HEX_ODD, offset,
                     _("odd number of hex digits: the last byte at %zu"
                       " needs a second digit"), offset);

      if (!g_ascii_isxdigit (p[1]))
        {
          g_autofree char *shown = describe (p + 1, g_utf8_next_char (p + 1));

          return fail (error_offset, error, SB_INPUT_ERROR_HEX_DIGIT, offset + 1,
                       _("invalid hex digit '%s' at %zu"), shown, offset + 1);
        }

      byte = g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]);
      g_byte_array_append (bytes, &byte, 1);
      p += 2;
      offset += 2;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Characters that may reach the screen as they are.  Everything that moves
 * the cursor, reorders text or is invisible is escaped. */
static gboolean
is_safe_char (gunichar c)
{
  if (c < 0xa0)
    return c >= 0x20 && c < 0x7f;

  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x2028 || c == 0x2029 || c == 0x061c || c == 0x200e || c == 0x200f)
    return FALSE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return FALSE;

    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return TRUE;
    }
}

char *
sb_payload_to_escaped_lines (const guint8 *data,
                             gsize         len)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);
  gsize start = 0;

  while (start < len)
    {
      const guint8 *newline = memchr (data + start, '\n', len - start);
      gsize end = newline != NULL ? (gsize) (newline - data) + 1 : len;
      g_autofree char *line = sb_payload_to_escaped (data + start, end - start, 0);

      g_string_append (out, line);
      if (newline != NULL && end < len)
        g_string_append_c (out, '\n');
      start = end;
    }

  return g_string_free (out, FALSE);
}

char *
sb_payload_to_escaped (const guint8 *data,
                       gsize         len,
                       gsize         max_chars)
{
  GString *out = g_string_sized_new (len + 1);
  gsize count = 0;
  gsize cut_len = 0;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  while (i < len)
    {
      char unit[8];
      const char *piece = unit;
      gsize piece_len;
      gsize chars = 1;
      guint8 b = data[i];

      switch (b)
        {
        case '\\': piece = "\\\\"; piece_len = 2; chars = 2; i++; break;
        case '\r': piece = "\\r"; piece_len = 2; chars = 2; i++; break;
        case '\n': piece = "\\n"; piece_len = 2; chars = 2; i++; break;
        case '\t': piece = "\\t"; piece_len = 2; chars = 2; i++; break;
        case '\0': piece = "\\0"; piece_len = 2; chars = 2; i++; break;
        default:
          if (b >= 0x20 && b < 0x7f)
            {
              unit[0] = b;
              piece_len = 1;
              i++;
            }
          else
            {
              gssize avail = MIN (len - i, 6);
              gunichar c = b < 0x80 ? (gunichar) -1
                                    : g_utf8_get_char_validated ((const char *) data + i, avail);

              if (c < 0x110000 && is_safe_char (c))
                {
                  piece = (const char *) data + i;
                  piece_len = g_utf8_skip[b];
                  i += piece_len;
                }
              else
                {
                  /* Not g_snprintf (): binary payloads are mostly these. */
                  unit[0] = '\\';
                  unit[1] = 'x';
                  unit[2] = "0123456789abcdef"[b >> 4];
                  unit[3] = "0123456789abcdef"[b & 0xF];
                  piece_len = 4;
                  chars = 4;
                  i++;
                }
            }
          break;
        }

      if (max_chars > 0 && count + chars > max_chars)
        {
          g_string_truncate (out, cut_len);
          g_string_append (out, "…");
          return g_string_free (out, FALSE);
        }

      /* Mostly one character: g_string_append_c () is inline. */
      if (piece_len == 1)
        g_string_append_c (out, piece[0]);
      else
        g_string_append_len (out, piece, piece_len);
      count += chars;
      if (max_chars > 0 && count < max_chars)
        cut_len = out->len;
    }

  return g_string_free (out, FALSE);
}

void
sb_payload_append_hex_byte (GString *out,
                            guint8   b)
{
  static const char digits[] = "0123456789abcdef";

  g_string_append_c (out, digits[b >> 4]);
  g_string_append_c (out, digits[b & 0xf]);
}

char *
sb_payload_to_hex (const guint8 *data,
                   gsize         len)
{
  GString *out = g_string_sized_new (len * 3 + 1);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  /* Not g_string_append_printf (): it allocates for every byte. */
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      sb_payload_append_hex_byte (out, data[i]);
    }

  return g_string_free (out, FALSE);
}

/* xxd's layout, each line after @line_prefix, offsets counted from @base
 * (Follow Stream dumps each event at its offset in the stream). */
void
sb_payload_append_hexdump (GString      *out,
                           const guint8 *data,
                           gsize         len,
                           guint64       base,
                           const char   *line_prefix)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL || len == 0);

  for (gsize line = 0; line < len; line += 16)
    {
      gsize n = MIN (16, len - line);
      gsize start;

      if (line_prefix != NULL)
        g_string_append (out, line_prefix);
      g_string_append_printf (out, "%08" G_GINT64_MODIFIER "x: ", base + line);
      start = out->len;

      for (gsize i = 0; i < n; i++)
        {
          sb_payload_append_hex_byte (out, data[line + i]);
          if (i % 2)
            g_string_append_c (out, ' ');
        }

      /* xxd pads the hex columns to 8 groups of "xxxx ", then one space. */
      while (out->len - start < 41)
        g_string_append_c (out, ' ');

      for (gsize i = 0; i < n; i++)
        {
          guint8 b = data[line + i];
          g_string_append_c (out, b >= 0x20 && b < 0x7f ? b : '.');
        }

      g_string_append_c (out, '\n');
    }
}

char *
sb_payload_to_hexdump (const guint8 *data,
                       gsize         len)
{
  GString *out = g_string_sized_new ((len / 16 + 1) * 68);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  sb_payload_append_hexdump (out, data, len, 0, NULL);

  return g_string_free (out, FALSE);
}

char *
sb_payload_to_python (const guint8 *data,
                      gsize         len)
{
  GString *out = g_string_sized_new (len + 3);
  char quote = '\'';

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  /* memchr () wants a pointer even for 0 bytes: an empty payload may be NULL. */
  if (len > 0 && memchr (data, '\'', len) != NULL && memchr (data, '"', len) == NULL)
    quote = '"';

  g_string_append_c (out, 'b');
  g_string_append_c (out, quote);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b == quote || b == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, b);
        }
      else if (b == '\t')
        g_string_append (out, "\\t");
      else if (b == '\n')
        g_string_append (out, "\\n");
      else if (b == '\r')
        g_string_append (out, "\\r");
      else if (b < 0x20 || b >= 0x7f)
        {
          g_string_append (out, "\\x");
          sb_payload_append_hex_byte (out, b);
        }
      else
        g_string_append_c (out, b);
    }

  g_string_append_c (out, quote);

  return g_string_free (out, FALSE);
}

char *
sb_payload_to_c_array (const guint8 *data,
                       gsize         len,
                       const char   *name)
{
  GString *out = g_string_new ("unsigned char ");
  GString *ident = g_string_new (NULL);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (name == NULL || *name == '\0')
    name = "payload";

  /* As xxd -i makes an identifier of a file name. */
  if (g_ascii_isdigit (*name))
    g_string_append (ident, "__");
  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (ident, g_ascii_isalnum (*p) ? *p : '_');

  g_string_append_printf (out, "%s[] = {\n", ident->str);

  for (gsize i = 0; i < len; i++)
    {
      g_string_append (out, i % 12 == 0 ? "  0x" : " 0x");
      sb_payload_append_hex_byte (out, data[i]);
      if (i + 1 < len)
        g_string_append (out, i % 12 == 11 ? ",\n" : ",");
      else
        g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "};\nunsigned int %s_len = %" G_GSIZE_FORMAT ";\n",
                          ident->str, len);
  g_string_free (ident, TRUE);

  return g_string_free (out, FALSE);
}
