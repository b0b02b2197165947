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
# socket stays closable and bind() can be retried.  And the default Connect
# to localhost, with the server on 127.0.0.1 only: the refused ::1 attempt
# is a normal step (no red row, no toast).

import re
import socket
import sys
import time

import sbharness
from sbharness import check, row_has

port = sbharness.free_port()
h = sbharness.Harness()
state = {"peers": []}


def close_peers():
    for s in state["peers"]:
        s.close()


h.add_cleanup(close_peers)

SERVER_CALLS = ("socket()", "bind()", "listen()")
CLIENT_CALLS = ("getaddrinfo()", "socket()", "connect()")


def enabled(acc):
    return h.has_state(acc, "STATE_SENSITIVE") or h.has_state(acc, "STATE_ENABLED")


_buttons = {}


def call_buttons(pane, calls):
    """The pane's call buttons (found once: they stay for the window's life)."""
    if pane not in _buttons:
        _buttons[pane] = {c: h.find(pane, c, role="push button") for c in calls}
    return _buttons[pane]


def failed(acc):
    """A row shown as a failure (red) says so as the accessible state invalid."""
    return h.has_state(acc, "STATE_INVALID") or h.has_state(acc, "STATE_INVALID_ENTRY")


def wait_next_call(pane, calls, next_call):
    """Only next_call (or none) is enabled among the pane's call buttons."""
    buttons = call_buttons(pane, calls)

    def states():
        return {c: enabled(b) for c, b in buttons.items()}
    want = {c: c == next_call for c in calls}
    h.wait_until(lambda: states() == want,
                 "in %s only %s enabled (now %r)" % (pane, next_call, states()), timeout=10)


def event_log():
    if "log" not in state:
        state["log"] = h.find(None, "Event log", role=("list", "list box", "table", "tree"))
    return h._fresh(state["log"])


def log_items():
    """[(row, text)] of the Event log's rows on screen, read cheaply: each row
    is a label named by its text (the harness's row_items() walks far more,
    which takes seconds on a loaded machine)."""
    out = []
    for item in h.children(event_log()):
        for acc in [item] + h.children(item):
            if h.role(acc) in ("label", "static") and h.name(acc):
                out.append((acc, h.name(acc)))
                break
    return out


def log_rows():
    return [t for _, t in log_items()]


def wait_log_row(predicate, what, timeout=30):
    def look():
        for acc, text in log_items():
            if predicate(text):
                return acc, text
        return None
    return h.wait_until(look, "a row of the Event log with %s" % what, timeout=timeout)


def settle_rows(seconds=0.5):
    """The rows once nothing new arrived for a while (the log updates once
    per frame)."""
    rows = log_rows()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = log_rows()
        if now != rows:
            rows = now
            deadline = time.monotonic() + seconds
    return rows


def click_one_event(pane, call, *parts):
    """Click call in pane: exactly one new row, which has parts."""
    before = settle_rows()
    h.click(call, scope=pane)
    h.wait_until(lambda: len(log_rows()) > len(before), "a new row after %s" % call, timeout=10)
    after = settle_rows()
    new = after[len(before):]
    check(after[:len(before)] == before, "the rows before %s changed" % call)
    check(len(new) == 1, "%s made %d rows: %s" % (call, len(new), " | ".join(new)))
    check(all(p in new[0] for p in parts), "the row of %s is %r, wanted %r" % (call, new[0], parts))
    return new[0]


def toast_labels(text):
    return [t for t in h.visible_labels() if text in t]


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
    wait_next_call("Server", SERVER_CALLS, "socket()")
    h.screenshot("steps-server-off")


@h.step("Server socket(): one socket row; the socket is shown and Stop can close it")
def _():
    click_one_event("Server", "socket()", "socket", "server", "AF_INET, SOCK_STREAM")
    wait_next_call("Server", SERVER_CALLS, "bind()")
    check(enabled(h.find("Server", "Stop", role="push button")), "Stop is not enabled")
    h.wait_label("Server", r"socket open", "the state 'socket open'")


@h.step("Server bind(): one bind row with the tuple; listen() is next")
def _():
    click_one_event("Server", "bind()", "bind", "('127.0.0.1', %d)" % port)
    wait_next_call("Server", SERVER_CALLS, "listen()")


@h.step("Server listen(): one listen row; no call is left; a python3 client is accepted")
def _():
    click_one_event("Server", "listen()", "listen(5)")
    wait_next_call("Server", SERVER_CALLS, None)
    h.find("Server", "Stop", role="push button")
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    state["peers"].append(s)
    tup = str(s.getsockname())
    wait_log_row(row_has("accept", "server", tup), "accept of %s" % tup)
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
    wait_next_call("Client", CLIENT_CALLS, "getaddrinfo()")
    click_one_event("Client", "getaddrinfo()", "resolve", "client", "127.0.0.1")
    wait_next_call("Client", CLIENT_CALLS, "socket()")
    click_one_event("Client", "socket()", "socket", "client", "AF_INET, SOCK_STREAM")
    wait_next_call("Client", CLIENT_CALLS, "connect()")
    check(enabled(h.find("Client", "Disconnect", role="push button")),
          "Disconnect is not enabled after socket()")


@h.step("Client connect(): started, then established (and the server's accept)")
def _():
    before = settle_rows()
    h.click("connect()", scope="Client")
    wait_log_row(row_has("client", "established"), "connect established")
    new = settle_rows()[len(before):]
    client_rows = [r for r in new if "client" in r]
    check(len(client_rows) == 2 and "started" in client_rows[0]
          and "established" in client_rows[1],
          "the client's rows: %s" % " | ".join(client_rows))
    check(any("accept" in r and "server" in r for r in new), "no accept: %s" % " | ".join(new))
    wait_next_call("Client", CLIENT_CALLS, None)
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
    wait_log_row(lambda r: "client" in r and re.search(r"\bclose\b", r), "client close")
    wait_next_call("Client", CLIENT_CALLS, "getaddrinfo()")
    h.click("Stop", scope="Server")
    wait_next_call("Server", SERVER_CALLS, "socket()")


@h.step("bind() to a port a python3 socket holds: the error on that step, socket still closable")
def _():
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    state["peers"].append(holder)
    state["holder"] = holder
    taken = holder.getsockname()[1]
    h.set_text("Port", str(taken), scope="Server")
    click_one_event("Server", "socket()", "socket", "server")
    row = click_one_event("Server", "bind()", "error", "EADDRINUSE")
    h.diag("the error row: " + row)
    h.wait_label("Server", r"Port %d is already in use" % taken, "the error under the calls")
    # Shown once, under the calls: no toast repeats it.
    time.sleep(0.5)
    shown = toast_labels("Port %d is already in use" % taken)
    check(len(shown) == 1, "the error shows %d times: %r" % (len(shown), shown))
    # The socket is still there: bind() again, or Stop.
    wait_next_call("Server", SERVER_CALLS, "bind()")
    check(enabled(h.find("Server", "Stop", role="push button")), "Stop is not enabled")
    h.wait_label("Server", r"socket open", "the state 'socket open'")
    check(not any(re.search(r"\bclose\b", r) and "server" in r
                  for r in settle_rows()[-2:]), "the socket was closed after the failed bind()")
    h.screenshot("steps-bind-failed")


@h.step("the port is free again: bind() retried on the same socket succeeds")
def _():
    state["holder"].close()
    taken = int(h.get_text("Port", scope="Server"))
    click_one_event("Server", "bind()", "bind", "('127.0.0.1', %d)" % taken)
    h.wait_until(lambda: not [t for t in h.visible_labels("Server") if "already in use" in t],
                 "the error to go away")
    wait_next_call("Server", SERVER_CALLS, "listen()")
    click_one_event("Server", "Stop", "close", "server")
    wait_next_call("Server", SERVER_CALLS, "socket()")


@h.step("Connect to localhost, server on 127.0.0.1 only: the ::1 refusal is a neutral step")
def _():
    # Back to one click each: Listen on 127.0.0.1, Connect to localhost.
    h.toggle("Step by step", False, scope="Server")
    h.toggle("Step by step", False, scope="Client")
    h.set_text("Port", str(port), scope="Server")
    h.click("Listen", scope="Server")
    h.find("Server", "Stop", role="push button")
    h.set_text("Host", "localhost", scope="Client")
    h.set_text("Port", str(port), scope="Client")
    h.click("Connect", scope="Client")
    # GResolver answers "localhost" itself: ::1 first, then 127.0.0.1.
    acc, text = wait_log_row(lambda t: "('::1', %d" % port in t and "connect" in t
                             and "started" not in t,
                             "the outcome of connect() to ::1 (localhost is ::1 first)")
    h.diag("the ::1 row: " + text)
    # Rows start with their time: the connection made after that one.
    since = float(text.split()[0])
    wait_log_row(lambda t: "client" in t and "established" in t and float(t.split()[0]) > since,
                 "connect established after the ::1 attempt")
    check("trying the next address" in text, "the ::1 row reads %r" % text)
    check(not failed(acc), "the ::1 row is a failure: %r" % text)
    time.sleep(0.5)
    check(not toast_labels("Could not connect"), "a toast: %r" % toast_labels("Could not connect"))
    h.screenshot("localhost-fallback")
    h.click("Disconnect", scope="Client")


@h.step("…while the last address refused is still an error, with its toast")
def _():
    h.click("Stop", scope="Server")
    h.find("Server", "Listen", role="push button")
    h.click("Connect", scope="Client")
    acc, row = wait_log_row(row_has("client", "('127.0.0.1', %d)" % port, "refused:"),
                            "the refused row for 127.0.0.1")
    check(failed(acc), "the last refusal is not a failure: %r" % row)
    h.wait_until(lambda: toast_labels("Could not connect"), "the toast 'Could not connect'")


sys.exit(h.run())
