# test-kernel-state.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What waits in the kernel and the kernel's TCP state, read through the
# accessibility tree: the server's `Accept queue` with two python clients
# waiting, Accept taking exactly one, `TCP state` CLOSE_WAIT after the
# peer's shutdown, TIME_WAIT in the client pane after the window's client
# closed first; Reset from the window reaches python as
# ConnectionResetError, Close as b''.

import re
import socket
import time

import sbharness
from sbharness import check, recv_eof

port = sbharness.free_port()
# The client pane's peer: a python server listening before the window starts.
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(5)
server_port = server.getsockname()[1]

h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port,
                                "--connect", "127.0.0.1:%d" % server_port])
peers = {}


def close_peers():
    for s in peers.values():
        s.close()
    server.close()


h.add_cleanup(close_peers)


def label_text(scope, name):
    """The text of the label named `name` in the pane `scope`."""
    return h.text_of(h.find(scope, name, role="label"))


def wait_label_text(scope, name, pattern):
    rx = re.compile(pattern)
    state = {}

    def look():
        state["text"] = label_text(scope, name)
        return state["text"] if rx.search(state["text"]) else None
    try:
        return h.wait_until(look, "%s's %r to match %r" % (scope, name, pattern))
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it reads %r" % (e, state.get("text")))


def connect():
    return socket.create_connection(("127.0.0.1", port), timeout=10)


@h.step("the client pane is connected: TCP state ESTABLISHED, bytes in the kernel shown")
def _():
    conn, _ = server.accept()
    conn.settimeout(10)
    peers["pc"] = conn
    wait_label_text("Client", "TCP state", r"^ESTABLISHED\b")
    conn.sendall(b"12345")
    # Auto-receive reads them at once: nothing stays waiting.
    wait_label_text("Client", "Bytes waiting", r"^0 bytes waiting")
    wait_label_text("Client", "Bytes unacknowledged", r"^0 unacknowledged")


@h.step("Auto-receive off: Receive with nothing waiting says it would block; Bytes waiting "
        "reads what python sent; Receive takes it")
def _():
    h.toggle("Auto-receive", False, scope="Client")
    h.click("Receive", scope="Client")
    row = h.wait_row("Event log", lambda r: "client" in r and "would block" in r,
                     "a client recv that would block")
    h.diag("the row: " + row)
    h.screenshot("kernel-would-block")
    check(h.find_all("Client", "Receive", role="push button"), "Receive went away")
    peers["pc"].sendall(b"x" * 80)
    wait_label_text("Client", "Bytes waiting", r"^80 bytes waiting")
    h.click("Receive", scope="Client")
    h.wait_row("Event log", sbharness.row_has("client", "recv", "80 bytes"),
               "client, recv, 80 bytes")
    wait_label_text("Client", "Bytes waiting", r"^0 bytes waiting")


@h.step("the window's client closes first: python reads b'', the client pane shows TIME_WAIT")
def _():
    h.click("Close", scope="Client")
    recv_eof(peers["pc"])
    peers["pc"].close()
    text = wait_label_text("Client", "TCP state", r"\bTIME_WAIT\b")
    h.diag("Client TCP state: %r" % text)
    h.screenshot("kernel-time-wait")


@h.step("Auto-accept off, two python clients connect: Accept queue reads 2 (backlog 5)")
def _():
    h.toggle("Auto-accept", False, scope="Server")
    wait_label_text("Server", "Accept queue", r"^Accept queue: 0\b")
    peers["c1"] = connect()
    wait_label_text("Server", "Accept queue", r"^Accept queue: 1\b")
    # Nothing happens on the listening socket now: the figure comes from
    # the window's periodic refresh.
    peers["c2"] = connect()
    text = wait_label_text("Server", "Accept queue", r"^Accept queue: 2\b")
    check("backlog 5" in text, "the accept queue says %r, not its backlog 5" % text)
    check(not h.rows("Connections", scope="Server"), "a connection was accepted")
    h.screenshot("kernel-accept-queue")


@h.step("Accept takes exactly one: one row in Connections, the queue reads 1")
def _():
    h.click("Accept", scope="Server")
    h.wait_until(lambda: len(h.rows("Connections", scope="Server")) == 1, "one connection")
    wait_label_text("Server", "Accept queue", r"^Accept queue: 1\b")
    time.sleep(1.0)
    rows = h.rows("Connections", scope="Server")
    check(len(rows) == 1, "after one Accept: %d connections: %r" % (len(rows), rows))
    h.click("Accept", scope="Server")
    h.wait_until(lambda: len(h.rows("Connections", scope="Server")) == 2, "two connections")
    wait_label_text("Server", "Accept queue", r"^Accept queue: 0\b")


@h.step("the python peer shuts down sending: TCP state CLOSE_WAIT, in the pane and the row, which explains it to a screen reader")
def _():
    tup = str(peers["c2"].getsockname())
    h.select_row("Connections", lambda r: tup in r, tup, scope="Server")
    peers["c2"].shutdown(socket.SHUT_WR)
    wait_label_text("Server", "TCP state", r"^CLOSE_WAIT\b")
    h.wait_row("Connections", lambda r: tup in r and "CLOSE_WAIT" in r,
               "%s and CLOSE_WAIT" % tup, scope="Server")
    # The row's tooltip on the state, for a screen reader: its description.
    row = [acc for acc, text in h.row_items("Connections", scope="Server") if tup in text]
    check(row, "no row for %s" % tup)
    described = [a.description for a in h.walk(row[0]) if a.description]
    check(any("recv() returns b''" in d for d in described),
          "the row's description does not explain CLOSE_WAIT: %r" % described)
    h.screenshot("kernel-close-wait")


@h.step("Shut down sending: python reads b''; TCP state CLOSE, the socket still open")
def _():
    h.click("Shut down sending", scope="Server")
    recv_eof(peers["c2"])
    text = wait_label_text("Server", "TCP state", r"^CLOSE\b")
    check("still open" in text, "the CLOSE state reads %r" % text)
    h.screenshot("kernel-close")


@h.step("Reset from the window: the python peer gets ConnectionResetError")
def _():
    tup = str(peers["c1"].getsockname())
    h.select_row("Connections", lambda r: tup in r, tup, scope="Server")
    wait_label_text("Server", "TCP state", r"^ESTABLISHED\b")
    h.click("Reset", scope="Server")
    peers["c1"].settimeout(10)
    try:
        data = peers["c1"].recv(1024)
    except ConnectionResetError:
        data = None
    check(data is None, "the peer read %r instead of ConnectionResetError" % data)
    # An abortive close leaves the kernel nothing to keep.
    wait_label_text("Server", "TCP state", r"^gone\b")


@h.step("Close from the window: the python peer reads b''")
def _():
    h.toggle("Auto-accept", True, scope="Server")
    c3 = peers["c3"] = connect()
    tup = str(c3.getsockname())
    h.select_row("Connections", lambda r: tup in r, tup, scope="Server")
    wait_label_text("Server", "TCP state", r"^ESTABLISHED\b")
    h.click("Close", scope="Server")
    recv_eof(c3)


sys_exit = h.run()
raise SystemExit(sys_exit)
