# test-help-missing.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# F1 when nothing can show "help:" URIs (no Yelp): the window shows an
# AdwMessageDialog saying what is missing, not nothing.  The run is made
# deterministic whether or not yelp is installed: a mimeapps.list in
# XDG_CONFIG_DIRS removes every association of x-scheme-handler/help, and
# the first step checks, with GIO as the application uses it, that no
# handler is left.

import os
import subprocess
import sys
import tempfile

import sbharness
from sbharness import check
from sbtree import Tree

Tree.KEYSYMS.setdefault("F1", 0xffbe)

HEADING = "The User Guide Cannot Be Shown"
config_dirs = tempfile.mkdtemp(prefix="sb-help-missing-")
with open(os.path.join(config_dirs, "mimeapps.list"), "w") as f:
    f.write("[Removed Associations]\n"
            "x-scheme-handler/help=yelp.desktop;org.gnome.Yelp.desktop;\n")
os.environ["XDG_CONFIG_DIRS"] = config_dirs

h = sbharness.Harness()


@h.step("GIO finds no handler for help: URIs (the precondition)")
def _step():
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(config_dirs, "home"))
    out = subprocess.run(
        ["/usr/bin/python3", "-c",
         "from gi.repository import Gio\n"
         "a = Gio.AppInfo.get_default_for_uri_scheme('help')\n"
         "print(a.get_id() if a else '')"],
        env=env, capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    check(out == "", "help: URIs still open with %s" % out)


def message_dialog():
    h._fresh(h.app)
    for i in range(h.app.childCount):
        c = h.app.getChildAtIndex(i)
        if c is not None and c != h.window and h.role(c) in ("dialog", "alert", "window") \
                and h.showing(c):
            return c
    return None


@h.step("F1: a dialog says the guide cannot be shown, that Yelp is missing, and why")
def _step():
    h.focus(h.find("Client", "Message"))
    h.press("F1")
    dialog = h.wait_until(message_dialog, "a dialog after F1")
    texts = [h.text_of(a) or h.name(a) for a in h.walk(dialog)
             if h.role(a) in ("label", "static", "heading")]
    h.diag("dialog %r (%s): %s" % (h.name(dialog), h.role(dialog), " | ".join(texts)))
    check(HEADING in texts or h.name(dialog) == HEADING, "no heading %r" % HEADING)
    body = [t for t in texts if "Yelp" in t]
    check(body, "no text names Yelp")
    check("“yelp”" in body[0], "the package to install is not named: %r" % body[0])
    reason = body[0].split("): ", 1)[-1].strip()
    check(reason and reason != body[0], "the dialog does not say why: %r" % body[0])
    h.screenshot("help-missing")


@h.step("Close dismisses the dialog; the window goes on")
def _step():
    dialog = message_dialog()
    # libadwaita 1.2 names a response button "_Close Close", and keeps it
    # twice (its horizontal and its vertical layout): find it by its label.
    buttons = [a for a in h.walk(dialog) if h.role(a) == "push button" and h.showing(a)
               and h.labels_text(a) == "Close"]
    check(buttons, "no Close button in the dialog")
    h.click(buttons[0])
    h.wait_until(lambda: message_dialog() is None, "the dialog to close")
    h.find("Server", "Listen", role="push button")


sys.exit(h.run())
