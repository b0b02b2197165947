# test-disk-budget.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The disk budget reached: with a memory budget of 1 MiB and a disk budget
# of 8 MiB (settings in a keyfile), the capture holds 12 MiB; a python3
# client's 64 MiB stream (more than the capture and every kernel buffer on
# the way) fills it: the window stops reading and says so (a label named
# "Capture full" with the figures, a "capture" row in the log), and the
# client's sendall() is held back by TCP.  Clear Log in the message, as
# often as it fills again: reading resumes and every byte arrives.

import hashlib
import os
import re
import socket
import tempfile
import threading
import time

import sbharness
from sbharness import check, row_has

MIB = 1024 * 1024
STREAM_SIZE = 64 * MIB

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port], settings_backend="keyfile")

# Settings before the application starts, where the keyfile backend reads them.
settings_dir = os.path.join(h._tmp, "config", "glib-2.0", "settings")
os.makedirs(settings_dir, exist_ok=True)
with open(os.path.join(settings_dir, "keyfile"), "w") as f:
    f.write("[org/sockbench/Sockbench]\n"
            "memory-budget=uint64 %d\n"
            "disk-budget=uint64 %d\n"
            "receive-size=uint32 65536\n" % (MIB, 8 * MIB))
# The spill files go to the cache folder: a private one.
cache_home = tempfile.mkdtemp(prefix="sb-e2e-cache-")
os.environ["XDG_CACHE_HOME"] = cache_home

state = {"sent": 0, "done": False, "error": None}
client = {}


def send_stream():
    s = client["sock"]
    digest = hashlib.sha256()
    try:
        left = STREAM_SIZE
        while left > 0:
            chunk = os.urandom(min(left, 65536))
            s.sendall(chunk)
            digest.update(chunk)
            left -= len(chunk)
            state["sent"] += len(chunk)
        s.shutdown(socket.SHUT_WR)
    except OSError as e:
        state["error"] = e
    state["digest"] = digest.hexdigest()
    state["done"] = True


def close_client():
    if "sock" in client:
        client["sock"].close()


h.add_cleanup(close_client)


def capture_full_text():
    labels = [a for a in h.find_all(None, "Capture full", role="label")]
    return h.text_of(labels[0]) if labels else None


def received_in_row():
    tup = str(client["sock"].getsockname())
    row = h.wait_row("Connections", lambda r: tup in r, tup, scope="Server")
    m = re.search(r"\b(\d+) B in\b", row)
    check(m, "no byte count in the connection row %r" % row)
    return int(m.group(1))


@h.step("a python client sends 64 MiB: the capture fills and the window says Capture full")
def _():
    # Blocking: sendall() waits as long as the window is not reading.
    s = client["sock"] = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.settimeout(None)
    threading.Thread(target=send_stream, daemon=True).start()
    text = h.wait_until(lambda: (capture_full_text() or "").startswith("Capture full: ")
                        and capture_full_text(), "the Capture full message", timeout=60)
    # g_format_size() puts a no-break space before the unit.
    check(re.search(r"^Capture full: [\d.]+\sMB on disk, limit 8\.4\sMB\. Reading stopped; "
                    r"the peers are held back\.$", text),
          "the message (limit 8 MiB, 8.4 MB) says %r" % text)
    for name in ("Raise Disk Limit", "Clear Log", "Keep Counts Only"):
        check(h.find_all(None, name, role="push button"), "no %s button showing" % name)
    h.wait_row("Event log", row_has("capture", "Capture full: "), "the log's capture full row")
    h.screenshot("capture-full")


@h.step("reading stopped: the client's sendall() is held back, the byte count stays")
def _():
    before = received_in_row()
    sent = state["sent"]
    time.sleep(1.5)
    check(not state["done"], "the client sent all 64 MiB while reading was stopped")
    after = received_in_row()
    check(after == before, "the window read on: %d then %d bytes" % (before, after))
    check(before < STREAM_SIZE, "all %d bytes arrived" % before)
    check(state["sent"] - sent < 2 * MIB,
          "the client went on sending %d bytes" % (state["sent"] - sent))
    rows = h.rows("Event log")
    stopped = [r for r in rows if "Capture full:" in r]
    check(len(stopped) == 1, "%d capture full rows: %r" % (len(stopped), stopped))


def click_clear_log():
    buttons = h.find_all(None, "Clear Log", role="push button")
    check(len(buttons) == 1, "%d Clear Log buttons showing" % len(buttons))
    h.click(buttons[0])


@h.step("Clear Log in the message: reading resumes, the rest of the stream arrives")
def _():
    n = received_in_row()
    click_clear_log()
    h.wait_until(lambda: received_in_row() > n, "reading to resume after Clear Log")
    h.screenshot("capture-full-cleared")
    clears = 1
    # It fills again every 12 MiB: Clear Log each time, until every byte is in.
    while True:
        n = received_in_row()
        if n == STREAM_SIZE:
            break
        if capture_full_text() is None:
            time.sleep(0.5)
            continue
        clears += 1
        check(clears <= 10, "%d clears for a 64 MiB stream" % clears)
        click_clear_log()
        h.wait_until(lambda: received_in_row() > n, "reading to resume after Clear Log")
    h.wait_until(lambda: state["done"], "the client's sendall() to finish", timeout=60)
    check(state["error"] is None, "sending failed: %r" % state["error"])
    h.wait_row("Event log", row_has("eof"), "the empty read")
    check(capture_full_text() is None, "Capture full still shows: %r" % capture_full_text())
    h.diag("%d clears" % clears)
    h.screenshot("capture-full-done")


h.run()
