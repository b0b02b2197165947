# sbsteps.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Helpers for the tests of step-by-step calls: the call buttons of a pane and
# which of them is enabled, and the Event log's rows read cheaply (each row
# is a label named by its text; the harness's row_items() walks far more,
# which takes seconds on a loaded machine).

import time

from sbharness import check

SERVER_CALLS = ("socket()", "bind()", "listen()")
CLIENT_CALLS = ("getaddrinfo()", "socket()", "connect()")


class Steps:
    def __init__(self, h):
        self.h = h
        self._buttons = {}
        self._log = None

    def enabled(self, acc):
        return self.h.has_state(acc, "STATE_SENSITIVE") or self.h.has_state(acc, "STATE_ENABLED")

    def failed(self, acc):
        """A row shown as a failure (red) says so as the accessible state invalid."""
        return (self.h.has_state(acc, "STATE_INVALID")
                or self.h.has_state(acc, "STATE_INVALID_ENTRY"))

    def call_buttons(self, pane):
        """The pane's call buttons (found once: they stay for the window's life)."""
        if pane not in self._buttons:
            calls = SERVER_CALLS if pane == "Server" else CLIENT_CALLS
            self._buttons[pane] = {c: self.h.find(pane, c, role="push button") for c in calls}
        return self._buttons[pane]

    def wait_next_call(self, pane, next_call):
        """Only next_call (or none) is enabled among the pane's call buttons."""
        buttons = self.call_buttons(pane)

        def states():
            return {c: self.enabled(b) for c, b in buttons.items()}
        want = {c: c == next_call for c in buttons}
        self.h.wait_until(lambda: states() == want,
                          "in %s only %s enabled (now %r)" % (pane, next_call, states()),
                          timeout=10)

    def event_log(self):
        if self._log is None:
            self._log = self.h.find(None, "Event log", role=("list", "list box", "table", "tree"))
        return self.h._fresh(self._log)

    def log_items(self):
        """[(row, text)] of the Event log's rows on screen."""
        out = []
        for item in self.h.children(self.event_log()):
            for acc in [item] + self.h.children(item):
                if self.h.role(acc) in ("label", "static") and self.h.name(acc):
                    out.append((acc, self.h.name(acc)))
                    break
        return out

    def log_rows(self):
        return [t for _, t in self.log_items()]

    def wait_log_row(self, predicate, what, timeout=30):
        def look():
            for acc, text in self.log_items():
                if predicate(text):
                    return acc, text
            return None
        return self.h.wait_until(look, "a row of the Event log with %s" % what, timeout=timeout)

    def settle_rows(self, seconds=0.5):
        """The rows once nothing new arrived for a while (the log updates
        once per frame)."""
        rows = self.log_rows()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.log_rows()
            if now != rows:
                rows = now
                deadline = time.monotonic() + seconds
        return rows

    def new_rows(self, before):
        """The rows not in before (each row starts with its own time)."""
        return [r for r in self.settle_rows() if r not in before]

    def click_one_event(self, pane, call, *parts):
        """Click call in pane: exactly one new row, which has parts."""
        before = self.settle_rows()
        self.h.click(call, scope=pane)
        self.h.wait_until(lambda: [r for r in self.log_rows() if r not in before],
                          "a new row after %s" % call, timeout=10)
        new = self.new_rows(before)
        check(len(new) == 1, "%s made %d rows: %s" % (call, len(new), " | ".join(new)))
        check(all(p in new[0] for p in parts),
              "the row of %s is %r, wanted %r" % (call, new[0], parts))
        return new[0]

    def toast_labels(self, text):
        return [t for t in self.h.visible_labels() if text in t]
