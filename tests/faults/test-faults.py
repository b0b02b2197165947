# test-faults.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The fault matrix: the real window (tests/e2e's harness: private Xvfb,
# session and accessibility bus, AT-SPI) against peers that misbehave.
# One case per TAP test point, each independent of the others' outcome:
#
#   resets      200 connections reset (SO_LINGER 0) right after connecting,
#               each row with its peer's address (the address from accept4())
#   clients     2,000 clients connecting at once, 13 bytes each, then FIN
#   slowloris   500 HTTP requests trickled a byte at a time, Auto-respond on
#   stream      a 1 GiB stream into the server pane (recv 1024, spilling)
#   killed      a peer SIGKILLed mid-transfer (FIN path, exact), and one
#               killed with unread bytes (RST path)
#   disk        the disk budget reached: reading stops, Clear Log resumes it,
#               every byte of the stream arrives (GSettings disk-budget)
#   fd-limit    the app under prlimit --nofile=256:256: EMFILE, one counted
#               log row, "Out of descriptors", finished connections closed
#               oldest first until accepting works; Close After Empty Read
#
# After each case: the window still answers (an AT-SPI round trip: read the
# Accept queue label, toggle the message's Hex switch on and off, within
# ANSWER_BOUND seconds), and every byte is accounted for, with two
# witnesses: the window's Connections rows ("N B in", "N B out", exact) for
# the connections it shows, and the kernel for every connection (ss over
# sock_diag on the listening port: TCP_INFO bytes_received of each of the
# app's sockets equals what its peer sent, and its receive queue is empty,
# so the app has read every byte).  The peak resident memory of each case is
# VmHWM, reset before the case through /proc/PID/clear_refs (to the resident
# size then: after the stream, the capture's memory stays).  A table of the
# cases closes the output (as TAP comments); a case's time leaves out the
# restart that sets the disk and fd-limit cases up.
#
# The resets, disk and fd-limit cases need the accepted address, the disk
# budget and the descriptor handling of #11 (branches s7-h4, s7-h3, s7-h4):
# without them they fail, never skip.
#
# argv: SOCKBENCH BUILD_ROOT SOURCE_ROOT (as the e2e tests).
# Environment: SB_FAULTS_STREAM_MIB (1024), SB_FAULTS_ONLY (comma-separated
# case names), SB_FAULTS_ANSWER_BOUND (seconds, 10).

import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import sbharness                       # noqa: E402
from sbharness import check, one_line  # noqa: E402
from sbtree import StepFailed          # noqa: E402
import faultprobe as probe             # noqa: E402

sbharness.OVERALL_TIMEOUT = 1700.0

MIB = 1024 * 1024
N_RESETS = 200
N_CLIENTS = 2000
N_SLOW = 500
STREAM_BYTES = int(os.environ.get("SB_FAULTS_STREAM_MIB", "1024")) * MIB
ANSWER_BOUND = float(os.environ.get("SB_FAULTS_ANSWER_BOUND", "10"))
ONLY = [c for c in os.environ.get("SB_FAULTS_ONLY", "").split(",") if c]
MEMORY_BUDGET = 160 * MIB      # the schema's default memory-budget
# The disk case: a small capture so that a short stream fills it.
DISK_MEMORY_BUDGET = 16 * MIB
DISK_BUDGET = 32 * MIB
DISK_STREAM = 128 * MIB
FD_LIMIT = 256
SETTINGS_GROUP = "org/sockbench/Sockbench"
PEER = os.path.join(HERE, "faultpeer.py")

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port], independent_steps=True,
                      settings_backend="keyfile", name="test-faults")
results = []
peer_procs = []


def tuple_of(peer_port):
    return "('127.0.0.1', %d)" % peer_port


# ---- settings, peers -----------------------------------------------------------

def keyfile_path():
    return os.path.join(h._tmp, "config", "glib-2.0", "settings", "keyfile")


def write_settings(values, remove=()):
    """Set keys of the application's keyfile (GVariant text values); the
    running application's keyfile backend notices the change."""
    path = keyfile_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    groups, order = {}, []
    current = None
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                m = re.match(r"^\[(.*)\]$", line)
                if m:
                    current = m.group(1)
                    if current not in groups:
                        groups[current] = {}
                        order.append(current)
                elif current is not None and "=" in line:
                    k, v = line.split("=", 1)
                    groups[current][k.strip()] = v.strip()
    if SETTINGS_GROUP not in groups:
        groups[SETTINGS_GROUP] = {}
        order.append(SETTINGS_GROUP)
    groups[SETTINGS_GROUP].update(values)
    for k in remove:
        groups[SETTINGS_GROUP].pop(k, None)
    tmp = path + ".new"
    with open(tmp, "w") as f:
        for g in order:
            f.write("[%s]\n" % g)
            for k, v in groups[g].items():
                f.write("%s=%s\n" % (k, v))
            f.write("\n")
    os.rename(tmp, path)


class StreamPeer:
    """faultpeer.py in a process of its own; its report lines read by a thread."""

    def __init__(self, nbytes, rate=0):
        self.proc = subprocess.Popen([sys.executable, PEER, str(port), str(nbytes), str(rate)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        peer_procs.append(self.proc)
        self.sent = 0
        self.done = False
        self.local = None
        self.lines = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        self.local = h.wait_until(lambda: self.local, "the peer's connection", timeout=30)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip())
            parts = line.split()
            if len(parts) == 2 and parts[0] == "local":
                self.local = int(parts[1])
            elif len(parts) == 2 and parts[0] == "sent":
                self.sent = int(parts[1])
            elif len(parts) == 2 and parts[0] == "done":
                self.sent = int(parts[1])
                self.done = True

    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        self.proc.kill()
        self.proc.wait(timeout=10)
        self._thread.join(timeout=5)

    def finish(self):
        """Let it close its socket and exit."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def end_peer_procs():
    for p in peer_procs:
        if p.poll() is None:
            p.kill()


h.add_cleanup(end_peer_procs)


def close_all(socks, reset=False):
    for s in socks:
        try:
            if reset:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        except OSError:
            pass


def connect_many(n, payload=None):
    """n non-blocking connects at once; returns the sockets once every one
    has completed (each then sends payload(i) if given)."""
    socks = []
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex(("127.0.0.1", port))
        check(err in (0, 115), "connect() failed at once: errno %d" % err)   # EINPROGRESS
        socks.append(s)
    pending = {s.fileno(): s for s in socks}
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLOUT)
    deadline = time.monotonic() + 120
    while pending and time.monotonic() < deadline:
        for fd, ev in poller.poll(500):
            s = pending.pop(fd, None)
            if s is None:
                continue
            poller.unregister(fd)
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            check(err == 0, "a connection failed: %s" % os.strerror(err))
    check(not pending, "%d of %d connections did not complete in 120 s" % (len(pending), n))
    if payload is not None:
        for i, s in enumerate(socks):
            data = payload(i)
            check(s.send(data) == len(data), "a peer could not send %d bytes at once" % len(data))
    return socks


# ---- the window and the kernel -------------------------------------------------------

def app_pid():
    return h.app_proc.pid


def listener():
    lst, _ = probe.sockets(port)
    check(lst is not None, "the application is not listening on %d" % port)
    return lst


def wait_queue_empty(what, timeout=60):
    h.wait_until(lambda: listener().recv_q == 0, "the accept queue to drain (%s)" % what,
                 timeout=timeout)


# ---- the window, read without walking its lists --------------------------------
#
# GTK 4.8's list views keep about 200 rows realized and on the accessibility
# bus: once the Connections list or the Event log is long, walking the
# window's tree (the harness's find()) reads every one of them, 15 to 40 s
# a lookup on this machine.  The controls are found once per application
# process with walks that do not enter lists, and rows are read newest
# first, from the end of the list, stopping at the row wanted.

LIST_ROLES = ("list", "list box", "table", "tree table", "tree")
LABEL_ROLES = ("label", "static", "heading")
_controls = {}


def walk_pruned(acc, depth=0):
    """acc and its descendants, without entering lists."""
    yield acc
    if depth >= 60 or (depth > 0 and h.role(acc) in LIST_ROLES):
        return
    for c in h.children(acc):
        yield from walk_pruned(c, depth + 1)


def find_pruned(scope, name, roles=None):
    """The first showing accessible named name in scope (outside lists), of
    one of roles, or without roles any but a label."""
    for acc in walk_pruned(h._fresh(scope)):
        if acc is scope or h.name(acc) != name:
            continue
        r = h.role(acc)
        if (r not in roles) if roles else (r in LABEL_ROLES):
            continue
        if h.showing(acc):
            return acc
    return None


def wait_pruned(scope, name, roles=None, timeout=60):
    return h.wait_until(lambda: find_pruned(scope, name, roles), "%r" % name, timeout=timeout)


def controls():
    """The Server pane's controls, found once per application process."""
    pid = app_pid()
    if _controls.get("pid") != pid:
        _controls.clear()
        server = h.wait_until(
            lambda: next((a for a in walk_pruned(h._fresh(h.window))
                          if h.name(a) == "Server" and h.role(a) not in LABEL_ROLES + (
                              "push button", "toggle button", "page tab")
                          and h.children(a)), None),
            "the Server pane", timeout=60)
        _controls.update(
            pid=pid, server=server,
            accept_label=wait_pruned(server, "Accept queue", LABEL_ROLES),
            hex=wait_pruned(server, "Hex"),
            message=wait_pruned(server, "Message", ("text", "entry", "editbar")),
            send=wait_pruned(server, "Send", ("push button",)),
            auto_respond=wait_pruned(server, "Auto-respond"),
            connections=wait_pruned(server, "Connections", LIST_ROLES),
            log=wait_pruned(h.window, "Event log", LIST_ROLES))
    return _controls


def window_answers(notes, when="after"):
    """An AT-SPI round trip answered within ANSWER_BOUND: read the Accept
    queue label's text, toggle the message's Hex switch on and off (each
    waited for until the window reports the new state)."""
    c = controls()
    t0 = time.monotonic()
    try:
        text = h.wait_until(lambda: h.text_of(c["accept_label"]), "the Accept queue label's text",
                            timeout=ANSWER_BOUND)
        check(text.startswith("Accept queue"), "the Accept queue label reads %r" % text)
        h.toggle(c["hex"], True, timeout=ANSWER_BOUND)
        h.toggle(c["hex"], False, timeout=ANSWER_BOUND)
    except StepFailed as e:
        raise StepFailed("the window did not answer %s: %s" % (when, e))
    took = time.monotonic() - t0
    check(took <= ANSWER_BOUND, "the window took %.1f s to answer %s (bound %g s)"
          % (took, when, ANSWER_BOUND))
    notes.append("answers %s %.2f s" % (when, took))
    return took


def newest_rows(limit=None, stop=None):
    """[(accessible, text)] of the Connections rows, newest first: at most
    limit, or until stop(text) is true."""
    lst = h._fresh(controls()["connections"])
    out = []
    try:
        n = lst.childCount
    except Exception:
        return out
    for i in range(n - 1, -1, -1):
        try:
            row = lst.getChildAtIndex(i)
        except Exception:
            continue
        if row is None or h.role(row) == "scroll bar":
            continue
        text = h.labels_text(row)
        if not text:
            continue
        out.append((row, text))
        if (limit and len(out) >= limit) or (stop and stop(text)):
            break
    return out


def newest_row_texts(limit=20):
    return [t for _, t in newest_rows(limit)]


def connection_row(peer_port, *parts, timeout=30, item=False):
    """The text of the Connections row of peer_port once it has every part."""
    tup = tuple_of(peer_port)
    state = {}

    def look():
        rows = newest_rows(stop=lambda t: tup in t)
        if rows and tup in rows[-1][1]:
            state["last"] = rows[-1][1]
            if all(p in rows[-1][1] for p in parts):
                return rows[-1] if item else rows[-1][1]
        return None
    try:
        return h.wait_until(look, "a Connections row with %s %s" % (tup, " ".join(parts)),
                            timeout=timeout)
    except StepFailed as e:
        if "last" in state:
            raise StepFailed("%s; the row reads %r" % (e, state["last"]))
        raise StepFailed("%s; no row has the tuple, the newest read: %s"
                         % (e, " | ".join(newest_row_texts(3))))


def select_connection(peer_port):
    row, _ = connection_row(peer_port, item=True)
    lst = controls()["connections"]
    index = row.getIndexInParent()
    check(lst.querySelection().selectChild(index), "could not select the row of %s"
          % tuple_of(peer_port))
    h.wait_until(lambda: lst.querySelection().isChildSelected(index),
                 "the row of %s to be selected" % tuple_of(peer_port))


def row_bytes_in(row):
    m = re.search(r"\b(\d+) B in\b", row)
    check(m, "no 'N B in' in the row %r" % row)
    return int(m.group(1))


def row_bytes_out(row):
    m = re.search(r"\b(\d+) B out\b", row)
    check(m, "no 'N B out' in the row %r" % row)
    return int(m.group(1))


def window_labels():
    """The texts of the labels showing outside the lists (toasts included)."""
    out = []
    for acc in walk_pruned(h._fresh(h.window)):
        if h.role(acc) in LABEL_ROLES and h.showing(acc):
            t = h.text_of(acc) or h.name(acc)
            if t:
                out.append(t)
    return out


def log_rows(limit=60):
    """The Event log's rows on the bus, newest last (each row is a label
    named by its text), at most the newest limit."""
    lst = h._fresh(controls()["log"])
    out = []
    n = lst.childCount
    for i in range(n - 1, max(-1, n - 1 - limit), -1):
        item = lst.getChildAtIndex(i)
        if item is None:
            continue
        for acc in [item] + h.children(item):
            if h.role(acc) in LABEL_ROLES and h.name(acc):
                out.append(h.name(acc))
                break
    return list(reversed(out))


def app_conn(peer_port):
    """The app's side of the connection from peer_port, as the kernel sees it."""
    return probe.by_peer(probe.sockets(port)[1], [peer_port]).get(peer_port)


def kernel_read_all(peer_sent, what, timeout=60, states=None):
    """Every peer's bytes reached the app's socket (TCP_INFO) and the app
    read them (an empty receive queue).  peer_sent: {peer port: bytes}."""
    state = {}

    def settled():
        _, conns = probe.sockets(port)
        mine = probe.by_peer(conns, peer_sent)
        state["mine"] = mine
        if len(mine) != len(peer_sent):
            return False
        for p, n in peer_sent.items():
            c = mine[p]
            if c.recv_q != 0 or c.data_received != n:
                return False
            if states is not None and c.state not in states:
                return False
        return True
    try:
        h.wait_until(settled, what, timeout=timeout)
    except StepFailed:
        mine = state.get("mine", {})
        missing = len(peer_sent) - len(mine)
        unread = [c for c in mine.values() if c.recv_q]
        wrong = [(p, c) for p, c in mine.items() if c.data_received != peer_sent[p]]
        raise StepFailed("%s: %d connections missing on the app's side, %d with unread bytes "
                         "(%d bytes), %d whose kernel count differs from the peer's (first: %r)"
                         % (what, missing, len(unread), sum(c.recv_q for c in unread),
                            len(wrong), wrong[:3]))
    return state["mine"]


# ---- cases -------------------------------------------------------------------

def case(name, description, setup=None):
    """Register a case as a TAP step that records a row of the table; setup
    (a restart with other settings) runs before the clock and the peak
    memory start."""
    def register(fn):
        if ONLY and name not in ONLY:
            return fn

        @h.step("%s: %s" % (name, description))
        def run():
            notes = []
            status = "FAIL"
            reset = False
            t0 = time.monotonic()
            try:
                if setup is not None:
                    setup()
                window_answers(notes, "before")
                reset = probe.reset_hwm(app_pid())
                t0 = time.monotonic()
                fn(notes)
                status = "pass"
            except Exception as e:
                notes.insert(0, "FAILED: " + one_line(e)[:160])
                raise
            finally:
                took = time.monotonic() - t0
                try:
                    hwm = probe.vm_hwm_kib(app_pid()) / 1024.0
                except (OSError, AttributeError):
                    hwm = None
                results.append({"case": name, "result": status, "time": took, "hwm": hwm,
                                "hwm_reset": reset, "notes": "; ".join(notes)})
        return fn
    return register


def readable(socks):
    """The sockets with something to read (or an end) right now."""
    poller = select.poll()
    by_fd = {s.fileno(): s for s in socks}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    return [by_fd[fd] for fd, _ in poller.poll(0)]


@case("resets", "200 connections reset right after connecting: every one accepted with its "
      "address , no '?' toast, the window answers")
def _(notes):
    pid = app_pid()
    fd0 = probe.fd_count(pid)
    ports = []
    for _ in range(N_RESETS):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        ports.append(s.getsockname()[1])
        close_all([s], reset=True)
    wait_queue_empty("200 resets")
    # Each reset connection is a row in state "peer left" with its address.
    last = ports[-1]
    connection_row(last, "peer left", "0 B in")
    ours = set(ports)
    for row in newest_row_texts(20):
        m = re.search(r"\('127\.0\.0\.1', (\d+)\)", row)
        check(m and int(m.group(1)) in ours, "a Connections row without one of our addresses: %r" % row)
    bad = [t for t in window_labels() if t.startswith("?") or "?:" in t]
    check(not bad, "labels with an unknown address: %r" % bad[:3])
    fds = probe.fd_count(pid)
    check(fds <= fd0 + N_RESETS, "the app holds %d descriptors more than before for %d connections"
          % (fds - fd0, N_RESETS))
    notes.append("%d accepted (queue empty), +%d fds" % (N_RESETS, fds - fd0))
    window_answers(notes)


@case("clients", "2,000 clients at once, 13 bytes each then FIN: all accepted, every byte read, "
      "the window answers")
def _(notes):
    t0 = time.monotonic()
    socks = connect_many(N_CLIENTS, payload=lambda i: b"client %05d\n" % i)
    try:
        sent = {s.getsockname()[1]: 13 for s in socks}
        wait_queue_empty("2,000 clients", timeout=120)
        kernel_read_all(sent, "2,000 clients' 13 bytes read by the app", timeout=120)
        accepted = time.monotonic() - t0
        # The list must have caught up with this case's connections before
        # its newest rows are read: until then they are the resets case's,
        # and the kernel hands a reset connection's port out again, so such
        # a row ("peer left, 0 B in") can carry one of our tuples.
        connection_row(socks[-1].getsockname()[1], "13 B in", timeout=60)
        for row in newest_row_texts(20):
            m = re.search(r"\('127\.0\.0\.1', (\d+)\)", row)
            if m and int(m.group(1)) in sent:
                check(row_bytes_in(row) == 13, "a row reads %r, its peer sent 13 bytes" % row)
        window_answers(notes, "with 2,000 open")
    finally:
        close_all(socks)
    kernel_read_all(sent, "the 2,000 empty reads", timeout=120, states=("CLOSE-WAIT",))
    h.wait_until(lambda: any("peer closed" in r for r in newest_row_texts(5)),
                 "a Connections row in state peer closed")
    notes.append("2000 accepted and read in %.1f s" % accepted)
    window_answers(notes)


SLOW_HEAD = (b"GET /slowloris HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: faults\r\n"
             b"X-Slow: " + b"z" * 24)


def read_reply(socks, timeout=60):
    """Each socket's bytes until its HTTP reply is complete (Content-Length)
    or the empty read."""
    got = {s: b"" for s in socks}
    done = set()
    deadline = time.monotonic() + timeout
    poller = select.poll()
    by_fd = {s.fileno(): s for s in socks}
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    while len(done) < len(socks) and time.monotonic() < deadline:
        for fd, ev in poller.poll(500):
            s = by_fd[fd]
            try:
                chunk = s.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionError:
                chunk = b""
            got[s] += chunk
            data = got[s]
            complete = not chunk
            head_end = data.find(b"\r\n\r\n")
            if head_end >= 0:
                m = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", data[:head_end + 2])
                if m and len(data) >= head_end + 4 + int(m.group(1)):
                    complete = True
            if complete:
                done.add(s)
                poller.unregister(fd)
    return got, len(done)


@case("slowloris", "500 HTTP requests trickled a byte at a time with Auto-respond on: the "
      "window answers during it, every byte read, every reply whole")
def _(notes):
    h.toggle(controls()["auto_respond"], True)
    socks = []
    try:
        socks = connect_many(N_SLOW)
        for s in socks:
            s.setblocking(True)
        sent = {s.getsockname()[1]: 0 for s in socks}
        during = []
        for i in range(len(SLOW_HEAD)):
            round_start = time.monotonic()
            for s in socks:
                s.send(SLOW_HEAD[i:i + 1])
                sent[s.getsockname()[1]] += 1
            if i in (len(SLOW_HEAD) // 3, 2 * len(SLOW_HEAD) // 3):
                during.append(window_answers([], "during the trickle"))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - round_start)))
        notes.append("answers during %s s" % "/".join("%.2f" % d for d in during))
        kernel_read_all(sent, "the trickled bytes read by the app", timeout=60)
        for s in socks:
            s.setblocking(False)
        early = readable(socks)
        check(not early, "%d peers got a reply before their request head was complete" % len(early))
        for s in socks:
            s.send(b"\r\n\r\n")
        got, complete = read_reply(socks)
        check(complete == len(socks), "%d of %d replies complete" % (complete, len(socks)))
        sizes = {len(v) for v in got.values()}
        starts = {v[:9] for v in got.values()}
        check(len(sizes) == 1 and starts <= {b"HTTP/1.0 ", b"HTTP/1.1 "},
              "the replies differ: sizes %r, starts %r" % (sorted(sizes)[:5], starts))
        reply_len = sizes.pop()
        head_len = len(SLOW_HEAD) + 4
        last = socks[-1].getsockname()[1]
        # The window's counters for the connections it shows.
        row = connection_row(last, "%d B in" % head_len, "%d B out" % reply_len)
        for row in newest_row_texts(20):
            m = re.search(r"\('127\.0\.0\.1', (\d+)\)", row)
            if m and int(m.group(1)) in sent:
                check(row_bytes_in(row) == head_len and row_bytes_out(row) == reply_len,
                      "a row reads %r; its peer sent %d and received %d bytes"
                      % (row, head_len, reply_len))
        notes.append("%d x (%d B in, %d B out)" % (len(socks), head_len, reply_len))
    finally:
        close_all(socks)
        h.toggle(controls()["auto_respond"], False)
    window_answers(notes)


@case("stream", "a 1 GiB stream: every byte counted in the window and by the kernel, peak RSS "
      "within the memory budget")
def _(notes):
    rss0 = probe.vm_rss_kib(app_pid()) * 1024
    t0 = time.monotonic()
    peer = StreamPeer(STREAM_BYTES)
    try:
        h.wait_until(lambda: peer.done or not peer.alive(), "the peer to send %d bytes (sent %d)"
                     % (STREAM_BYTES, peer.sent), timeout=900, interval=1)
        check(peer.done and peer.sent == STREAM_BYTES, "the peer stopped at %d bytes: %r"
              % (peer.sent, peer.lines[-3:]))
        connection_row(peer.local, "%d B in" % STREAM_BYTES, "peer closed", timeout=300)
        took = time.monotonic() - t0
        kernel_read_all({peer.local: STREAM_BYTES}, "1 GiB read by the app", timeout=30)
        notes.append("%.0f MB/s into the window" % (STREAM_BYTES / took / 1e6))
        # The capture keeps at most memory-budget (160 MiB by default) in
        # memory, records included; the rest spills to the cache folder.
        hwm = probe.vm_hwm_kib(app_pid()) * 1024
        bound = rss0 + MEMORY_BUDGET + 96 * MIB
        check(hwm < bound, "peak RSS %.0f MiB, over %.0f MiB at the start + the memory budget "
              "%.0f MiB + 96 MiB" % (hwm / MIB, rss0 / MIB, MEMORY_BUDGET / MIB))
        window_answers(notes)
    finally:
        peer.finish()


@case("killed", "peers SIGKILLed mid-transfer: FIN path every byte in the window equals the "
      "kernel's count; RST path shown as peer left")
def _(notes):
    peer = StreamPeer(64 * 1024 * MIB)
    h.wait_until(lambda: peer.sent >= 64 * MIB, "the peer to send 64 MiB", timeout=300, interval=0.2)
    reported = peer.sent
    peer.kill()
    # Its kernel still sends what it had queued, then the FIN.
    def read_to_the_end():
        c = app_conn(peer.local)
        return c if c is not None and c.state == "CLOSE-WAIT" and c.recv_q == 0 else None
    conn = h.wait_until(read_to_the_end, "the app to read to the end of the killed peer's stream",
                        timeout=120)
    connection_row(peer.local, "peer closed", "%d B in" % conn.data_received, timeout=60)
    check(conn.data_received >= reported, "the kernel counted %d bytes, the peer had sent %d"
          % (conn.data_received, reported))
    notes.append("FIN: %d B in = kernel, >= %d reported" % (conn.data_received, reported))

    # Killed with bytes it never read: its kernel answers with a reset.
    peer2 = StreamPeer(64 * 1024 * MIB, rate=16 * MIB)
    connection_row(peer2.local, "connected")
    select_connection(peer2.local)
    h.set_text(controls()["message"], "unread")
    h.click(controls()["send"])
    connection_row(peer2.local, "6 B out")
    h.wait_until(lambda: peer2.sent >= 16 * MIB, "the second peer to send 16 MiB", timeout=300,
                 interval=0.2)
    reported2 = peer2.sent
    peer2.kill()
    row2 = connection_row(peer2.local, "peer left", timeout=60)
    got2 = row_bytes_in(row2)
    # What was in flight at the reset is the kernel's to drop: no exact
    # figure, but never more than the peer sent (it reports every MiB).
    check(0 < got2 <= reported2 + MIB + 64 * 1024,
          "after the reset the window shows %d B in, the peer had sent %d" % (got2, reported2))
    notes.append("RST: peer left, %d B in (peer reported %d; in flight at the reset: the "
                 "kernel's to drop)" % (got2, reported2))
    window_answers(notes)


def find_button(name, timeout=10):
    return wait_pruned(h.window, name, ("push button",), timeout=timeout)


def capture_full_label():
    return find_pruned(h.window, "Capture full", LABEL_ROLES + ("text",))


def disk_setup():
    restart_with({"memory-budget": str(DISK_MEMORY_BUDGET), "disk-budget": str(DISK_BUDGET),
                  "capture-full-action": "'stop'"})


@case("disk", "the disk budget reached: reading stops, Clear Log resumes it, every byte of the "
      "stream received", setup=disk_setup)
def _(notes):
    peer = StreamPeer(DISK_STREAM)
    clears = 0
    try:
        h.wait_until(lambda: capture_full_label() is not None or peer.done or not peer.alive(),
                     "the Capture full message (disk-budget %d, memory-budget %d, a %d-byte "
                     "stream)" % (DISK_BUDGET, DISK_MEMORY_BUDGET, DISK_STREAM), timeout=120)
        label = capture_full_label()
        check(label is not None, "no Capture full message, and the peer sent all %d bytes "
              "(reading never stopped)" % peer.sent)
        notes.append("full: %r" % one_line(h.text_of(label))[:90])
        # Reading has stopped: the counter stays, the kernel holds the rest.
        row1 = connection_row(peer.local, "B in")
        time.sleep(2)
        row2 = connection_row(peer.local, "B in")
        check(row_bytes_in(row1) == row_bytes_in(row2),
              "the window still reads while full: %d then %d B in"
              % (row_bytes_in(row1), row_bytes_in(row2)))
        conn = app_conn(peer.local)
        check(conn is not None, "the app's side of the connection is gone")
        check(conn.recv_q > 0, "nothing waits in the kernel while the capture is full")
        check(not peer.done, "the peer finished its stream although the capture is full")
        notes.append("stopped at %d B in, %d waiting in the kernel" % (row_bytes_in(row2),
                                                                       conn.recv_q))
        window_answers(notes, "while full")
        # Clear Log, as often as the capture fills again; each time
        # reading must resume (the counter moves on).
        while True:
            before = row_bytes_in(connection_row(peer.local, "B in"))
            h.click(find_button("Clear Log"))
            clears += 1
            h.wait_until(lambda: peer.done or row_bytes_in(connection_row(peer.local, "B in"))
                         > before, "reading to resume after Clear Log (%d B in)" % before,
                         timeout=30)
            h.wait_until(lambda: peer.done or capture_full_label() is not None,
                         "the stream to end or the capture to fill again", timeout=300,
                         interval=0.5)
            if peer.done or clears >= 8:
                break
        check(peer.done and peer.sent == DISK_STREAM, "the peer sent %d of %d bytes after %d "
              "clears" % (peer.sent, DISK_STREAM, clears))
        connection_row(peer.local, "%d B in" % DISK_STREAM, timeout=120)
        kernel_read_all({peer.local: DISK_STREAM}, "the stream read to its end", timeout=30)
        notes.append("%d clears, all %d bytes in" % (clears, DISK_STREAM))
        window_answers(notes)
    finally:
        peer.finish()


def out_of_descriptors_label():
    return find_pruned(controls()["server"], "Out of descriptors", LABEL_ROLES + ("text",))


def log_rows_with(text, limit=60):
    return [r for r in log_rows(limit) if text in r]


def fd_setup():
    os.environ["SB_E2E_WRAPPER"] = "prlimit --nofile=%d:%d" % (FD_LIMIT, FD_LIMIT)
    try:
        restart_with({"close-after-empty-read": "false"},
                     remove=("memory-budget", "disk-budget", "capture-full-action"))
    finally:
        os.environ.pop("SB_E2E_WRAPPER", None)


@case("fd-limit", "the fd limit (prlimit 256) reached and recovered: one counted EMFILE row, "
      "Out of descriptors, finished connections closed oldest first",
      setup=fd_setup)
def _(notes):
    pid = app_pid()
    check(probe.nofile_limit(pid) == (FD_LIMIT, FD_LIMIT),
          "the app's descriptor limits are %r" % (probe.nofile_limit(pid),))
    fd0 = probe.fd_count(pid)
    room = FD_LIMIT - fd0
    n = room + 40
    # The peers send only once the limit is reached, so that the log's
    # newest rows are the accepts and the EMFILE row.
    socks = connect_many(n)
    sent = {s.getsockname()[1]: 6 for s in socks}
    try:
        label = h.wait_until(out_of_descriptors_label, "the Out of descriptors message "
                             "(%d connections, room for %d)" % (n, room), timeout=60)
        notes.append("%d fds at start, %d peers" % (fd0, n))
        notes.append("%r" % one_line(h.text_of(label))[:80])
        waiting = listener().recv_q
        check(waiting > 0, "no connection waits in the accept queue at the limit")
        check(probe.fd_count(pid) <= FD_LIMIT, "the app holds %d descriptors"
              % probe.fd_count(pid))
        time.sleep(3)
        emfile = log_rows_with("EMFILE", limit=120)
        check(len(emfile) == 1, "%d of the newest log rows say EMFILE after 3 s at the limit: %r"
              % (len(emfile), emfile[:4]))
        notes.append("at the limit: %d waiting, log row %r" % (waiting, one_line(emfile[0])[:60]))
        for i, s in enumerate(socks):
            s.send(b"fd%04d" % i)
        window_answers(notes, "at the limit")
        # 100 peers close normally: their connections are finished both
        # ways, and the app closes them, oldest first, to accept the rest.
        first = socks[:100]
        close_all(first)
        wait_queue_empty("after 100 peers closed", timeout=60)
        h.wait_until(lambda: out_of_descriptors_label() is None,
                     "the Out of descriptors message to go", timeout=30)
        still = {s.getsockname()[1]: 6 for s in socks[100:]}
        kernel_read_all(still, "every open peer's 6 bytes read", timeout=60, states=("ESTAB",))
        _, conns = probe.sockets(port)
        closed_ports = [s_port for s_port in sent][:100]
        left = probe.by_peer(conns, closed_ports)
        for c in left.values():
            check(c.state == "CLOSE-WAIT" and c.recv_q == 0 and c.data_received == 6,
                  "a closed peer's connection on the app's side: %r" % c)
        # Oldest first: the ones the app closed are the first accepted (the
        # accept queue is first in, first out; the peers connected in order).
        by_app = [p for p in closed_ports if p not in left]
        check(by_app and by_app == closed_ports[:len(by_app)],
              "the app closed %d finished connections, not the oldest first: positions %r"
              % (len(by_app), [closed_ports.index(p) for p in by_app][:12]))
        notes.append("recovered: %d closed by the app, %d still CLOSE-WAIT"
                     % (100 - len(left), len(left)))
        extra = socket.create_connection(("127.0.0.1", port), timeout=10)
        socks.append(extra)
        connection_row(extra.getsockname()[1], "connected")
        # Close After Empty Read: the rest are closed as their peers close.
        switch = wait_pruned(controls()["server"], "Close After Empty Read", timeout=10)
        h.toggle(switch, True)
        rest = socks[100:]
        rest_ports = [s.getsockname()[1] for s in rest]
        close_all(rest)
        socks = []
        h.wait_until(lambda: not [c for c in probe.by_peer(probe.sockets(port)[1], rest_ports).values()
                                  if c.state == "CLOSE-WAIT"],
                     "no CLOSE-WAIT left with Close After Empty Read", timeout=60)
        notes.append("fds %d after all closed" % probe.fd_count(pid))
        window_answers(notes)
    finally:
        close_all(socks)


def restart_with(values, remove=()):
    """Write settings and restart the application with them (the keyfile
    is written while it runs; it quits and starts again, as a user does)."""
    write_settings(values, remove)
    time.sleep(1)
    h.restart_app(timeout=120)


def print_table():
    load = open("/proc/loadavg").read().split()[:3]
    try:
        build = subprocess.run(["git", "-C", h.source_root or HERE, "log", "-1",
                                "--format=%h %s"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, timeout=10).stdout.strip()
    except Exception:
        build = "?"
    h.diag("")
    h.diag("fault matrix against %s (build %s), load average %s, %d cores"
           % (h.app_path, build[:70], " ".join(load), os.cpu_count() or 0))
    h.diag("%-10s %-6s %8s %10s  %s" % ("case", "result", "time s", "peak RSS", "notes"))
    for r in results:
        hwm = "%.0f MiB" % r["hwm"] if r["hwm"] is not None else "?"
        if not r["hwm_reset"]:
            hwm += "*"
        h.diag("%-10s %-6s %8.1f %10s  %s" % (r["case"], r["result"], r["time"], hwm, r["notes"]))
    if any(not r["hwm_reset"] for r in results):
        h.diag("* VmHWM could not be reset (clear_refs): the peak since the application started")


if __name__ == "__main__":
    os.environ["XDG_CACHE_HOME"] = os.path.join(h._tmp, "cache")
    write_settings({"backlog": "4096"})
    status = h.run()
    print_table()
    sys.exit(status)
