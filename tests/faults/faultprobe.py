# faultprobe.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the kernel says about the application under test, as the second
# witness of the fault matrix: its sockets on the listening port with the
# kernel's own byte counts (ss, from iproute2, over sock_diag: TCP_INFO's
# bytes_received and bytes_acked, the receive and send queues), and its
# process figures from /proc (peak resident memory, descriptors).

import os
import re
import subprocess

# States in which the peer's FIN has arrived: TCP_INFO's bytes_received
# then counts it as one byte more than the data.
_FIN_RECEIVED = ("CLOSE-WAIT", "LAST-ACK", "CLOSING", "TIME-WAIT")


class Conn:
    """One of the application's connections as ss shows it."""

    def __init__(self, state, recv_q, send_q, local, peer):
        self.state = state
        self.recv_q = recv_q        # bytes the kernel holds that the app has not read
        self.send_q = send_q        # bytes the app sent that the peer has not acknowledged
        self.local_port = int(local.rsplit(":", 1)[1])
        self.peer_port = int(peer.rsplit(":", 1)[1]) if peer.rsplit(":", 1)[1] != "*" else 0
        self.bytes_received = 0     # TCP_INFO, the FIN included
        self.bytes_acked = 0

    @property
    def data_received(self):
        """The data bytes the kernel received from the peer (without the FIN)."""
        fin = 1 if self.state in _FIN_RECEIVED and self.bytes_received > 0 else 0
        return self.bytes_received - fin

    @property
    def data_acked(self):
        """The data bytes the application sent that the peer's kernel acknowledged."""
        # In FIN-WAIT-2 the application's own FIN is acknowledged too.
        if self.state == "FIN-WAIT-2" and self.bytes_acked > 0:
            return self.bytes_acked - 1
        return self.bytes_acked

    def __repr__(self):
        return "<%s q=%d/%d peer=%d in=%d acked=%d>" % (self.state, self.recv_q, self.send_q,
                                                         self.peer_port, self.bytes_received,
                                                         self.bytes_acked)


def sockets(port):
    """(listener or None, [Conn]) for the TCP sockets whose local port is
    port: the application's listener and the connections it accepted (or
    that wait in its accept queue).  The peers' ends are not included."""
    out = subprocess.run(["ss", "-tinH", "state", "all", "sport = :%d" % port],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError("ss failed: %s" % out.stderr.strip())
    listener = None
    conns = []
    last = None
    for line in out.stdout.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t":
            if last is not None:
                for key in ("bytes_received", "bytes_acked"):
                    m = re.search(r"\b%s:(\d+)" % key, line)
                    if m:
                        setattr(last, key, int(m.group(1)))
            continue
        fields = line.split()
        if len(fields) < 5:
            continue
        c = Conn(fields[0], int(fields[1]), int(fields[2]), fields[3], fields[4])
        if c.state in ("LISTEN", "UNCONN"):
            listener = c
        else:
            conns.append(c)
        last = c
    return listener, conns


def by_peer(conns, peer_ports):
    """{peer port: Conn} for the connections whose peer is one of ours
    (a port the kernel gave an earlier peer may come back in TIME-WAIT)."""
    wanted = set(peer_ports)
    return {c.peer_port: c for c in conns if c.peer_port in wanted and c.state != "TIME-WAIT"}


def vm_hwm_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def vm_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def reset_hwm(pid):
    """Start a new peak: writing 5 to clear_refs resets VmHWM to the current
    resident size (Linux 4.0).  False where that is not allowed."""
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def fd_count(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def nofile_limit(pid):
    """(soft, hard) RLIMIT_NOFILE of the process."""
    with open("/proc/%d/limits" % pid) as f:
        for line in f:
            if line.startswith("Max open files"):
                parts = line.split()
                return int(parts[3]), int(parts[4])
    return 0, 0
