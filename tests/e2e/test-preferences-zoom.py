# test-preferences-zoom.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Preferences window follows the window's zoom (the "zoom" key): Zoom
# set to 150 in Preferences enlarges the text of Preferences itself, as it
# does the main window's, and the rows still fit (screenshot
# preferences-zoom-150 at 1024x768); opened again, it is larger to match.

import sys

import sbharness
from sbharness import check

h = sbharness.Harness()
state = {}


def preferences():
    for i in range(h.app.childCount):
        acc = h.app.getChildAtIndex(i)
        if acc is not None and h.name(acc) == "Preferences":
            return acc
    return None


def label_extents(scope, text):
    labels = [a for a in h.walk(scope)
              if h.role(a) in h._LABEL_ROLES and h.showing(a) and h.text_of(a) == text]
    check(labels, "no label %r showing" % text)
    return h.extents(labels[0])


# What grows with the font: the height of a row's title in Preferences (one
# line, the width is the row's), the width of a label the main window gives
# its natural width (the height is its row's).
def prefs_text(window):
    return label_extents(window, "Colour Scheme")[3]


def main_text():
    return label_extents(h.window, "Auto-accept")[2]


@h.step("Ctrl+comma opens Preferences; its Appearance page shows Zoom at 100")
def _step():
    h.focus(h.find("Client", "Message"))
    h.press("Control+,")
    window = h.wait_until(preferences, "a window named Preferences")
    h.click(h.find(window, "Appearance"))
    spin = h.find(window, "Zoom", role="spin button")
    check(h.text_of(spin) == "100", "Zoom reads %r" % h.text_of(spin))
    state["prefs"] = prefs_text(window)
    state["main"] = main_text()
    h.diag("at 100 %%: Preferences %d, main window %d" % (state["prefs"], state["main"]))


@h.step("Zoom 150: Preferences' text grows with the main window's")
def _step():
    window = preferences()
    spin = h.find(window, "Zoom", role="spin button")
    h.click_at(spin)
    h.set_text(spin, "150")
    h.press("Return")
    h.wait_until(lambda: main_text() >= state["main"] * 1.3,
                 "the main window's text to grow by half")
    try:
        h.wait_until(lambda: prefs_text(window) >= state["prefs"] * 1.3,
                     "Preferences' text to grow by half", timeout=5)
    finally:
        h.diag("at 150 %%: Preferences %d, main window %d" % (prefs_text(window), main_text()))
        h.screenshot("preferences-zoom-150")


@h.step("reopened at 150, Preferences opens half as large again (640 → 960 wide)")
def _step():
    h.press("Escape")
    h.wait_until(lambda: preferences() is None or not h.showing(preferences()),
                 "Preferences to close")
    h.choose("Main Menu", "Preferences")
    window = h.wait_until(lambda: preferences() if preferences() is not None
                          and h.showing(preferences()) else None,
                          "a window named Preferences")
    width = h.wait_until(lambda: h.extents(window)[2] if h.extents(window)[2] > 1 else None,
                         "Preferences to have a size")
    h.diag("Preferences at 150 %%: %r" % (h.extents(window),))
    check(width >= 900, "Preferences is %d wide at zoom 150" % width)
    h.click(h.find(window, "Appearance"))
    h.screenshot("preferences-zoom-150-reopened")


sys.exit(h.run())
