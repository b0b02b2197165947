# test-peer-left.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A peer that leaves is not our failure.  Python clients connect to the
# server pane, send a request and reset (SO_LINGER 0), as a browser may
# leave before its reply; the user then presses Send on one connection
# (ECONNRESET) and Shut down sending on another (ENOTCONN).  Each call is a
# neutral row naming its errno, the Connections row reads "peer left", no
# toast covers the log, and the window stays usable.  A refused Connect
# afterwards shows that a toast, where there is one, is seen.

import re
import socket
import struct
import sys
import time

import sbharness
from sbharness import check, recv_exactly, row_has
from sbsteps import Steps

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
st = Steps(h)
peers = {}
tuples = {}
REQUEST = b"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port


def close_peers():
    for s in peers.values():
        s.close()


h.add_cleanup(close_peers)


def connect_send_reset(name):
    """A python client: connect, send a request, reset the connection."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    tup = tuples[name] = str(s.getsockname())
    h.wait_row("Connections", lambda r: tup in r, tup, scope="Server")
    s.sendall(REQUEST)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    # Nothing receives on the server side: the kernel's state shows the RST.
    h.wait_row("Connections", lambda r: tup in r and "CLOSE" in r.split(),
               "%s in TCP state CLOSE (the RST arrived)" % tup, scope="Server")
    return tup


def select_connection(tup):
    h.select_row("Connections", lambda r: tup in r, tup, scope="Server")


def peer_left_toasts():
    """Labels on screen outside the log and the panes' own rows that carry
    the connection's message: a toast's title."""
    return [t for t in h.visible_labels() if "The peer left" in t or "failed" in t.lower()]


def check_peer_left_row(acc, text, errno_name, call):
    check(errno_name in text, "the row does not name %s: %r" % (errno_name, text))
    check(call in text, "the row does not name %s: %r" % (call, text))
    check("the peer left" in text, "the row does not say the peer left: %r" % text)
    check(not st.failed(acc), "the row is shown as a failure (red): %r" % text)
    check(not re.search(r"\berror\b", text), "an error row: %r" % text)


@h.step("the server listens; Auto-receive off, so that only our calls meet the RST")
def _():
    h.find("Server", "Stop", role="push button")
    h.toggle("Auto-receive", False, scope="Server")


@h.step("a python client sends a request and resets; Send on its connection: "
        "a neutral 'peer left' row with ECONNRESET, no toast")
def _():
    tup = connect_send_reset("c1")
    select_connection(tup)
    h.set_text("Message", "HTTP/1.0 404 Not Found\\r\\n\\r\\n", scope="Server")
    before = st.settle_rows()
    h.click("Send", scope="Server")
    acc, text = st.wait_log_row(lambda t: t not in before and "server" in t and "reset" in t,
                                "the server's reset row after Send")
    h.diag("the row: " + text)
    check_peer_left_row(acc, text, "ECONNRESET", "send")
    row = h.wait_row("Connections", lambda r: tup in r and "peer left" in r,
                     "%s reads peer left" % tup, scope="Server")
    h.diag("the connection: " + row)
    check(not re.search(r"\b(failed|reset)\b", row), "the connection row reads %r" % row)
    time.sleep(1.0)
    toasts = peer_left_toasts()
    check(not toasts, "a toast: %r" % toasts)
    h.screenshot("peer-left-send")


@h.step("a second client does the same; Shut down sending on its connection: "
        "a neutral 'peer left' row with ENOTCONN, no toast")
def _():
    tup = connect_send_reset("c2")
    select_connection(tup)
    before = st.settle_rows()
    h.click("Shut down sending", scope="Server")
    acc, text = st.wait_log_row(lambda t: t not in before and "server" in t and "reset" in t,
                                "the server's reset row after Shut down sending")
    h.diag("the row: " + text)
    check_peer_left_row(acc, text, "ENOTCONN", "shutdown")
    rows = st.new_rows(before)
    check(not any(re.search(r"\berror\b", r) for r in rows), "error rows: %r" % rows)
    row = h.wait_row("Connections", lambda r: tup in r and "peer left" in r,
                     "%s reads peer left" % tup, scope="Server")
    h.diag("the connection: " + row)
    time.sleep(1.0)
    toasts = peer_left_toasts()
    check(not toasts, "a toast: %r" % toasts)
    h.screenshot("peer-left-shutdown")


@h.step("the Python transcript says what the calls raised")
def _():
    group = h.find(None, "Log view")
    python = h.find(group, "Python", role=("toggle button", "push button"))
    h.click(python)
    h.wait_until(lambda: h.is_on(python), "the Python view to be on")

    def lines():
        return h.rows("Transcript")
    h.wait_until(lambda: any(".shutdown(SHUT_WR)" in t for t in lines()),
                 "the shutdown in the Transcript")
    text = "\n".join(lines())
    h.diag(text[-600:])
    check(re.search(r"# conn\.send\(…\) → ConnectionResetError", text),
          "no send raising ConnectionResetError in the transcript")
    check(re.search(r"\.shutdown\(SHUT_WR\)  # → OSError: \[Errno 107\]", text),
          "no shutdown raising ENOTCONN in the transcript")
    listed = h.find(group, "List", role=("toggle button", "push button"))
    h.click(listed)
    h.wait_until(lambda: h.is_on(listed), "the List view to be on")


@h.step("the window stays usable: a third client is received and answered")
def _():
    c3 = peers["c3"] = socket.create_connection(("127.0.0.1", port), timeout=10)
    tup = str(c3.getsockname())
    h.wait_row("Connections", lambda r: tup in r and re.search(r"\bconnected\b", r),
               "%s connected" % tup, scope="Server")
    select_connection(tup)
    c3.sendall(b"Hello World")
    h.click("Receive", scope="Server")
    h.wait_row("Event log", row_has("server", "recv", "11 bytes", "Hello World"),
               "server, recv, 11 bytes, Hello World")
    h.set_text("Message", "Hello Yourself", scope="Server")
    h.click("Send", scope="Server")
    data = recv_exactly(c3, 14)
    check(data == b"Hello Yourself", "python received %r" % data)


@h.step("a toast the user can act on is still seen: Connect to a port nobody listens on")
def _():
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(sbharness.free_port()), scope="Client")
    h.click("Connect", scope="Client")
    h.wait_until(lambda: st.toast_labels("Could not connect"), "the toast 'Could not connect'")


sys.exit(h.run())
