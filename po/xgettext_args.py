# xgettext_args.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The xgettext keywords of meson's 'glib' gettext preset (the one
# po/meson.build uses), for the po/check-*.py tests.

KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
            '--keyword=g_dpgettext2:2c,3']

# The preset's format flags: with them xgettext warns when a msgid used as a
# printf format is cut short ("%" G_GUINT64_FORMAT leaves just "%").
FLAGS = ['--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
         '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
         '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
         '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
         '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
         '--flag=g_log:3:c-format', '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
         '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
         '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format']
