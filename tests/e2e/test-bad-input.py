# test-bad-input.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Bad input gets a specific message next to the control, and what the user
# typed stays where it was (DESIGN.md, "Errors and bad input").  The client
# is connected to a python3 socket in this process, so that "nothing was
# sent" is checked on the wire as well as in the log.

import re
import socket
import sys

import sbharness
from sbharness import check

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
port = listener.getsockname()[1]
h = sbharness.Harness(app_args=["--connect", "127.0.0.1:%d" % port], independent_steps=True)
peer = {}
RANGE = r"0\s*(–|-|to|\.\.)\s*65535"


def close_all():
    for s in list(peer.values()) + [listener]:
        s.close()


h.add_cleanup(close_all)


def listen_with_port(text):
    h.set_text("Port", text, scope="Server")
    h.click("Listen", scope="Server")


def send_rows():
    return [r for r in h.rows("Event log") if re.search(r"\bsend\b", r)]


def nothing_arrived():
    sbharness.nothing_arrives(peer["conn"])


@h.step("Server Port 'abc' + Listen: an error naming the port and 0-65535; entry keeps 'abc'")
def _():
    listen_with_port("abc")
    msg = h.wait_label("Server", r"port.*" + RANGE + "|" + RANGE + ".*port",
                       "an error about the port and 0-65535 in the Server pane")
    h.diag("message: " + msg)
    text = h.get_text("Port", scope="Server")
    check(text == "abc", "the Port entry now contains %r" % text)
    check(not h.find_all("Server", "Stop"), "the server started listening on port 'abc'")
    h.screenshot("bad-port-abc")


@h.step("Server Port '70000' + Listen: an error naming 70000 and 0-65535; entry keeps it")
def _():
    listen_with_port("70000")
    msg = h.wait_label("Server", r"70000.*" + RANGE + "|" + RANGE + ".*70000",
                       "an error about 70000 and 0-65535 in the Server pane")
    h.diag("message: " + msg)
    text = h.get_text("Port", scope="Server")
    check(text == "70000", "the Port entry now contains %r" % text)
    check(not h.find_all("Server", "Stop"), "the server started listening on port 70000")


@h.step("then a free port + Listen: the server listens and the port error is gone")
def _():
    good = sbharness.free_port()
    listen_with_port(str(good))
    h.find("Server", "Stop", role="push button")
    left = [t for t in h.visible_labels("Server") if re.search(RANGE, t)]
    check(not left, "the error is still shown: %r" % left)
    with socket.create_connection(("127.0.0.1", good), timeout=10):
        pass


@h.step("the client pane is connected to the python peer")
def _():
    listener.settimeout(10)
    conn, _ = listener.accept()
    peer["conn"] = conn
    h.find("Client", "Disconnect", role="push button")


@h.step("Hex on, Message 'zz' + Send: an error naming offset 0; text kept; nothing sent")
def _():
    h.toggle("Hex", True, scope="Client")
    h.set_text("Message", "zz", scope="Client")
    h.click("Send", scope="Client")
    msg = h.wait_label("Client", r"'z'.*\bat 0\b|\boffset 0\b",
                       "an error naming 'z' and offset 0 in the Client pane")
    h.diag("message: " + msg)
    text = h.get_text("Message", scope="Client")
    check(text == "zz", "Message now contains %r" % text)
    nothing_arrived()
    check(not send_rows(), "send rows in the log: %r" % send_rows())
    h.screenshot("bad-hex-zz")


@h.step("Hex on, Message '4' + Send: an error naming offset 0; text kept; nothing sent")
def _():
    h.set_text("Message", "4", scope="Client")
    h.click("Send", scope="Client")
    msg = h.wait_label("Client", r"(odd|incomplete|half|digit).*\bat 0\b|\boffset 0\b",
                       "an error about the odd digit at offset 0 in the Client pane")
    h.diag("message: " + msg)
    text = h.get_text("Message", scope="Client")
    check(text == "4", "Message now contains %r" % text)
    nothing_arrived()
    check(not send_rows(), "send rows in the log: %r" % send_rows())


@h.step("a good hex message '48 69' is sent: the peer gets b'Hi' (the error path did not break Send)")
def _():
    h.set_text("Message", "48 69", scope="Client")
    h.click("Send", scope="Client")
    data = sbharness.recv_exactly(peer["conn"], 2)
    check(data == b"Hi", "the peer received %r" % data)
    h.wait_row("Event log", lambda r: re.search(r"\bsend\b", r) and "2 bytes" in r, "send, 2 bytes")


sys.exit(h.run())
