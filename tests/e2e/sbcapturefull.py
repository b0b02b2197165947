# sbcapturefull.py: what the disk-budget tests share.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window started with a memory budget of 1 MiB and a disk budget of
# 8 MiB (settings in a keyfile, read by the keyfile backend): the capture
# holds 12 MiB, then it is full.  Python clients send streams of random
# bytes from threads; the message is read from the label named
# "Capture full".

import os
import re
import socket
import tempfile
import threading

import sbharness
from sbharness import check

MIB = 1024 * 1024


class CaptureFull:
    def __init__(self):
        self.port = sbharness.free_port()
        self.h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % self.port],
                                   settings_backend="keyfile")
        settings_dir = os.path.join(self.h._tmp, "config", "glib-2.0", "settings")
        os.makedirs(settings_dir, exist_ok=True)
        with open(os.path.join(settings_dir, "keyfile"), "w") as f:
            f.write("[org/sockbench/Sockbench]\n"
                    "memory-budget=uint64 %d\n"
                    "disk-budget=uint64 %d\n"
                    "receive-size=uint32 65536\n" % (MIB, 8 * MIB))
        # The spill files go to the cache folder: a private one.
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sb-e2e-cache-")
        self.clients = {}
        self.states = {}
        self._box = None
        self.h.add_cleanup(self._close)

    def _close(self):
        for s in self.clients.values():
            s.close()

    def start_client(self, name, size):
        """Connects and sends @size random bytes from a thread (sendall()
        blocks while the window does not read), then shuts down sending."""
        s = self.clients[name] = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.settimeout(None)
        st = self.states[name] = {"sent": 0, "done": False, "error": None}

        def send():
            try:
                left = size
                while left > 0:
                    chunk = os.urandom(min(left, 65536))
                    s.sendall(chunk)
                    left -= len(chunk)
                    st["sent"] += len(chunk)
                s.shutdown(socket.SHUT_WR)
            except OSError as e:
                st["error"] = e
            st["done"] = True
        threading.Thread(target=send, daemon=True).start()
        return st

    def message(self):
        """The text of the label named Capture full while it shows, else None.
        The whole window is walked once to find where the message sits (a
        walk is slow under load); then only the top of that box."""
        h = self.h
        if self._box is None:
            labels = h.find_all(None, "Capture full", role="label")
            if not labels:
                return None
            # label < box < message < the window's box
            self._box = labels[0].parent.parent.parent
        for child in h.children(self._box):
            for acc in h.walk(child, max_depth=3):
                if h.name(acc) == "Capture full" and h.role(acc) == "label" and h.showing(acc):
                    return h.text_of(acc)
        return None

    def wait_message(self, pattern, what, timeout=60):
        rx = re.compile(pattern)
        return self.h.wait_until(lambda: rx.search(self.message() or "") and self.message(),
                                 what, timeout=timeout)

    def received(self, name):
        """The byte count in the connection's row of Connections."""
        tup = str(self.clients[name].getsockname())
        row = self.h.wait_row("Connections", lambda r: tup in r, tup, scope="Server")
        m = re.search(r"\b(\d+) B in\b", row)
        check(m, "no byte count in the connection row %r" % row)
        return int(m.group(1))

    def click(self, name):
        """The button @name of the message (the menu has a Clear Log too)."""
        buttons = self.h.find_all(None, name, role="push button")
        check(len(buttons) == 1, "%d %s buttons showing" % (len(buttons), name))
        self.h.click(buttons[0])
