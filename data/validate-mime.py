# validate-mime.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The shared-mime-info package of the session type: update-mime-database
# builds a database from it in a temporary folder (and fails on a file it
# cannot read); then GIO, looking there, recognises a session by its name
# alone and by its first bytes alone, and a file that is not one as not.
# Usage: validate-mime.py MIME-XML

import os
import shutil
import subprocess
import sys
import tempfile

TYPE = "application/x-sockbench-session"
MAGIC = b"\x89SBSESSION\r\n\x1a\n"

print("1..4")
tmp = tempfile.mkdtemp(prefix="sb-mime-")
try:
    packages = os.path.join(tmp, "mime", "packages")
    os.makedirs(packages)
    shutil.copy(sys.argv[1], os.path.join(packages, "org.sockbench.Sockbench.xml"))
    run = subprocess.run(["update-mime-database", "-V", os.path.join(tmp, "mime")],
                         capture_output=True, text=True)
    problems = [line for line in (run.stdout + run.stderr).splitlines()
                if "rror" in line or "arning" in line or "nknown" in line]
    if run.returncode != 0 or problems:
        print("not ok 1 - update-mime-database: %s" % " | ".join(problems or [run.stderr]))
        sys.exit(1)
    print("ok 1 - update-mime-database reads the package")
    with open(os.path.join(tmp, "mime", "types")) as f:
        types = f.read().split()
    if TYPE not in types:
        print("not ok 2 - %s is not in the database's types: %r" % (TYPE, types))
        sys.exit(1)
    print("ok 2 - the database has %s" % TYPE)

    # GIO reads the database once, at its first use: in a child with the
    # folder first in XDG_DATA_DIRS.
    env = dict(os.environ, XDG_DATA_HOME=tmp,
               XDG_DATA_DIRS=tmp + ":" + os.environ.get("XDG_DATA_DIRS", "/usr/share"))
    probe = """
import sys
from gi.repository import Gio
by_name = Gio.content_type_guess("capture.sockbench", None)[0]
by_bytes = Gio.content_type_guess(None, %r + bytes(18))[0]
other = Gio.content_type_guess(None, b"GET / HTTP/1.0\\r\\n\\r\\n")[0]
print(by_name, by_bytes, other)
""" % MAGIC
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    if out[0] != TYPE or out[1] != TYPE:
        print("not ok 3 - by name %s, by its first bytes %s; wanted %s" % (out[0], out[1], TYPE))
        sys.exit(1)
    print("ok 3 - GIO recognises a session by its name and by its signature")
    if out[2] == TYPE:
        print("not ok 4 - a text file is taken for a session")
        sys.exit(1)
    print("ok 4 - a text file is not a session (%s)" % out[2])
finally:
    shutil.rmtree(tmp, True)
