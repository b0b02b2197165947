# test-exercise-server.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Exercise 1.2 of reference/socket-exercises.txt with Sockbench as the server
# and a python3 socket in this process as the client (IDLE in the exercise).

import re
import socket
import sys

import sbharness
from sbharness import check, recv_eof, recv_exactly, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
peers = {}
tuples = {}


def close_peers():
    for s in peers.values():
        s.close()


h.add_cleanup(close_peers)


def connect():
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def tuple_text(sock):
    """The client's address as the exercise prints it: ('127.0.0.1', 62793)."""
    return str(sock.getsockname())


def send_from_server_pane(text):
    h.set_text("Message", text, scope="Server")
    h.click("Send", scope="Server")


@h.step("(a) the server pane listens on 127.0.0.1:%d (Stop button, listen event)" % port)
def _():
    h.find("Server", "Stop", role="push button")
    h.wait_row("Event log", lambda r: re.search(r"\blisten\b", r), "listen")
    h.screenshot("server-listening")


@h.step("(b) a python client connects; its tuple appears in Connections and the log")
def _():
    peers["c1"] = connect()
    tup = tuple_text(peers["c1"])
    tuples["c1"] = tup
    h.wait_row("Connections", lambda r: tup in r and re.search(r"\bconnected\b", r),
               "%s connected" % tup, scope="Server")
    h.wait_row("Event log", row_has("accept", "server", tup), "accept, server, %s" % tup)
    h.screenshot("server-connected")


@h.step("(c) the client sends b'Hello World': a recv row with 11 bytes and the text")
def _():
    auto = h.find_all("Server", "Auto-receive")
    if auto:
        h.toggle(auto[0], True)
    peers["c1"].sendall(b"Hello World")
    if not auto:
        h.click("Receive", scope="Server")
    h.wait_row("Event log", row_has("server", "recv", "11 bytes", "Hello World"),
               "server, recv, 11 bytes, Hello World")


@h.step("(c) Message 'Hello Yourself' + Send: python receives exactly b'Hello Yourself'")
def _():
    send_from_server_pane("Hello Yourself")
    data = recv_exactly(peers["c1"], 14)
    check(data == b"Hello Yourself", "python received %r" % data)
    h.wait_row("Event log", row_has("server", "send", "14 bytes", "Hello Yourself"),
               "server, send, 14 bytes, Hello Yourself")


@h.step("(d) 'Goodbye' + Send, then Close: python reads b'Goodbye' then the empty read")
def _():
    send_from_server_pane("Goodbye")
    data = recv_exactly(peers["c1"], 7)
    check(data == b"Goodbye", "python received %r" % data)
    h.click("Close", scope="Server")
    recv_eof(peers["c1"])
    h.wait_row("Event log", lambda r: "server" in r and re.search(r"\bclose\b", r), "server close")
    tup = tuples["c1"]
    h.wait_row("Connections", lambda r: tup in r and re.search(r"\bclosed\b", r),
               "%s closed" % tup, scope="Server")


@h.step("(d) selecting the recv row shows its bytes in the inspector as b'Hello World'")
def _():
    h.select_row("Event log", row_has("server", "recv", "11 bytes", "Hello World"),
                 "server, recv, 11 bytes, Hello World")
    h.wait_label(None, r"b'Hello World'", "the inspector's Python literal b'Hello World'")
    # The picture for docs/screenshot.png: the exercise's conversation in
    # the log, the connection closed, the inspector filled.
    path = h.screenshot("server-conversation")
    h.publish_screenshot(path)
    # Selecting may stop the log from following; jump back if it offers to.
    jump = h.find_all(None, "Jump to newest")
    if jump:
        h.click(jump[0])


@h.step("(e) a second client sends b'Hello World' and closes: the server logs the empty read")
def _():
    c2 = peers["c2"] = connect()
    tup = tuples["c2"] = tuple_text(c2)
    h.wait_row("Connections", lambda r: tup in r, tup, scope="Server")
    auto = h.find_all("Server", "Auto-receive")
    if auto:
        h.toggle(auto[0], True)
    c2.sendall(b"Hello World")
    c2.close()
    if not auto:
        h.click("Receive", scope="Server")
        h.click("Receive", scope="Server")
    h.wait_row("Event log", lambda r: "recv() returned b''" in r and re.search("server", r, re.I),
               "recv() returned b'' on the server side")


@h.step("(e) the second connection's row in Connections says the peer closed")
def _():
    tup = tuples["c2"]
    closed = re.compile(r"peer closed|closed by (the )?peer|\beof\b", re.I)
    row = h.wait_row("Connections", lambda r: tup in r and closed.search(r),
                     "%s and a peer-closed state" % tup, scope="Server")
    h.diag("the row: " + row)
    h.screenshot("server-peer-closed")


@h.step("the second connection became the selected one: the first was already closed",
        critical=False)
def _():
    tup = tuples["c2"]
    lst = h.find("Server", "Connections", role="list")

    def selected():
        for acc, text in h.row_items("Connections", scope="Server"):
            if tup in text:
                return lst.querySelection().isChildSelected(acc.getIndexInParent())
        return False
    h.wait_until(selected, "the row of %s to be selected in Connections" % tup, timeout=5)


@h.step("the log follows the newest event: the empty-read row is scrolled into view", critical=False)
def _():
    h.wait_row("Event log", lambda r: "recv() returned b''" in r, "recv() returned b''",
               in_view=True, timeout=5)


@h.step("the newest connection's row is scrolled into view in Connections", critical=False)
def _():
    tup = tuples["c2"]
    h.wait_row("Connections", lambda r: tup in r, tup, scope="Server", in_view=True, timeout=5)


@h.step("the window still fits the 1024x768 screen (rows did not widen it)", critical=False)
def _():
    x, y, w, hh = h.extents(h.window)
    h.diag("window extents: %r" % ((x, y, w, hh),))
    check(x >= 0 and y >= 0 and x + w <= sbharness.SCREEN[0] and y + hh <= sbharness.SCREEN[1],
          "the window is now at %r" % ((x, y, w, hh),))


sys.exit(h.run())
