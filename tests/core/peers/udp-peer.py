# udp-peer.py: one UDP socket driven line by line from stdin.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: udp-peer.py HOST
# Binds HOST on a port the kernel picks and prints "local TUPLE" (as Python
# prints the address).  Then each stdin line "TAG COMMAND ARGS" runs one
# call and prints "TAG RESULT":
#   sendto PORT [TEXT]     sendto(TEXT, (HOST, PORT))  -> "TAG sent N"
#   sendsize PORT N        sendto(b'x' * N, …)         -> "TAG sent N"
#   recv N                 recvfrom(N), 10 s timeout   -> "TAG N b'…' ADDR"
#   reply [TEXT]           sendto(TEXT) to the last sender -> "TAG sent N"
#   flood PORT COUNT SIZE  COUNT datagrams of SIZE bytes, as fast as
#                          sendto() goes                -> "TAG sent COUNT"
# The peer exits at the end of stdin.

import sys
from socket import AF_INET, AF_INET6, SOCK_DGRAM, socket

host = sys.argv[1]
s = socket(AF_INET6 if ":" in host else AF_INET, SOCK_DGRAM)
s.bind((host, 0))
s.settimeout(10)
print("local", s.getsockname(), flush=True)
last = None

for line in sys.stdin:
    words = line.rstrip("\n").split(" ", 2)
    if len(words) < 2:
        continue
    tag, command = words[0], words[1]
    rest = words[2] if len(words) > 2 else ""
    # Only sendto's TEXT may hold spaces.
    args = rest.split(" ", 1) if command == "sendto" else rest.split()
    try:
        if command == "sendto":
            data = args[1].encode() if len(args) > 1 else b""
            result = "sent %d" % s.sendto(data, (host, int(args[0])))
        elif command == "sendsize":
            result = "sent %d" % s.sendto(b"x" * int(args[1]), (host, int(args[0])))
        elif command == "recv":
            data, last = s.recvfrom(int(args[0]))
            result = "%d %r %r" % (len(data), data, last)
        elif command == "reply":
            data = rest.encode()
            result = "sent %d" % s.sendto(data, last)
        elif command == "flood":
            port, count, size = int(args[0]), int(args[1]), int(args[2])
            payload = b"f" * size
            for i in range(count):
                s.sendto(payload, (host, port))
            result = "sent %d" % count
        else:
            result = "unknown"
    except OSError as e:
        result = type(e).__name__
    print(tag, result, flush=True)
