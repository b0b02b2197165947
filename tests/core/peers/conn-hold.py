# conn-hold.py: many TCP connections to one port, held or reset.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: conn-hold.py PORT
# Connects to 127.0.0.1:PORT as each stdin line says, one connection after
# the other (each connect() completes before the next starts):
#   reset N   N connections, each closed with SO_LINGER (1, 0) right after
#             connecting, which sends RST: prints "local TUPLE" for each,
#             then "reset N"
#   open N    N more connections, held open -> "opened N"
#   close K   closes the K oldest held connections normally (FIN)
#             -> "closed K"
# The peer exits at the end of stdin (its sockets close with it).

import struct
import sys
from socket import AF_INET, SO_LINGER, SOCK_STREAM, SOL_SOCKET, socket

port = int(sys.argv[1])
held = []


def connect():
    s = socket(AF_INET, SOCK_STREAM)
    s.connect(("127.0.0.1", port))
    return s


for line in sys.stdin:
    words = line.split()
    if len(words) != 2:
        continue
    command, n = words[0], int(words[1])
    if command == "reset":
        for _ in range(n):
            s = connect()
            s.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack("ii", 1, 0))
            print("local", s.getsockname(), flush=True)
            s.close()
        print("reset", n, flush=True)
    elif command == "open":
        for _ in range(n):
            held.append(connect())
        print("opened", n, flush=True)
    elif command == "close":
        for s in held[:n]:
            s.close()
        del held[:n]
        print("closed", n, flush=True)
