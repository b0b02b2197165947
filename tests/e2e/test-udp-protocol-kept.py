# test-udp-protocol-kept.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A lecturer who teaches UDP today chooses it once: each pane keeps its
# Protocol across a restart (server-protocol and client-protocol in
# GSettings), and a pane not switched stays TCP.

import sys

import sbharness
from sbharness import check

h = sbharness.Harness(settings_backend="keyfile")


def protocol_shows(pane):
    return h.labels_text(h.find(pane, "Protocol", role=("push button", "toggle button")))


def showing(pane, name):
    """A control, or a label such as Kernel drops, named @name in @pane."""
    return bool(h.find_all(pane, name, role=("label", "list", "list box", "table", "push button",
                                             "toggle button")))


@h.step("Server Protocol UDP: Peers and Kernel drops in place of Connections")
def _():
    h.choose_in_dropdown("Server", "Protocol", "UDP", "End")
    h.wait_until(lambda: showing("Server", "Kernel drops"), "Kernel drops in the Server pane")
    check(showing("Server", "Peers"), "no Peers list in UDP")
    check(not showing("Server", "Connections"), "Connections still shows in UDP")
    check("TCP" in protocol_shows("Client"), "the Client pane changed too: %r"
          % protocol_shows("Client"))


@h.step("quit and start again: the Server is still UDP, the Client still TCP")
def _():
    h.restart_app()
    h.wait_until(lambda: "UDP" in protocol_shows("Server"),
                 "the Server's Protocol to show UDP (it shows %r)" % protocol_shows("Server"))
    h.wait_until(lambda: showing("Server", "Kernel drops"), "Kernel drops in the Server pane")
    check(not showing("Server", "Connections"), "Connections shows after the restart")
    check("TCP" in protocol_shows("Client"), "the Client's Protocol is %r after the restart"
          % protocol_shows("Client"))
    h.screenshot("udp-protocol-kept")


@h.step("back to TCP, start again: TCP stays")
def _():
    h.choose_in_dropdown("Server", "Protocol", "TCP", "Home")
    h.wait_until(lambda: showing("Server", "Connections"), "Connections in TCP")
    h.restart_app()
    h.wait_until(lambda: showing("Server", "Connections"), "Connections after the restart")
    check("TCP" in protocol_shows("Server"), "the Server's Protocol is %r after the restart"
          % protocol_shows("Server"))


sys.exit(h.run())
