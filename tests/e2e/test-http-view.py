# test-http-view.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The inspector's HTTP view and Follow Stream, with clients and servers
# nobody here wrote: headless Chromium against the server pane (Auto-respond
# on), the client pane against python3 -m http.server, and a python3 socket
# peer that answers with a chunked body in two pieces.  Read through the
# accessibility tree: `Request line`, `Status line`, the `Headers` lists of
# the `Request` and `Response` groups, `Body size`, and the `Stream` text.
# Screenshots: http-view-chromium, follow-stream-chromium, http-view-client,
# http-view-chunked (1024x768).  With SB_SHOT_SIZE=1920x1080 and/or
# ADW_DEBUG_COLOR_SCHEME=prefer-dark the same run makes the other pictures.

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import sbharness
from sbharness import check, row_has

if os.environ.get("SB_SHOT_SIZE"):
    sbharness.SCREEN = tuple(int(v) for v in os.environ["SB_SHOT_SIZE"].split("x"))
SUFFIX = "-%dx%d%s" % (sbharness.SCREEN[0], sbharness.SCREEN[1],
                       "-dark" if os.environ.get("ADW_DEBUG_COLOR_SCHEME") == "prefer-dark" else "")

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port], settings_backend="keyfile")
# The window fills the screen (no window manager here to maximize it).
_conf = os.path.join(h._tmp, "config", "glib-2.0", "settings")
os.makedirs(_conf, exist_ok=True)
with open(os.path.join(_conf, "keyfile"), "w") as f:
    f.write("[org/sockbench/Sockbench]\nwindow-width=%d\nwindow-height=%d\n" % sbharness.SCREEN)

state = {}
CHUNKED = [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"5\r\nHello\r\n",
           b"7\r\n, World\r\n1a\r\n and this is the end of it\r\n0\r\n\r\n"]
CHUNKED_BODY = len(b"Hello, World and this is the end of it")


def inspector():
    return h.pane("Inspector")


def show_view(name):
    tab = h.find(inspector(), name, role=("page tab", "toggle button", "radio button"))
    h.click(tab)
    h.wait_until(lambda: h.is_on(tab) or h.has_state(tab, "STATE_SELECTED"),
                 "the %s view to show" % name)


_groups = {}


def group(name):
    """The `Request` or `Response` group of the HTTP view (the same widgets
    for every message: found once, walking the tree is slow)."""
    if name in _groups:
        return _groups[name]

    def look():
        for acc in h.find_all(inspector(), name):
            if h.role(acc) not in h._PANE_EXCLUDED_ROLES and acc.childCount > 0:
                return acc
        return None
    _groups[name] = h.wait_until(look, "a group named %r in the inspector" % name)
    return _groups[name]


def label_text(scope, name):
    return h.text_of(h.find(scope, name, role="label"))


def wait_label_text(scope, name, predicate, what):
    """Find the label once (walking the tree is slow), then poll its text."""
    label = h.find(scope, name, role="label")
    try:
        return h.wait_until(lambda: predicate(h.text_of(label)) and h.text_of(label), what)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; %r reads %r" % (e, name, h.text_of(label)))


def header_rows(scope):
    return h.rows("Headers", scope=scope)


def chromium(url):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    check(exe is not None, "chromium is not installed (build-aux/setup.sh installs it)")
    profile = tempfile.mkdtemp(prefix="sb-chromium-", dir=h._tmp)
    out = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                          "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync",
                          "--user-data-dir=" + profile, "--dump-dom", url],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
    return out.stdout.decode(errors="replace")


@h.step("Auto-respond on; headless Chromium loads http://127.0.0.1:%d/ from the server pane" % port)
def _():
    h.find("Server", "Stop", role="push button")
    h.toggle("Auto-respond", True, scope="Server")
    dom = chromium("http://127.0.0.1:%d/" % port)
    h.diag("Chromium's DOM: %s" % sbharness.one_line(dom)[:200])
    check("<html" in dom.lower(), "Chromium dumped no page: %r" % dom[:200])


@h.step("the recv of Chromium's request selected, HTTP: Request line 'GET / HTTP/1.1'")
def _():
    h.select_row("Event log", row_has("server", "recv", "GET / HTTP/1.1"),
                 "server, recv, GET / HTTP/1.1")
    show_view("HTTP")
    request = group("Request")
    wait_label_text(request, "Request line", lambda t: t == "GET / HTTP/1.1",
                    "the Request line to read GET / HTTP/1.1")


@h.step("HTTP: a Headers row 'User-Agent: …Chrome…', the headers in order with Host first")
def _():
    request = group("Request")
    rows = h.wait_until(lambda: header_rows(request) or None, "the request's Headers rows")
    h.diag("request headers: %s" % " | ".join(r[:80] for r in rows))
    ua = [r for r in rows if r.startswith("User-Agent: ")]
    check(ua, "no row starts with 'User-Agent: '")
    check("Chrome" in ua[0], "the User-Agent row does not name Chrome: %r" % ua[0])
    check(rows[0].startswith("Host: 127.0.0.1:%d" % port), "the first row is %r" % rows[0])
    check(all(re.match(r"^[A-Za-z0-9-]+: ", r) for r in rows), "a row that is not 'Name: value'")


@h.step("the inspector's width follows the window: about 42 % of it by default")
def _():
    x, y, w, hh = h.extents(inspector())
    share = w / float(sbharness.SCREEN[0])
    h.diag("the inspector is %d px wide at %dx%d: %.2f of the screen" % ((w,) + sbharness.SCREEN + (share,)))
    check(0.33 <= share <= 0.5, "the inspector takes %.2f of the width" % share)


@h.step("HTTP takes half the height for reading; back on Text the panes are whole again")
def _():
    screen_h = sbharness.SCREEN[1]
    reading = h.wait_until(lambda: h.extents(inspector())[3] >= 0.45 * screen_h
                           and h.extents(inspector())[3],
                           "the inspector to get half of the %d px height with HTTP shown" % screen_h)
    show_view("Text")
    if screen_h < 900:
        # At 1024x768 the panes' natural height is more than half the window,
        # so with an event's bytes shown they take it back (at 1920x1080 they
        # need less than half and nothing moves).
        fitted = h.wait_until(lambda: h.extents(inspector())[3] < reading - 40
                              and h.extents(inspector())[3],
                              "the panes to take their height back with Text shown")
        h.diag("inspector height: %d px with HTTP, %d px with Text, of %d"
               % (reading, fitted, screen_h))
    show_view("HTTP")
    h.wait_until(lambda: h.extents(inspector())[3] >= reading - 2, "half the height again")


@h.step("HTTP: the Response group's Status line shows the auto-responder's reply")
def _():
    response = group("Response")
    status = wait_label_text(response, "Status line", lambda t: t.startswith("HTTP/1."),
                             "a Status line starting HTTP/1.")
    h.diag("status line: %s" % status)
    rows = header_rows(response)
    check(rows, "the response lists no headers")
    h.screenshot("http-view-chromium" + SUFFIX)


@h.step("Follow Stream: the Stream text holds the request (<) and the reply (>), in order")
def _():
    show_view("Follow Stream")
    stream = h.find(inspector(), "Stream", role="text")

    def both():
        t = h.text_of(stream)
        return ("< GET / HTTP/1.1\\r\\n" in t and "\n> HTTP/1." in t) and t
    try:
        text = h.wait_until(both, "both directions in the Stream text")
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it reads %r" % (e, h.text_of(stream)[:300]))
    check(text.index("< GET /") < text.index("> HTTP/1."), "the reply comes before the request")
    check(re.search(r"^< User-Agent: .*Chrome", text, re.M), "no '< User-Agent: …Chrome' line")
    h.screenshot("follow-stream-chromium" + SUFFIX)


@h.step("Follow Stream as Hex: the request dumped with '<' marks, the reply with '>'")
def _():
    stream = h.find(inspector(), "Stream", role="text")
    h.click(h.find(inspector(), "Hex", role=("toggle button", "radio button", "push button")))

    def dumped():
        t = h.text_of(stream)
        # "GET / HTTP/1.1\r\n" at offset 0 of what the socket received.
        return ("< 00000000: 4745 5420 2f20 4854 5450 2f31 2e31 0d0a  GET / HTTP/1.1.." in t
                and "\n> 00000000: 4854 5450 2f31 2e" in t) and t
    try:
        h.wait_until(dumped, "the hex dump of both directions")
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it reads %r" % (e, h.text_of(stream)[:300]))
    h.click(h.find(inspector(), "Text", role=("toggle button", "radio button", "push button")))
    h.wait_until(lambda: h.text_of(stream).startswith("< GET / HTTP/1.1"), "the text again")


@h.step("bytes that are not HTTP: the HTTP view shows them raw with the follower's reason")
def _():
    junk = socket.create_connection(("127.0.0.1", port), timeout=10)
    h.add_cleanup(junk.close)
    junk.sendall(b"\x16\x03\x01\x00\x05hello\r\n\r\n")
    h.select_row("Event log", row_has("server", "recv", "\\x16\\x03"), "server recv of the junk")
    show_view("HTTP")
    request = group("Request")
    problem = wait_label_text(request, "Problem", lambda t: len(t) > 10, "a Problem sentence")
    h.diag("problem: %s" % problem)
    check("HTTP" in problem, "the Problem does not say what is wrong: %r" % problem)
    junk.close()


@h.step("client pane: python3 -m http.server, a GET typed with \\r\\n, Status line HTTP/1.0 200 OK")
def _():
    docroot = os.path.join(h._tmp, "www")
    os.makedirs(docroot)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<title>Sockbench</title>\n<h1>Hello World</h1>\n")
    web = sbharness.free_port()
    h.spawn_peer([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(web),
                  "--directory", docroot], log_name="http-server")

    def up():
        try:
            socket.create_connection(("127.0.0.1", web), timeout=1).close()
            return True
        except OSError:
            return False
    h.wait_until(up, "http.server to listen", timeout=20)
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(web), scope="Client")
    h.click("Connect", scope="Client")
    h.find("Client", "Disconnect", role="push button")
    h.set_text("Message", "GET /index.html HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n", scope="Client")
    h.click("Send", scope="Client")
    h.wait_row("Event log", row_has("client", "recv", "HTTP/1.0 200 OK"), "client recv HTTP/1.0 200 OK",
               timeout=20)
    h.select_row("Event log", row_has("client", "recv", "HTTP/1.0 200 OK"),
                 "client recv HTTP/1.0 200 OK")
    show_view("HTTP")
    response = group("Response")
    wait_label_text(response, "Status line", lambda t: t == "HTTP/1.0 200 OK",
                    "the Status line to read HTTP/1.0 200 OK")
    rows = h.wait_until(lambda: header_rows(response) or None, "the response's Headers rows")
    h.diag("response headers: %s" % " | ".join(rows))
    check(any(r.startswith("Server: SimpleHTTP/") for r in rows), "no 'Server: SimpleHTTP/' row")
    check(any(r.startswith("Content-type: text/html") for r in rows), "no 'Content-type: text/html' row")
    request = group("Request")
    wait_label_text(request, "Request line", lambda t: t == "GET /index.html HTTP/1.0",
                    "the request sent: GET /index.html HTTP/1.0")
    h.screenshot("http-view-client" + SUFFIX)
    h.click("Disconnect", scope="Client")
    h.find("Client", "Connect", role="push button")


def chunked_peer(listener):
    conn, _ = listener.accept()
    with conn:
        conn.settimeout(20)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        conn.sendall(CHUNKED[0])
        state["first_sent"].set()
        state["go_on"].wait(30)
        conn.sendall(CHUNKED[1])
        time.sleep(0.3)


@h.step("a python3 peer answers chunked in two pieces: Body size grows, then %d bytes dechunked"
        % CHUNKED_BODY)
def _():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    h.add_cleanup(listener.close)
    state["first_sent"] = threading.Event()
    state["go_on"] = threading.Event()
    threading.Thread(target=chunked_peer, args=(listener,), daemon=True).start()
    h.set_text("Port", str(listener.getsockname()[1]), scope="Client")
    h.click("Connect", scope="Client")
    h.find("Client", "Disconnect", role="push button")
    h.set_text("Message", "GET /chunked HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n", scope="Client")
    h.click("Send", scope="Client")
    check(state["first_sent"].wait(20), "the peer did not get the request")
    h.select_row("Event log", row_has("client", "recv", "Transfer-Encoding: chunked"),
                 "client recv of the chunked head")
    show_view("HTTP")
    response = group("Response")
    wait_label_text(response, "Body size", lambda t: re.search(r"\b5 bytes\b", t),
                    "the body so far: 5 bytes")
    state["go_on"].set()
    size = wait_label_text(response, "Body size",
                           lambda t: re.search(r"\b%d bytes\b" % CHUNKED_BODY, t),
                           "the whole body: %d bytes after dechunking" % CHUNKED_BODY)
    h.diag("body size: %s" % size)
    check("dechunk" in size, "the Body size does not say it was dechunked: %r" % size)
    preview = label_text(response, "Body preview")
    check("Hello, World and this is the end of it" in preview, "the preview reads %r" % preview)
    h.screenshot("http-view-chunked" + SUFFIX)


@h.step("the handle dragged: the inspector's share changes, and is the same after a restart")
def _():
    from gi.repository import Atspi
    x, y, w, hh = h.extents(inspector())
    grab_x, grab_y = x - 2, y + hh // 2
    check(Atspi.generate_mouse_event(grab_x, grab_y, "b1p"), "could not press on the handle")
    # 80 px: at 1024 px the log's minimum (its columns and the start of
    # the data) is about 100 px left of where the handle starts.
    for step in range(1, 11):
        Atspi.generate_mouse_event(grab_x - 8 * step, grab_y, "abs")
        time.sleep(0.05)
    Atspi.generate_mouse_event(grab_x - 80, grab_y, "b1r")
    dragged = h.wait_until(lambda: h.extents(inspector())[2] >= w + 60 and h.extents(inspector())[2],
                           "the inspector to grow by the drag (from %d px)" % w)
    h.diag("the inspector went from %d to %d px" % (w, dragged))
    h.restart_app()
    h._panes = {}
    h.find("Server", "Stop", role="push button")
    after = h.wait_until(lambda: h.extents(inspector())[2] > 0 and h.extents(inspector())[2],
                         "the inspector after the restart")
    h.diag("after the restart: %d px" % after)
    check(abs(after - dragged) <= 4, "the inspector is %d px after the restart, %d before" % (after, dragged))


sys.exit(h.run())
