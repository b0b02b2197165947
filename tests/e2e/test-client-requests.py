# test-client-requests.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The client pane's ready-made HTTP requests: GET and HEAD, HTTP/1.1 and
# HTTP/1.0, with a Host header for the Host and Port entered.  Chosen from
# the menu beside Message and sent to python3 -m http.server (port from
# the kernel), whose own log shows that it understood them; the reply
# arrives in the Event log.

import os
import re
import sys

import sbharness
from sbharness import check, row_has

h = sbharness.Harness()
state = {}
ITEMS = ["GET / HTTP/1.1", "GET / HTTP/1.0", "HEAD / HTTP/1.1", "HEAD / HTTP/1.0"]


def server_log():
    try:
        with open(state["log"]) as f:
            return f.read()
    except OSError:
        return ""


def request_text(method, minor, authority):
    """The request as Message shows it, escapes written out."""
    return "%s / HTTP/1.%d\\r\\nHost: %s\\r\\n\\r\\n" % (method, minor, authority)


def menu_items():
    menu = h.open_menu("Ready-made messages", scope="Client")
    names = [h.name(a) for a in h.find_all(menu, role="menu item")]
    labels = [h.text_of(a) or h.name(a) for a in h.walk(menu)
              if h.role(a) in ("label", "static") and h.showing(a)]
    h.close_menu("Ready-made messages", scope="Client")
    return names, labels


def choose(item):
    h.choose("Ready-made messages", item, scope="Client")


def connect():
    h.click("Connect", scope="Client")
    h.find("Client", "Disconnect", role="push button")
    h.wait_label("Client", r"^connected$", "the Client pane's state: connected")


@h.step("python3 -m http.server listens on a port the kernel chose")
def _():
    docroot = os.path.join(h._tmp, "www")
    os.makedirs(docroot)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<h1>Hello from http.server</h1>\n")
    h.spawn_peer([sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1",
                  "--directory", docroot, "0"], log_name="http-server")
    state["log"] = os.path.join(h.out_dir, "%s-http-server.log" % h.test_name)
    m = h.wait_until(lambda: re.search(r"Serving HTTP on \S+ port (\d+)", server_log()),
                     "http.server to say its port", timeout=20)
    state["port"] = int(m.group(1))
    state["authority"] = "127.0.0.1:%d" % state["port"]
    h.diag("http.server port %d" % state["port"])


@h.step("Host and Port entered: the menu offers GET and HEAD, HTTP/1.1 and 1.0, "
        "under the Host they will name")
def _():
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(state["port"]), scope="Client")
    names, labels = menu_items()
    h.diag("menu items: %r" % names)
    check(names[-4:] == ITEMS, "the last menu items are %r" % names[-4:])
    title = "HTTP requests, Host: %s" % state["authority"]
    check(title in labels, "no section %r among %r" % (title, labels))
    h.open_menu("Ready-made messages", scope="Client")
    h.screenshot("client-requests-menu")
    h.close_menu("Ready-made messages", scope="Client")


@h.step("GET / HTTP/1.1 fills Message with its Host header; Send: http.server answers "
        "200 and the reply arrives in the log")
def _():
    connect()
    h.set_text("Message", "something else", scope="Client")
    choose("GET / HTTP/1.1")
    text = request_text("GET", 1, state["authority"])
    got = h.get_text("Message", scope="Client")
    check(got == text, "Message contains %r, not %r" % (got, text))
    h.click("Send", scope="Client")
    h.wait_row("Event log", row_has("client", "send", "GET / HTTP/1.1\\r\\nHost: "),
               "client, send, GET / HTTP/1.1")
    h.wait_row("Event log", row_has("client", "recv", "HTTP/1.0 200 OK"),
               "client, recv, HTTP/1.0 200 OK", timeout=20)
    h.wait_until(lambda: '"GET / HTTP/1.1" 200' in server_log(),
                 "http.server to log GET / HTTP/1.1 200")
    # http.server speaks HTTP/1.0: it closes after the reply.
    h.wait_row("Event log", lambda r: "recv() returned b''" in r, "the empty read")
    h.screenshot("client-requests-get")
    h.click("Disconnect", scope="Client")
    h.find("Client", "Connect", role="push button")


@h.step("HEAD / HTTP/1.0: http.server answers with the head only")
def _():
    connect()
    choose("HEAD / HTTP/1.0")
    text = request_text("HEAD", 0, state["authority"])
    got = h.get_text("Message", scope="Client")
    check(got == text, "Message contains %r, not %r" % (got, text))
    before = set(h.rows("Event log"))
    h.click("Send", scope="Client")
    h.wait_until(lambda: '"HEAD / HTTP/1.0" 200' in server_log(),
                 "http.server to log HEAD / HTTP/1.0 200")
    h.wait_row("Event log", lambda r: "recv() returned b''" in r and r not in before,
               "a new empty read")
    new = [r for r in h.rows("Event log") if r not in before]
    replies = [r for r in new if re.search(r"\brecv\b", r) and "HTTP/1.0 200 OK" in r]
    h.diag("new rows: %s" % " | ".join(r[:100] for r in new))
    check(replies, "no recv row with HTTP/1.0 200 OK after the HEAD")
    check(not any("Hello from http.server" in r for r in new), "a body after HEAD: %r" % new)
    h.click("Disconnect", scope="Client")
    h.find("Client", "Connect", role="push button")


@h.step("the requests follow Host and Port: ::1 goes in brackets, port 80 is left out")
def _():
    h.set_text("Host", "::1", scope="Client")
    h.set_text("Port", "80", scope="Client")
    names, labels = menu_items()
    check("HTTP requests, Host: [::1]" in labels, "the section titles are %r" % labels)
    choose("HEAD / HTTP/1.1")
    got = h.get_text("Message", scope="Client")
    check(got == request_text("HEAD", 1, "[::1]"), "Message contains %r" % got)
    # A port that does not parse: no requests to offer.
    h.set_text("Port", "http", scope="Client")
    names, labels = menu_items()
    check(not any(n in names for n in ITEMS), "HTTP requests without a port: %r" % names)


sys.exit(h.run())
