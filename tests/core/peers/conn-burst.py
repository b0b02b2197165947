# conn-burst.py: many TCP connections to one port, from one process.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: conn-burst.py PORT COUNT
# Raises its soft RLIMIT_NOFILE to the hard limit, starts COUNT
# non-blocking connect()s to 127.0.0.1:PORT at once and prints
# "started COUNT".  Then each stdin line is one command:
#   wait N SECONDS  waits until N connects completed, or SECONDS passed
#                   -> "connected K" (K completed so far)
#   close           closes every socket -> "closed"
# The peer exits at the end of stdin (its sockets close with it).

import errno
import resource
import select
import socket
import sys
import time

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

port, count = int(sys.argv[1]), int(sys.argv[2])
pending = {}
done = []

for _ in range(count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    err = s.connect_ex(("127.0.0.1", port))
    if err == 0:
        done.append(s)
    elif err == errno.EINPROGRESS:
        pending[s.fileno()] = s
    else:
        print("error", errno.errorcode.get(err, err), flush=True)
        sys.exit(1)
print("started", count, flush=True)

poller = select.poll()
for fd in pending:
    poller.register(fd, select.POLLOUT)


def wait(n, seconds):
    end = time.monotonic() + seconds
    while len(done) < n and pending:
        left = end - time.monotonic()
        if left <= 0:
            break
        for fd, _ in poller.poll(int(left * 1000) + 1):
            s = pending.pop(fd)
            poller.unregister(fd)
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                print("error", fd, flush=True)
                sys.exit(1)
            done.append(s)


for line in sys.stdin:
    words = line.split()
    if not words:
        continue
    if words[0] == "wait":
        wait(int(words[1]), float(words[2]))
        print("connected", len(done), flush=True)
    elif words[0] == "close":
        for s in done + list(pending.values()):
            s.close()
        done, pending = [], {}
        print("closed", flush=True)
