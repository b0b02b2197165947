# test-descriptors.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Descriptors as a resource, in the window.  The application runs under
# `prlimit --nofile=64:64`.  Close After Empty Read is off by default: a
# python client that shuts down its sending side leaves the connection in
# CLOSE_WAIT; switched on, the next client's empty read is followed by
# close(), a row of its own, and the client reads the empty read in turn.
# Then clients fill every descriptor: one EMFILE row that counts its
# repeats, and the Server pane says it is out of descriptors with the
# figures; twenty clients close normally, the finished connections are
# closed to make room (rows of their own), the waiting ones are accepted
# and the message goes.

import os
import re
import shutil
import socket
import time

import sbharness
from sbharness import check, nothing_arrives, recv_eof, row_has

LIMIT = 64
port = sbharness.free_port()
if shutil.which("prlimit") is not None:
    os.environ["SB_E2E_WRAPPER"] = "prlimit --nofile=%d:%d" % (LIMIT, LIMIT)
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
clients = []
state = {}


def close_clients():
    for s in clients:
        s.close()


h.add_cleanup(close_clients)


def half_close(payload):
    """A python client: connect, send, shut down its sending side."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    clients.append(s)
    tup = str(s.getsockname())
    s.sendall(payload)
    s.shutdown(socket.SHUT_WR)
    return s, tup


def out_of_descriptors():
    for t in h.visible_labels("Server"):
        if t.startswith("Out of descriptors"):
            return t
    return None


@h.step("Close After Empty Read is off by default: a client's shutdown leaves CLOSE_WAIT")
def _():
    check(shutil.which("prlimit") is not None, "prlimit (util-linux) is not installed")
    switch = h.find("Server", "Close After Empty Read")
    check(not h.is_on(switch), "Close After Empty Read is on by default")
    s, tup = half_close(b"first")
    h.wait_row("Connections", lambda r: tup in r and "CLOSE_WAIT" in r,
               "%s in CLOSE_WAIT" % tup, scope="Server")
    # The server keeps its side open: the client reads nothing, not b''.
    nothing_arrives(s, 0.5)
    state["first"] = tup


@h.step("switched on: the next empty read is followed by close(), a row of its own")
def _():
    h.toggle("Close After Empty Read", True, scope="Server")
    s, tup = half_close(b"second")
    recv_eof(s)
    h.wait_row("Event log", row_has("close", "closed after the empty read"),
               "the close after the empty read")
    h.wait_row("Connections", lambda r: tup in r and "closed" in r,
               "%s closed" % tup, scope="Server")
    # The first one, half-closed before, stays as it was.
    h.wait_row("Connections", lambda r: state["first"] in r and "CLOSE_WAIT" in r,
               "%s still in CLOSE_WAIT" % state["first"], scope="Server")
    h.toggle("Close After Empty Read", False, scope="Server")


@h.step("clients fill every descriptor: one EMFILE row counting its repeats, "
        "and the pane says the process is out of descriptors")
def _():
    # One after the other.  Once accept() fails, the kernel's queue
    # (listen(5): six) fills and the next connect() waits for good: then no
    # more, so that few wait in all.  (A window merely slow to accept makes
    # a connect() wait too: then go on.)
    while len(clients) < 2 * LIMIT:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(3)
        try:
            s.connect(("127.0.0.1", port))
        except socket.timeout:
            s.close()
            if out_of_descriptors() is not None:
                break
            continue
        clients.append(s)
    h.diag("%d clients connected" % len(clients))
    text = h.wait_label("Server", r"^Out of descriptors: \d+ open, the limit is %d \(EMFILE\)"
                        % LIMIT, "the out-of-descriptors message", timeout=30)
    h.diag("message: %r" % text)
    n_open = int(re.match(r"Out of descriptors: (\d+)", text).group(1))
    check(LIMIT - 8 <= n_open <= LIMIT, "%d descriptors open with a limit of %d" % (n_open, LIMIT))
    row = h.wait_row("Event log", lambda r: re.search(r"\berror EMFILE \(\d+ times\)", r),
                     "the EMFILE row counting its repeats")
    h.diag("row: %r" % row)

    def emfile_rows():
        return [r for r in h.rows("Event log") if re.search(r"\berror EMFILE\b", r)]

    def count(r):
        m = re.search(r"EMFILE \((\d+) times\)", r)
        return int(m.group(1)) if m else 1

    # Stuck, accept() fails again and again: the same row counts on, no new
    # row.  (A failure that a closed connection resolved more than 10 s
    # before may have its own row above.)
    before = emfile_rows()
    time.sleep(1.5)
    after = emfile_rows()
    h.diag("EMFILE rows: %r, then %r" % (before, after))
    check(len(after) == len(before), "new EMFILE rows while stuck: %r, then %r" % (before, after))
    check(count(after[-1]) > count(before[-1]),
          "the count did not grow: %r, then %r" % (before[-1], after[-1]))
    check(before[-1].split()[0] == after[-1].split()[0],
          "not the same row: %r, then %r" % (before[-1], after[-1]))
    acc = h.find("Server", "Out of descriptors", role="label")
    why = h.not_in_view(acc)
    check(why is None, "the message is cut off: %s" % why)
    h.screenshot("out-of-descriptors")


@h.step("twenty clients close normally: the finished connections make room, the message goes")
def _():
    # The oldest held ones (after the two half-closed clients) were
    # accepted first.
    for s in clients[2:22]:
        s.close()
    h.wait_row("Event log", row_has("close", "closed to make room"),
               "a connection closed to make room", timeout=30)
    h.wait_until(lambda: out_of_descriptors() is None, "the message to go", timeout=30)
    h.screenshot("out-of-descriptors-recovered")


h.run()
