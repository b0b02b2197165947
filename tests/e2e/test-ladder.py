# test-ladder.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Exercise 1.2 drawn as a ladder diagram: first the window's client talking
# to the window's server (both ends in the window, so each send has an
# arrow to the recv that got its bytes), then a python3 client (an outside
# peer).  The arrows are read through the accessibility tree: each is a
# child of "Ladder diagram" named like "send 11 bytes → recv 11 bytes".
# Clicking an arrow selects its event in the List and the inspector.
# For the dark style's screenshots, run it with ADW_DEBUG_COLOR_SCHEME=prefer-dark.

import socket
import sys

import sbharness
from sbharness import check, recv_eof, recv_exactly, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port,
                                "--connect", "127.0.0.1:%d" % port])
state = {}


def close_peers():
    if "peer" in state:
        state["peer"].close()


h.add_cleanup(close_peers)


def ladder():
    return h.find(None, "Ladder diagram")


def arrow_names():
    """The names of the ladder's children: the arrows in view."""
    lad = h._fresh(ladder())
    return [h.name(c) for c in h.children(lad)]


def wait_arrow(name, timeout=sbharness.DEFAULT_TIMEOUT):
    def look():
        lad = h._fresh(ladder())
        for c in h.children(lad):
            if h.name(c) == name:
                return c
        return None
    try:
        return h.wait_until(look, "an arrow named %r" % name, timeout=timeout)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; the arrows: %s" % (e, arrow_names()))


def show_view(name):
    group = h.find(None, "Log view")
    for acc in h.walk(group):
        if acc is not group and h.name(acc) == name:
            h.click(acc)
            h.wait_until(lambda: h.is_on(acc), "the %r view button to be on" % name)
            return
    raise sbharness.StepFailed("no %r button in the Log view group" % name)


def send_from(pane, text):
    h.set_text("Message", text, scope=pane)
    h.click("Send", scope=pane)


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


def set_zoom(steps):
    """Zoom In `steps` times with Ctrl+= (100 % to 150 % is 4 steps), or
    back to 100 % with Ctrl+0 when steps is 0; returns what the menu says."""
    h.focus(ladder())
    if steps == 0:
        h.press("Control+0")
    for _ in range(steps):
        h.press("Control+=")
    open_menu()
    label = h.wait_until(zoom_label, "the zoom level in the menu")
    open_menu()  # closes it
    return label


def selected_text():
    """The text of the List's selected row, or None."""
    lst = h.find(None, "Event log", role=("list", "list box", "table", "tree table", "tree"))
    for acc, text in h.row_items("Event log"):
        if lst.querySelection().isChildSelected(acc.getIndexInParent()):
            return text
    return None


@h.step("the window's client connects to the window's server; Ladder shows connect → accept")
def _():
    h.wait_row("Connections", lambda r: "connected" in r, "a connection", scope="Server")
    show_view("Ladder")
    wait_arrow("connect → accept")
    h.screenshot("ladder-handshake")


@h.step("client sends b'Hello World', server answers b'Hello Yourself': one arrow each")
def _():
    send_from("Client", "Hello World")
    wait_arrow("send 11 bytes → recv 11 bytes")
    send_from("Server", "Hello Yourself")
    wait_arrow("send 14 bytes → recv 14 bytes")


@h.step("the client closes: a FIN arrow to the server's empty read")
def _():
    h.click("Close", scope="Client")
    wait_arrow("close → recv b'' (FIN)")
    h.diag("arrows: %s" % arrow_names())
    h.screenshot("ladder-exercise")


@h.step("clicking the send 11 bytes arrow selects the send: the inspector shows b'Hello World'")
def _():
    h.click(wait_arrow("send 11 bytes → recv 11 bytes"))
    h.wait_label(None, r"b'Hello World'", "the inspector's Python literal b'Hello World'")
    show_view("List")
    text = h.wait_until(lambda: (lambda t: t if t and "send" in t and "Hello World" in t
                                 else None)(selected_text()),
                        "the List's selected row to be the client's send of Hello World")
    h.diag("selected in the List: %s" % text)


@h.step("selecting a row in the List selects it in the ladder; End and Up move the selection")
def _():
    h.select_row("Event log", row_has("server", "send", "14 bytes", "Hello Yourself"),
                 "server, send, 14 bytes, Hello Yourself")
    show_view("Ladder")
    h.wait_label(None, r"b'Hello Yourself'", "the inspector's b'Hello Yourself'")
    h.screenshot("ladder-selected")
    # The keyboard: focus the diagram (a click on it selects the row
    # clicked), then End selects the newest event and Up the one before.
    h.KEYSYMS = dict(h.KEYSYMS, Up=0xff52, Down=0xff54)
    h.focus(ladder())
    h.press("End")
    h.press("Up")
    show_view("List")
    rows = h.rows("Event log")
    check(len(rows) >= 2, "the List has %d rows" % len(rows))
    h.wait_until(lambda: selected_text() == rows[-2],
                 "the List's selected row to be the one before the newest, %r (it is %r)"
                 % (rows[-2], selected_text()))
    show_view("Ladder")


@h.step("a python3 client: its end is an outside peer; peer → accept, peer → recv 11 bytes")
def _():
    state["peer"] = socket.create_connection(("127.0.0.1", port), timeout=10)
    state["peer"].sendall(b"Hello World")
    wait_arrow("peer → accept")
    wait_arrow("peer → recv 11 bytes")


@h.step("the server answers the python client, which closes: send 14 bytes → peer, FIN from peer")
def _():
    send_from("Server", "Hello Yourself")
    data = recv_exactly(state["peer"], 14)
    check(data == b"Hello Yourself", "python received %r" % data)
    wait_arrow("send 14 bytes → peer")
    state["peer"].close()
    del state["peer"]
    wait_arrow("peer → recv b'' (FIN)")
    h.screenshot("ladder-python-client")


@h.step("Home scrolls to the first events: the arrows in the tree are those in view")
def _():
    # Presentation (F5) gives the diagram the height of the window: at
    # 1024x768 the panes leave it about five rows, too few to hold the
    # first handshake's arrow and its label below it.
    h.press("F5")
    h.focus(ladder())
    h.press("Home")
    wait_arrow("connect → accept")
    h.wait_until(lambda: "peer → recv b'' (FIN)" not in arrow_names(),
                 "the python client's FIN, now out of view, to leave the tree (arrows: %s)"
                 % arrow_names())
    h.press("F5")
    h.focus(ladder())
    h.press("End")
    wait_arrow("peer → recv b'' (FIN)")
    check("connect → accept" not in arrow_names(),
          "the first handshake is still in the tree at the end: %s" % arrow_names())


@h.step("at 150 % zoom the arrows are still there and named", critical=False)
def _():
    label = set_zoom(4)
    check(label == "150%", "the zoom says %r, not 150%%" % label)
    wait_arrow("peer → recv b'' (FIN)")
    h.screenshot("ladder-150")
    set_zoom(0)


sys.exit(h.run())
