# test-step-by-step.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One click per call: with Step by step on, the Server pane's socket(),
# bind() and listen() and the Client pane's getaddrinfo(), socket() and
# connect() each make one event, each enabled only when it is the next
# call.  A bind() to a port a python3 socket holds fails on that step, the
# socket stays closable and bind() can be retried.  (test-connect-fallback
# has localhost's addresses.)

import re
import socket
import sys
import time

import sbharness
from sbharness import check, row_has
from sbsteps import CLIENT_CALLS, SERVER_CALLS, Steps

port = sbharness.free_port()
h = sbharness.Harness()
st = Steps(h)
state = {"peers": []}


def close_peers():
    for s in state["peers"]:
        s.close()


h.add_cleanup(close_peers)


@h.step("Step by step is off by default: Listen and Connect, no call buttons")
def _():
    for pane, main in (("Server", "Listen"), ("Client", "Connect")):
        switch = h.find(pane, "Step by step")
        check(not h.is_on(switch), "Step by step is on in %s" % pane)
        h.find(pane, main, role="push button")
    check(not h.find_all("Server", "bind()"), "bind() shows with Step by step off")


@h.step("Server: Step by step on; Listen gives way to socket() bind() listen()")
def _():
    h.set_text("Address", "127.0.0.1", scope="Server")
    h.set_text("Port", str(port), scope="Server")
    h.toggle("Step by step", True, scope="Server")
    h.wait_until(lambda: not h.find_all("Server", "Listen", role="push button"),
                 "Listen to go away")
    st.wait_next_call("Server", "socket()")
    h.screenshot("steps-server-off")


@h.step("Server socket(): one socket row; the socket is shown and Stop can close it")
def _():
    st.click_one_event("Server", "socket()", "socket", "server", "AF_INET, SOCK_STREAM")
    st.wait_next_call("Server", "bind()")
    check(st.enabled(h.find("Server", "Stop", role="push button")), "Stop is not enabled")
    h.wait_label("Server", r"socket open", "the state 'socket open'")


@h.step("Server bind(): one bind row with the tuple; listen() is next")
def _():
    st.click_one_event("Server", "bind()", "bind", "('127.0.0.1', %d)" % port)
    st.wait_next_call("Server", "listen()")


@h.step("Server listen(): one listen row; no call is left; a python3 client is accepted")
def _():
    st.click_one_event("Server", "listen()", "listen(5)")
    st.wait_next_call("Server", None)
    h.find("Server", "Stop", role="push button")
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    state["peers"].append(s)
    tup = str(s.getsockname())
    st.wait_log_row(row_has("accept", "server", tup), "accept of %s" % tup)
    h.wait_row("Connections", lambda r: tup in r, tup, scope="Server")
    s.close()
    h.screenshot("steps-server-listening")


@h.step("Client: Step by step on; getaddrinfo() socket() connect() to the server")
def _():
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(port), scope="Client")
    h.toggle("Step by step", True, scope="Client")
    h.wait_until(lambda: not h.find_all("Client", "Connect", role="push button"),
                 "Connect to go away")
    st.wait_next_call("Client", "getaddrinfo()")
    st.click_one_event("Client", "getaddrinfo()", "resolve", "client", "127.0.0.1")
    st.wait_next_call("Client", "socket()")
    st.click_one_event("Client", "socket()", "socket", "client", "AF_INET, SOCK_STREAM")
    st.wait_next_call("Client", "connect()")
    check(st.enabled(h.find("Client", "Disconnect", role="push button")),
          "Disconnect is not enabled after socket()")


@h.step("Client connect(): started, then established (and the server's accept)")
def _():
    before = st.settle_rows()
    h.click("connect()", scope="Client")
    st.wait_log_row(row_has("client", "established"), "connect established")
    new = st.new_rows(before)
    client_rows = [r for r in new if "client" in r]
    check(len(client_rows) == 2 and "started" in client_rows[0]
          and "established" in client_rows[1],
          "the client's rows: %s" % " | ".join(client_rows))
    check(any("accept" in r and "server" in r for r in new), "no accept: %s" % " | ".join(new))
    st.wait_next_call("Client", None)
    h.screenshot("steps-both-connected")


def open_menu():
    menu = h.find(None, "Main Menu")
    for acc in h.walk(menu):
        if acc is not menu and h.role(acc) in ("toggle button", "push button"):
            h.click(acc)
            return
    raise sbharness.StepFailed("the Main Menu has no button to press")


def zoom_label():
    """The zoom level in the primary menu ("150%"); the label is found once."""
    if "zoom" not in state:
        menu = h.find(None, "Main Menu")
        for acc in h.walk(menu):
            text = h.text_of(acc) or h.name(acc)
            if h.role(acc) in ("label", "static") and re.fullmatch(r"\d+%", text or ""):
                state["zoom"] = acc
                break
        else:
            return None
    acc = h._fresh(state["zoom"])
    return h.text_of(acc) or h.name(acc)


@h.step("at 150 %: the call buttons are in view in both panes", critical=False)
def _():
    open_menu()
    try:
        for _ in range(8):
            if zoom_label() == "150%":
                break
            h.click("Zoom In", None)
            h.wait_until(zoom_label, "the zoom level")
        check(zoom_label() == "150%", "the zoom label says %r" % zoom_label())
    finally:
        open_menu()  # closes it
    time.sleep(0.5)
    h.screenshot("steps-150")
    try:
        # The panes stack at 150 % and scroll; nothing may be cut off at the
        # sides, the call buttons within their pane.
        for pane, calls in (("Server", SERVER_CALLS), ("Client", CLIENT_CALLS)):
            px, _, pw, _ = h.extents(h.pane(pane))
            for c in calls:
                x, y, w, hh = h.extents(h.find(pane, c, role="push button", showing=False))
                check(w > 0 and x >= px and x + w <= px + pw
                      and x + w <= sbharness.SCREEN[0],
                      "%s in %s at %r, the pane from x=%d to %d" % (c, pane, (x, y, w, hh),
                                                                    px, px + pw))
    finally:
        open_menu()
        h.click("Reset Zoom", None)
        open_menu()


@h.step("Disconnect and Stop")
def _():
    h.click("Disconnect", scope="Client")
    st.wait_log_row(lambda r: "client" in r and re.search(r"\bclose\b", r), "client close")
    st.wait_next_call("Client", "getaddrinfo()")
    h.click("Stop", scope="Server")
    st.wait_next_call("Server", "socket()")


@h.step("bind() to a port a python3 socket holds: the error on that step, socket still closable")
def _():
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    state["peers"].append(holder)
    state["holder"] = holder
    taken = holder.getsockname()[1]
    h.set_text("Port", str(taken), scope="Server")
    st.click_one_event("Server", "socket()", "socket", "server")
    row = st.click_one_event("Server", "bind()", "error", "EADDRINUSE")
    h.diag("the error row: " + row)
    h.wait_label("Server", r"Port %d is already in use" % taken, "the error under the calls")
    # Shown once, under the calls: no toast repeats it.
    time.sleep(0.5)
    shown = st.toast_labels("Port %d is already in use" % taken)
    check(len(shown) == 1, "the error shows %d times: %r" % (len(shown), shown))
    # The socket is still there: bind() again, or Stop.
    st.wait_next_call("Server", "bind()")
    check(st.enabled(h.find("Server", "Stop", role="push button")), "Stop is not enabled")
    h.wait_label("Server", r"socket open", "the state 'socket open'")
    # (click_one_event() saw the error row alone: no close.)
    h.screenshot("steps-bind-failed")


@h.step("the port is free again: bind() retried on the same socket succeeds")
def _():
    state["holder"].close()
    taken = int(h.get_text("Port", scope="Server"))
    st.click_one_event("Server", "bind()", "bind", "('127.0.0.1', %d)" % taken)
    h.wait_until(lambda: not [t for t in h.visible_labels("Server") if "already in use" in t],
                 "the error to go away")
    st.wait_next_call("Server", "listen()")
    st.click_one_event("Server", "Stop", "close", "server")
    st.wait_next_call("Server", "socket()")


sys.exit(h.run())
