# reset-server.py: a server that resets the connection it accepts.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: reset-server.py [MESSAGE]
# Binds 127.0.0.1 on a port the kernel picks and prints "port N"; accepts
# one connection, waits for a line on stdin (so that the client has seen
# its connect complete), sends MESSAGE if given, then closes with
# SO_LINGER (1, 0), which sends RST instead of FIN, and prints "reset".

import struct
import sys
from socket import AF_INET, SO_LINGER, SOCK_STREAM, SOL_SOCKET, socket

s = socket(AF_INET, SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen(5)
print("port", s.getsockname()[1])
c, a = s.accept()
print("accepted", a)
sys.stdin.readline()
if len(sys.argv) > 1:
    print("sent", c.send(sys.argv[1].encode()))
c.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack("ii", 1, 0))
c.close()
print("reset")
s.close()
