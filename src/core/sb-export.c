/* sb-export.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export's driver: the scope, the temporary file renamed into place,
 * bounded steps over the events; the formats' writers do the rest. */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "sb-export-private.h"

struct _SbExport
{
  SbCapture            *capture;
  const SbExportWriter *writer;
  gpointer              state;
  GHashTable           *sockets;     /* socket id → SbExportSocket */
  guint                 scope[2];    /* socket ids; both 0 for every event */
  guint                 n_events;
  guint                 next;
  guint                 n_written;
  GFile                *file;
  GFile                *tmp;
  GOutputStream        *out;         /* buffered, over the temporary file */
};

static const char * const format_names[] = { "pcapng", "json", "text" };

gboolean
sb_export_format_from_string (const char     *name,
                              SbExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (name, format_names[i]))
      {
        *format = (SbExportFormat) i;
        return TRUE;
      }

  return FALSE;
}

const char *
sb_export_format_to_string (SbExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

const char *
sb_export_format_get_extension (SbExportFormat format)
{
  return format == SB_EXPORT_TEXT ? "txt" : sb_export_format_to_string (format);
}

char *
sb_export_scope_for_connection (guint socket_id)
{
  return g_strdup_printf ("connection:%u", socket_id);
}

static gboolean
parse_scope (SbExport    *self,
             const char  *scope,
             GError     **error)
{
  const SbExportSocket *socket;
  const char *id;
  guint64 value;

  if (g_str_equal (scope, "all"))
    return TRUE;

  if (!g_str_has_prefix (scope, "connection:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown export scope “%s”: “all” or “connection:” and a socket number"),
                   scope);
      return FALSE;
    }

  id = scope + strlen ("connection:");
  if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXUINT, &value, NULL)
      || (socket = g_hash_table_lookup (self->sockets, GUINT_TO_POINTER ((guint) value))) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No socket “%s” in the log to export"), id);
      return FALSE;
    }

  self->scope[0] = socket->socket_id;
  self->scope[1] = socket->paired;
  return TRUE;
}

SbExport *
sb_export_new (SbCapture       *capture,
               SbExportFormat   format,
               const char      *scope,
               GError         **error)
{
  static const SbExportWriter *writers[] = {
    [SB_EXPORT_PCAPNG] = &_sb_export_pcapng_writer,
    [SB_EXPORT_JSON] = &_sb_export_json_writer,
    [SB_EXPORT_TEXT] = &_sb_export_text_writer,
  };
  g_autoptr(SbExport) self = NULL;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (writers), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  self = g_new0 (SbExport, 1);
  self->capture = g_object_ref (capture);
  self->writer = writers[format];
  self->n_events = sb_capture_get_n_recorded (capture);
  self->sockets = _sb_export_find_sockets (capture, self->n_events);

  if (!parse_scope (self, scope, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
sb_export_start (SbExport      *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int fd = -1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->out == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a local file can be exported to"));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  /* Beside the file, so that the rename at the end stays on its file
   * system; opened here rather than with GIO so that an error names the
   * file asked for, not the temporary one. */
  for (guint attempt = 0; fd < 0; attempt++)
    {
      int saved_errno;

      g_free (tmp_path);
      tmp_path = g_strdup_printf ("%s/.%s.%08x.part", dir, base, g_random_int ());
      fd = g_open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      saved_errno = errno;
      if (fd < 0 && (attempt >= 8 || saved_errno != EEXIST))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
    }

  self->tmp = g_file_new_for_path (tmp_path);
  self->file = g_object_ref (file);
  stream = g_unix_output_stream_new (fd, TRUE);
  self->out = g_buffered_output_stream_new_sized (stream, 256 * 1024);

  return self->writer->begin (self, &self->state, error);
}

static gboolean
in_scope (SbExport          *self,
          const SbEventInfo *info)
{
  if (self->scope[0] == 0)
    return TRUE;

  return info->socket_id != 0
         && (info->socket_id == self->scope[0] || info->socket_id == self->scope[1]);
}

gboolean
sb_export_step (SbExport      *self,
                gint64         budget_us,
                gboolean      *done,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 end = g_get_monotonic_time () + budget_us;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->out != NULL, FALSE);

  *done = FALSE;
  do
    {
      SbEventInfo info;

      if (self->next >= self->n_events)
        {
          *done = TRUE;
          return TRUE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* A batch between looks at the clock. */
      for (guint i = 0; i < 64 && self->next < self->n_events; i++, self->next++)
        {
          if (!sb_capture_get_info (self->capture, self->next, &info) || !in_scope (self, &info))
            continue;
          if (!self->writer->event (self, self->state, self->next, &info, error))
            return FALSE;
          self->n_written++;
        }
    }
  while (g_get_monotonic_time () < end);

  *done = self->next >= self->n_events;
  return TRUE;
}

guint
sb_export_get_n_written (SbExport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_written;
}

double
sb_export_get_fraction (SbExport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events > 0 ? (double) self->next / self->n_events : 1.0;
}

gboolean
sb_export_finish (SbExport      *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->out != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !self->writer->end (self, self->state, error)
      || !g_output_stream_close (self->out, cancellable, error)
      || !g_file_move (self->tmp, self->file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                       cancellable, NULL, NULL, error))
    return FALSE;

  g_clear_object (&self->out);
  g_clear_object (&self->tmp);
  return TRUE;
}

void
sb_export_free (SbExport *self)
{
  if (self == NULL)
    return;

  if (self->out != NULL)
    g_output_stream_close (self->out, NULL, NULL);
  if (self->tmp != NULL)
    g_file_delete (self->tmp, NULL, NULL);
  if (self->state != NULL && self->writer->free != NULL)
    self->writer->free (self->state);
  g_clear_object (&self->out);
  g_clear_object (&self->tmp);
  g_clear_object (&self->file);
  g_clear_pointer (&self->sockets, g_hash_table_unref);
  g_clear_object (&self->capture);
  g_free (self);
}

gboolean
sb_export_to_file (SbCapture       *capture,
                   SbExportFormat   format,
                   const char      *scope,
                   GFile           *file,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(SbExport) export = NULL;
  gboolean done = FALSE;

  export = sb_export_new (capture, format, scope, error);
  if (export == NULL || !sb_export_start (export, file, cancellable, error))
    return FALSE;

  while (!done)
    if (!sb_export_step (export, G_USEC_PER_SEC, &done, cancellable, error))
      return FALSE;

  return sb_export_finish (export, cancellable, error);
}

SbCapture *
_sb_export_get_capture (SbExport *self)
{
  return self->capture;
}

GHashTable *
_sb_export_get_sockets (SbExport *self)
{
  return self->sockets;
}

const SbExportSocket *
_sb_export_get_socket (SbExport *self,
                       guint     socket_id)
{
  return socket_id != 0 ? g_hash_table_lookup (self->sockets, GUINT_TO_POINTER (socket_id))
                        : NULL;
}

gboolean
_sb_export_write (SbExport    *self,
                  const void  *data,
                  gsize        len,
                  GError     **error)
{
  return g_output_stream_write_all (self->out, data, len, NULL, NULL, error);
}
