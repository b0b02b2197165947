/* sb-capture-disk.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-capture"

#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-capture.h"
#include "sb-capture-disk.h"

struct _SbCaptureDisk
{
  guint64 budget;  /* as set; 0 for automatic */
  guint64 limit;   /* in effect; 0 until computed */
  guint64 used;    /* bytes in the spill files */
};

char *
sb_capture_dup_spill_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "sockbench", NULL);
}

/* The free space of the file system holding @dir, or of the nearest of
 * its parents that exists (the folder is made only at the first spill). */
static gboolean
query_free_bytes (const char *dir,
                  guint64    *free_bytes)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  while (file != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      GFile *parent;

      info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE,
                                           NULL, &error);
      if (info != NULL
          && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
        {
          *free_bytes = g_file_info_get_attribute_uint64 (info,
                                                          G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
          return TRUE;
        }
      if (info == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_debug ("Cannot ask for the free space at %s: %s", dir, error->message);
          return FALSE;
        }

      parent = g_file_get_parent (file);
      g_object_unref (file);
      file = parent;
    }

  return FALSE;
}

guint64
sb_capture_get_auto_disk_limit (const char *dir)
{
  g_autofree char *default_dir = NULL;
  guint64 free_bytes;

  if (dir == NULL)
    dir = default_dir = sb_capture_dup_spill_dir ();

  /* Unknown free space: the cap alone. */
  if (!query_free_bytes (dir, &free_bytes))
    return SB_CAPTURE_AUTO_DISK_CAP;

  return MIN (SB_CAPTURE_AUTO_DISK_CAP, free_bytes / 4);
}

static void
compute_limit (SbCaptureDisk *self)
{
  self->limit = self->budget != 0 ? self->budget : sb_capture_get_auto_disk_limit (NULL);
}

SbCaptureDisk *
sb_capture_disk_new (void)
{
  return g_new0 (SbCaptureDisk, 1);
}

void
sb_capture_disk_free (SbCaptureDisk *self)
{
  g_free (self);
}

void
sb_capture_disk_set_budget (SbCaptureDisk *self,
                            guint64        budget)
{
  self->budget = budget;
  compute_limit (self);
}

guint64
sb_capture_disk_get_budget (SbCaptureDisk *self)
{
  return self->budget;
}

guint64
sb_capture_disk_get_limit (SbCaptureDisk *self)
{
  if (self->limit == 0)
    compute_limit (self);

  return self->limit;
}

guint64
sb_capture_disk_get_used (SbCaptureDisk *self)
{
  return self->used;
}

gboolean
sb_capture_disk_fits (SbCaptureDisk *self,
                      guint64        len)
{
  /* A new capture on disk: the free space is asked again. */
  if (self->used == 0 && self->budget == 0)
    compute_limit (self);

  return len <= sb_capture_disk_get_limit (self) - MIN (self->used, self->limit);
}

gboolean
sb_capture_disk_take (SbCaptureDisk *self,
                      guint64        len)
{
  if (!sb_capture_disk_fits (self, len))
    return FALSE;

  self->used += len;

  return TRUE;
}

void
sb_capture_disk_give_back (SbCaptureDisk *self,
                           guint64        len)
{
  g_assert (len <= self->used);

  self->used -= len;
}

int
sb_capture_disk_open_spill_file (SbCaptureDisk  *self,
                                 char          **path,
                                 GError        **error)
{
  g_autofree char *dir = sb_capture_dup_spill_dir ();
  int fd;

  /* Private: the bytes are other people's traffic. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errnum = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errnum),
                   "%s: %s", dir, g_strerror (errnum));
      return -1;
    }

  *path = g_build_filename (dir, "capture-XXXXXX", NULL);
  fd = g_mkstemp_full (*path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errnum = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errnum),
                   "%s: %s", *path, g_strerror (errnum));
      return -1;
    }

  return fd;
}
