# test-german.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sockbench in German (LANGUAGE=de, the build's po/de/LC_MESSAGES/sockbench.mo
# through SOCKBENCH_LOCALEDIR): the panes' titles and buttons read in German,
# and the socket exercise runs through it — the server listens, the client
# connects and sends b'Hello World', the server receives it, the client
# closes and the server logs the empty read.  Controls are found by their
# German accessible names, looked up in the same .mo with python's gettext,
# so a change of wording in po/de.po does not break the test.

import gettext
import os
import re
import sys

import sbharness
from sbharness import check

port = sbharness.free_port()
h = sbharness.Harness()
po_dir = os.path.join(h.build_root, "po")
os.environ.update({"LANGUAGE": "de", "SOCKBENCH_LOCALEDIR": po_dir})
de = gettext.translation("sockbench", po_dir, languages=["de"])
_ = de.gettext
ngettext = de.ngettext
# The log's Side column, in German too.
SERVER_SIDE = de.pgettext("log's Side column", "server")


@h.step("the build's German catalogue translates the controls' names")
def _step():
    for english in ("Listen", "Connect", "Send", "Event log", "Disconnect"):
        check(_(english) != english, "%r has no German translation in %s" % (english, po_dir))
    h.diag("Listen → %s, Connect → %s, Send → %s" % (_("Listen"), _("Connect"), _("Send")))
    check(SERVER_SIDE != "server", "the log's Side column has no German word for 'server'")


@h.step("the panes' buttons and the log read in German, none in English")
def _step():
    for pane, name in (("Server", "Listen"), ("Client", "Connect"), ("Client", "Send")):
        h.find(_(pane), _(name), role="push button")
    h.find(None, _("Event log"))
    h.find(None, _("Main Menu"), role=("push button", "toggle button"))
    for pane, name in (("Server", "Listen"), ("Client", "Connect")):
        check(not h.find_all(_(pane), name), "%s shows the English %r" % (pane, name))
    labels = h.visible_labels()
    h.diag("labels: " + " | ".join(labels)[:800])
    for english in ("Host", "Address", "Message", "No events yet: every socket call shows here"):
        check(english not in labels, "a label still reads %r" % english)
    check(_("No events yet: every socket call shows here") in labels,
          "the empty log does not say %r" % _("No events yet: every socket call shows here"))
    h.screenshot("german-idle")


@h.step("German labels leave the panes side by side at 1024x768, as in English")
def _step():
    client = h.extents(h.pane(_("Client")))
    server = h.extents(h.pane(_("Server")))
    h.diag("Client pane %r, Server pane %r" % (client, server))
    check(server[0] >= client[0] + client[2] and abs(server[1] - client[1]) < 20,
          "the panes are stacked: a German label made a pane's minimum width too wide "
          "(see the screenshot german-idle)")


@h.step("Schritt für Schritt in both panes: the call buttons fit, the panes stay side by side",
        critical=False)
def _step():
    for pane in (_("Server"), _("Client")):
        h.toggle(h.find(pane, _("Step by step")), True)
    h.find(_("Server"), "bind()")
    h.find(_("Client"), "getaddrinfo()")
    client = h.extents(h.pane(_("Client")))
    server = h.extents(h.pane(_("Server")))
    h.screenshot("german-step-by-step")
    check(server[0] >= client[0] + client[2], "the panes are stacked with Step by step on")
    for pane in (_("Server"), _("Client")):
        h.toggle(h.find(pane, _("Step by step")), False)
    h.find(_("Server"), _("Listen"), role="push button")


@h.step("Port + Lauschen: the server listens (its Stop button, a listen() row)")
def _step():
    h.set_text(_("Port"), str(port), scope=_("Server"))
    h.click(_("Listen"), scope=_("Server"))
    h.find(_("Server"), _("Stop"), role="push button")
    h.wait_row(_("Event log"), lambda r: re.search(r"\blisten\b", r), "listen")


@h.step("Rechner + Port + Verbinden: the client connects (its Disconnect button)")
def _step():
    h.set_text(_("Host"), "127.0.0.1", scope=_("Client"))
    h.set_text(_("Port"), str(port), scope=_("Client"))
    h.click(_("Connect"), scope=_("Client"))
    h.find(_("Client"), _("Disconnect"), role="push button")
    h.wait_row(_("Connections"), lambda r: _("connected") in r, _("connected"), scope=_("Server"))


@h.step("the client sends b'Hello World': the server's recv() row says it in German")
def _step():
    auto = h.find_all(_("Server"), _("Auto-receive"))
    if auto:
        h.toggle(auto[0], True)
    h.set_text(_("Message"), "Hello World", scope=_("Client"))
    h.click(_("Send"), scope=_("Client"))
    got = ngettext("%lld byte", "%lld bytes", 11).replace("%lld", "11")
    if not auto:
        h.click(_("Receive"), scope=_("Server"))
    row = h.wait_row(_("Event log"),
                     lambda r: re.search(re.escape(SERVER_SIDE) + r" .*\brecv\b", r)
                     and got in r and "Hello World" in r,
                     "%s, recv, %r and Hello World" % (SERVER_SIDE, got))
    h.diag("the row: " + row)


@h.step("the client closes: the server logs the empty read, in German")
def _step():
    h.click(_("Disconnect"), scope=_("Client"))
    eof = _("recv() returned b'' — the peer closed")
    check(eof != "recv() returned b'' — the peer closed", "the empty read has no translation")
    if not h.find_all(_("Server"), _("Auto-receive")):
        h.click(_("Receive"), scope=_("Server"))
    h.wait_row(_("Event log"), lambda r: eof in r, eof)
    h.wait_row(_("Connections"), lambda r: _("peer closed") in r, _("peer closed"),
               scope=_("Server"))
    h.screenshot("german-exercise")


@h.step("the recv row in the inspector, then the Ladder and Python views, in German",
        critical=False)
def _step():
    got = ngettext("%lld byte", "%lld bytes", 11).replace("%lld", "11")
    h.select_row(_("Event log"),
                 lambda r: re.search(re.escape(SERVER_SIDE) + r" .*\brecv\b", r) and got in r,
                 "%s, recv, %s" % (SERVER_SIDE, got))
    returned = ngettext(" returned %lld byte", " returned %lld bytes", 11).replace("%lld", "11")
    h.wait_label(None, r"^recv\(\d+\)" + re.escape(returned) + "$",
                 "the inspector's heading recv(N)%s" % returned)
    h.screenshot("german-inspector")
    h.click(_("Ladder"))
    h.find(None, _("Ladder diagram"))
    h.screenshot("german-ladder")
    h.click(_("Python"))
    h.find(None, _("Transcript"))
    h.screenshot("german-python")
    h.click(_("List"))


@h.step("the search bar reads in German and finds Hello World", critical=False)
def _step():
    h.click(h.find(None, _("Search"), role=("toggle button", "push button")))
    entry = h.find(None, _("Search log"))
    h.set_text(entry, "Hello World")
    found = ngettext("%u match", "%u matches", 2).replace("%u", "2")
    h.wait_until(lambda: found in h.visible_labels(), "the search bar to say %r" % found)
    h.screenshot("german-search")
    h.click(h.find(None, _("Search"), role=("toggle button", "push button")))


def preferences():
    for i in range(h.app.childCount):
        acc = h.app.getChildAtIndex(i)
        if acc is not None and h.name(acc) == _("Preferences"):
            return acc
    return None


@h.step("Ctrl+comma opens Einstellungen, its rows in German", critical=False)
def _step():
    h.focus(h.find(_("Client"), _("Message")))
    h.press("Control+,")
    window = h.wait_until(preferences, "a window named %r" % _("Preferences"))
    names = {h.name(acc) for acc in h.walk(window)}
    for english in ("Receive Size", "Memory Limit", "Colour Scheme", "When the Capture Is Full"):
        check(_(english) in names, "no control named %r (%s) in %r"
              % (_(english), english, _("Preferences")))
    h.screenshot("german-preferences")


@h.step("the window still fits the 1024x768 screen in German", critical=False)
def _step():
    x, y, w, hh = h.extents(h.window)
    check(x >= 0 and y >= 0 and x + w <= sbharness.SCREEN[0] and y + hh <= sbharness.SCREEN[1],
          "the window is at %r" % ((x, y, w, hh),))


sys.exit(h.run())
