# faultpeer.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A streaming peer of the fault matrix, in a process of its own so that it
# can be killed in the middle of a transfer and so that its sendall() never
# holds up the test process's AT-SPI calls.
#
#   faultpeer.py PORT NBYTES [RATE]
#
# Connects to 127.0.0.1:PORT, prints "local PORT" (its own port, which the
# server shows in its peer tuple), then sends NBYTES in chunks of 64 KiB
# (the bytes are a counter modulo 251, so that no chunk repeats the one
# before), printing "sent N" (the running total of send()'s return values)
# after every MiB and at the end, then shuts its sending side down, prints
# "done N" and waits for its standard input to end before closing.  With
# RATE (bytes a second) it sends no faster than that.  It dies with its
# parent.

import ctypes
import signal
import socket
import sys
import time

CHUNK = 64 * 1024
REPORT = 1024 * 1024


def main():
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except Exception:
        pass
    port, total = int(sys.argv[1]), int(sys.argv[2])
    rate = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    pattern = bytes(i % 251 for i in range(CHUNK + 251))
    s = socket.create_connection(("127.0.0.1", port), timeout=None)
    print("local %d" % s.getsockname()[1], flush=True)
    sent = 0
    reported = 0
    started = time.monotonic()
    while sent < total:
        if rate:
            ahead = sent / rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
        offset = sent % 251
        n = s.send(pattern[offset:offset + min(CHUNK, total - sent)])
        sent += n
        if sent - reported >= REPORT:
            print("sent %d" % sent, flush=True)
            reported = sent
    print("sent %d" % sent, flush=True)
    s.shutdown(socket.SHUT_WR)
    print("done %d" % sent, flush=True)
    sys.stdin.read()
    s.close()


if __name__ == "__main__":
    main()
