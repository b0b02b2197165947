#!/usr/bin/python3
# check-potfiles.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source or UI file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in lists a file that does not exist.
# Which files hold translatable strings is xgettext's own answer, with the
# keywords of meson's 'glib' preset (the ones po/meson.build uses).

import pathlib
import subprocess
import sys

from xgettext_args import KEYWORDS

root = pathlib.Path(sys.argv[1]).resolve()
print('TAP version 13')

listed = []
for line in (root / 'po' / 'POTFILES.in').read_text().splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.append(line)

candidates = sorted(str(p.relative_to(root))
                    for pattern in ('src/**/*.c', 'src/**/*.h', 'ui/**/*.ui')
                    for p in root.glob(pattern))

out = subprocess.run(['xgettext', '--from-code=UTF-8', '--omit-header', '--output=-',
                      '--add-location=file', *KEYWORDS, *candidates],
                     cwd=root, check=True, capture_output=True, text=True).stdout
translatable = set()
for line in out.splitlines():
    if line.startswith('#: '):
        translatable.update(line[3:].split())

missing = sorted(translatable - set(listed))
absent = sorted(f for f in listed if not (root / f).exists())
print('1..2')
if missing:
    for f in missing:
        print(f'# {f} has translatable strings but is not in po/POTFILES.in')
    print('not ok 1 - every file with translatable strings is in po/POTFILES.in')
else:
    print(f'ok 1 - every file with translatable strings ({len(translatable)}) '
          'is in po/POTFILES.in')
if absent:
    for f in absent:
        print(f'# po/POTFILES.in lists {f}, which does not exist')
    print('not ok 2 - every file po/POTFILES.in lists exists')
else:
    print(f'ok 2 - every file po/POTFILES.in lists ({len(listed)}) exists')
sys.exit(1 if missing or absent else 0)
