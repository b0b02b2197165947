# test-export.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Export (primary menu) in the real window: the window's client and server
# exchange Hello World and Hello Yourself; the whole log exported as JSON
# reads back to those calls and bytes; the selected connection exported
# for Wireshark is followed by tshark to the same bytes each way, and a
# row's Export This Connection exports it as text; an export
# into a folder that cannot be written says so, naming the file, and the
# log stays as it was.

import base64
import json
import os
import subprocess
import sys
import tempfile

import sbharness
from sbdialogs import dialog_texts, find_toplevel, response_button, save_as, unwritable_path
from sbharness import check, row_has

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port,
                                "--connect", "127.0.0.1:%d" % port])
out_dir = tempfile.mkdtemp(prefix="sockbench-export-")


def send_from(pane, text):
    h.set_text("Message", text, scope=pane)
    h.click("Send", scope=pane)


def check_in(dialog, name_start):
    """Turn on the check button of dialog whose name starts with name_start."""
    for acc in h.walk(dialog):
        if (h.role(acc) in ("check box", "radio button", "toggle button")
                and h.name(acc).startswith(name_start)):
            # GTK 4.8's check buttons offer no AT-SPI action: a click.
            if not h.is_on(acc):
                h.click_at(acc)
            h.wait_until(lambda: h.is_on(acc), "%r to be on" % h.name(acc))
            return acc
    raise sbharness.StepFailed("no check button %r in %r" % (name_start, h.name(dialog)))


def export_through_dialogs(format_name, path, selected=False):
    """Main Menu > Export, the format and the scope, then the file."""
    h.choose("Main Menu", "Export")
    dialog = find_toplevel(h, "Export", roles=("dialog", "alert"))
    check_in(dialog, format_name)
    if selected:
        check_in(dialog, "Selected Connection")
    h.screenshot("export-dialog")
    h.click(response_button(h, dialog, "Export"))
    save_as(h, path)


def wait_file(path):
    h.wait_until(lambda: os.path.exists(path), "the export %s" % path)
    return open(path, "rb").read()


@h.step("the window's client sends Hello World; the server answers Hello Yourself")
def _():
    h.wait_row("Connections", lambda r: "connected" in r, "a connection", scope="Server")
    send_from("Client", "Hello World")
    h.wait_row("Event log", row_has("server", "recv", "11 bytes", "Hello World"), "the recv")
    send_from("Server", "Hello Yourself")
    h.wait_row("Event log", row_has("client", "recv", "14 bytes", "Hello Yourself"), "the recv")


@h.step("Export > JSON > Whole Log: every call with its bytes, base64 and escaped text")
def _():
    path = os.path.join(out_dir, "log.json")
    export_through_dialogs("JSON", path)
    log = json.loads(wait_file(path))
    check(log["format"] == "sockbench-log-1", "format %r" % log.get("format"))
    events = log["events"]
    h.diag("%d events: %s" % (len(events), [(e["side"], e["call"]) for e in events]))
    calls = [(e["side"], e["call"], base64.b64decode(e["payload_base64"]))
             for e in events if e["payload_length"] > 0]
    check(calls == [("client", "send", b"Hello World"), ("server", "recv", b"Hello World"),
                    ("server", "send", b"Hello Yourself"), ("client", "recv", b"Hello Yourself")],
          "the calls with payloads: %r" % calls)
    for e in events:
        if e["payload_length"] > 0:
            check(e["payload_text"] == base64.b64decode(e["payload_base64"]).decode(),
                  "escaped text %r" % e["payload_text"])
    kinds = {e["call"] for e in events}
    for call in ("socket", "bind", "listen", "connect", "accept"):
        check(call in kinds, "no %s event in %r" % (call, sorted(kinds)))
    check(len(events) == len(h.rows("Event log")),
          "%d events exported, %d rows in the log" % (len(events), len(h.rows("Event log"))))


@h.step("the server's recv selected, Export > Wireshark > Selected Connection: tshark "
        "follows Hello World one way and Hello Yourself the other")
def _():
    path = os.path.join(out_dir, "connection.pcapng")
    h.select_row("Event log", row_has("server", "recv", "Hello World"), "the server's recv")
    export_through_dialogs("Wireshark", path, selected=True)
    wait_file(path)
    follow = subprocess.run(["tshark", "-n", "-r", path, "-q", "-z", "follow,tcp,raw,0"],
                            capture_output=True, text=True, check=True).stdout
    h.diag(follow)
    lines = follow.splitlines()
    data = [l for l in lines[lines.index(next(l for l in lines if l.startswith("Node 1:"))) + 1:]
            if l and not l.startswith("=")]
    opener = bytes.fromhex("".join(l for l in data if not l.startswith("\t")))
    acceptor = bytes.fromhex("".join(l.strip() for l in data if l.startswith("\t")))
    check(opener == b"Hello World", "client to server: %r" % opener)
    check(acceptor == b"Hello Yourself", "server to client: %r" % acceptor)


@h.step("a row's Export This Connection opens Export with Selected Connection chosen; "
        "as text: the connection's calls and bytes, not the listener's")
def _():
    path = os.path.join(out_dir, "connection.txt")
    h.select_row("Event log", row_has("server", "recv", "Hello World"), "the server's recv")
    lst = h.find(None, "Event log", role=("list", "list box", "table", "tree table", "tree"))
    row = lst.querySelection().getSelectedChild(0)
    h.click(h.context_menu_item(row, "Export This Connection…"))
    dialog = find_toplevel(h, "Export", roles=("dialog", "alert"))
    chosen = [h.name(a) for a in h.walk(dialog)
              if h.role(a) in ("check box", "radio button") and h.is_on(a)]
    check(any(n.startswith("Selected Connection") for n in chosen),
          "the connection is not chosen: %r" % chosen)
    check_in(dialog, "Text")
    h.click(response_button(h, dialog, "Export"))
    save_as(h, path)
    text = wait_file(path).decode()
    h.diag(text)
    check("    Hello World\n" in text and "    Hello Yourself\n" in text,
          "the payloads are not in the text")
    check("listen(" not in text, "the listener's calls are in the connection's export")
    check("accept()" in text and "connect(" in text, "the connection's opening is missing")


@h.step("an export into a folder that cannot be written: an error naming the file, "
        "the log as it was")
def _():
    target = unwritable_path(out_dir, "log.txt")
    before = h.rows("Event log")
    export_through_dialogs("Text", target)
    alert = find_toplevel(h, "Could Not Export the Log", roles=("dialog", "alert"))
    texts = " ".join(dialog_texts(h, alert))
    h.diag("the error: " + texts)
    check(target in texts, "the error does not name %s: %r" % (target, texts))
    check(".part" not in texts, "the error names the temporary file: %r" % texts)
    h.screenshot("export-error")
    h.click(response_button(h, alert, "Close"))
    check(not os.path.exists(target), "%s exists" % target)
    check(h.rows("Event log") == before, "the log changed")


sys.exit(h.run())
