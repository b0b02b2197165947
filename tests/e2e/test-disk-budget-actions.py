# test-disk-budget-actions.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The other two ways on from a full capture (see sbcapturefull.py: it holds
# 12 MiB): a python3 client's 40 MiB fills it; Raise Disk Limit doubles the
# limit to 16 MiB and reading resumes until that is full too; Keep Counts
# Only: the rest arrives, counted and not stored, each gap a row saying
# "N bytes not retained".

import re

from sbcapturefull import MIB, CaptureFull
from sbharness import check, row_has

STREAM_SIZE = 40 * MIB

t = CaptureFull()
h = t.h


@h.step("a client's 40 MiB fills the capture; Raise Disk Limit: reading resumes, limit 16 MiB")
def _():
    t.start_client("c1", STREAM_SIZE)
    t.wait_message(r"^Capture full: .* limit 8\.4\sMB\.", "the Capture full message at 8 MiB")
    n = t.received("c1")
    check(n < STREAM_SIZE, "all %d bytes arrived" % n)
    t.click("Raise Disk Limit")
    h.wait_until(lambda: t.received("c1") > n, "reading to resume after Raise Disk Limit")
    # 8 more MiB of room: full again, now at the new limit.
    text = t.wait_message(r"limit 16\.8\sMB\. Reading stopped",
                          "Capture full at the raised limit, 16 MiB (16.8 MB)")
    check(text.startswith("Capture full: "), "the message says %r" % text)
    h.wait_row("Event log", row_has("capture", "Capture full: ", "limit 16.8"),
               "the log's row for the second stop")


@h.step("Keep Counts Only: the rest arrives, counted; the rows say N bytes not retained")
def _():
    t.click("Keep Counts Only")
    st = t.states["c1"]
    h.wait_until(lambda: st["done"], "the client's sendall() to finish", timeout=90)
    check(st["error"] is None, "sending failed: %r" % st["error"])
    h.wait_until(lambda: t.received("c1") == STREAM_SIZE,
                 "the connection's count to reach %d bytes" % STREAM_SIZE, timeout=60)
    text = t.message()
    check(text and "Keeping counts only" in text, "the message says %r" % text)
    check(not h.find_all(None, "Keep Counts Only", role="push button"),
          "Keep Counts Only still shows while keeping counts")
    h.wait_row("Event log", lambda r: re.search(r"\brecv\b.*\b(\d+) bytes\b.*\b\1 bytes not retained", r),
               "a recv row of N bytes saying N bytes not retained")
    h.wait_row("Event log", row_has("eof"), "the empty read")
    h.screenshot("capture-full-counting")


h.run()
