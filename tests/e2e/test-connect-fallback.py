# test-connect-fallback.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The default Connect to localhost, with the server on 127.0.0.1 only:
# localhost is ::1 first, and the refused ::1 attempt is a normal step (a
# neutral row saying "trying the next address", no toast), one click or step
# by step.  When the last address refuses too, that is an error with its
# toast, as before.

import sys
import time

import sbharness
from sbharness import check, row_has
from sbsteps import Steps

port = sbharness.free_port()
h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
st = Steps(h)


@h.step("Connect to localhost, server on 127.0.0.1 only: the ::1 refusal is a neutral step")
def _():
    h.find("Server", "Stop", role="push button")
    h.set_text("Host", "localhost", scope="Client")
    h.set_text("Port", str(port), scope="Client")
    h.click("Connect", scope="Client")
    # GResolver answers "localhost" itself: ::1 first, then 127.0.0.1.
    acc, text = st.wait_log_row(lambda t: "('::1', %d" % port in t and "connect" in t
                                and "started" not in t,
                                "the outcome of connect() to ::1 (localhost is ::1 first)")
    h.diag("the ::1 row: " + text)
    # Rows start with their time: the connection made after that one.
    since = float(text.split()[0])
    st.wait_log_row(lambda t: "client" in t and "established" in t
                    and float(t.split()[0]) > since,
                    "connect established after the ::1 attempt")
    check("trying the next address" in text, "the ::1 row reads %r" % text)
    check(not st.failed(acc), "the ::1 row is a failure: %r" % text)
    time.sleep(0.5)
    toasts = st.toast_labels("Could not connect")
    check(not toasts, "a toast: %r" % toasts)
    h.screenshot("localhost-fallback")
    h.click("Disconnect", scope="Client")


@h.step("Client step by step to localhost: ::1 refuses, socket() again, 127.0.0.1 connects")
def _():
    h.toggle("Step by step", True, scope="Client")
    st.wait_next_call("Client", "getaddrinfo()")
    st.click_one_event("Client", "getaddrinfo()", "resolve", "localhost", "::1", "127.0.0.1")
    st.click_one_event("Client", "socket()", "socket", "AF_INET6")
    before = st.settle_rows()
    h.click("connect()", scope="Client")
    acc, text = st.wait_log_row(lambda t: "('::1', %d" % port in t
                                and "trying the next address" in t and t not in before,
                                "the refused ::1 attempt")
    check(not st.failed(acc), "the ::1 row is a failure: %r" % text)
    # Its socket is closed; socket() is the next call, for 127.0.0.1.
    st.wait_next_call("Client", "socket()")
    st.click_one_event("Client", "socket()", "socket", "AF_INET,")
    h.click("connect()", scope="Client")
    st.wait_log_row(lambda t: "client" in t and "established" in t and t not in before,
                    "connect established")
    st.wait_next_call("Client", None)
    h.click("Disconnect", scope="Client")
    st.wait_next_call("Client", "getaddrinfo()")
    h.toggle("Step by step", False, scope="Client")


@h.step("…while the last address refused is still an error, with its toast")
def _():
    h.click("Stop", scope="Server")
    h.find("Server", "Listen", role="push button")
    h.click("Connect", scope="Client")
    acc, row = st.wait_log_row(row_has("client", "('127.0.0.1', %d)" % port, "refused:"),
                               "the refused row for 127.0.0.1")
    check(st.failed(acc), "the last refusal is not a failure: %r" % row)
    h.wait_until(lambda: st.toast_labels("Could not connect"), "the toast 'Could not connect'")


sys.exit(h.run())
