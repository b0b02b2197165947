# test-zoom-layout.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A lecturer zooms the window for the back row: every text grows, the log's
# rows with it; where the two panes no longer fit side by side on the
# 1024x768 screen they stand one above the other, and nothing is cut off at
# the sides, the inspector beside the log included.  The zoom is remembered.  Before that, at 100 %, an inline
# error that comes and goes gives its room back to the event log.

import socket
import sys

import sbharness
from sbharness import check

W, H = sbharness.SCREEN
COMMON = ["Protocol", "Port", "Auto-receive", "Receive", "Receive size", "Message", "Hex",
          "Send", "Shut down sending", "Close", "Reset"]
CONTROLS = {
    "Client": ["Host", "Connect"] + COMMON,
    "Server": ["Address", "Stop", "Auto-accept", "Connections", "Auto-respond", "Reply"] + COMMON,
}

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port], settings_backend="keyfile")
state = {}


def close_all():
    if "peer" in state:
        state["peer"].close()


h.add_cleanup(close_all)


def log_height():
    return h.extents(h.find(None, "Event log"))[3]


def row_height():
    rows = h.row_items("Event log")
    check(rows, "the Event log has no rows")
    return h.extents(rows[-1][0])[3]


def pane_box(title):
    return h.extents(h.pane(title))


def open_menu():
    menu = h.find(None, "Main Menu")
    for acc in h.walk(menu):
        if acc is not menu and h.role(acc) in ("toggle button", "push button"):
            h.click(acc)
            return
    raise sbharness.StepFailed("the Main Menu has no button to press")


def zoom_label():
    for text in h.visible_labels(None):
        if text.endswith("%") and text[:-1].isdigit():
            return text
    return None


@h.step("a python client connects; the log shows its recv")
def _():
    state["peer"] = socket.create_connection(("127.0.0.1", port))
    state["peer"].sendall(b"Hello World")
    h.wait_row("Event log", lambda t: "recv" in t and "Hello World" in t, "the recv of Hello World")


@h.step("at 100 %: the panes side by side, both inside the screen")
def _():
    client, server = pane_box("Client"), pane_box("Server")
    h.diag("Client %r, Server %r" % (client, server))
    check(abs(client[1] - server[1]) <= 2 and server[0] >= client[0] + client[2],
          "the panes are not side by side: Client %r, Server %r" % (client, server))
    check(server[0] + server[2] <= W, "the Server pane ends at x=%d" % (server[0] + server[2]))


@h.step("an inline error under the Server's Message, then fixed: the log gets its height back")
def _():
    before = log_height()
    h.toggle("Hex", True, scope="Server")
    h.set_text("Message", "zz", scope="Server")
    h.click("Send", scope="Server")
    h.wait_label("Server", r"'z'.*\bat 0\b|\boffset 0\b", "the hex error in the Server pane")
    h.wait_until(lambda: log_height() < before, "the error line to take room from the log")
    h.diag("log height %d, with the error %d" % (before, log_height()))
    h.set_text("Message", "48 69", scope="Server")
    h.click("Send", scope="Server")
    check(sbharness.recv_exactly(state["peer"], 2) == b"Hi", "the peer did not get b'Hi'")
    h.wait_until(lambda: not [t for t in h.visible_labels("Server") if "offset 0" in t
                              or "at 0" in t],
                 "the hex error to go away")
    h.wait_until(lambda: abs(log_height() - before) <= 1,
                 "the log to be %d px high again (it is %d)" % (before, log_height()))
    h.toggle("Hex", False, scope="Server")


@h.step("Zoom In through the primary menu up to 150 %: the log's rows grow")
def _():
    state["row_100"] = row_height()
    open_menu()
    for _ in range(8):
        if zoom_label() == "150%":
            break
        h.click("Zoom In", None)
        h.wait_until(zoom_label, "the zoom level")
    check(zoom_label() == "150%", "the zoom label says %r" % zoom_label())
    open_menu()  # closes it
    h.wait_until(lambda: row_height() >= state["row_100"] * 1.3,
                 "rows %d px high at 100 %% to grow to 1.3 times that" % state["row_100"])
    h.screenshot("zoom-150")


def check_stacked():
    client, server = pane_box("Client"), pane_box("Server")
    h.diag("Client %r, Server %r" % (client, server))
    check(server[1] >= client[1] + client[3],
          "the panes do not stand one above the other: Client %r, Server %r" % (client, server))
    problems = []
    for pane, names in CONTROLS.items():
        for name in names:
            found = h.find_all(pane, name, showing=False)
            if not found:
                problems.append("%r missing in %s" % (name, pane))
                continue
            x, y, w, hh = h.extents(found[0])
            if w <= 0 or x < 0 or x + w > W:
                problems.append("%s %r at %r" % (pane, name, (x, y, w, hh)))
    check(not problems, "cut off at the sides: " + "; ".join(problems))
    window = h.extents(h.window)
    check(window[0] >= 0 and window[0] + window[2] <= W,
          "the window is at %r on a %dx%d screen" % (window, W, H))
    # The inspector beside the log, showing an event (its view tabs are
    # wider than it at 150 %): inside the screen, not scrolled past it.
    h.select_row("Event log", lambda t: "accept" in t, "the accept")
    h.find(h.pane("Inspector"), "Text", role=("page tab", "toggle button", "radio button"))
    inspector = h.extents(h.pane("Inspector"))
    check(inspector[2] > 0 and inspector[0] + inspector[2] <= W,
          "the inspector is at %r on a %dx%d screen" % (inspector, W, H))


@h.step("at 150 %: the panes one above the other, no control cut off at the sides")
def _():
    check_stacked()


@h.step("quit and start again: still 150 %, panes still stacked")
def _():
    h.restart_app()
    state["peer"].close()
    state["peer"] = socket.create_connection(("127.0.0.1", port))
    h.wait_row("Event log", lambda t: "accept" in t, "the accept of a new python client")
    open_menu()
    h.wait_until(lambda: zoom_label() == "150%", "the zoom label to say 150%% (it says %r)"
                 % zoom_label())
    open_menu()
    check_stacked()
    h.screenshot("zoom-150-restarted")


@h.step("Reset Zoom: 100 % and the panes side by side again")
def _():
    open_menu()
    h.click("Reset Zoom", None)
    h.wait_until(lambda: zoom_label() == "100%", "the zoom label to say 100%")
    open_menu()
    h.wait_until(lambda: abs(pane_box("Client")[1] - pane_box("Server")[1]) <= 2,
                 "the panes to stand side by side again")


sys.exit(h.run())
