# test-web-server.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The server pane's Auto-respond as a small web server, against clients
# nobody here wrote: headless Chromium, curl, python3's http.client and
# socket modules; and its reply editor (Edit Replies), driven through the
# accessibility tree.

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import sbharness
from sbharness import check, recv_until_eof, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
tmp = tempfile.mkdtemp(prefix="sb-web-")
h.add_cleanup(lambda: shutil.rmtree(tmp, ignore_errors=True))
state = {}
URL = "http://127.0.0.1:%d" % port


def editor():
    """The reply editor's window (a toplevel of its own)."""
    def look():
        h._fresh(h.app)
        for i in range(h.app.childCount):
            w = h.app.getChildAtIndex(i)
            if w is not None and h.name(w) == "Replies" and h.showing(w):
                return w
        return None
    return h.wait_until(look, "the Replies window")


def connection_rows():
    return h.rows("Connections", scope="Server")


def accepts():
    return len([r for r in h.rows("Event log") if re.search(r"\baccept\b", r)])


def get(path, method="GET"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r, body


def choose_last_in_dropdown(dropdown, item, scope):
    """Choose the last item of a GtkDropDown as a keyboard user does: open
    its popup, End, Return.  (Selecting the popup's row through AT-SPI does
    not choose it in GTK 4.8: only activating the row does.)"""
    button = h.find(scope, dropdown, role=("push button", "toggle button"))
    h.click(button)

    def popup_open():
        for acc in h.walk(h.app):
            if h.role(acc) == "list item" and h.showing(acc) and h.labels_text(acc) == item:
                return acc
        return None
    h.wait_until(popup_open, "%r in the list of %r" % (item, dropdown))
    time.sleep(0.3)
    h.press("End")
    h.press("Return")
    h.wait_until(lambda: item in h.labels_text(button), "%r to show %r" % (dropdown, item))


@h.step("Auto-respond on; Edit Replies opens the editor with the exercise's reply")
def _():
    h.toggle("Auto-respond", True, scope="Server")
    h.click("Edit Replies", scope="Server")
    ed = editor()
    check(h.get_text("Reply status", scope=ed) == "HTTP/1.0 200 OK",
          "Reply status is %r" % h.get_text("Reply status", scope=ed))
    check(h.get_text("Reply headers", scope=ed) == "Content-type: text/html",
          "Reply headers is %r" % h.get_text("Reply headers", scope=ed))
    check(h.get_text("Reply body", scope=ed) == "<h1>Hello World</h1>",
          "Reply body is %r" % h.get_text("Reply body", scope=ed))
    for name in ("Template", "Reply to /", "Reply to /favicon.ico", "Reply to other paths"):
        h.find(ed, name)
    h.screenshot("web-server-editor")


@h.step("headless Chromium --dump-dom gets the Hello World page")
def _():
    chromium = shutil.which("chromium")
    check(chromium is not None, "chromium is not installed")
    before = accepts()
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--dump-dom", URL + "/"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
    dom = r.stdout.decode(errors="replace")
    h.diag("chromium exit %d, dom: %s" % (r.returncode, sbharness.one_line(dom)[:200]))
    check("<h1>Hello World</h1>" in dom, "the DOM has no Hello World: %r" % dom[:300])
    h.wait_row("Event log", row_has("server", "recv", "GET / HTTP/1.1"), "Chromium's GET /")
    state["chromium_accepts"] = accepts() - before


@h.step("Chromium's connections end closed, none half shut; the favicon gets 404 if asked for")
def _():
    def settled():
        rows = connection_rows()
        return rows and not any(re.search(r"connected|shut down|peer closed", r) for r in rows)
    try:
        h.wait_until(settled, "every connection to be closed", timeout=15)
    finally:
        h.diag("connections: " + " | ".join(connection_rows()))
    check(not any("both directions shut down" in r for r in connection_rows()),
          "a connection is left half shut")
    favicon = [r for r in h.rows("Event log") if "GET /favicon.ico" in r]
    h.diag("Chromium made %d connection(s); it asked for /favicon.ico: %s"
           % (state["chromium_accepts"], "yes" if favicon else "no"))
    if favicon:
        h.wait_row("Event log", row_has("server", "send", "404 Not Found"), "the favicon's 404")


@h.step("curl with two URLs: one connection, two requests, two replies")
def _():
    before = accepts()
    r = subprocess.run(["curl", "--silent", "--verbose", "--max-time", "15",
                        URL + "/", URL + "/other"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    err = r.stderr.decode(errors="replace")
    check(r.returncode == 0, "curl failed: %s" % err[-300:])
    check("Re-using existing connection" in err, "curl opened a second connection:\n" + err)
    check(r.stdout == b"<h1>Hello World</h1><h1>Hello World</h1>", "curl got %r" % r.stdout)
    time.sleep(0.5)
    check(accepts() - before == 1, "%d accepts for curl's two URLs" % (accepts() - before))


@h.step("curl -0 (HTTP/1.0): the reply, then the connection ends closed")
def _():
    r = subprocess.run(["curl", "--silent", "--http1.0", "--include", "--max-time", "15",
                        URL + "/index.html"], stdout=subprocess.PIPE, timeout=30)
    out = r.stdout
    check(out.startswith(b"HTTP/1.0 200 OK\r\n") and b"\r\nConnection: close\r\n" in out,
          "curl -0 got %r" % out)
    h.wait_until(lambda: connection_rows() and "closed" in connection_rows()[-1]
                 and "shut down" not in connection_rows()[-1],
                 "the newest connection to be closed")


@h.step("curl --data-binary: the body in the log, then the reply")
def _():
    body = os.urandom(3000).hex().encode()  # 6000 bytes of text
    path = os.path.join(tmp, "body.txt")
    with open(path, "wb") as f:
        f.write(body)
    r = subprocess.run(["curl", "--silent", "--max-time", "15", "--data-binary", "@" + path,
                        URL + "/form"], stdout=subprocess.PIPE, timeout=30)
    check(r.stdout == b"<h1>Hello World</h1>", "curl got %r" % r.stdout)
    post = h.wait_row("Event log", row_has("server", "recv", "POST /form HTTP/1.1"), "the POST")
    tag = re.search(r"#(\d+)", post).group(0)

    def calls():
        out = []
        for text in h.rows("Event log"):
            m = re.search(r"\b(recv|send) (\d+) bytes", text)
            if tag in text and m:
                out.append((m.group(1), int(m.group(2))))
        return out
    h.wait_until(lambda: any(c == "send" for c, _ in calls()), "the reply's send row")
    seen = calls()
    h.diag("%s: %s" % (tag, seen))
    received = sum(n for c, n in seen if c == "recv")
    first_send = [c for c, _ in seen].index("send")
    check(received >= len(body), "only %d bytes received before the reply" % received)
    check(all(c == "send" for c, _ in seen[first_send:]), "a recv after the reply: %s" % seen)


@h.step("an edited body and status line are what python's http.client gets")
def _():
    ed = editor()
    h.set_text("Reply body", "<p>edited in Sockbench</p>", scope=ed)
    h.set_text("Reply status", "HTTP/1.1 201 Created", scope=ed)
    resp, body = get("/")
    check(resp.status == 201 and body == b"<p>edited in Sockbench</p>"
          and resp.getheader("Content-Length") == str(len(body)),
          "http.client got %d %r (Content-Length %r)"
          % (resp.status, body, resp.getheader("Content-Length")))
    resp, body = get("/favicon.ico")
    check(resp.status == 404, "the favicon got %d" % resp.status)


@h.step("a status line that does not parse is pointed out in the editor")
def _():
    ed = editor()
    h.set_text("Reply status", "200 OK", scope=ed)
    h.wait_label(ed, r"HTTP/1\.1", "the status line problem")
    h.screenshot("web-server-editor-error")
    h.set_text("Reply status", "HTTP/1.0 200 OK", scope=ed)


@h.step("Reply: File serves a binary file byte for byte; a vanished file gets 404 and a message")
def _():
    ed = editor()
    data = bytes([0x89]) + b"PNG\r\n\x1a\n" + bytes(range(256)) * 400 + b"\0\0end"
    path = os.path.join(tmp, "picture.png")
    with open(path, "wb") as f:
        f.write(data)
    choose_last_in_dropdown("Template", "File", ed)
    h.set_text("File to serve", path, scope=ed)
    choose_last_in_dropdown("Reply to other paths", "File", ed)
    reply = h.find("Server", "Reply", role="push button")
    h.wait_until(lambda: "File" in h.labels_text(reply), "the pane's Reply to show File too")
    out = os.path.join(tmp, "downloaded")
    r = subprocess.run(["curl", "--silent", "--max-time", "15", "--write-out", "%{content_type}",
                        "-o", out, URL + "/picture"], stdout=subprocess.PIPE, timeout=30)
    check(r.stdout == b"image/png", "Content-Type %r" % r.stdout)
    with open(out, "rb") as f:
        got = f.read()
    check(got == data, "%d bytes came, %d were served" % (len(got), len(data)))
    h.screenshot("web-server-editor-file")

    os.unlink(path)
    resp, body = get("/picture")
    check(resp.status == 404, "the vanished file got %d" % resp.status)
    h.wait_label("Server", re.escape(path), "the pane's message naming the vanished file")
    h.screenshot("web-server-vanished")


@h.step("Choose File opens a file chooser named File to Serve; Escape cancels it")
def _():
    ed = editor()

    def chooser_shown(shown):
        h._fresh(h.app)
        names = [h.name(h.app.getChildAtIndex(i)) for i in range(h.app.childCount)]
        return ("File to Serve" in names) == shown
    h.click("Choose File", scope=ed)
    h.wait_until(lambda: chooser_shown(True), "the file chooser")
    time.sleep(0.5)
    h.press("Escape")
    h.wait_until(lambda: chooser_shown(False), "the file chooser to close")
    check(h.get_text("File to serve", scope=ed).endswith("picture.png"),
          "File to serve changed to %r" % h.get_text("File to serve", scope=ed))


@h.step("Ctrl+W closes the Replies editor, which is then gone, not hidden; "
        "Edit Replies opens it again with its file kept")
def _():
    ed = editor()
    h.focus(h.find(ed, "File to serve", role="text"))
    h.press("Control+w")

    def closed():
        h._fresh(h.app)
        return not any(h.name(w) == "Replies" for w in h.children(h.app))
    h.wait_until(closed, "the editor to close")
    # GTK 4.8 answers a child index past the visible windows with the last
    # window it has: a hidden editor there (no object path) made the
    # application log a critical, fatal here.
    past = h.app.getChildAtIndex(h.app.childCount)
    check(past is None or h.name(past) != "Replies", "the closed editor is still a window")
    check(h.app_proc.poll() is None, "the application ended after the question")
    h.click("Edit Replies", scope="Server")
    ed = editor()
    check(h.get_text("File to serve", scope=ed).endswith("picture.png"),
          "File to serve is %r after reopening" % h.get_text("File to serve", scope=ed))


@h.step("one request never finishes; another connection is answered meanwhile")
def _():
    a = socket.create_connection(("127.0.0.1", port), timeout=10)
    h.add_cleanup(a.close)
    a.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    b = socket.create_connection(("127.0.0.1", port), timeout=10)
    b.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
    reply = recv_until_eof(b)
    b.close()
    check(reply.startswith(b"HTTP/1.0 200 OK\r\n"), "b got %r" % reply[:80])
    a.settimeout(0.3)
    try:
        early = a.recv(100)
    except socket.timeout:
        early = None
    check(early is None, "the unfinished request got %r" % early)


sys.exit(h.run())
