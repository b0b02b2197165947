#!/usr/bin/python3
# check-po.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks translations: for each language (the arguments, or every one in
# po/LINGUAS), that po/LANG.po passes `msgfmt --check`, is 100 % translated
# with no fuzzy entries, and holds every msgid of a template freshly
# extracted from the files in po/POTFILES.in. Each message that is
# untranslated, fuzzy or missing is listed, so that running it by hand
# (po/check-po.py [LANG…]) shows what is left to translate.
#
# Usage: check-po.py [--root SOURCE_ROOT] [LANG…]   (TAP on stdout)

import argparse
import pathlib
import subprocess
import sys
import tempfile

from xgettext_args import FLAGS, KEYWORDS

parser = argparse.ArgumentParser()
parser.add_argument('--root', type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parent.parent)
parser.add_argument('langs', nargs='*')
args = parser.parse_args()
root = args.root.resolve()
po_dir = root / 'po'

langs = args.langs or [line.strip() for line in (po_dir / 'LINGUAS').read_text().splitlines()
                       if line.strip() and not line.startswith('#')]


def run(*cmd):
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True)


def comment(text):
    for line in text.strip().splitlines():
        print(f'#   {line}')


def msgids(po_text):
    """The msgids (with their msgctxt) of msgattrib output, one line each,
    as 'msgid "…"' with continued strings joined."""
    out = []
    key = None
    for line in po_text.splitlines():
        if line.startswith(('msgctxt ', 'msgid ')):
            keyword, quoted = line.split(' ', 1)
            key = (key + '" ' if key else '') + keyword + ' ' + quoted[:-1]
        elif line.startswith('"') and key is not None:
            key += line[1:-1]
        elif key is not None:
            if key != 'msgid "':
                out.append(key + '"')
            key = None
    return out


print('TAP version 13')
print(f'1..{1 + 3 * len(langs)}')
failed = False
with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / 'fresh.pot'
    xgettext = run('xgettext', '--package-name=sockbench', '--from-code=UTF-8',
                   '--files-from=po/POTFILES.in', f'--output={pot}', *KEYWORDS, *FLAGS)
    if xgettext.returncode != 0:
        print(f'Bail out! xgettext failed: {xgettext.stderr.strip()}')
        sys.exit(1)

    # A format cut short by a macro ("%" G_GUINT64_FORMAT) reaches the
    # template as "%": no translation can ever match it at run time.
    n = 1
    cut = [line for line in xgettext.stderr.splitlines() if 'middle of a directive' in line]
    if cut:
        comment('\n'.join(cut) + '\nuse PRIu64/PRId64 (<inttypes.h>), which gettext knows')
        print(f'not ok {n} - {len(cut)} translatable format string(s) cut short by a macro')
        failed = True
    else:
        print(f'ok {n} - every translatable format string reaches the template whole')

    for lang in langs:
        po = f'po/{lang}.po'

        n += 1
        check = run('msgfmt', '--check', '--statistics', '--output-file=/dev/null', po)
        stats = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else ''
        if check.returncode == 0:
            print(f'ok {n} - {po}: msgfmt --check passes')
        else:
            comment(check.stderr)
            print(f'not ok {n} - {po}: msgfmt --check fails')
            failed = True

        n += 1
        untranslated = msgids(run('msgattrib', '--untranslated', '--no-obsolete',
                                  '--no-wrap', po).stdout)
        fuzzy = msgids(run('msgattrib', '--only-fuzzy', '--no-obsolete', '--no-wrap', po).stdout)
        if check.returncode == 0 and not untranslated and not fuzzy:
            print(f'ok {n} - {po}: 100 % translated, nothing fuzzy ({stats})')
        else:
            for m in untranslated:
                print(f'#   untranslated: {m}')
            for m in fuzzy:
                print(f'#   fuzzy: {m}')
            print(f'not ok {n} - {po}: {len(untranslated)} untranslated and '
                  f'{len(fuzzy)} fuzzy ({stats})')
            failed = True

        n += 1
        # msgcmp: every msgid of the fresh template must be translated in
        # the .po (untranslated and fuzzy entries count as missing).
        cmp = run('msgcmp', po, str(pot))
        if cmp.returncode == 0:
            print(f'ok {n} - {po} has every message of the sources (po/POTFILES.in)')
        else:
            merged = pathlib.Path(tmp) / f'{lang}.po'
            run('msgmerge', '--quiet', '--no-fuzzy-matching', f'--output-file={merged}',
                po, str(pot))
            missing = [m for flag in ('--untranslated', '--only-fuzzy')
                       for m in msgids(run('msgattrib', flag, '--no-obsolete', '--no-wrap',
                                           str(merged)).stdout)]
            for m in missing:
                print(f'#   not in {po}: {m}')
            if not missing:
                comment(cmp.stderr)
            print(f'not ok {n} - {po} lacks {len(missing)} message(s) of the sources: '
                  'run `meson compile -C build sockbench-update-po`, then translate them')
            failed = True

sys.exit(1 if failed else 0)
