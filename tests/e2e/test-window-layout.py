# test-window-layout.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# At 1024x768 nothing is collapsed or off screen: every control that
# ACCESSIBILITY.md lists for the two panes has a non-empty box inside the
# screen, and inside the scrolled area that holds it (not scrolled away).  The app starts listening and connected to itself, so that the
# stream controls of both panes are live.

import sys

import sbharness
from sbharness import check

# ACCESSIBILITY.md, in the connected / listening state (`Listen` became
# `Stop`, `Connect` became `Disconnect`).  `Accept` is checked with
# Auto-accept off.
COMMON = ["Protocol", "Port", "Auto-receive", "Receive", "Receive size", "Message", "Hex",
          "Send", "Shut down sending", "Close", "Reset"]
CONTROLS = {
    "Client": ["Host", "Disconnect"] + COMMON,
    "Server": ["Address", "Stop", "Auto-accept", "Connections", "Auto-respond", "Reply"] + COMMON,
}
W, H = sbharness.SCREEN

port = sbharness.free_port()
h = sbharness.Harness(independent_steps=True,
                      app_args=["--listen", "127.0.0.1:%d" % port,
                                "--connect", "127.0.0.1:%d" % port])


def inside_screen(ext):
    x, y, w, hh = ext
    return w > 0 and hh > 0 and x >= 0 and y >= 0 and x + w <= W and y + hh <= H


def check_controls(pane, names):
    problems = []
    for name in names:
        found = h.find_all(pane, name, showing=False)
        if not found:
            problems.append("%r missing" % name)
            continue
        acc = found[0]
        try:
            ext = h.extents(acc)
        except Exception as e:
            problems.append("%r has no extents (%s)" % (name, sbharness.one_line(e)))
            continue
        if not inside_screen(ext):
            problems.append("%r at %r" % (name, ext))
            continue
        if not h.showing(acc):
            problems.append("%r not showing" % name)
            continue
        clip = h.not_in_view(acc)
        if clip:
            problems.append("%r not in view: %s" % (name, clip))
    return problems


@h.step("the window fits the 1024x768 screen")
def _():
    h.find("Server", "Stop", role="push button")
    h.find("Client", "Disconnect", role="push button")
    ext = h.extents(h.window)
    h.diag("window extents: %r" % (ext,))
    h.screenshot("window-layout")
    check(inside_screen(ext), "the window is at %r on a %dx%d screen" % (ext, W, H))


@h.step("the Client pane: every control has a box inside the screen")
def _():
    problems = check_controls("Client", CONTROLS["Client"])
    check(not problems, "; ".join(problems))


@h.step("the Server pane: every control has a box inside the screen")
def _():
    problems = check_controls("Server", CONTROLS["Server"])
    check(not problems, "; ".join(problems))


@h.step("the Event log has a box inside the screen, at least 100 px high")
def _():
    ext = h.extents(h.find(None, "Event log"))
    check(inside_screen(ext) and ext[3] >= 100, "the Event log is at %r" % (ext,))


@h.step("Auto-accept off: the Accept button has a box inside the screen")
def _():
    h.toggle("Auto-accept", False, scope="Server")
    problems = check_controls("Server", ["Accept"])
    h.screenshot("window-layout-manual-accept")
    check(not problems, "; ".join(problems))


sys.exit(h.run())
