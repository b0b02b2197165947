# test-message-presets.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ready-made messages (the menu button next to Message): choosing one
# puts its text, escapes written out, into Message; Send then delivers its
# bytes to a python3 socket peer exactly.

import socket
import sys

import sbharness
from sbharness import check, recv_exactly

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
port = listener.getsockname()[1]
h = sbharness.Harness(app_args=["--connect", "127.0.0.1:%d" % port])
peer = {}

HTTP_REPLY = b"HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n<h1>Hello World</h1>"
# (menu item, the text Message then holds, the bytes on the wire)
PRESETS = [
    ("GET /index.html HTTP/1.0\\r\\n\\r\\n", "GET /index.html HTTP/1.0\\r\\n\\r\\n",
     b"GET /index.html HTTP/1.0\r\n\r\n"),
    ("Hello World", "Hello World", b"Hello World"),
    ("Hello Yourself", "Hello Yourself", b"Hello Yourself"),
    ("Goodbye", "Goodbye", b"Goodbye"),
    ("HTTP reply: <h1>Hello World</h1>",
     "HTTP/1.0 200 OK\\r\\nContent-type: text/html\\r\\n\\r\\n<h1>Hello World</h1>", HTTP_REPLY),
]


def close_all():
    for s in list(peer.values()) + [listener]:
        s.close()


h.add_cleanup(close_all)


def choose_preset(item):
    h.choose("Ready-made messages", item, scope="Client")


@h.step("the client pane is connected to a python listener")
def _():
    listener.settimeout(10)
    peer["conn"], _ = listener.accept()
    h.find("Client", "Disconnect", role="push button")


@h.step("the menu offers the exercise's messages, escapes written out")
def _():
    menu = h.open_menu("Ready-made messages", scope="Client")
    names = [h.name(a) for a in h.find_all(menu, role="menu item")]
    h.diag("menu items: %r" % names)
    h.screenshot("message-presets-menu")
    h.close_menu("Ready-made messages", scope="Client")
    # Then the client pane's HTTP requests (test-client-requests.py).
    check(names[:len(PRESETS)] == [p[0] for p in PRESETS], "the menu items are %r" % names)


def preset_step(item, text, wire):
    @h.step("%r fills Message with %r; Send: python receives %r" % (item, text, wire))
    def _():
        h.set_text("Message", "something else", scope="Client")
        choose_preset(item)
        got = h.get_text("Message", scope="Client")
        check(got == text, "Message contains %r, not %r" % (got, text))
        h.click("Send", scope="Client")
        data = recv_exactly(peer["conn"], len(wire))
        check(data == wire, "python received %r" % data)
        h.wait_row("Event log", lambda r: "client" in r and "send" in r
                   and "%d bytes" % len(wire) in r and text[:40] in r,
                   "client, send, %d bytes, %s" % (len(wire), text[:40]))


for item, text, wire in PRESETS:
    preset_step(item, text, wire)


@h.step("with Hex on, choosing 'Hello World' turns Hex off and puts the text in")
def _():
    hex_switch = h.find("Client", "Hex")
    h.toggle(hex_switch, True)
    h.set_text("Message", "41 42", scope="Client")
    choose_preset("Hello World")
    got = h.get_text("Message", scope="Client")
    check(got == "Hello World", "Message contains %r" % got)
    check(not h.is_on(hex_switch), "Hex is still on")
    h.click("Send", scope="Client")
    data = recv_exactly(peer["conn"], 11)
    check(data == b"Hello World", "python received %r" % data)
    h.screenshot("message-presets-sent")


sys.exit(h.run())
