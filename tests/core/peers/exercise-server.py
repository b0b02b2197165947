# exercise-server.py: the server of Exercise 1.2, as a student types it.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: exercise-server.py
# Binds 127.0.0.1 on a port the kernel picks and prints "port N"; accepts
# one connection, prints the client's address and what recv(1024) returned,
# sends "Hello Yourself", waits for a line on stdin (so that the client sees
# the two messages as two chunks), sends "Goodbye" and closes.

import sys
from socket import AF_INET, SOCK_STREAM, socket

s = socket(AF_INET, SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen(5)
print("port", s.getsockname()[1])
c, a = s.accept()
print("accepted", a)
print("recv", c.recv(1024))
print("sent", c.send(b"Hello Yourself"))
sys.stdin.readline()
print("sent", c.send(b"Goodbye"))
c.close()
print("closed")
s.close()
