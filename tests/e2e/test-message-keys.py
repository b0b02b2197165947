# test-message-keys.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Ctrl+Enter in a pane's Message field sends (ACCESSIBILITY.md, "Keyboard"),
# typed as real key events: XTest through the AT-SPI registry.  Each pane
# talks to a python3 socket in this process, so "sent" and "not sent" are
# checked on the wire.

import socket
import sys

import sbharness
from sbharness import check, nothing_arrives, recv_exactly

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
client_port = listener.getsockname()[1]
server_port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % server_port,
                                "--connect", "127.0.0.1:%d" % client_port])
peers = {}


def close_all():
    for s in list(peers.values()) + [listener]:
        s.close()


h.add_cleanup(close_all)


def type_in_message(pane, text):
    """Message holds text and has the keyboard focus."""
    entry = h.set_text("Message", text, scope=pane)
    h.focus(entry)
    return entry


@h.step("the client pane is connected to a python listener, a python client to the server")
def _():
    listener.settimeout(10)
    peers["to-client"], _ = listener.accept()
    h.find("Client", "Disconnect", role="push button")
    peers["to-server"] = socket.create_connection(("127.0.0.1", server_port), timeout=10)
    tup = str(peers["to-server"].getsockname())
    h.wait_row("Connections", lambda r: tup in r and "connected" in r, "%s connected" % tup,
               scope="Server")


@h.step("Client: Message 'Hello World', Ctrl+Return: python receives exactly b'Hello World'")
def _():
    entry = type_in_message("Client", "Hello World")
    h.press("Control+Return")
    data = recv_exactly(peers["to-client"], 11)
    check(data == b"Hello World", "python received %r" % data)
    nothing_arrives(peers["to-client"], 0.3)
    text = h.get_text(entry)
    check(text == "Hello World", "Message now contains %r (Ctrl+Return typed into it)" % text)
    h.wait_row("Event log", lambda r: "client" in r and "send" in r and "11 bytes" in r
               and "Hello World" in r, "client, send, 11 bytes, Hello World")


@h.step("Client: Return alone types a line break and sends nothing")
def _():
    entry = type_in_message("Client", "Hello")
    h.press("Return")
    h.wait_until(lambda: h.get_text(entry) == "Hello\n", "Message to contain 'Hello\\n'")
    nothing_arrives(peers["to-client"])


@h.step("Server: Message 'Hello Yourself', Ctrl+KP_Enter: python receives b'Hello Yourself'")
def _():
    type_in_message("Server", "Hello Yourself")
    h.press("Control+KP_Enter")
    data = recv_exactly(peers["to-server"], 14)
    check(data == b"Hello Yourself", "python received %r" % data)
    h.wait_row("Event log", lambda r: "server" in r and "send" in r and "14 bytes" in r
               and "Hello Yourself" in r, "server, send, 14 bytes, Hello Yourself")
    h.screenshot("message-keys")


@h.step("Server: a bad hex Message and Ctrl+Return: an error in the pane, nothing sent")
def _():
    h.toggle("Hex", True, scope="Server")
    entry = type_in_message("Server", "4z")
    h.press("Control+Return")
    h.wait_label("Server", r"'z'|\bat 1\b|\boffset 1\b", "an error about 'z' at 1 in the Server pane")
    nothing_arrives(peers["to-server"])
    text = h.get_text(entry)
    check(text == "4z", "Message now contains %r" % text)


sys.exit(h.run())
