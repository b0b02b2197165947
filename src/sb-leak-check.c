/* sb-leak-check.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into the application and the widget tests of an AddressSanitizer
 * build only (-Db_sanitize=address,...; see src/meson.build).
 *
 * LeakSanitizer starts counting leaks where this program's own code starts:
 * what the libraries allocate in their constructors, before any of ours
 * runs, is theirs to keep for the life of the process.  GLib's first block
 * of quark strings is one (glib_init → g_quark_init): GLib replaces the
 * block when it fills and never frees the old one, on purpose, since other
 * threads may still read it (gquark.c), so LeakSanitizer would report it
 * at every exit.
 *
 * The documented interface does this (sanitizer/lsan_interface.h): what is
 * allocated between __lsan_disable() and __lsan_enable() is never reported.
 * The executable's .preinit_array runs before any library's constructor,
 * and its own constructors after all of them.
 */

#include <sanitizer/lsan_interface.h>

static void
leak_check_off (int    argc,
                char **argv,
                char **envp)
{
  __lsan_disable ();
}

__attribute__((section (".preinit_array"), used))
static void (*const sb_leak_check_off) (int, char **, char **) = leak_check_off;

__attribute__((constructor))
static void
leak_check_on (void)
{
  __lsan_enable ();
}
