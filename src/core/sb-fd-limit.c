/* sb-fd-limit.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-fd-limit"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <sys/resource.h>

#include "sb-fd-limit.h"

guint64
sb_fd_limit_raise (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return 0;

  if (limit.rlim_cur != limit.rlim_max)
    {
      rlim_t old = limit.rlim_cur;

      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        {
          g_debug ("Cannot raise the descriptor limit to %" G_GUINT64_FORMAT ": %s",
                   (guint64) limit.rlim_max, g_strerror (errno));
          limit.rlim_cur = old;
        }
    }

  return limit.rlim_cur == RLIM_INFINITY ? G_MAXUINT64 : (guint64) limit.rlim_cur;
}

guint64
sb_fd_limit_get (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return 0;

  return limit.rlim_cur == RLIM_INFINITY ? G_MAXUINT64 : (guint64) limit.rlim_cur;
}

guint
sb_fd_count_open (void)
{
  DIR *dir = opendir ("/proc/self/fd");
  struct dirent *entry;
  guint count = 0;

  /* Out of descriptors, opendir() itself fails: then every one is in use. */
  if (dir == NULL)
    return errno == EMFILE ? (guint) MIN (sb_fd_limit_get (), G_MAXUINT) : 0;

  while ((entry = readdir (dir)) != NULL)
    if (entry->d_name[0] != '.')
      count++;
  closedir (dir);

  /* Less the descriptor of the listing itself. */
  return count > 0 ? count - 1 : 0;
}
