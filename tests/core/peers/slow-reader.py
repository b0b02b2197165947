# slow-reader.py: a client that waits before reading everything.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: slow-reader.py HOST PORT DELAY
# Connects, prints "connected", sleeps DELAY seconds (so that the sender's
# kernel buffers fill up), then reads until the empty read and prints
# "received N SHA256".

import hashlib
import sys
import time
from socket import AF_INET, SOCK_STREAM, socket

s = socket(AF_INET, SOCK_STREAM)
s.connect((sys.argv[1], int(sys.argv[2])))
print("connected")
time.sleep(float(sys.argv[3]))
digest = hashlib.sha256()
total = 0
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    total += len(chunk)
    digest.update(chunk)
print("received", total, digest.hexdigest())
s.close()
