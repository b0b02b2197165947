# port-holder.py: holds a port, so that another bind() of it fails.
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: port-holder.py ADDRESS
# Binds ADDRESS on a port the kernel picks, listens and prints "port N";
# closes the socket after a line on stdin and prints "closed"; exits at the
# end of stdin.

import sys
from socket import AF_INET, AF_INET6, SOCK_STREAM, socket

address = sys.argv[1]
s = socket(AF_INET6 if ":" in address else AF_INET, SOCK_STREAM)
s.bind((address, 0))
s.listen(1)
print("port", s.getsockname()[1], flush=True)
sys.stdin.readline()
s.close()
print("closed", flush=True)
sys.stdin.read()
