# bulk-sender.py: a client that sends a stream of random bytes.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bulk-sender.py HOST PORT NBYTES
# Connects and prints "connected", sends NBYTES random bytes with sendall()
# (which blocks while the receiver does not read: TCP's flow control),
# prints "sent N SHA256", shuts down sending and waits for the receiver to
# close.

import hashlib
import os
import sys
from socket import AF_INET, SHUT_WR, SOCK_STREAM, socket

s = socket(AF_INET, SOCK_STREAM)
s.connect((sys.argv[1], int(sys.argv[2])))
print("connected", flush=True)
digest = hashlib.sha256()
left = int(sys.argv[3])
while left > 0:
    chunk = os.urandom(min(left, 65536))
    s.sendall(chunk)
    digest.update(chunk)
    left -= len(chunk)
print("sent", sys.argv[3], digest.hexdigest(), flush=True)
s.shutdown(SHUT_WR)
s.recv(1)
s.close()
