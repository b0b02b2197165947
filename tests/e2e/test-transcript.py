# test-transcript.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Python transcript and Export Python Script.  Exercise 1.2 with the
# server in the window and python3 clients in this process; the transcript
# (Log view > Python) read through the accessibility tree, line by line;
# its selection shared with the list; the server side exported through the
# menu, the side dialog and the file chooser, and re-run against python3
# clients that see the same bytes.  Then the window's client talks to a
# python3 server through "localhost" (::1 refused first): the client side
# exported and re-run against a new python3 server, which receives the same
# bytes.  The server side in C notation too, compiled with cc and re-run.
# Last, an export to a folder that cannot be written.

import atexit
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

import sbdialogs
import sbharness
from sbharness import StepFailed, check, recv_eof, recv_exactly, recv_until_eof, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
peers = {}
tuples = {}
state = {}
out_dir = tempfile.mkdtemp(prefix="sb-transcript-")
atexit.register(shutil.rmtree, out_dir, True)


def close_peers():
    for s in peers.values():
        try:
            s.close()
        except OSError:
            pass


h.add_cleanup(close_peers)


def connect(p):
    return socket.create_connection(("127.0.0.1", p), timeout=10)


def send_from_pane(pane, text):
    h.set_text("Message", text, scope=pane)
    h.click("Send", scope=pane)


LIST_ROLES = ("list", "list box", "table", "tree table", "tree")


def cached(key, make):
    """Finding a control walks the whole window, which is slow on a loaded
    machine: each is found once."""
    if key not in state:
        state[key] = make()
    return state[key]


def view_button(name):
    group = cached("Log view", lambda: h.find(None, "Log view"))
    return cached("view " + name,
                  lambda: h.find(group, name, role=("toggle button", "push button")))


def show_view(name):
    button = view_button(name)
    h.click(button)
    h.wait_until(lambda: h.is_on(button), "the %r view to be on" % name)


def a_list(name):
    return cached(name, lambda: h.find(None, name, role=LIST_ROLES, showing=False))


def rows_of(name):
    """[(row, text)] of the list's rows (those the list view made)."""
    lst = h._fresh(a_list(name))
    out = []
    for row in h.children(lst):
        if h.role(row) == "scroll bar":
            continue
        text = h.labels_text(row) or h.name(row)
        if text:
            out.append((row, text))
    return out


def wait_in(name, predicate, what):
    def look():
        for _, text in rows_of(name):
            if predicate(text):
                return text
        return None
    try:
        return h.wait_until(look, "a row of %r with %s" % (name, what))
    except StepFailed as e:
        raise StepFailed("%s; rows: %s" % (e, " | ".join(t for _, t in rows_of(name))[-1500:]))


def select_in(name, predicate, what):
    """Select the newest row satisfying predicate through AT-SPI Selection."""
    wait_in(name, predicate, what)
    lst = a_list(name)
    for acc, text in reversed(rows_of(name)):
        if predicate(text):
            index = acc.getIndexInParent()
            check(lst.querySelection().selectChild(index), "could not select %s" % what)
            h.wait_until(lambda: lst.querySelection().isChildSelected(index),
                         "%s to be selected" % what)
            return text
    raise StepFailed("the row with %s went away" % what)


def selected_in(name):
    lst = a_list(name)

    def look():
        for acc, text in rows_of(name):
            if lst.querySelection().isChildSelected(acc.getIndexInParent()):
                return text
        return None
    return h.wait_until(look, "a selected row in %r" % name)


def transcript_lines():
    return [text for _, text in rows_of("Transcript")]


def expected_server_statements():
    t1, t2 = tuples["c1"], tuples["c2"]
    return [
        "from socket import *",
        "server = socket(AF_INET, SOCK_STREAM)",
        "server.bind(('127.0.0.1', %d))" % port,
        "server.listen(5)",
        "conn, addr = server.accept()  # addr == %s" % t1,
        "conn.recv(1024)  # → b'Hello World'",
        "conn.send(b'Hello Yourself')  # → 14",
        "conn.send(b'Goodbye')  # → 7",
        "conn.close()",
        "conn2, addr = server.accept()  # addr == %s" % t2,
        "conn2.recv(1024)  # → b'Hello World'",
        "conn2.recv(1024)  # → b''  (the peer closed)",
    ]


def wait_lines(expected, what):
    def same():
        state["lines"] = transcript_lines()
        return state["lines"][:len(expected)] == expected
    try:
        h.wait_until(same, what, timeout=10)
    except StepFailed:
        got = state.get("lines", [])
        for i, want in enumerate(expected):
            have = got[i] if i < len(got) else None
            if have != want:
                raise StepFailed("line %d: expected %r, the transcript has %r (all: %r)"
                                 % (i + 1, want, have, got))
        raise


# The dialogs' helpers (sbdialogs.py), bound to this test's harness.
find_toplevel = functools.partial(sbdialogs.find_toplevel, h)
dialog_texts = functools.partial(sbdialogs.dialog_texts, h)
response_button = functools.partial(sbdialogs.response_button, h)


def export_through_dialogs(side_button, path, menu_item="Export Python Script"):
    """Main Menu > Export Python Script (or C Program), the side, then the
    file chooser: the full path typed into its Name entry, then Export."""
    h.choose("Main Menu", menu_item)
    sides = find_toplevel(menu_item, roles=("dialog", "alert"))
    h.click(response_button(sides, side_button))
    sbdialogs.save_as(h, path)


def run_script(path, log_name):
    log = open(os.path.join(h.out_dir, "%s-%s.log" % (h.test_name, log_name)), "w")
    return subprocess.Popen([sys.executable, path], stdout=log, stderr=subprocess.STDOUT)


@h.step("(a)-(d) exercise 1.2: a python client, Hello World in, Hello Yourself and Goodbye "
        "out, Close; a second client sends Hello World and closes")
def _():
    wait_in("Event log", row_has("listen"), "listen")
    c1 = peers["c1"] = connect(port)
    tuples["c1"] = str(c1.getsockname())
    wait_in("Event log", row_has("accept", tuples["c1"]), "accept")
    c1.sendall(b"Hello World")
    wait_in("Event log", row_has("server", "recv", "11 bytes", "Hello World"), "recv")
    send_from_pane("Server", "Hello Yourself")
    check(recv_exactly(c1, 14) == b"Hello Yourself", "python did not get Hello Yourself")
    send_from_pane("Server", "Goodbye")
    check(recv_exactly(c1, 7) == b"Goodbye", "python did not get Goodbye")
    h.click("Close", scope="Server")
    recv_eof(c1)
    c2 = peers["c2"] = connect(port)
    tuples["c2"] = str(c2.getsockname())
    wait_in("Event log", row_has("accept", tuples["c2"]), "second accept")
    c2.sendall(b"Hello World")
    c2.close()
    wait_in("Event log", lambda r: "recv() returned b''" in r, "the empty read")


@h.step("Log view > Python: the Transcript reads as the exercise's statements, line by line")
def _():
    show_view("Python")
    wait_lines(expected_server_statements(), "the transcript of exercise 1.2")
    h.screenshot("transcript-server")


READ_CLIPBOARD = """
import sys, gi
gi.require_version('Gdk', '4.0')
gi.require_version('Gtk', '4.0')
from gi.repository import Gdk, Gio, GLib, Gtk
Gtk.init()
clipboard = Gdk.Display.get_default().get_clipboard()
loop = GLib.MainLoop()
out = {}
# UTF-8 asked for by name: a plain text read may come through X11's
# ASCII-only STRING target, with the arrows escaped.
# Until the window owns the selection, the formats may be another owner's:
# try again a few times.
tries = [20]
def read():
    clipboard.read_async(['text/plain;charset=utf-8'], GLib.PRIORITY_DEFAULT, None, done)
    return False
def done(c, result):
    try:
        stream, mime = c.read_finish(result)
    except GLib.Error as e:
        tries[0] -= 1
        if tries[0] <= 0:
            sys.stderr.write(str(e))
            loop.quit()
        else:
            GLib.timeout_add(250, read)
        return
    # Asynchronously: the bytes come through this main loop (X11 selections).
    sink = Gio.MemoryOutputStream.new_resizable()
    def spliced(s, res):
        s.splice_finish(res)
        out['text'] = sink.steal_as_bytes().get_data().decode('utf-8')
        loop.quit()
    sink.splice_async(stream, Gio.OutputStreamSpliceFlags.CLOSE_SOURCE
                      | Gio.OutputStreamSpliceFlags.CLOSE_TARGET,
                      GLib.PRIORITY_DEFAULT, None, spliced)
read()
GLib.timeout_add_seconds(15, loop.quit)
loop.run()
sys.stdout.write(out.get('text') or '')
"""


@h.step("Copy puts the whole transcript on the clipboard: the same lines, and it compiles")
def _():
    h.click(h.find(None, "Copy", role="push button"))
    r = subprocess.run(["/usr/bin/python3", "-c", READ_CLIPBOARD], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=30)
    text = r.stdout
    expected = expected_server_statements()
    check(text.split("\n")[:len(expected)] == expected,
          "the clipboard holds %r (stderr %r)" % (text[:600], r.stderr[-300:]))
    path = os.path.join(out_dir, "transcript.py")
    with open(path, "w") as f:
        f.write(text)
    subprocess.run([sys.executable, "-m", "py_compile", path], check=True)


@h.step("selecting a statement selects its event in the list, and back")
def _():
    select_in("Transcript", lambda r: r.startswith("conn.send(b'Goodbye')"), "send Goodbye")
    show_view("List")
    row = selected_in("Event log")
    check("send" in row and "Goodbye" in row and "7 bytes" in row,
          "the list selected %r for conn.send(b'Goodbye')" % row)

    select_in("Event log", row_has("server", "recv", "11 bytes", "Hello World"),
              "the second recv of Hello World")
    show_view("Python")
    line = selected_in("Transcript")
    # select_in() picks the newest match: the second connection's recv.
    check(line == "conn2.recv(1024)  # → b'Hello World'",
          "the transcript selected %r for the recv row" % line)
    h.screenshot("transcript-selected")


@h.step("a long payload is folded with its byte count; Unfold shows it whole, Fold again")
def _():
    c3 = peers["c3"] = connect(port)
    payload = b"x" * 200 + b"'\\\x00"
    c3.sendall(payload)
    whole = "conn3.recv(1024)  # → %r" % payload
    folded = "conn3.recv(1024)  # → b'%s'…  (%d more bytes)" % ("x" * 56, len(payload) - 56)
    show_view("Python")
    row = wait_in("Transcript", lambda r: r.startswith("conn3.recv(1024)"), "conn3's recv")
    check(row == folded, "the folded statement is %r, expected %r" % (row, folded))
    select_in("Transcript", lambda r: r.startswith("conn3.recv(1024)"), "conn3's recv")
    unfold = h.find(None, "Unfold")
    h.click(unfold)
    wait_in("Transcript", lambda r: r == whole, "the whole statement %r" % whole)
    h.screenshot("transcript-unfolded")
    check(h.name(unfold) == "Fold", "the button now says %r" % h.name(unfold))
    h.click(unfold)
    wait_in("Transcript", lambda r: r == folded, "the folded statement again")
    c3.close()
    wait_in("Transcript", lambda r: r.startswith("conn3.recv(1024)  # → b''"), "conn3's empty read")


@h.step("Export Python Script > Server Side > file chooser: the script is written")
def _():
    path = os.path.join(out_dir, "server.py")
    export_through_dialogs("Server Side", path)
    h.wait_until(lambda: os.path.exists(path), "%s to be written" % path)
    with open(path) as f:
        text = f.read()
    h.diag(text)
    check("conn.recv(11, MSG_WAITALL)  # → b'Hello World'" in text, "no recv of 11 bytes")
    check("conn.sendall(b'Hello Yourself')" in text, "no sendall of Hello Yourself")
    subprocess.run([sys.executable, "-m", "py_compile", path], check=True)
    state["server_script"] = path


@h.step("the exported server script, re-run against python3 clients, sends the same bytes")
def _():
    h.click("Stop", scope="Server")
    h.find("Server", "Listen", role="push button")
    proc = run_script(state["server_script"], "server-script")
    h.add_cleanup(lambda: proc.kill())
    replay_exercise_clients()
    try:
        status = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        raise StepFailed("the server script did not finish")
    check(status == 0, "the server script exited with %d" % status)


def replay_exercise_clients():
    """What the python clients of the exercise did, against a re-run of the
    server side: the same bytes in, and what they received compared."""
    def connect_retry():
        try:
            return connect(port)
        except OSError:
            return None
    c1 = h.wait_until(connect_retry, "the re-run to listen on %d" % port)
    c1.sendall(b"Hello World")
    got = recv_until_eof(c1)
    c1.close()
    check(got == b"Hello YourselfGoodbye", "the first client received %r" % got)
    c2 = connect(port)
    c2.sendall(b"Hello World")
    c2.close()
    c3 = connect(port)
    c3.sendall(b"x" * 200 + b"'\\\x00")
    c3.close()


@h.step("Export C Program > Server Side: cc compiles it, and re-run against python3 clients "
        "it sends the same bytes")
def _():
    path = os.path.join(out_dir, "server.c")
    export_through_dialogs("Server Side", path, menu_item="Export C Program")
    h.wait_until(lambda: os.path.exists(path), "%s to be written" % path)
    exe = os.path.join(out_dir, "server-c")
    r = subprocess.run(["cc", "-Wall", "-Werror", "-o", exe, path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    check(r.returncode == 0, "cc failed: %s" % r.stdout)
    log = open(os.path.join(h.out_dir, "%s-server-c.log" % h.test_name), "w")
    proc = subprocess.Popen([exe], stdout=log, stderr=subprocess.STDOUT)
    h.add_cleanup(lambda: proc.kill())
    replay_exercise_clients()
    try:
        status = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        raise StepFailed("the C server did not finish")
    check(status == 0, "the C server exited with %d" % status)


@h.step("the window's client talks to a python3 server through localhost")
def _():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    peers["server"] = server
    state["port2"] = server.getsockname()[1]
    h.set_text("Host", "localhost", scope="Client")
    h.set_text("Port", str(state["port2"]), scope="Client")
    h.click("Connect", scope="Client")
    server.settimeout(10)
    conn, _ = server.accept()
    peers["conn"] = conn
    send_from_pane("Client", "Hello Server\\r\\n")
    state["client_sent"] = recv_exactly(conn, 14)
    check(state["client_sent"] == b"Hello Server\r\n", "python received %r" % state["client_sent"])
    conn.sendall(b"Hi Client \x00\xff'\"\\")
    conn.close()
    # In the transcript: a refused attempt on ::1 first (where localhost
    # has it) is `client`, and the connected socket `client2`.
    eof = re.compile(r"(client2?)\.recv\(1024\)  # → b''  \(the peer closed\)$")
    row = wait_in("Transcript", eof.match, "the client's empty read")
    name = eof.match(row).group(1)
    h.click("Close", scope="Client")
    wait_in("Transcript", lambda r: r == name + ".close()", "the client's close")
    lines = transcript_lines()
    if any(line.startswith("# getaddrinfo('localhost', None) → ::1") for line in lines):
        check("# client.connect(('::1', %d, 0, 0)) → ConnectionRefusedError: [Errno 111] "
              "Connection refused; trying the next address" % state["port2"] in lines,
              "no refused ::1 attempt in %r" % lines)
        check("client2.close()" in lines, "the second attempt is not client2: %r" % lines)


@h.step("Export Python Script > Client Side, re-run against a new python3 server: "
        "it receives the same bytes, and the script the server's")
def _():
    path = os.path.join(out_dir, "client.py")
    export_through_dialogs("Client Side", path)
    h.wait_until(lambda: os.path.exists(path), "%s to be written" % path)
    with open(path) as f:
        h.diag(f.read())
    subprocess.run([sys.executable, "-m", "py_compile", path], check=True)
    peers["server"].close()

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", state["port2"]))
    server.listen(5)
    peers["server2"] = server
    proc = run_script(path, "client-script")
    h.add_cleanup(lambda: proc.kill())
    server.settimeout(10)
    conn, _ = server.accept()
    got = recv_exactly(conn, 14)
    conn.sendall(b"Hi Client \x00\xff'\"\\")
    conn.close()
    check(got == state["client_sent"], "the new server received %r" % got)
    try:
        status = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        raise StepFailed("the client script did not finish")
    check(status == 0, "the client script exited with %d" % status)


@h.step("export to a folder that cannot be written: a clear error with the path, the log as it was")
def _():
    target = sbdialogs.unwritable_path(out_dir, "server.py")
    before = transcript_lines()
    export_through_dialogs("Server Side", target)
    alert = find_toplevel("Could Not Export the Script", roles=("dialog", "alert"))
    texts = " ".join(dialog_texts(alert))
    h.diag("the error: " + texts)
    check(target in texts, "the error does not name %s: %r" % (target, texts))
    h.screenshot("transcript-export-error")
    h.click(response_button(alert, "Close"))
    check(not os.path.exists(target), "%s exists" % target)
    check(transcript_lines() == before, "the log changed")


sys.exit(h.run())
