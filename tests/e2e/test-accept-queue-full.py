# test-accept-queue-full.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A full accept queue is shown, not silent.  The exercise's listen(5) with
# Auto-accept off, and nine python clients: six handshakes complete into
# the queue (Linux queues one more than the backlog), the kernel drops the
# other SYNs.  The Server pane says so, with the kernel's figures, and the
# backlog is one click away (`Raise backlog`: `New backlog`, Listen Again).
# Accept makes room and the message goes; two more clients fill the queue
# again, and at 150 % zoom nothing of the message is cut off at the sides;
# Auto-accept takes every connection and the message goes for good.

import socket
import time

import sbharness
from sbharness import check

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
clients = []
N_CLIENTS = 9


def close_clients():
    for s in clients:
        s.close()


h.add_cleanup(close_clients)

def connect_more(n):
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        clients.append(s)


FULL = r"^Accept queue full: 6 connections waiting, backlog 5\. The kernel is dropping new"


def full_message():
    for t in h.visible_labels("Server"):
        if t.startswith("Accept queue full"):
            return t
    return None


def stacked():
    """Whether the panes stand one above the other (as at 150 % zoom on
    1024x768), rather than side by side."""
    client, server = h.extents(h.pane("Client")), h.extents(h.pane("Server"))
    return server[1] >= client[1] + client[3] - 2


def zoom(keys, want_stacked):
    """Zoom with the keyboard (walking the menu is slow on a busy machine):
    Control+= four times is 150 %, Control+0 100 %."""
    for key in keys:
        h.press(key)
    h.wait_until(lambda: stacked() == want_stacked,
                 "the panes %s" % ("one above the other" if want_stacked else "side by side"))


def check_in_view(name, role=None, across_only=False):
    """Nothing of it cut off; across_only: at the sides (the panes scroll
    up and down when they stand one above the other)."""
    acc = h.find("Server", name, role=role)
    x, y, w, hh = h.extents(acc)
    check(w > 0 and hh > 0, "%s is not drawn: %r" % (name, (x, y, w, hh)))
    if not across_only:
        why = h.not_in_view(acc)
        check(why is None, "%s is cut off: %s" % (name, why))
    else:
        px, py, pw, ph = h.extents(h.pane("Server"))
        check(x >= px and x + w <= px + pw,
              "%s is cut off at the sides: %r in the pane %r" % (name, (x, y, w, hh),
                                                                 (px, py, pw, ph)))
    check(x >= 0 and x + w <= sbharness.SCREEN[0],
          "%s runs off the screen: %r" % (name, (x, y, w, hh)))


@h.step("Auto-accept off; nine clients connect to listen(5): the pane says the queue is full")
def _():
    h.toggle("Auto-accept", False, scope="Server")
    h.wait_label("Server", r"^Accept queue: 0 \(backlog 5\)", "an empty accept queue")
    check(full_message() is None, "a full queue before any client: %r" % full_message())
    connect_more(N_CLIENTS)
    text = h.wait_label("Server", FULL, "the full-queue message")
    h.diag("message: %r" % text)
    h.wait_label("Server", r"^Accept queue: 6 \(backlog 5\), full$", "the kernel view's figures")
    check(not h.rows("Connections", scope="Server"), "a connection was accepted")
    check_in_view("Accept queue full", role="label")
    check_in_view("Raise backlog")
    h.screenshot("accept-queue-full")


@h.step("Raise backlog opens the backlog with Listen Again and says when it applies")
def _():
    button = h.find("Server", "Raise backlog")
    inner = [c for c in h.children(button) if h.role(c) in ("push button", "toggle button")]
    h.click(inner[0] if inner else button)
    h.find(None, "New backlog")
    h.find(None, "Listen Again")
    labels = " ".join(h.visible_labels(None))
    check("applies when listening again" in labels,
          "the popover does not say when the backlog applies: %r" % labels[:500])
    h.screenshot("accept-queue-backlog")
    h.press("Escape")
    h.wait_until(lambda: not h.find_all(None, "Listen Again"), "the popover to close")


@h.step("Accept makes room: the message goes")
def _():
    h.click("Accept", scope="Server")
    h.wait_until(lambda: len(h.rows("Connections", scope="Server")) == 1, "one connection")
    h.wait_until(lambda: full_message() is None or "6 connections" in full_message(),
                 "the message to go (or come back with the retried SYNs)")


@h.step("at 150 % zoom, two more clients fill the queue again: nothing cut off")
def _():
    t0 = time.monotonic()
    zoom(["Control+="] * 4, True)
    h.diag("zoomed in %.1f s" % (time.monotonic() - t0))
    # Not waiting for the first clients' retried SYNs (their back-off
    # doubles up to a minute): two fresh ones.
    connect_more(2)
    h.wait_label("Server", FULL, "the full-queue message again", timeout=20)
    h.diag("full again at %.1f s" % (time.monotonic() - t0))
    check_in_view("Accept queue full", role="label", across_only=True)
    check_in_view("Raise backlog", across_only=True)
    # Its popover scrolls the message into view.
    button = h.find("Server", "Raise backlog")
    inner = [c for c in h.children(button) if h.role(c) in ("push button", "toggle button")]
    h.click(inner[0] if inner else button)
    h.find(None, "Listen Again")
    h.diag("popover at %.1f s" % (time.monotonic() - t0))
    h.screenshot("accept-queue-full-150")
    h.press("Escape")
    h.wait_until(lambda: not h.find_all(None, "Listen Again"), "the popover to close")
    zoom(["Control+0"], False)


@h.step("Auto-accept on: every connection accepted, the message gone")
def _():
    h.toggle("Auto-accept", True, scope="Server")
    h.wait_until(lambda: len(h.rows("Connections", scope="Server")) >= 2, "the connections")
    h.wait_label("Server", r"^Accept queue: 0 \(backlog 5\)$", "an empty accept queue",
                 timeout=20)
    # It stays a moment after the queue was last full (a burst fills and
    # drains it many times a second), then goes.
    h.wait_until(lambda: full_message() is None, "the message to go")


h.run()
