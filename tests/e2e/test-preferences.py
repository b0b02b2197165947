# test-preferences.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A user opens Preferences with Ctrl+comma, finds every setting there, sets
# the receive size to 7, and the next connection's recv() calls ask for 7
# bytes: "Hello World" arrives as 7 bytes and then 4.  The panes' own
# Receive size follows what Preferences says.

import socket

import sbharness
from sbharness import check, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
state = {}

SETTINGS = ["Backlog", "Accept Automatically", "Close After Empty Read", "Receive Size",
            "Receive Automatically", "Server Step by Step", "Client Step by Step",
            "Memory Limit", "Automatic Disk Limit", "Disk Limit", "When the Capture Is Full",
            "Colour Scheme", "Zoom", "Presentation Layout", "Log View"]


def close_all():
    if "peer" in state:
        state["peer"].close()


h.add_cleanup(close_all)


def preferences():
    """The Preferences window: a toplevel of the application of its own."""
    for i in range(h.app.childCount):
        acc = h.app.getChildAtIndex(i)
        if acc is not None and h.name(acc) == "Preferences":
            return acc
    return None


@h.step("Ctrl+comma opens Preferences")
def _():
    h.wait_row("Event log", row_has("listen"), "listen")
    h.press("Control+,")
    h.wait_until(preferences, "a window named Preferences")
    h.screenshot("preferences")


@h.step("every setting has a row on the first page or its own page")
def _():
    names = {h.name(acc) for acc in h.walk(preferences())}
    missing = [name for name in SETTINGS if name not in names]
    check(not missing, "no control named %s in Preferences" % ", ".join(missing))


@h.step("Receive Size set to 7 in Preferences; both panes' Receive size follow")
def _():
    window = preferences()
    spin = h.find(window, "Receive Size", role="spin button")
    h.click_at(spin)
    h.set_text(spin, "7")
    h.press("Return")
    for pane in ("Server", "Client"):
        h.wait_until(lambda: h.get_text("Receive size", scope=pane) == "7",
                     "the %s pane's Receive size to read 7 (it reads %r)"
                     % (pane, h.get_text("Receive size", scope=pane)))


@h.step("a python client sends Hello World: recv() asks for 7, gets 7 and then 4")
def _():
    state["peer"] = socket.create_connection(("127.0.0.1", port))
    state["peer"].sendall(b"Hello World")
    h.wait_row("Event log", row_has("server", "recv", "7 bytes", "Hello W"), "recv of 7 bytes")
    h.wait_row("Event log", row_has("server", "recv", "4 bytes", "orld"), "recv of 4 bytes")


h.run()
