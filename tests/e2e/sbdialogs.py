# sbdialogs.py: the app's dialogs through AT-SPI: toplevels by name,
# AdwMessageDialog responses, and a file chooser's Name entry.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os

from sbharness import StepFailed


def find_toplevel(h, name, roles=("dialog", "alert", "frame", "window", "file chooser")):
    def look():
        h._fresh(h.app)
        for i in range(h.app.childCount):
            c = h.app.getChildAtIndex(i)
            if c is not None and h.role(c) in roles and h.name(c) == name and c != h.window:
                return c
        return None
    return h.wait_until(look, "a window named %r" % name)


def dialog_texts(h, dialog):
    return [h.text_of(a) or h.name(a) for a in h.walk(dialog)
            if h.role(a) in ("label", "static", "heading")]


def response_button(h, dialog, label):
    """A response button of an AdwMessageDialog, by its label: libadwaita
    1.2 names it "_Label Label" (the mnemonic, then the label's text)."""
    def look():
        for acc in h.walk(dialog):
            if (h.role(acc) == "push button" and h.showing(acc)
                    and h.labels_text(acc) == label):
                return acc
        return None
    return h.wait_until(look, "the button %r of %r" % (label, h.name(dialog)))


def save_as(h, path, button="Export"):
    """In the file chooser that is open: the full path typed into its Name
    entry, then the button."""
    def look_chooser():
        h._fresh(h.app)
        for i in range(h.app.childCount):
            c = h.app.getChildAtIndex(i)
            if c is None or c == h.window or not h.showing(c):
                continue
            if h.find_all(c, "Name:", role="text"):
                return c
        return None
    try:
        chooser = h.wait_until(look_chooser, "the file chooser with a Name entry")
    except StepFailed:
        for i in range(h.app.childCount):
            c = h.app.getChildAtIndex(i)
            h.diag(h.describe_tree(c, max_depth=12)[:3000])
        raise
    h.set_text(h.find(chooser, "Name:", role="text"), path)
    h.click(response_button(h, chooser, button))


def unwritable_path(out_dir, name):
    """A path in a folder that cannot be written: a read-only folder in
    out_dir, or, for root who writes anywhere else, one in /proc."""
    locked = os.path.join(out_dir, "locked")
    os.mkdir(locked, 0o500)
    if os.access(locked, os.W_OK):
        return os.path.join("/proc", "sockbench-" + name)
    return os.path.join(locked, name)
