# exercise-client.py: the client of Exercise 1.2, as a student types it.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: exercise-client.py HOST PORT [MESSAGE]
# Connects, prints its own address as Python prints it, sends MESSAGE
# ("Hello World"), then prints every recv(1024) until the empty read.

import sys
from socket import AF_INET, AF_INET6, SOCK_STREAM, socket

host, port = sys.argv[1], int(sys.argv[2])
message = sys.argv[3].encode() if len(sys.argv) > 3 else b"Hello World"

s = socket(AF_INET6 if ":" in host else AF_INET, SOCK_STREAM)
s.connect((host, port))
print("local", s.getsockname())
print("sent", s.send(message))
while True:
    chunk = s.recv(1024)
    print("recv", chunk)
    if not chunk:
        break
s.close()
