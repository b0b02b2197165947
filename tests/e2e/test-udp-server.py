# test-udp-server.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Server pane speaks UDP: Protocol UDP, Listen on 127.0.0.1 port 0
# (socket() and bind()), a python3 socket sends datagrams: the log has a
# recvfrom row per datagram with the sender's tuple, size and payload;
# Peers has the sender with its counts; Send replies to the selected peer
# with sendto().  A flood from python3 against a small Receive buffer with
# Auto-receive off: Received + Kernel drops = sent, exactly.  IPv6 (::1),
# step by step (socket(), bind(), no listen()), a bad port, and back to TCP.

import re
import socket
import sys
import time

import sbharness
from sbharness import check, row_has
from sbsteps import Steps

h = sbharness.Harness()
st = Steps(h)
state = {"socks": []}
FLOOD = 3000


def close_socks():
    for s in state["socks"]:
        s.close()


h.add_cleanup(close_socks)


def udp_socket(family=socket.AF_INET, host="127.0.0.1"):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((host, 0))
    s.settimeout(10)
    state["socks"].append(s)
    return s


def choose_protocol(name):
    """Choose TCP (the first) or UDP (the last) in the Server's Protocol as a
    keyboard user does."""
    h.choose_in_dropdown("Server", "Protocol", name, "Home" if name == "TCP" else "End")


def label_text(name):
    return h.text_of(h.find("Server", name, role="label"))


def number_in(name):
    text = label_text(name)
    m = re.search(r"(\d+)", text)
    check(m is not None, "%r reads %r, with no number" % (name, text))
    return int(m.group(1))


def wait_label_text(name, pattern):
    rx = re.compile(pattern)
    seen = {}

    def look():
        seen["text"] = label_text(name)
        return seen["text"] if rx.search(seen["text"]) else None
    try:
        return h.wait_until(look, "Server's %r to match %r" % (name, pattern))
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; it reads %r" % (e, seen.get("text")))


def wait_log(predicate, what, timeout=30):
    """st.wait_log_row(), the rows on screen told on a failure."""
    try:
        return st.wait_log_row(predicate, what, timeout=timeout)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; rows: %s" % (e, " | ".join(st.log_rows()[-8:])))


def bound_port():
    text = h.wait_label("Server", r"^on \(.*, (\d+)", "the address the server is bound to")
    return int(re.search(r"^on \(.*?, (\d+)", text).group(1))


def listen_on(address):
    h.set_text("Address", address, scope="Server")
    h.set_text("Port", "0", scope="Server")
    h.click("Listen", scope="Server")
    h.find("Server", "Stop", role="push button")
    return bound_port()


def stop():
    h.click("Stop", scope="Server")
    h.find("Server", "Listen", role="push button")


def drops_height():
    return h.extents(h.find("Server", "Kernel drops", role="label"))[3]


def zoom_in_to_150():
    """Ctrl+= four times: 110, 120, 133, 150 %."""
    base = drops_height()
    for _ in range(4):
        h.press("Control+=")
        time.sleep(0.2)
    h.wait_until(lambda: drops_height() >= base * 1.4,
                 "the text to grow by half (Kernel drops is %d px high at 100 %%)" % base)


def zoom_reset(base):
    h.press("Control+0")
    h.wait_until(lambda: drops_height() <= base, "the text to be as high as at 100 %")

UDP_CONTROLS = ("Protocol", "Address", "Port", "Stop", "Received", "Kernel drops",
                "Receive buffer", "Peers", "Auto-receive", "Receive size", "Receive", "Message",
                "Hex", "Send")


def cut_off_at_the_sides():
    """The Server's UDP controls (and the Peers rows) not inside the screen's width."""
    W = sbharness.SCREEN[0]
    problems = []
    for name in UDP_CONTROLS:
        found = h.find_all("Server", name, showing=False) or h.find_all(
            "Server", name, role="label", showing=False)
        if not found:
            problems.append("%r missing" % name)
            continue
        x, y, w, hh = h.extents(found[0])
        if w <= 0 or x < 0 or x + w > W:
            problems.append("%r at %r" % (name, (x, y, w, hh)))
    for acc, text in h.row_items("Peers", scope="Server"):
        x, y, w, hh = h.extents(acc)
        if w > 0 and (x < 0 or x + w > W):
            problems.append("Peers row %r at %r" % (text, (x, y, w, hh)))
    return problems


def showing(name, role=None):
    return bool(h.find_all("Server", name, role=role))


@h.step("Protocol UDP: Peers and Kernel drops in place of Connections, no TCP-only controls")
def _():
    choose_protocol("UDP")
    wait_label_text("Kernel drops", r"^Kernel drops: 0$")
    for name in ("Connections", "Auto-accept", "Accept", "Backlog", "Auto-respond", "Reply",
                 "Open in Browser", "Shut down sending", "Close", "Reset", "Accept queue"):
        check(not showing(name), "%r shows in UDP" % name)
    for name in ("Address", "Port", "Listen", "Message", "Hex", "Send", "Auto-receive",
                 "Receive size", "Receive", "Receive buffer"):
        h.find("Server", name)
    listen = h.find("Server", "Listen", role="push button")
    check("bind()" in (listen.description or ""),
          "Listen's tooltip does not say bind(): %r" % listen.description)
    h.screenshot("udp-server-idle")


@h.step("Listen on 127.0.0.1 port 0: socket(SOCK_DGRAM) and bind rows; Send waits for a peer")
def _():
    state["port"] = listen_on("127.0.0.1")
    h.diag("bound to port %d" % state["port"])
    wait_log(lambda r: "socket" in r and "SOCK_DGRAM" in r and "server" in r.lower(),
                    "a server socket(…, SOCK_DGRAM) row")
    wait_log(lambda r: "bind" in r and "('127.0.0.1', %d)" % state["port"] in r,
                    "bind ('127.0.0.1', %d)" % state["port"])
    # The drop-down itself (GTK 4.8 reports its inner button as sensitive).
    protocol = h.find("Server", "Protocol", role="combo box")
    check(not st.enabled(protocol), "Protocol can still be changed while the socket is open")
    send = h.find("Server", "Send", role="push button")
    check(not st.enabled(send), "Send is enabled with no peer to send to")
    check("Select a peer" in (send.description or ""),
          "Send's tooltip does not say to select a peer: %r" % send.description)


@h.step("a python3 socket sends three datagrams: recvfrom rows with tuple, size, payload")
def _():
    s = state["sender"] = udp_socket()
    tup = state["tuple"] = str(s.getsockname())
    for payload in (b"ping", b"hello", b"\x00bin"):
        s.sendto(payload, ("127.0.0.1", state["port"]))
    for size, text in (("4 bytes", "ping"), ("5 bytes", "hello"), ("4 bytes", "bin")):
        wait_log(row_has("recvfrom", size, text), "recvfrom, %s, %s" % (size, text))


@h.step("the recvfrom rows name the sender's tuple (the log's UDP rendering)", critical=False)
def _():
    tup = state["tuple"]
    # Each row read whole (all its labels).
    for size, text in (("4 bytes", "ping"), ("5 bytes", "hello"), ("4 bytes", "bin")):
        h.wait_row("Event log", row_has("recvfrom", tup, size, text),
                   "recvfrom, %s, %s, %s" % (tup, size, text), timeout=5)


@h.step("Peers has the python sender's tuple with 3 datagrams, 13 bytes")
def _():
    tup = state["tuple"]
    h.wait_row("Peers", lambda r: tup in r and "3 datagrams, 13 bytes" in r,
               "%s, 3 datagrams, 13 bytes" % tup, scope="Server")
    wait_label_text("Received", r"^Received: 3$")
    h.screenshot("udp-server-peers")


@h.step("select the peer, Message + Send: python3 receives exactly those bytes from the server")
def _():
    tup = state["tuple"]
    h.select_row("Peers", lambda r: tup in r, tup, scope="Server")
    h.set_text("Message", "pong\\r\\n", scope="Server")
    h.click("Send", scope="Server")
    data, addr = state["sender"].recvfrom(65536)
    check(data == b"pong\r\n", "python received %r" % data)
    check(addr == ("127.0.0.1", state["port"]), "it came from %r" % (addr,))
    wait_log(row_has("sendto", "6 bytes"), "sendto 6 bytes")


@h.step("the sendto row names the peer's tuple (the log's UDP rendering)", critical=False)
def _():
    tup = state["tuple"]
    h.wait_row("Event log", row_has("sendto", tup, "6 bytes"), "sendto, %s, 6 bytes" % tup,
               timeout=5)


@h.step("with peers at 100 % the panes stand side by side; at 150 % nothing is cut off",
        critical=False)
def _():
    client, server = h.extents(h.pane("Client")), h.extents(h.pane("Server"))
    h.diag("at 100 %%: Client %r, Server %r" % (client, server))
    check(abs(client[1] - server[1]) <= 2 and server[0] >= client[0] + client[2],
          "the panes are not side by side in UDP: Client %r, Server %r" % (client, server))
    problems = cut_off_at_the_sides()
    check(not problems, "at 100 %: " + "; ".join(problems))
    base = drops_height()
    zoom_in_to_150()
    h.screenshot("udp-server-zoom-150")
    problems = cut_off_at_the_sides()
    zoom_reset(base)
    check(not problems, "at 150 %: " + "; ".join(problems))


@h.step("a flood against a small Receive buffer, Auto-receive off: received + drops = sent")
def _():
    h.toggle("Auto-receive", False, scope="Server")
    h.set_text("Receive buffer", "4096", scope="Server")
    # Enter in the spin button applies the value; the kernel doubles it.
    h.focus(h.find("Server", "Receive buffer"))
    h.press("Return")
    kernel = h.wait_until(
        lambda: re.search(r"(\d+) bytes", label_text("Receive buffer in the kernel")),
        "the kernel's receive buffer to show")
    h.diag("the kernel's receive buffer: %s bytes" % kernel.group(1))
    check(int(kernel.group(1)) <= 16384, "the receive buffer stayed %s bytes" % kernel.group(1))

    received_before = number_in("Received")
    drops_before = number_in("Kernel drops")
    s = udp_socket()
    payload = b"x" * 64
    for _ in range(FLOOD):
        s.sendto(payload, ("127.0.0.1", state["port"]))
    h.toggle("Auto-receive", True, scope="Server")

    def settled():
        got = number_in("Received") - received_before
        dropped = number_in("Kernel drops") - drops_before
        state["flood"] = (got, dropped)
        return got + dropped >= FLOOD
    try:
        h.wait_until(settled, "received + drops to reach %d" % FLOOD, timeout=20)
    except sbharness.StepFailed as e:
        raise sbharness.StepFailed("%s; received %d, dropped %d" % ((e,) + state["flood"]))
    time.sleep(1.2)   # two refreshes: nothing more may come
    settled()
    got, dropped = state["flood"]
    h.diag("sent %d, received %d, kernel drops %d" % (FLOOD, got, dropped))
    check(dropped > 0, "no drops: the buffer did not overflow")
    check(got + dropped == FLOOD, "received %d + dropped %d != sent %d" % (got, dropped, FLOOD))
    h.wait_row("Peers", lambda r: str(s.getsockname()) in r and "%d datagrams" % got in r,
               "the flood's sender with %d datagrams" % got, scope="Server")
    h.screenshot("udp-server-flood")


@h.step("IPv6: Stop, Listen on ::1; a python3 AF_INET6 sender shows as ('::1', port, 0, 0)")
def _():
    stop()
    port6 = listen_on("::1")
    s = udp_socket(socket.AF_INET6, "::1")
    tup = str(s.getsockname())
    s.sendto(b"six", ("::1", port6))
    wait_log(row_has("recvfrom", "3 bytes", "six"), "recvfrom 3 bytes six")
    h.wait_row("Peers", lambda r: tup in r and "1 datagram, 3 bytes" in r,
               "%s, 1 datagram, 3 bytes" % tup, scope="Server")
    h.select_row("Peers", lambda r: tup in r, tup, scope="Server")
    h.set_text("Message", "back", scope="Server")
    h.click("Send", scope="Server")
    data, addr = s.recvfrom(100)
    check(data == b"back", "python received %r" % data)
    check(addr[:2] == ("::1", port6), "it came from %r" % (addr,))
    stop()


@h.step("a bad port keeps what was typed and says why; nothing is opened")
def _():
    h.set_text("Address", "127.0.0.1", scope="Server")
    h.set_text("Port", "70000", scope="Server")
    h.click("Listen", scope="Server")
    h.wait_label("Server", r"65535", "the port error")
    check(h.get_text("Port", scope="Server") == "70000", "the port typed is gone")
    h.find("Server", "Listen", role="push button")


@h.step("step by step: socket() and bind() (no listen()); bind() to a port in use fails, retried")
def _():
    taken = udp_socket()
    port = taken.getsockname()[1]
    h.set_text("Port", str(port), scope="Server")
    h.toggle("Step by step", True, scope="Server")
    h.find("Server", "socket()", role="push button")
    check(not showing("listen()", role="push button"), "listen() shows for UDP")
    st.click_one_event("Server", "socket()", "socket", "SOCK_DGRAM")
    h.wait_label("Server", r"socket open", "the state 'socket open'")
    h.click("bind()", scope="Server")
    h.wait_label("Server", r"EADDRINUSE|in use", "the bind() error under the buttons")
    h.find("Server", "Stop", role="push button")
    h.set_text("Port", "0", scope="Server")
    h.click("bind()", scope="Server")
    new_port = bound_port()
    check(new_port != port and new_port != 0, "bound to port %d" % new_port)
    h.screenshot("udp-server-steps")
    h.click("Stop", scope="Server")
    h.wait_until(lambda: not showing("Stop", role="push button"), "Stop to go")
    check(st.enabled(h.find("Server", "socket()", role="push button")),
          "socket() is not the next call after Stop")
    h.toggle("Step by step", False, scope="Server")
    h.find("Server", "Listen", role="push button")


@h.step("back to TCP: Connections, Auto-accept, Backlog again; Peers and Kernel drops gone")
def _():
    choose_protocol("TCP")
    h.find("Server", "Auto-accept")
    h.find("Server", "Backlog")
    h.find("Server", "Close", role="push button")
    check(not h.find_all("Server", "Kernel drops", role="label"), "Kernel drops shows in TCP")
    check(not showing("Receive buffer"), "Receive buffer shows in TCP")
    h.screenshot("udp-server-back-to-tcp")


sys.exit(h.run())
