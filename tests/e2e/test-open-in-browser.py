# test-open-in-browser.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "Open in Browser" beside a listening server: gtk_show_uri() hands
# http://HOST:PORT/ to the desktop's default handler for http URIs.  Here
# that handler is a test-only desktop file in the application's private
# XDG_DATA_HOME, made the default in its XDG_CONFIG_HOME/mimeapps.list,
# the way a desktop registers a browser.  Its Exec writes the URI to a
# file and fetches it with curl, as a browser would: the request arrives
# in the server pane.  The button is enabled only while listening;
# 0.0.0.0 is opened as 127.0.0.1 and ::1 in brackets.

import os
import re
import stat
import sys

import sbharness
from sbharness import check
from sbsteps import Steps

h = sbharness.Harness(app_args=["--listen", "127.0.0.1:0"])
st = Steps(h)
OPENED = os.path.join(h._tmp, "opened-uris")


def install_test_browser():
    """Registers the test browser in the directories the application will
    use (sbharness sets XDG_DATA_HOME and XDG_CONFIG_HOME under h._tmp)."""
    apps = os.path.join(h._tmp, "data", "applications")
    config = os.path.join(h._tmp, "config")
    os.makedirs(apps, exist_ok=True)
    os.makedirs(config, exist_ok=True)
    script = os.path.join(h._tmp, "test-browser.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\n"
                "printf '%%s\\n' \"$1\" >> '%s'\n"
                "exec curl --silent --max-time 5 --output /dev/null \"$1\"\n" % OPENED)
    os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
    with open(os.path.join(apps, "sockbench-test-browser.desktop"), "w") as f:
        f.write("[Desktop Entry]\n"
                "Type=Application\n"
                "Name=Sockbench test browser\n"
                "Exec=%s %%u\n"
                "MimeType=x-scheme-handler/http;\n"
                "NoDisplay=true\n" % script)
    with open(os.path.join(config, "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\n"
                "x-scheme-handler/http=sockbench-test-browser.desktop\n")


install_test_browser()


def opened():
    try:
        with open(OPENED) as f:
            return f.read().split()
    except OSError:
        return []


def button():
    return h.find("Server", "Open in Browser", role="push button")


def listening_port():
    text = h.wait_label("Server", r"^on \(.*, (\d+)", "the address the server listens on")
    return int(re.search(r"^on \(.*?, (\d+)", text).group(1))


def listen_on(address):
    stop = h.find_all("Server", "Stop", role="push button")
    if stop:
        h.click(stop[0])
    h.find("Server", "Listen", role="push button")
    h.set_text("Address", address, scope="Server")
    h.set_text("Port", "0", scope="Server")
    h.click("Listen", scope="Server")
    h.find("Server", "Stop", role="push button")
    return listening_port()


def open_and_expect(uri):
    before = len(opened())
    h.click(button())
    got = h.wait_until(lambda: opened()[before:], "the test browser to be given a URI")
    check(got == [uri], "the browser was given %r, not %r" % (got, uri))


@h.step("listening on 127.0.0.1, port from the kernel: Open in Browser is enabled")
def _():
    h.find("Server", "Stop", role="push button")
    state_port = listening_port()
    h.diag("listening on port %d" % state_port)
    h.wait_until(lambda: st.enabled(button()), "Open in Browser to be enabled")
    h.screenshot("open-in-browser")


@h.step("Open in Browser: the desktop's http handler gets http://127.0.0.1:PORT/, "
        "and its request arrives in the server pane")
def _():
    port = listening_port()
    open_and_expect("http://127.0.0.1:%d/" % port)
    host = "Host: 127.0.0.1:%d" % port
    h.wait_row("Event log", lambda r: "server" in r and "recv" in r and "GET / HTTP/1.1" in r
               and host in r, "the browser's GET / with %s in the server pane" % host,
               timeout=20)


@h.step("listening on 0.0.0.0: the browser opens 127.0.0.1")
def _():
    port = listen_on("0.0.0.0")
    open_and_expect("http://127.0.0.1:%d/" % port)


@h.step("listening on ::1: the address goes in brackets")
def _():
    port = listen_on("::1")
    open_and_expect("http://[::1]:%d/" % port)


@h.step("listening on ::: the browser opens [::1]")
def _():
    port = listen_on("::")
    open_and_expect("http://[::1]:%d/" % port)


@h.step("after Stop, Open in Browser is disabled")
def _():
    h.click("Stop", scope="Server")
    h.find("Server", "Listen", role="push button")
    h.wait_until(lambda: not st.enabled(button()), "Open in Browser to be disabled")


sys.exit(h.run())
