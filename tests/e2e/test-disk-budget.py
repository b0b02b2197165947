# test-disk-budget.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The disk budget reached (see sbcapturefull.py: the capture holds 12 MiB):
# a python3 client's 64 MiB stream (more than the capture and the kernel
# buffers on the way) fills it; the window stops reading and says so (the
# label named "Capture full" with the figures, a "capture" row in the log),
# and the client's sendall() is held back by TCP.  Clear Log in the
# message, as often as it fills again: reading resumes and every byte
# arrives.

import re
import time

from sbcapturefull import MIB, CaptureFull
from sbharness import check, row_has

STREAM_SIZE = 64 * MIB

t = CaptureFull()
h = t.h


@h.step("a python client sends 64 MiB: the capture fills and the window says Capture full")
def _():
    t.start_client("c1", STREAM_SIZE)
    # g_format_size() puts a no-break space before the unit.
    text = t.wait_message(r"^Capture full: ", "the Capture full message")
    check(re.search(r"^Capture full: [\d.]+\sMB on disk, limit 8\.4\sMB\. Reading stopped; "
                    r"the peers are held back\.$", text),
          "the message (limit 8 MiB, 8.4 MB) says %r" % text)
    for name in ("Raise Disk Limit", "Clear Log", "Keep Counts Only"):
        check(h.find_all(None, name, role="push button"), "no %s button showing" % name)
    h.wait_row("Event log", row_has("capture", "Capture full: "), "the log's capture full row")
    h.screenshot("capture-full")


@h.step("reading stopped: the client's sendall() is held back, the byte count stays")
def _():
    st = t.states["c1"]
    before = t.received("c1")
    sent = st["sent"]
    time.sleep(1.5)
    check(not st["done"], "the client sent all 64 MiB while reading was stopped")
    after = t.received("c1")
    check(after == before, "the window read on: %d then %d bytes" % (before, after))
    check(before < STREAM_SIZE, "all %d bytes arrived" % before)
    check(st["sent"] - sent < 2 * MIB, "the client went on sending %d bytes" % (st["sent"] - sent))
    stopped = [r for r in h.rows("Event log") if "Capture full:" in r]
    check(len(stopped) == 1, "%d capture full rows: %r" % (len(stopped), stopped))


@h.step("Clear Log in the message: reading resumes, the rest of the stream arrives")
def _():
    clears = 0
    # It fills again every 12 MiB: Clear Log each time, until every byte is in.
    while True:
        n = t.received("c1")
        if n == STREAM_SIZE:
            break
        if t.message() is None:
            time.sleep(0.5)
            continue
        clears += 1
        check(clears <= 10, "%d clears for a 64 MiB stream" % clears)
        t.click("Clear Log")
        h.wait_until(lambda: t.received("c1") > n, "reading to resume after Clear Log")
        if clears == 1:
            h.screenshot("capture-full-cleared")
    st = t.states["c1"]
    h.wait_until(lambda: st["done"], "the client's sendall() to finish", timeout=60)
    check(st["error"] is None, "sending failed: %r" % st["error"])
    h.wait_row("Event log", row_has("eof"), "the empty read")
    check(t.message() is None, "Capture full still shows: %r" % t.message())
    check(clears >= 4, "only %d clears for 64 MiB in a 12 MiB capture" % clears)
    h.diag("%d clears" % clears)


h.run()
