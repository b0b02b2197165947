/* sb-session-save.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-session"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gfiledescriptorbased.h>

#include "sb-capture.h"
#include "sb-session.h"

/* Saving writes a new file beside the target, flushes it to the disk
 * (fsync) and renames it over the target at the end, so the target is
 * either what it was or the whole session, even after a crash.  The bytes are produced on the main thread (the capture is
 * not thread-safe), a buffer at a time, while GIO writes the previous
 * buffer in its own thread: two buffers take turns. */

#define BUFFER_SIZE (4 * 1024 * 1024)

typedef struct
{
  SbSessionWriter  *writer;
  GFile            *target;
  GFile            *temp;
  GOutputStream    *out;
  SbSessionProgress progress;
  gpointer          progress_data;
  guint8           *buffers[2];
  gssize            lens[2];
  guint             current;
  GError           *fill_error;   /* from producing the buffer not yet written */
  guint64           written;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->writer, sb_session_writer_free);
  g_clear_object (&data->target);
  g_clear_object (&data->temp);
  g_clear_object (&data->out);
  g_free (data->buffers[0]);
  g_free (data->buffers[1]);
  g_clear_error (&data->fill_error);
  g_free (data);
}

/* Says what went wrong in words that name the file, and removes the new
 * file.  Takes the task's reference and the error. */
static void
save_failed (GTask  *task,
             GError *error)
{
  SaveData *data = g_task_get_task_data (task);
  g_autofree char *name = g_file_get_parse_name (data->target);
  g_autoptr(GFile) parent = g_file_get_parent (data->target);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("/");
  g_autofree char *why = NULL;

  if (data->out != NULL)
    g_output_stream_close (data->out, NULL, NULL);
  if (data->temp != NULL)
    g_file_delete (data->temp, NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    why = g_strdup (_("the disk is full"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    why = g_strdup_printf (_("the folder “%s” cannot be written to"), folder);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    why = g_strdup_printf (_("the folder “%s” does not exist"), folder);
  else
    why = g_strdup (error->message);

  g_task_return_new_error (task, error->domain, error->code,
                           _("Could not save “%s”: %s. Nothing was written."), name, why);
  g_error_free (error);
  g_object_unref (task);
}

static void
moved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      save_failed (task, error);
      return;
    }

  g_clear_object (&data->temp);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
closed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      g_clear_object (&data->out);
      save_failed (task, error);
      return;
    }

  g_clear_object (&data->out);
  g_file_move_async (data->temp, data->target, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task), NULL, NULL, moved_cb, task);
}

/* fsync() in a thread: it waits for the disk. */
static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  int fd = GPOINTER_TO_INT (task_data);

  if (fsync (fd) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               "%s", g_strerror (errsv));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      save_failed (task, error);
      return;
    }

  g_output_stream_close_async (data->out, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                               closed_cb, task);
}

static void
sync_file (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GTask) sync = g_task_new (NULL, g_task_get_cancellable (task), synced_cb, task);
  int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (data->out));

  g_task_set_task_data (sync, GINT_TO_POINTER (fd), NULL);
  g_task_run_in_thread (sync, sync_thread);
}

static void write_next (GTask *task);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gsize n = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &n, &error))
    {
      save_failed (task, error);
      return;
    }

  data->written += n;
  if (data->progress != NULL)
    data->progress (data->written, sb_session_writer_get_size (data->writer),
                    data->progress_data);
  data->current ^= 1;
  write_next (task);
}

/* Writes the current buffer, and meanwhile fills the other. */
static void
write_next (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  guint current = data->current;

  if (data->fill_error != NULL)
    {
      save_failed (task, g_steal_pointer (&data->fill_error));
      return;
    }

  if (data->lens[current] == 0)
    {
      if (G_IS_FILE_DESCRIPTOR_BASED (data->out))
        sync_file (task);
      else
        g_output_stream_close_async (data->out, G_PRIORITY_DEFAULT,
                                     g_task_get_cancellable (task), closed_cb, task);
      return;
    }

  g_output_stream_write_all_async (data->out, data->buffers[current],
                                   (gsize) data->lens[current], G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), written_cb, task);
  data->lens[current ^ 1] = sb_session_writer_read (data->writer, data->buffers[current ^ 1],
                                                    BUFFER_SIZE, &data->fill_error);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->out = G_OUTPUT_STREAM (g_file_create_finish (G_FILE (source), result, &error));
  if (data->out == NULL)
    {
      /* Nothing was created: nothing to remove. */
      g_clear_object (&data->temp);
      save_failed (task, error);
      return;
    }

  data->lens[0] = sb_session_writer_read (data->writer, data->buffers[0], BUFFER_SIZE,
                                          &data->fill_error);
  write_next (task);
}

void
sb_session_save_async (SbCapture           *capture,
                       GFile               *file,
                       GCancellable        *cancellable,
                       SbSessionProgress    progress,
                       gpointer             progress_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temp_name = NULL;
  SaveData *data;
  GTask *task;

  g_return_if_fail (SB_IS_CAPTURE (capture));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_session_save_async);

  data = g_new0 (SaveData, 1);
  data->writer = sb_session_writer_new (capture);
  data->target = g_object_ref (file);
  data->progress = progress;
  data->progress_data = progress_data;
  data->buffers[0] = g_malloc (BUFFER_SIZE);
  data->buffers[1] = g_malloc (BUFFER_SIZE);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  parent = g_file_get_parent (file);
  basename = g_file_get_basename (file);
  temp_name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
  data->temp = parent != NULL ? g_file_get_child (parent, temp_name) : g_file_new_for_path (temp_name);

  g_file_create_async (data->temp, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT, cancellable,
                       created_cb, task);
}

gboolean
sb_session_save_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
