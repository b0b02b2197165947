# command-peer.py: one TCP connection driven line by line from stdin.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: command-peer.py connect HOST PORT [RCVBUF]
#        command-peer.py listen
# "connect" connects and prints "local TUPLE"; "listen" binds 127.0.0.1 on
# a port the kernel picks, prints "port N", accepts one connection and
# prints "accepted TUPLE".  RCVBUF, if given, is set with SO_RCVBUF before
# connecting.  Then each stdin line "TAG COMMAND [ARG]" runs one call and
# prints "TAG RESULT":
#   send TEXT   sendall(TEXT)          -> "TAG sent N"
#   recv [N]    recv(N, default 65536) -> "TAG b'…'" or "TAG ExceptionName"
#   drain N     recv until N bytes     -> "TAG drained N"
#   shut_wr     shutdown(SHUT_WR)      -> "TAG shut"
#   close       close()                -> "TAG closed"
# The peer exits at the end of stdin.

import sys
from socket import AF_INET, SHUT_WR, SO_RCVBUF, SOCK_STREAM, SOL_SOCKET, socket

if sys.argv[1] == "connect":
    conn = socket(AF_INET, SOCK_STREAM)
    if len(sys.argv) > 4:
        conn.setsockopt(SOL_SOCKET, SO_RCVBUF, int(sys.argv[4]))
    conn.connect((sys.argv[2], int(sys.argv[3])))
    print("local", conn.getsockname(), flush=True)
else:
    server = socket(AF_INET, SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    print("port", server.getsockname()[1], flush=True)
    conn, addr = server.accept()
    server.close()
    print("accepted", addr, flush=True)

for line in sys.stdin:
    words = line.split(None, 2)
    if len(words) < 2:
        continue
    tag, command, arg = words[0], words[1], words[2].rstrip("\n") if len(words) > 2 else ""
    try:
        if command == "send":
            conn.sendall(arg.encode())
            result = "sent %d" % len(arg)
        elif command == "recv":
            result = repr(conn.recv(int(arg) if arg else 65536))
        elif command == "drain":
            total = 0
            while total < int(arg):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                total += len(chunk)
            result = "drained %d" % total
        elif command == "shut_wr":
            conn.shutdown(SHUT_WR)
            result = "shut"
        elif command == "close":
            conn.close()
            result = "closed"
        else:
            result = "unknown command " + command
    except OSError as e:
        result = type(e).__name__
    print(tag, result, flush=True)
