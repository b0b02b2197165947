# test-search.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Search and filter over the exercise's log (exercise 1.2 with Sockbench as
# the server, two python3 clients): Ctrl+F, `Hello` in `Search log`, the
# number in `Matches`, F3 and Shift+F3 from match to match, either case or
# `Match Case`, invalid hex
# shown inline, and a row's Filter to This Connection leaving only that
# connection's rows.

import re
import socket
import sys

import sbharness
from sbharness import check, recv_exactly, row_has
from sbsteps import Steps

# X keysyms the harness does not know yet.
sbharness.Harness.KEYSYMS.update({"F3": 0xffc0, "f": ord("f")})

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
steps = Steps(h)
peers = []
h.add_cleanup(lambda: [s.close() for s in peers])

TIMEOUT = 60


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    peers.append(s)
    return s


def matches_text():
    return h.text_of(h.find(None, "Matches", role="label")) or ""


def match_text():
    """The Match label's text; it hides while no match is selected."""
    found = h.find_all(None, "Match", role="label")
    return (h.text_of(found[0]) or "") if found else ""


def wait_match(pattern, what):
    return h.wait_until(lambda: re.search(pattern, match_text()),
                        "%s (the Match label reads %r)" % (what, match_text()), timeout=TIMEOUT)


@h.step("the exercise: a client sends Hello World, the server replies, a second client too")
def _():
    h.find("Server", "Stop", role="push button", timeout=TIMEOUT)
    auto = h.find_all("Server", "Auto-receive")
    if auto:
        h.toggle(auto[0], True)
    c1 = connect()
    c1.sendall(b"Hello World")
    h.wait_row("Event log", row_has("server", "recv", "11 bytes", "Hello World"),
               "server, recv, 11 bytes, Hello World", timeout=TIMEOUT)
    h.set_text("Message", "Hello Yourself", scope="Server")
    h.click("Send", scope="Server")
    check(recv_exactly(c1, 14) == b"Hello Yourself", "the client got Hello Yourself")
    c2 = connect()
    c2.sendall(b"Hello World")
    c2.close()
    h.wait_row("Event log", lambda r: "recv() returned b''" in r, "the second client's EOF",
               timeout=TIMEOUT)


@h.step("Ctrl+F opens the search bar; `Hello` gives 3 matches in `Matches`")
def _():
    # The keyboard focus into the window: a click on the log's first row.
    h.click_at(steps.log_items()[0][0])
    h.press("Control+f")
    entry = h.find(None, "Search log", timeout=TIMEOUT)
    h.wait_until(lambda: h.has_state(entry, "STATE_FOCUSED"), "Search log to have the focus",
                 timeout=TIMEOUT)
    check(h.is_on(h.find(None, "Search", role=("toggle button", "push button"))),
          "the header bar's Search button is on")
    h.set_text(entry, "Hello")
    # Two recv() of Hello World, one send of Hello Yourself.
    h.wait_until(lambda: re.fullmatch(r"3 matches", matches_text()),
                 "Matches to read 3 matches (now %r)" % matches_text(), timeout=TIMEOUT)
    h.screenshot("search-hello")


@h.step("F3 selects the first match, again the second; Shift+F3 goes back")
def _():
    h.press("F3")
    wait_match(r"^Match 1 of 3", "Match 1 of 3")
    h.wait_label(None, r"b'Hello World'", "the inspector showing the first recv", timeout=TIMEOUT)
    h.press("F3")
    wait_match(r"^Match 2 of 3", "Match 2 of 3")
    h.wait_label(None, r"b'Hello Yourself'", "the inspector showing the send", timeout=TIMEOUT)
    h.press("Shift+F3")
    wait_match(r"^Match 1 of 3", "Match 1 of 3 again")


@h.step("Enter in the entry moves on too; a pattern across no payload finds nothing")
def _():
    entry = h.find(None, "Search log")
    h.focus(entry, timeout=TIMEOUT)
    h.press("Return")
    wait_match(r"^Match 2 of 3", "Match 2 of 3 after Enter")
    h.set_text(entry, "Hello Moon")
    h.wait_until(lambda: matches_text() == "0 matches",
                 "Matches to read 0 matches (now %r)" % matches_text(), timeout=TIMEOUT)


def match_case_button():
    return h.find(h.find(None, "Search log").parent.parent, "Match Case",
                  role=("toggle button", "push button"), timeout=TIMEOUT)


@h.step("Text matches either case: `hello WORLD` finds both Hello World; with Match Case none")
def _():
    entry = h.find(None, "Search log")
    h.set_text(entry, "hello WORLD")
    h.wait_until(lambda: matches_text() == "2 matches",
                 "Matches to read 2 matches (now %r)" % matches_text(), timeout=TIMEOUT)
    h.click(match_case_button())
    h.wait_until(lambda: matches_text() == "0 matches",
                 "Matches to read 0 matches with Match Case (now %r)" % matches_text(),
                 timeout=TIMEOUT)
    h.set_text(entry, "Hello World")
    h.wait_until(lambda: matches_text() == "2 matches",
                 "Matches to read 2 matches for the exact case (now %r)" % matches_text(),
                 timeout=TIMEOUT)
    h.click(match_case_button())
    h.wait_until(lambda: not h.is_on(match_case_button()), "Match Case to be off again",
                 timeout=TIMEOUT)


@h.step("Hex: 48 65 6c 6c 6f finds the same 3; invalid hex is named inline, the text kept")
def _():
    h.click(h.find(h.find(None, "Search log").parent.parent, "Hex",
                   role=("toggle button", "push button"), timeout=TIMEOUT))
    # Hex names bytes: matched as they are, so Match Case has no say.
    h.wait_until(lambda: not h.has_state(match_case_button(), "STATE_SENSITIVE"),
                 "Match Case to be insensitive with Hex", timeout=TIMEOUT)
    entry = h.find(None, "Search log")
    h.set_text(entry, "48 65 6c 6c 6f")
    h.wait_until(lambda: matches_text() == "3 matches",
                 "Matches to read 3 matches for hex (now %r)" % matches_text(), timeout=TIMEOUT)
    h.set_text(entry, "48 6z")
    h.wait_label(None, r"invalid hex digit 'z' at 4", "the hex error under the entry",
                 timeout=TIMEOUT)
    check(h.text_of(entry) == "48 6z", "the entry still holds what was typed")
    h.screenshot("search-bad-hex")
    h.set_text(entry, "48 65 6c 6c 6f")
    h.wait_until(lambda: matches_text() == "3 matches", "3 matches again", timeout=TIMEOUT)


@h.step("Filter to This Connection on the second client's recv row: only its rows remain")
def _():
    # The third match is the second connection's recv: F3 scrolls to it.
    h.press("F3")
    wait_match(r"^Match 3 of 3", "Match 3 of 3")
    log = steps.event_log()

    def selected_row():
        acc = log.querySelection().getSelectedChild(0)
        if acc is None or h.not_in_view(acc):
            return None
        return acc, h.labels_text(acc) or h.name(acc)
    acc, text = h.wait_until(selected_row, "the third match's row selected and in view",
                             timeout=TIMEOUT)
    check("recv" in text and "Hello World" in text, "the third match is a recv: %r" % text)
    socket_id = re.search(r"#(\d+)", text).group(1)
    item = h.context_menu_item(acc, "Filter to This Connection")
    h.screenshot("search-row-menu")
    h.click(item)

    def only_that_connection():
        now = steps.log_rows()
        ids = {m.group(1) for m in (re.search(r"#(\d+)", r) for r in now) if m}
        return now if now and ids == {socket_id} else None
    now = h.wait_until(only_that_connection,
                       "only rows of #%s (now %s)" % (socket_id, " | ".join(steps.log_rows())),
                       timeout=TIMEOUT)
    check(any("accept" in r for r in now) and any("recv" in r and "11 bytes" in r for r in now),
          "its accept and its recv are there: %s" % " | ".join(now))
    # The row stays selected; the Socket filter names the connection.
    h.wait_label(None, r"conn2\.recv\(1024\)", "the recv still selected, in the inspector",
                 timeout=TIMEOUT)
    drop = h.find(None, "Socket", role=("combo box", "push button", "toggle button"))
    check("#%s conn2" % socket_id in h.labels_text(drop),
          "the Socket filter shows #%s conn2: %r" % (socket_id, h.labels_text(drop)))
    # The search follows the filter: one Hello in that connection.
    h.wait_until(lambda: matches_text() == "1 match",
                 "Matches to read 1 match (now %r)" % matches_text(), timeout=TIMEOUT)
    h.screenshot("search-filtered")


@h.step("closing the bar (Escape) shows every row again")
def _():
    h.focus(h.find(None, "Search log"), timeout=TIMEOUT)
    h.press("Escape")
    h.wait_until(lambda: len({m.group(1) for m in (re.search(r"#(\d+)", r)
                                                    for r in steps.log_rows()) if m}) > 1,
                 "rows of more than one socket", timeout=TIMEOUT)



@h.step("Hel and lo in two recv() calls of a third connection: a match shown as spanning them")
def _():
    c3 = connect()
    c3.sendall(b"Hel")
    h.wait_row("Event log", row_has("server", "recv", "3 bytes", "Hel"), "recv of Hel",
               timeout=TIMEOUT)
    c3.sendall(b"lo")
    h.wait_row("Event log", row_has("server", "recv", "2 bytes", "lo"), "recv of lo",
               timeout=TIMEOUT)
    h.click(h.find(None, "Search", role=("toggle button", "push button")))
    # Escape emptied the entry; Hex is still on.  The three, and one across two calls.
    h.set_text(h.find(None, "Search log", timeout=TIMEOUT), "48 65 6c 6c 6f")
    h.wait_until(lambda: matches_text() == "4 matches",
                 "Matches to read 4 matches (now %r)" % matches_text(), timeout=TIMEOUT)
    for _ in range(4):
        if "spans" in match_text():
            break
        h.press("F3")
        h.wait_until(lambda: match_text().startswith("Match "), "a match selected",
                     timeout=TIMEOUT)
    check(re.search(r"^Match 4 of 4 · spans 2 recv\(\) calls$", match_text()),
          "the Match label reads %r" % match_text())
    h.screenshot("search-spanning")


sys.exit(h.run())
