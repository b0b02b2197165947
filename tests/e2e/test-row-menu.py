#!/usr/bin/env python3
# test-row-menu.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An event row's menu in the real window, read back as another program
# would: a python3 client sends bytes that are not all text to the server
# pane; the server's recv row's menu copies its payload as Python bytes, as
# hex and as escaped text, and the row itself (Ctrl+C too), each read from
# the X clipboard with xclip; the Menu key opens the same menu from the
# keyboard, Return takes its first item, Escape gives the keys back; Follow This Connection shows the connection's stream in the
# inspector.

import socket
import subprocess
import sys

import sbharness
from sbharness import check, row_has

PAYLOAD = b"Hi\x00\xff\r\n"

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
peer = {}
h.add_cleanup(lambda: [s.close() for s in peer.values()])


def clipboard():
    """The CLIPBOARD selection as text, as another X client reads it."""
    r = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env={"DISPLAY": h.display},
                       capture_output=True, timeout=10)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def event_log():
    return h.find(None, "Event log", role=("list", "list box", "table", "tree table", "tree"))


def selected_row():
    return event_log().querySelection().getSelectedChild(0)


def copied(item, expected):
    """The row menu's item chosen, the clipboard holds expected."""
    h.click(h.context_menu_item(selected_row(), item))
    got = {}

    def holds():
        got["text"] = clipboard()
        return got["text"] == expected
    try:
        h.wait_until(holds, "%r on the clipboard" % expected)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it holds %r" % (e, got.get("text")))


@h.step("a python3 client sends b'Hi\\x00\\xff\\r\\n' to the server pane")
def _():
    peer["c"] = socket.create_connection(("127.0.0.1", port), timeout=10)
    peer["c"].sendall(PAYLOAD)
    h.select_row("Event log", row_has("server", "recv", "6"), "the server's recv of 6 bytes")


@h.step("Copy Payload as Python, as Hex and as Text: the clipboard holds each notation")
def _():
    copied("Copy Payload as Python", repr(PAYLOAD))
    copied("Copy Payload as Hex", PAYLOAD.hex(" "))
    copied("Copy Payload as Text", "Hi\\0\\xff\\r\\n")


@h.step("Copy Row and Ctrl+C copy the row as it reads: the call, the socket and the bytes")
def _():
    row = selected_row()
    shown = h.name(row) or h.labels_text(row)
    h.click(h.context_menu_item(row, "Copy Row"))
    h.wait_until(lambda: "recv" in (clipboard() or ""), "the row on the clipboard")
    text = clipboard()
    h.diag("row: %r; clipboard: %r" % (shown, text))
    check(text == shown, "the clipboard holds %r, the row reads %r" % (text, shown))
    for word in ("server", "recv", "6"):
        check(word in text.split(), "%r is not a word of the copied row %r" % (word, text))

    # Ctrl+C on the list: the same text, after something else was copied.
    copied("Copy Payload as Hex", PAYLOAD.hex(" "))
    h.focus(selected_row())
    h.press("Control+c")
    h.wait_until(lambda: clipboard() == text, "Ctrl+C to copy the row again")


@h.step("the Menu key opens the row's menu and Return takes its first item (Copy Row); "
        "after Escape, keys reach the list again")
def _():
    row = selected_row()
    shown = h.name(row) or h.labels_text(row)
    copied("Copy Payload as Hex", PAYLOAD.hex(" "))
    h.focus(selected_row())
    h.press("Menu")
    h.find(None, "Copy Row", role="menu item", timeout=10)
    h.press("Return")
    h.wait_until(lambda: clipboard() == shown, "the row on the clipboard, from the keyboard")

    # Opened and closed again, the menu hands the keys back to the list:
    # Shift+Ctrl+H copies the payload as hex.
    h.press("Menu")
    h.find(None, "Copy Row", role="menu item", timeout=10)
    h.press("Escape")
    h.wait_until(lambda: h.has_state(selected_row(), "STATE_FOCUSED"),
                 "the keyboard focus back on the row")
    h.press("Control+Shift+h")
    h.wait_until(lambda: clipboard() == PAYLOAD.hex(" "), "Shift+Ctrl+H to copy the hex")


@h.step("Follow This Connection: the inspector's Stream holds what the client sent")
def _():
    h.click(h.context_menu_item(selected_row(), "Follow This Connection"))
    stream = h.find(h.pane("Inspector"), "Stream", role="text")
    want = "< Hi\\0\\xff\\r\\n"
    try:
        h.wait_until(lambda: want in h.text_of(stream), "%r in the Stream text" % want)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it reads %r" % (e, h.text_of(stream)[:300]))
    h.screenshot("row-menu-follow")


sys.exit(h.run())
