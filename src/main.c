/* main.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sb-application.h"
#include "sb-fd-limit.h"

/* SIGTERM and SIGINT quit as the Quit action does: the windows close and
 * are freed, and the exit status is 0 (the end-to-end tests stop the
 * application so; under ASan, LeakSanitizer reports at that exit). */
static gboolean
quit_on_signal_cb (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (data), "quit", NULL);
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  const char *localedir = g_getenv ("SOCKBENCH_LOCALEDIR");

  /* Before the first _(): strings translated while the application is made
   * (the --help summary) would otherwise stay English. */
  setlocale (LC_ALL, "");

  /* SOCKBENCH_LOCALEDIR: the build's po/ folder, so that an uninstalled
   * Sockbench (the end-to-end tests) runs translated. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Each connection is a descriptor: allow as many as the system lets us. */
  sb_fd_limit_raise ();

  app = sb_application_new ();
  g_unix_signal_add (SIGTERM, quit_on_signal_cb, app);
  g_unix_signal_add (SIGINT, quit_on_signal_cb, app);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
