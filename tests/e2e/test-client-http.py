# test-client-http.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Exercise 1.1 (a) with the client pane: connect to a web server (python3 -m
# http.server, which nobody here wrote), send a GET by hand, watch recv()
# chunks arrive until the empty read, and check that the byte counts shown
# add up to the response.

import os
import re
import socket
import sys
import time

import sbharness
from sbharness import check

REQUEST_TEXT = "GET /index.html HTTP/1.0\\r\\n\\r\\n"   # as typed, with escapes
REQUEST = b"GET /index.html HTTP/1.0\r\n\r\n"
EOF_TEXT = "recv() returned b''"

h = sbharness.Harness()
port = sbharness.free_port()
state = {}


def fetch_with_python():
    """The same request from python: the length of the response to expect."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(REQUEST)
        chunks = []
        while True:
            chunk = s.recv(16384)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def count_bytes(row):
    m = re.search(r"\b(\d+) bytes?\b", row)
    return int(m.group(1)) if m else None


@h.step("python3 -m http.server serves index.html on 127.0.0.1:%d" % port)
def _():
    docroot = os.path.join(h._tmp, "www")
    os.makedirs(docroot)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<title>Sockbench</title>\n<h1>Hello World</h1>\n"
                + "<p>%s</p>\n" % ("TCP is a byte stream. " * 40))
    h.spawn_peer([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                  "--directory", docroot], log_name="http-server")
    response = h.wait_until(fetch_with_python, "http.server to answer", timeout=20)
    check(response.startswith(b"HTTP/1.0 200 OK\r\n"), "http.server said %r" % response[:40])
    state["length"] = len(response)
    h.diag("the response is %d bytes" % len(response))


@h.step("Host 127.0.0.1, Port, Connect: the client pane is connected (Disconnect)")
def _():
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(port), scope="Client")
    h.click("Connect", scope="Client")
    h.find("Client", "Disconnect", role="push button")
    h.wait_row("Event log", lambda r: "connect" in r and "127.0.0.1" in r, "connect to 127.0.0.1")


@h.step("the escaped request in Message + Send: a send row with 28 bytes")
def _():
    auto = h.find_all("Client", "Auto-receive")
    if auto:
        h.toggle(auto[0], True)
    h.set_text("Message", REQUEST_TEXT, scope="Client")
    h.click("Send", scope="Client")
    h.wait_row("Event log", lambda r: "send" in r and "28 bytes" in r and REQUEST_TEXT in r,
               "send, 28 bytes, %s" % REQUEST_TEXT)


@h.step("recv rows until the empty read; their byte counts add up to the response")
def _():
    if not h.find_all("Client", "Auto-receive"):
        for _ in range(20):
            h.click("Receive", scope="Client")
            time.sleep(0.1)
    h.wait_row("Event log", lambda r: EOF_TEXT in r, EOF_TEXT, timeout=20)
    h.wait_row("Event log", lambda r: EOF_TEXT in r, EOF_TEXT, in_view=True, timeout=5)
    rows = h.rows("Event log")
    recvs = [r for r in rows if re.search(r"\brecv\b", r) and EOF_TEXT not in r]
    counts = [count_bytes(r) for r in recvs]
    h.diag("recv rows: %s" % " | ".join(r[:100] for r in recvs))
    check(recvs, "no recv rows before the empty read; rows: %s" % " | ".join(rows))
    check(None not in counts, "a recv row without 'N bytes': %r" % recvs)
    check(sum(counts) == state["length"],
          "recv rows add up to %d bytes (%s), the response is %d bytes"
          % (sum(counts), " + ".join(map(str, counts)), state["length"]))
    check(any("HTTP/1.0 200 OK" in r for r in recvs), "no recv row shows 'HTTP/1.0 200 OK'")
    h.wait_label("Client", r"^peer closed$", "the Client pane's state: peer closed")
    h.screenshot("client-http")


sys.exit(h.run())
