# test-udp-client.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The client pane in UDP: sendto() a python3 UDP receiver without a
# connection, its reply shown with its tuple; the empty datagram both ways;
# localhost by name; bad input (a name that does not resolve, port 0, a
# broadcast address without SO_BROADCAST, 65,507 and 65,508 bytes), each
# shown where it belongs with nothing typed lost; a connect()ed socket
# refused by the peer's host (ECONNREFUSED); back to TCP, the TCP pane as
# it was.

import re
import socket
import sys
import time

import sbharness
from sbharness import StepFailed, check

h = sbharness.Harness()
state = {}

TCP_ONLY = ["Shut down sending", "Reset", "Step by step"]


def receiver():
    if "rx" not in state:
        rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rx.bind(("127.0.0.1", 0))
        rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        state["rx"] = rx
        h.add_cleanup(rx.close)
    return state["rx"]


def receive(timeout=10.0):
    rx = receiver()
    rx.settimeout(timeout)
    try:
        return rx.recvfrom(70000)
    except socket.timeout:
        raise StepFailed("the python3 receiver got nothing within %g s" % timeout)


def drain():
    """Whatever reached the receiver so far (a broadcast may have)."""
    rx = receiver()
    rx.setblocking(False)
    try:
        while True:
            rx.recv(70000)
    except BlockingIOError:
        pass
    finally:
        rx.setblocking(True)


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def protocol_sensitive():
    """Whether the Protocol drop-down (the combo box holding the button) can be used."""
    combo = h.find("Client", "Protocol", role="combo box")
    return sensitive(combo)


def choose_protocol(item):
    """As a keyboard user does: open the drop-down, Home or End, Return."""
    h.choose_in_dropdown("Client", "Protocol", item, "End" if item == "UDP" else "Home")


def showing_names(names):
    return [n for n in names if h.find_all("Client", n)]


def send(message):
    h.set_text("Message", message, scope="Client")
    h.click("Send", scope="Client")


def sensitive(acc):
    return h.has_state(acc, "STATE_SENSITIVE") or h.has_state(acc, "STATE_ENABLED")


@h.step("Protocol UDP: the TCP-only controls go, Connect, Send, Broadcast and Close stay")
def _():
    state["tcp_before"] = showing_names(TCP_ONLY + ["Connect", "Send", "Close"])
    check(state["tcp_before"] == TCP_ONLY + ["Connect", "Send", "Close"],
          "in TCP the client pane shows only %r" % state["tcp_before"])
    choose_protocol("UDP")
    h.wait_until(lambda: not showing_names(TCP_ONLY),
                 "the TCP-only controls to go (still: %r)" % showing_names(TCP_ONLY))
    for name in ("Connect", "Send", "Close", "Broadcast", "Auto-receive", "Receive size",
                 "Hex", "Host", "Port"):
        h.find("Client", name)
    h.wait_label("Client", r"^no socket$", "the state pill: no socket")


@h.step("Host 127.0.0.1, Port of a python3 receiver, Send: it gets exactly the bytes")
def _():
    port = receiver().getsockname()[1]
    h.set_text("Host", "127.0.0.1", scope="Client")
    h.set_text("Port", str(port), scope="Client")
    send("Hello UDP\\r\\n")
    data, addr = receive()
    check(data == b"Hello UDP\r\n", "the receiver got %r" % data)
    state["client_addr"] = addr
    h.select_row("Event log", sbharness.row_has("sendto", "11 bytes", "Hello UDP"),
                 "sendto of 11 bytes")
    h.wait_label("Inspector", re.escape("sendto(('127.0.0.1', %d))" % port),
                 "the sendto's destination in the Inspector")
    h.wait_label("Client", r"local \('0\.0\.0\.0', %d\)" % addr[1],
                 "the local address the kernel gave, port %d" % addr[1])
    check(not protocol_sensitive(), "Protocol is still sensitive while the socket exists")


@h.step("the receiver replies: a recvfrom row with the python socket's tuple as sender")
def _():
    rx = receiver()
    rx.sendto(b"pong from python", state["client_addr"])
    tuple_text = "('127.0.0.1', %d)" % rx.getsockname()[1]
    h.select_row("Event log", sbharness.row_has("recvfrom", "16 bytes", "pong from python"),
                 "recvfrom of the reply")
    h.wait_label("Inspector", re.escape("from " + tuple_text),
                 "the sender %s in the Inspector" % tuple_text)


@h.step("an empty Message sends a real empty datagram; one back is an empty datagram, not EOF")
def _():
    send("")
    data, addr = receive()
    check(data == b"" and addr == state["client_addr"],
          "the receiver got %r from %r" % (data, addr))
    # The row says "0 bytes"; the Inspector's summary says what it is.
    h.select_row("Event log", sbharness.row_has("sendto", "0 bytes"), "sendto of 0 bytes")
    h.wait_label("Inspector", r"sendto\(.*\) sent an empty datagram",
                 "the sendto of an empty datagram in the Inspector")
    receiver().sendto(b"", state["client_addr"])
    row = h.select_row("Event log", sbharness.row_has("recvfrom", "0 bytes"),
                       "recvfrom of 0 bytes")
    check("recv() returned b''" not in row and "eof" not in row.split(),
          "the empty datagram reads as an end of file: %r" % row)
    h.wait_label("Inspector", r"returned an empty datagram from .*not an end of file",
                 "the recvfrom of an empty datagram in the Inspector")
    h.screenshot("udp-client")


@h.step("Auto-receive off: Receive makes one recvfrom(); with nothing waiting it says so")
def _():
    h.toggle("Auto-receive", False, scope="Client")
    receiver().sendto(b"one by one", state["client_addr"])
    time.sleep(0.3)
    h.click("Receive", scope="Client")
    h.wait_row("Event log", sbharness.row_has("recvfrom", "10 bytes", "one by one"),
               "the recvfrom of Receive")
    h.click("Receive", scope="Client")
    h.select_row("Event log", lambda r: "recvfrom" in r and ("EAGAIN" in r or "block" in r),
                 "the recvfrom that would block")
    h.wait_label("Inspector", r"would block.*EAGAIN", "would block (EAGAIN) in the Inspector")
    h.toggle("Auto-receive", True, scope="Client")


@h.step("Host localhost, Ctrl+Enter: resolved by name (a getaddrinfo row), the receiver gets it")
def _():
    h.set_text("Host", "localhost", scope="Client")
    message = h.set_text("Message", "by name", scope="Client")
    h.focus(message)
    h.press("Control+Return")
    data, addr = receive()
    check(data == b"by name" and addr == state["client_addr"],
          "the receiver got %r from %r" % (data, addr))
    h.wait_row("Event log", sbharness.row_has("getaddrinfo('localhost')", "127.0.0.1"),
               "getaddrinfo('localhost')")


@h.step("a host that does not resolve: said under Host, Host and Message as typed")
def _():
    h.set_text("Host", "nosuch.invalid", scope="Client")
    send("lost?")
    h.wait_label("Client", r"^“nosuch\.invalid” does not resolve: .+",
                 "“nosuch.invalid” does not resolve")
    check(h.get_text("Host", scope="Client") == "nosuch.invalid", "Host lost its text")
    check(h.get_text("Message", scope="Client") == "lost?", "Message lost its text")


@h.step("Port 0 and 70000: said under Port, nothing sent, the text kept")
def _():
    h.set_text("Host", "127.0.0.1", scope="Client")
    for text, pattern in (("0", r"port 0 is no destination"), ("70000", r"65535")):
        h.set_text("Port", text, scope="Client")
        send("not sent")
        h.wait_label("Client", pattern, "the port error for %s" % text)
        check(h.get_text("Port", scope="Client") == text, "Port lost its text %r" % text)
    rx = receiver()
    rx.settimeout(0.5)
    try:
        data = rx.recv(70000)
        raise StepFailed("the receiver got %r" % data)
    except socket.timeout:
        pass
    h.set_text("Port", str(rx.getsockname()[1]), scope="Client")


@h.step("a broadcast address without SO_BROADCAST: EACCES; with Broadcast on it goes")
def _():
    port = receiver().getsockname()[1]
    h.set_text("Host", "127.255.255.255", scope="Client")
    send("to all")
    h.wait_label("Client", r"SO_BROADCAST \(EACCES\)", "the EACCES message")
    h.wait_row("Event log", sbharness.row_has("sendto", "127.255.255.255", "EACCES"),
               "the refused sendto")
    h.toggle("Broadcast", True, scope="Client")
    h.click("Send", scope="Client")
    h.select_row("Event log", sbharness.row_has("sendto", "6 bytes", "to all"),
                 "the broadcast sendto")
    h.wait_label("Inspector", re.escape("sendto(('127.255.255.255', %d)) took 6 bytes" % port),
                 "the broadcast sendto in the Inspector")
    h.toggle("Broadcast", False, scope="Client")
    h.set_text("Host", "127.0.0.1", scope="Client")


@h.step("65,507 bytes go in one datagram; 65,508 give EMSGSIZE, said in the pane")
def _():
    drain()
    h.toggle("Hex", True, scope="Client")
    send("61 6g")
    h.wait_label("Client", r"hex digit 'g'", "the hex error, as for TCP")
    check(h.get_text("Message", scope="Client") == "61 6g", "Message lost its text")
    send("61" * 65507)
    data, _ = receive()
    check(data == b"a" * 65507, "the receiver got %d bytes" % len(data))
    send("61" * 65508)
    h.wait_label("Client", r"EMSGSIZE", "the EMSGSIZE message")
    h.wait_row("Event log", sbharness.row_has("sendto", "EMSGSIZE"), "the sendto with EMSGSIZE")
    h.toggle("Hex", False, scope="Client")


@h.step("Close: no socket, Protocol sensitive again")
def _():
    h.click("Close", scope="Client")
    h.wait_label("Client", r"^no socket$", "the state pill: no socket")
    h.wait_until(protocol_sensitive, "Protocol to be sensitive")
    h.wait_row("Event log", sbharness.row_has("close"), "the close row")


@h.step("Connect to a port nobody has, Send: the next call is ECONNREFUSED, shown as such")
def _():
    port = free_udp_port()
    h.set_text("Port", str(port), scope="Client")
    h.click("Connect", scope="Client")
    h.find("Client", "Disconnect", role="push button")
    h.wait_label("Client", r"peer \('127\.0\.0\.1', %d\)" % port, "the connected peer")
    send("anyone?")
    h.wait_row("Event log", sbharness.row_has("ECONNREFUSED"), "the refusal")
    h.wait_label("Client", r"peer's host answered ICMP port unreachable.*ECONNREFUSED",
                 "the refusal in the pane")
    h.screenshot("udp-client-refused")


@h.step("Disconnect, back to TCP: the TCP pane as it was")
def _():
    h.click("Disconnect", scope="Client")
    h.find("Client", "Connect", role="push button")
    h.wait_until(protocol_sensitive, "Protocol to be sensitive")
    choose_protocol("TCP")
    h.wait_until(lambda: showing_names(TCP_ONLY + ["Connect", "Send", "Close"])
                 == state["tcp_before"], "the TCP controls back")
    check(not h.find_all("Client", "Broadcast"), "Broadcast still shows in TCP")


sys.exit(h.run())
