/* sb-session-read.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-session.h"
#include "sb-session-private.h"

/* The whole file is checked once when it is opened, so that reading an
 * event later cannot fail: every record's kind, side, note and payload
 * range.  That walks the event records (56 bytes each), never the
 * payloads, which are read from the mapping when a view asks for them. */

struct _SbSessionFile
{
  GBytes       *bytes;       /* the mapping */
  const guint8 *records;     /* EVTS */
  guint         n_events;
  const guint8 *payloads;    /* DATA */
  guint64       payloads_len;
  GPtrArray    *notes;       /* NUL-terminated, borrowed from the mapping */
  gint64        start_wall_us;
};

typedef struct
{
  gsize         offset;      /* of the section's contents in the file */
  guint64       len;
  gboolean      found;
} Section;

enum
{
  SECTION_NOTE,
  SECTION_SOCK,
  SECTION_REPT,
  SECTION_EVTS,
  SECTION_DATA,
  N_SECTIONS
};

static const char section_tags[N_SECTIONS][5] = { "NOTE", "SOCK", "REPT", "EVTS", "DATA" };

G_DEFINE_QUARK (sb-session-error-quark, sb_session_error)

static inline guint16
read_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline guint64
read_u64 (const guint8 *p)
{
  return (guint64) read_u32 (p) | ((guint64) read_u32 (p + 4) << 32);
}

void
_sb_session_file_free (SbSessionFile *file)
{
  g_clear_pointer (&file->notes, g_ptr_array_unref);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSessionFile, _sb_session_file_free)

guint
_sb_session_file_get_n_events (SbSessionFile *file)
{
  return file->n_events;
}

gboolean
_sb_session_file_get_info (SbSessionFile *file,
                           guint          index,
                           SbEventInfo   *info)
{
  const guint8 *r;
  guint32 note;

  if (index >= file->n_events)
    return FALSE;

  r = file->records + (gsize) index * SB_SESSION_RECORD_LEN;
  note = read_u32 (r + 40);
  info->mono_us = (gint64) read_u64 (r);
  /* Wrapping, not overflowing, whatever the file says. */
  info->wall_us = (gint64) ((guint64) file->start_wall_us + (guint64) info->mono_us);
  info->result = (gint64) read_u64 (r + 8);
  info->requested = read_u64 (r + 16);
  info->payload_len = read_u32 (r + 32);
  info->socket_id = read_u32 (r + 36);
  info->note = note != 0 ? g_ptr_array_index (file->notes, note - 1) : NULL;
  info->detail = (int) read_u32 (r + 44);
  info->errnum = (int) read_u32 (r + 48);
  info->kind = r[52];
  info->side = r[53];

  return TRUE;
}

const guint8 *
_sb_session_file_get_payload (SbSessionFile *file,
                              guint          index,
                              gsize         *len)
{
  const guint8 *r;

  g_assert (index < file->n_events);

  r = file->records + (gsize) index * SB_SESSION_RECORD_LEN;
  *len = read_u32 (r + 32);

  return file->payloads + read_u64 (r + 24);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *name,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError     **error,
      int          code,
      const char  *name,
      const char  *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: the file's name, then what is wrong with it */
  g_set_error (error, SB_SESSION_ERROR, code, _("Cannot open “%s”: %s"), name, what);

  return FALSE;
}

static gboolean
check_header (const guint8  *data,
              gsize          size,
              const char    *name,
              gint64        *start_wall_us,
              GError       **error)
{
  guint major, minor;

  if (size == 0)
    return fail (error, SB_SESSION_ERROR_NOT_SESSION, name,
                 _("the file is empty (0 bytes), not a Sockbench session"));
  if (memcmp (data, SB_SESSION_MAGIC, MIN (size, SB_SESSION_MAGIC_LEN)) != 0)
    return fail (error, SB_SESSION_ERROR_NOT_SESSION, name,
                 _("not a Sockbench session (no session signature at byte 0)"));
  if (size < SB_SESSION_HEADER_LEN)
    return fail (error, SB_SESSION_ERROR_TRUNCATED, name,
                 _("the file is truncated: it ends at byte %" G_GSIZE_FORMAT
                   ", inside the %d-byte header"), size, SB_SESSION_HEADER_LEN);

  major = read_u16 (data + 14);
  minor = read_u16 (data + 16);
  if (major > SB_SESSION_MAJOR)
    return fail (error, SB_SESSION_ERROR_NEWER_VERSION, name,
                 _("it was made by a newer Sockbench (session format %u.%u at byte 14; "
                   "this version reads format %d.x)"), major, minor, SB_SESSION_MAJOR);
  if (major < SB_SESSION_MAJOR)
    return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                 _("unknown session format %u.%u at byte 14"), major, minor);

  *start_wall_us = (gint64) read_u64 (data + 24);

  return TRUE;
}

static gboolean
find_sections (const guint8  *data,
               gsize          size,
               const char    *name,
               Section        sections[N_SECTIONS],
               GError       **error)
{
  gsize offset = SB_SESSION_HEADER_LEN;

  for (;;)
    {
      const guint8 *head = data + offset;
      guint64 len;
      guint i;

      if (size - offset < SB_SESSION_SECTION_LEN)
        return fail (error, SB_SESSION_ERROR_TRUNCATED, name,
                     _("the file is truncated: it ends at byte %" G_GSIZE_FORMAT
                       ", where a section should start at byte %" G_GSIZE_FORMAT),
                     size, offset);
      for (i = 0; i < 4; i++)
        if (!g_ascii_isupper (head[i]) && head[i] != ' ')
          return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                       _("no section tag at byte %" G_GSIZE_FORMAT), offset);

      len = read_u64 (head + 8);
      offset += SB_SESSION_SECTION_LEN;
      if (len > size - offset)
        return fail (error, SB_SESSION_ERROR_TRUNCATED, name,
                     _("the file is truncated: section %.4s at byte %" G_GSIZE_FORMAT
                       " holds %" G_GUINT64_FORMAT " bytes, but only %" G_GSIZE_FORMAT
                       " follow"), (const char *) head, offset - SB_SESSION_SECTION_LEN,
                     len, size - offset);
      if (memcmp (head, "END ", 4) == 0)
        break;

      for (i = 0; i < N_SECTIONS; i++)
        if (memcmp (head, section_tags[i], 4) == 0)
          {
            if (sections[i].found)
              return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                           _("a second %s section at byte %" G_GSIZE_FORMAT),
                           section_tags[i], offset - SB_SESSION_SECTION_LEN);
            sections[i].found = TRUE;
            sections[i].offset = offset;
            sections[i].len = len;
          }
      /* Sections this version does not know are skipped. */
      offset += (gsize) len;
      offset += (8 - offset % 8) % 8;
      if (offset > size)
        offset = size;
    }

  for (guint i = SECTION_EVTS; i <= SECTION_DATA; i++)
    if (!sections[i].found)
      return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                   _("the file has no %s section"), section_tags[i]);

  return TRUE;
}

static gboolean
read_notes (SbSessionFile  *file,
            const Section  *section,
            const char     *name,
            GError        **error)
{
  const char *start = (const char *) g_bytes_get_data (file->bytes, NULL) + section->offset;
  const char *end = start + section->len;
  const char *p = start;

  file->notes = g_ptr_array_new ();
  while (p < end)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));

      if (nul == NULL)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("the note at byte %" G_GSIZE_FORMAT " does not end in the NOTE section"),
                     section->offset + (gsize) (p - start));
      if (!g_utf8_validate (p, nul - p, NULL))
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("the note at byte %" G_GSIZE_FORMAT " is not valid UTF-8"),
                     section->offset + (gsize) (p - start));
      g_ptr_array_add (file->notes, (gpointer) p);
      p = nul + 1;
    }

  return TRUE;
}

/* Every record, so that reading one later cannot fail. */
static gboolean
check_records (SbSessionFile  *file,
               gsize           evts_offset,
               const char     *name,
               GError        **error)
{
  for (guint i = 0; i < file->n_events; i++)
    {
      const guint8 *r = file->records + (gsize) i * SB_SESSION_RECORD_LEN;
      gsize at = evts_offset + (gsize) i * SB_SESSION_RECORD_LEN;
      guint64 offset = read_u64 (r + 24);
      guint32 len = read_u32 (r + 32);

      if (offset > file->payloads_len || len > file->payloads_len - offset)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("the payload of event %u (its record at byte %" G_GSIZE_FORMAT
                       ") runs to byte %" G_GUINT64_FORMAT " of the DATA section, "
                       "which holds %" G_GUINT64_FORMAT " bytes"),
                     i, at, offset + len, file->payloads_len);
      if (r[52] > SB_EVENT_RECVFROM || r[53] > SB_SIDE_SERVER || (gint32) read_u32 (r + 44) < 0)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("event %u (its record at byte %" G_GSIZE_FORMAT ") has an unknown "
                       "kind, side or detail"), i, at);
      if (read_u32 (r + 40) > file->notes->len)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("event %u (its record at byte %" G_GSIZE_FORMAT ") names note %u "
                       "of %u"), i, at, read_u32 (r + 40), file->notes->len);
    }

  return TRUE;
}

static SbSessionFile *
session_file_new (GBytes      *bytes,
                  const char  *name,
                  Section      sections[N_SECTIONS],
                  GError     **error)
{
  g_autoptr(SbSessionFile) file = g_new0 (SbSessionFile, 1);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const Section *evts = &sections[SECTION_EVTS];

  file->bytes = g_bytes_ref (bytes);
  if (!check_header (data, size, name, &file->start_wall_us, error)
      || !find_sections (data, size, name, sections, error)
      || !read_notes (file, &sections[SECTION_NOTE], name, error))
    return NULL;

  if (evts->len % SB_SESSION_RECORD_LEN != 0
      || evts->len / SB_SESSION_RECORD_LEN > G_MAXUINT)
    {
      fail (error, SB_SESSION_ERROR_CORRUPT, name,
            _("the EVTS section at byte %" G_GSIZE_FORMAT " holds %" G_GUINT64_FORMAT
              " bytes, not a whole number of %d-byte events"),
            evts->offset - SB_SESSION_SECTION_LEN, evts->len, SB_SESSION_RECORD_LEN);
      return NULL;
    }
  file->records = data + evts->offset;
  file->n_events = (guint) (evts->len / SB_SESSION_RECORD_LEN);
  file->payloads = data + sections[SECTION_DATA].offset;
  file->payloads_len = sections[SECTION_DATA].len;

  if (!check_records (file, evts->offset, name, error))
    return NULL;

  return g_steal_pointer (&file);
}

/* Sockets' local tuples and UDP flags, and repeat counts: small tables. */
static gboolean
apply_tables (SbCapture      *capture,
              SbSessionFile  *file,
              const Section   sections[N_SECTIONS],
              const char     *name,
              GError        **error)
{
  const guint8 *data = g_bytes_get_data (file->bytes, NULL);
  const Section *sock = &sections[SECTION_SOCK];
  const Section *rept = &sections[SECTION_REPT];

  for (guint64 at = 0; at + SB_SESSION_SOCKET_LEN <= sock->len; at += SB_SESSION_SOCKET_LEN)
    {
      const guint8 *s = data + sock->offset + at;
      guint32 note = read_u32 (s + 8);

      if (note > file->notes->len)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("the socket at byte %" G_GUINT64_FORMAT " names note %u of %u"),
                     sock->offset + at, note, file->notes->len);
      if (note != 0)
        sb_capture_set_local_tuple (capture, read_u32 (s),
                                    g_ptr_array_index (file->notes, note - 1));
      if (read_u32 (s + 4) & SB_SESSION_SOCKET_DATAGRAM)
        /* A resolve teaches no role: only the flag is set. */
        _sb_capture_learn_socket (capture, SB_SIDE_CLIENT, read_u32 (s), SB_EVENT_RESOLVE, TRUE);
    }

  for (guint64 at = 0; at + SB_SESSION_REPEAT_LEN <= rept->len; at += SB_SESSION_REPEAT_LEN)
    {
      const guint8 *r = data + rept->offset + at;

      if (read_u32 (r) >= file->n_events)
        return fail (error, SB_SESSION_ERROR_CORRUPT, name,
                     _("the repeat count at byte %" G_GUINT64_FORMAT " is for event %u of %u"),
                     rept->offset + at, read_u32 (r), file->n_events);
      sb_capture_set_repeats (capture, read_u32 (r), read_u32 (r + 4));
    }

  return TRUE;
}

SbCapture *
sb_session_open_bytes (GBytes      *bytes,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(SbCapture) capture = NULL;
  Section sections[N_SECTIONS] = { { 0, }, };
  SbSessionFile *file;
  SbEventInfo info;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = session_file_new (bytes, name, sections, error);
  if (file == NULL)
    return NULL;

  capture = sb_capture_new ();
  /* The roles of the sockets (server, conn1, client…), learnt as the
   * events were recorded: before the tables, which mark UDP sockets. */
  for (guint i = 0; i < file->n_events; i++)
    {
      _sb_session_file_get_info (file, i, &info);
      _sb_capture_learn_socket (capture, info.side, info.socket_id, info.kind, FALSE);
    }
  _sb_capture_attach_session (capture, file);
  if (!apply_tables (capture, file, sections, name, error))
    return NULL;

  return g_steal_pointer (&capture);
}

SbCapture *
sb_session_open (GFile   *file,
                 GError **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot open “%s”: only local files can be opened"), name);
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot open “%s”: %s"), name, local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);

  return sb_session_open_bytes (bytes, name, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SbCapture *capture = sb_session_open (task_data, &error);

  if (capture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, capture, g_object_unref);
}

void
sb_session_open_async (GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_session_open_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_thread);
}

SbCapture *
sb_session_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
