# test-save-open.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Save Session and Open Session.  A python3 client says Hello World to the
# server pane; Ctrl+S and the file chooser save the session; Clear Log
# empties the log; Main Menu > Open Session and the file chooser bring the
# rows back, read-only, with a bar saying so, in the Inspector, the Python
# view and the ladder as well.  A file that is not a session
# gives an error naming it, and the rows shown stay.  Back to Live Capture
# shows the (empty) live log; `sockbench FILE` opens the session at start.
# While a session is shown, Export writes the session (not the live log)
# and Clear Log is disabled: the live log it would clear is not shown.

import atexit
import functools
import os
import shutil
import socket
import tempfile

import sbdialogs
import sbharness
from sbdialogs import save_as
from sbharness import check, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
out_dir = tempfile.mkdtemp(prefix="sb-save-open-")
atexit.register(shutil.rmtree, out_dir, True)
session_path = os.path.join(out_dir, "hello.sockbench")
bad_path = os.path.join(out_dir, "notes.sockbench")
peers = []
HELLO_ROW = row_has("server", "recv", "11 bytes", "Hello World")


def close_peers():
    for s in peers:
        s.close()


h.add_cleanup(close_peers)


# The dialogs' helpers (sbdialogs.py), bound to this test's harness.
find_toplevel = functools.partial(sbdialogs.find_toplevel, h)
response_button = functools.partial(sbdialogs.response_button, h)


def dialog_texts(dialog):
    return [h.text_of(a) or h.name(a) for a in h.walk(dialog)
            if h.role(a) in ("label", "static", "heading")]


def find_chooser(button):
    """The file chooser: the toplevel, other than the window, with a push
    button labelled button."""
    def look():
        h._fresh(h.app)
        for i in range(h.app.childCount):
            c = h.app.getChildAtIndex(i)
            if c is None or c == h.window or not h.showing(c):
                continue
            if any(h.role(a) == "push button" and h.labels_text(a) == button
                   for a in h.walk(c)):
                return c
        return None
    return h.wait_until(look, "the file chooser with a button %r" % button)


def open_through_chooser(path):
    """Main Menu > Open Session; in the chooser, Ctrl+L and the path typed
    into its location entry, then Open."""
    h.choose("Main Menu", "Open Session")
    chooser = find_chooser("Open")
    h.press("Control+l")

    def entry():
        found = [a for a in h.walk(chooser) if h.role(a) == "text" and h.showing(a)]
        return found[0] if found else None
    h.set_text(h.wait_until(entry, "the chooser's location entry"), path)
    h.click(response_button(chooser, "Open"))


def session_bar():
    return [t for t in h.visible_labels() if "read-only" in t]


@h.step("a python3 client says Hello World to the server pane")
def _():
    h.wait_row("Event log", row_has("listen"), "listen")
    c = socket.create_connection(("127.0.0.1", port), timeout=10)
    peers.append(c)
    c.sendall(b"Hello World")
    h.wait_row("Event log", HELLO_ROW, "server, recv, 11 bytes, Hello World")


@h.step("Ctrl+S and the file chooser save the session")
def _():
    h.focus(h.find(h.pane("Server"), "Message"))
    h.press("Control+s")
    chooser = find_chooser("Save")
    h.set_text(h.find(chooser, "Name:", role="text"), session_path)
    h.click(response_button(chooser, "Save"))
    h.wait_until(lambda: os.path.exists(session_path), "the file %s" % session_path)
    h.wait_until(lambda: [t for t in h.visible_labels() if "Saved the session to" in t],
                 "the toast 'Saved the session to …'")
    with open(session_path, "rb") as f:
        check(f.read(14) == b"\x89SBSESSION\r\n\x1a\n", "the file has no session signature")
    leftovers = [n for n in os.listdir(out_dir) if n != "hello.sockbench"]
    check(not leftovers, "files left beside the session: %r" % leftovers)


@h.step("Clear Log empties the log")
def _():
    h.choose("Main Menu", "Clear Log")
    h.wait_until(lambda: h.rows("Event log") == [], "the event log to have no rows")


@h.step("Open Session brings the rows back, read-only, and the window says so")
def _():
    open_through_chooser(session_path)
    h.wait_row("Event log", HELLO_ROW, "the saved recv of Hello World")
    h.wait_row("Event log", row_has("accept"), "the saved accept")
    h.wait_until(session_bar, "a bar saying the session is read-only")
    check(any("hello.sockbench" in t for t in session_bar()),
          "the bar does not name the file: %r" % session_bar())
    h.screenshot("session-shown")
    h.select_row("Event log", HELLO_ROW, "the saved recv of Hello World")
    h.wait_label("Inspector", "Hello World", "the saved payload in the Inspector")
    h.click("Python")
    h.wait_row("Transcript", lambda r: "recv(1024)" in r and "Hello World" in r,
               "the saved recv in the Python view")
    h.click("Ladder")
    h.wait_until(lambda: h.children(h._fresh(h.find(None, "Ladder diagram"))),
                 "an arrow in the Ladder diagram")
    h.click("List")


@h.step("a file that is not a session: an error naming it, and the rows stay")
def _():
    with open(bad_path, "w") as f:
        f.write("just some notes\n")
    open_through_chooser(bad_path)
    dialog = find_toplevel("Could Not Open the Session", roles=("dialog", "alert"))
    texts = " ".join(dialog_texts(dialog))
    check(bad_path in texts, "the error does not name the file: %r" % texts)
    check("byte 0" in texts, "the error does not give the offset: %r" % texts)
    check("The log is as it was." in texts, "the error does not say the log stays: %r" % texts)
    h.screenshot("bad-session")
    h.click(response_button(dialog, "Close"))
    h.wait_row("Event log", HELLO_ROW, "the session's rows, still shown")


@h.step("Back to Live Capture shows the live log, empty since the clear")
def _():
    h.click("Back to Live Capture")
    h.wait_until(lambda: h.rows("Event log") == [], "the live log, empty")
    h.wait_until(lambda: not session_bar(), "the read-only bar to go")


@h.step("sockbench FILE opens the session at start")
def _():
    h.app_args = ["--listen", "127.0.0.1:0", session_path]
    h.restart_app()
    h.wait_row("Event log", HELLO_ROW, "the saved recv of Hello World after a restart")
    h.wait_until(session_bar, "a bar saying the session is read-only")


def clear_log_enabled():
    item = h.menu_item("Main Menu", "Clear Log")
    enabled = h.has_state(item, "STATE_SENSITIVE") or h.has_state(item, "STATE_ENABLED")
    h.close_menu("Main Menu")
    return enabled


@h.step("the session shown: Export writes the session's bytes, not the live log's",
        critical=False)
def _():
    path = os.path.join(out_dir, "shown.pcapng")
    h.choose("Main Menu", "Export")
    dialog = find_toplevel("Export", roles=("dialog", "alert"))
    h.click(response_button(dialog, "Export"))  # Wireshark, Whole Log: the defaults
    save_as(h, path)
    h.wait_until(lambda: os.path.exists(path), "the export %s" % path)
    with open(path, "rb") as f:
        check(b"Hello World" in f.read(), "the export does not hold the session's Hello World")


@h.step("the session shown: Clear Log is disabled; back to the live log, enabled")
def _():
    # The live log has rows (the listener's calls), but it is not shown.
    h.wait_until(session_bar, "a bar saying the session is read-only")
    check(not clear_log_enabled(), "Clear Log is enabled while a session is shown")
    h.click("Back to Live Capture")
    h.wait_until(lambda: not session_bar(), "the read-only bar to go")
    check(clear_log_enabled(), "Clear Log is disabled on the live log, which has rows")


h.run()
