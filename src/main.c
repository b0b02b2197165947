/* main.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-fd-limit.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Each connection is a descriptor: allow as many as the system lets us. */
  sb_fd_limit_raise ();

  app = sb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
