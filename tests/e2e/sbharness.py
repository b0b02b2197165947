# sbharness.py
#
# Copyright 2026 The Sockbench developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end harness: runs the real Sockbench window on a private Xvfb with a
# private session bus and accessibility bus, and drives it through AT-SPI
# (python3-pyatspi), the way GNOME's own UI tests do.  Controls are found by
# the accessible names listed in ACCESSIBILITY.md.  Results are TAP.
#
# A test script:
#
#   h = sbharness.Harness(app_args=["--listen", "127.0.0.1:%d" % port])
#
#   @h.step("server is listening")
#   def _():
#       h.find("Server", "Stop", role="push button")
#
#   sys.exit(h.run())
#
# argv: SOCKBENCH_EXECUTABLE BUILD_ROOT [SOURCE_ROOT]
#
# Each test runs under its own dbus-run-session (re-exec), Xvfb (1024x768x24,
# a free display chosen by -displayfd) and at-spi-bus-launcher, whatever the
# caller's DISPLAY and session bus are.  The application gets the caller's
# G_DEBUG (fatal-warnings under meson); this process does not.
#
# Environment:
#   SB_UPDATE_SCREENSHOT=1  copy the conversation screenshot to docs/screenshot.png
#   SB_E2E_WRAPPER="gdb -batch -ex run -ex bt --args"  run the app under a debugger
#   GSK_RENDERER            passed on; unset, the app itself draws with cairo
#                           where OpenGL is software, as on Xvfb (sb-renderer.c)
#
# Output: TAP on stdout; screenshots in BUILD_ROOT/tests/e2e/screenshots/,
# the application's output in BUILD_ROOT/tests/e2e/TEST-app.log.
#
# After the steps, a last test point stops the application with SIGTERM, as
# a session's end does: it must exit with status 0 within QUIT_TIMEOUT and
# leave no sanitizer report (ASan, LeakSanitizer, UBSan) in its output.

import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

from sbtree import DEFAULT_TIMEOUT, POLL, StepFailed, Tree

_INNER = "SB_E2E_PRIVATE_BUS"
_APP_G_DEBUG = "SB_E2E_APP_G_DEBUG"
SCREEN = (1024, 768)
OVERALL_TIMEOUT = 270.0
# LeakSanitizer's scan at exit takes seconds under load.
QUIT_TIMEOUT = 60.0
# The first line of a report of AddressSanitizer, LeakSanitizer or UBSan.
SANITIZER_REPORT = re.compile(r"^(==\d+==ERROR: \w+Sanitizer|.*: runtime error: )", re.M)


def _reexec_under_private_bus():
    """Every test gets its own session bus, so that the accessibility bus
    (org.a11y.Bus) of one test never serves another test running in
    parallel under the same outer bus."""
    if os.environ.get(_INNER) == "1":
        return
    runner = shutil.which("dbus-run-session")
    if runner is None:
        print("1..0 # SKIP dbus-run-session is not installed")
        sys.exit(0)
    os.environ[_INNER] = "1"
    # G_DEBUG=fatal-warnings (test_env) is meant for the application, which
    # gets it back in start(); pyatspi's own GLib warnings ("dbind-WARNING")
    # must not kill the test process.
    os.environ[_APP_G_DEBUG] = os.environ.get("G_DEBUG", "")
    os.environ["G_DEBUG"] = ",".join(f for f in os.environ.get("G_DEBUG", "").split(",")
                                     if f and f not in ("fatal-warnings", "fatal-criticals"))
    sys.stdout.flush()
    os.execv(runner, [runner, "--", sys.executable] + sys.argv)


def _die_with_parent():
    """In the child before exec: get SIGTERM if the test process dies
    without cleaning up (killed, or a crash in C)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except Exception:
        pass


def _descends_from(pid, ancestor):
    """pid is ancestor or one of its descendants (for SB_E2E_WRAPPER)."""
    for _ in range(8):
        if pid == ancestor:
            return True
        if pid <= 1:
            return False
        try:
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
    return False


def free_port():
    """A port the kernel just chose for us (bind port 0, close, reuse)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_line(text):
    return " ".join(str(text).split())


def exit_reason(status):
    if status >= 0:
        return "the application exited with status %d" % status
    name = signal.Signals(-status).name if -status in signal.valid_signals() else str(-status)
    extra = ""
    if -status == signal.SIGTRAP:
        extra = " (a warning or critical made fatal by G_DEBUG=fatal-warnings)"
    return "the application was killed by %s%s" % (name, extra)


class Harness(Tree):
    def __init__(self, app_args=None, name=None, independent_steps=False,
                 settings_backend="memory"):
        _reexec_under_private_bus()
        if len(sys.argv) < 3:
            print("1..0 # SKIP usage: %s SOCKBENCH BUILD_ROOT [SOURCE_ROOT]" % sys.argv[0])
            sys.exit(0)
        self.app_path = os.path.abspath(sys.argv[1])
        self.build_root = os.path.abspath(sys.argv[2])
        self.source_root = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
        self.test_name = name or os.path.splitext(os.path.basename(sys.argv[0]))[0]
        self.app_args = list(app_args or [])
        # "keyfile" keeps settings across restart_app() (in a temporary
        # XDG_CONFIG_HOME); "memory" forgets them with the process.
        self.settings_backend = settings_backend
        # By default a failed step skips the rest (they build on its state).
        self.independent_steps = independent_steps
        self.out_dir = os.path.join(self.build_root, "tests", "e2e")
        self.shot_dir = os.path.join(self.out_dir, "screenshots")
        os.makedirs(self.shot_dir, exist_ok=True)
        self.app_log_path = os.path.join(self.out_dir, self.test_name + "-app.log")
        self.steps = []
        self._app_logs = []
        self.cleanups = []
        self.procs = []
        self.display = None
        self.app = None
        self.app_proc = None
        self.window = None
        self._pyatspi = None
        self._tmp = tempfile.mkdtemp(prefix="sb-e2e-")
        self._finished = False
        self._panes = {}
        self._log_shown = None

    # ---- test structure ------------------------------------------------------

    def step(self, description, critical=True):
        """Register a step.  When a critical step fails, the later steps are
        skipped (unless the harness has independent_steps); a step that only
        checks the presentation can be critical=False."""
        def register(fn):
            self.steps.append((description, fn, critical))
            return fn
        return register

    def add_cleanup(self, fn):
        self.cleanups.append(fn)

    def diag(self, text):
        for line in str(text).splitlines():
            print("# " + line)
        sys.stdout.flush()

    def run(self):
        """Start everything, run the steps as TAP test points, always clean up."""
        missing = [p for p in ("Xvfb", "import") if shutil.which(p) is None]
        if not os.path.exists("/usr/libexec/at-spi-bus-launcher"):
            missing.append("at-spi-bus-launcher")
        if missing:
            print("1..0 # SKIP not installed: " + ", ".join(missing))
            return 0
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.alarm(int(OVERALL_TIMEOUT))
        # Last resort if even the alarm cannot get through (stuck in C).
        killer = threading.Timer(OVERALL_TIMEOUT + 15, self._hard_exit)
        killer.daemon = True
        killer.start()

        total = len(self.steps) + 2
        print("1..%d" % total)
        sys.stdout.flush()
        failures = 0
        failed_at = None
        try:
            try:
                self.start()
                print("ok 1 - the application window is on the accessibility bus")
            except Exception as e:
                failures += 1
                failed_at = "startup"
                self._not_ok(1, "the application window is on the accessibility bus", e)
            for i, (desc, fn, critical) in enumerate(self.steps, start=2):
                if failed_at is not None:
                    print("ok %d - %s # SKIP after the failure in: %s" % (i, desc, one_line(failed_at)))
                    continue
                started = time.monotonic()
                try:
                    fn()
                    took = time.monotonic() - started
                    if took > 5:
                        self.diag("this step took %.1f s" % took)
                    print("ok %d - %s" % (i, desc))
                except Exception as e:
                    failures += 1
                    if critical and not self.independent_steps:
                        failed_at = desc
                    self._not_ok(i, desc, e)
                    try:
                        self.screenshot("FAILED-" + re.sub(r"[^A-Za-z0-9]+", "-", desc)[:40])
                    except Exception:
                        pass
                sys.stdout.flush()
            self._quit_point(total, failed_at == "startup")
        finally:
            signal.alarm(0)
            self.shutdown()
            killer.cancel()
        sys.stdout.flush()
        return 1 if failures else 0

    def _quit_point(self, number, skip):
        desc = "the application quits cleanly on SIGTERM (status 0, no sanitizer report)"
        if skip:
            print("ok %d - %s # SKIP it did not start" % (number, desc))
            return
        try:
            self.quit_cleanly()
            print("ok %d - %s" % (number, desc))
        except Exception as e:
            self._not_ok(number, desc, e)
        sys.stdout.flush()

    def quit_cleanly(self):
        """SIGTERM to the application, as at a session's end: it must exit
        with status 0, and none of its logs may hold a sanitizer report."""
        proc = self.app_proc
        if proc is not None:
            if proc.poll() is not None:
                raise StepFailed(exit_reason(proc.returncode) + " before SIGTERM")
            proc.send_signal(signal.SIGTERM)
            try:
                status = proc.wait(timeout=QUIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise StepFailed("the application did not quit within %g s of SIGTERM"
                                 % QUIT_TIMEOUT)
            if status != 0:
                raise StepFailed(exit_reason(status) + " on SIGTERM")
        for path in self._app_logs:
            try:
                with open(path, errors="replace") as f:
                    m = SANITIZER_REPORT.search(f.read())
            except OSError:
                continue
            if m:
                raise StepFailed("a sanitizer report in %s: %s" % (path, m.group(0).strip()))

    def _not_ok(self, number, desc, exc):
        reason = one_line(exc) or type(exc).__name__
        print("not ok %d - %s # %s" % (number, desc, reason.replace("#", "\\#")))
        if not isinstance(exc, StepFailed):
            self.diag("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        self._diag_app_state()
        sys.stdout.flush()

    def _diag_app_state(self):
        """After a failure: the application's fate and the new part of its
        output (each part printed once)."""
        if self.app_proc is not None and self.app_proc.poll() is not None:
            if self._log_shown is not None and self._log_shown < 0:
                return
            self.diag(exit_reason(self.app_proc.returncode))
        try:
            with open(self.app_log_path, errors="replace") as f:
                text = f.read()
        except OSError:
            return
        start = max(self._log_shown or 0, len(text) - 3000)
        tail = text[start:]
        if tail.strip():
            self.diag("application output (%s):\n%s" % (self.app_log_path, tail))
        dead = self.app_proc is not None and self.app_proc.poll() is not None
        self._log_shown = -1 if dead else len(text)

    def _on_signal(self, signum, frame):
        self.shutdown()
        os._exit(128 + signum)

    def _on_alarm(self, signum, frame):
        raise StepFailed("the whole test took longer than %d s" % OVERALL_TIMEOUT)

    def _hard_exit(self):
        print("Bail out! stuck for more than %d s" % (OVERALL_TIMEOUT + 15))
        sys.stdout.flush()
        self.shutdown()
        os._exit(1)

    # ---- processes -----------------------------------------------------------

    def _spawn(self, argv, env=None, log=None):
        out = open(log, "w") if log else subprocess.DEVNULL
        p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.STDOUT, start_new_session=True,
                              preexec_fn=_die_with_parent)
        if log:
            out.close()
        self.procs.append(p)
        return p

    def spawn_peer(self, argv, log_name=None):
        """Start a helper process (a python peer); it is ended with the test."""
        log = os.path.join(self.out_dir, "%s-%s.log" % (self.test_name, log_name)) if log_name else None
        return self._spawn(argv, env=os.environ.copy(), log=log)

    def _start_xvfb(self):
        r, w = os.pipe()
        w_, h_ = SCREEN
        p = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (w_, h_),
                               "-nolisten", "tcp", "-noreset"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, pass_fds=(w,), start_new_session=True,
                              preexec_fn=_die_with_parent)
        os.close(w)
        self.procs.append(p)
        buf = b""
        deadline = time.monotonic() + 20
        while not buf.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or p.poll() is not None:
                os.close(r)
                raise StepFailed("Xvfb did not start")
            ready, _, _ = select.select([r], [], [], left)
            if ready:
                chunk = os.read(r, 64)
                if not chunk:
                    break
                buf += chunk
        os.close(r)
        if not buf.strip():
            raise StepFailed("Xvfb did not report a display")
        self.display = ":" + buf.decode().strip()

    def start(self):
        self._start_xvfb()
        os.environ["DISPLAY"] = self.display
        os.environ.pop("WAYLAND_DISPLAY", None)
        os.environ.pop("AT_SPI_BUS_ADDRESS", None)
        env = os.environ.copy()
        env.pop("NO_AT_BRIDGE", None)
        self._spawn(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"], env=env,
                     log=os.path.join(self.out_dir, self.test_name + "-a11y-bus.log"))
        self._wait_a11y_bus()
        self._start_app()

    def _start_app(self):
        app_env = os.environ.copy()
        app_env.pop("NO_AT_BRIDGE", None)
        app_env.pop(_APP_G_DEBUG, None)
        app_env.pop(_INNER, None)
        if os.environ.get(_APP_G_DEBUG):
            app_env["G_DEBUG"] = os.environ[_APP_G_DEBUG]
        else:
            app_env.pop("G_DEBUG", None)
        app_env.update({
            "GTK_A11Y": "atspi",
            "GDK_BACKEND": "x11",
            "GSETTINGS_BACKEND": self.settings_backend,
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.build_root, "data"),
            "XDG_CONFIG_HOME": os.path.join(self._tmp, "config"),
            "XDG_DATA_HOME": os.path.join(self._tmp, "data"),
            "XDG_STATE_HOME": os.path.join(self._tmp, "state"),
        })
        # SB_E2E_WRAPPER="gdb -batch -ex run -ex bt --args" (or valgrind ...)
        # runs the application under a debugger; its log has the backtrace.
        wrapper = os.environ.get("SB_E2E_WRAPPER", "").split()
        self._app_logs.append(self.app_log_path)
        self.app_proc = self._spawn(wrapper + [self.app_path] + self.app_args, env=app_env,
                                    log=self.app_log_path)
        pyatspi = self.atspi()
        desktop = pyatspi.Registry.getDesktop(0)

        def find_app():
            if self.app_proc.poll() is not None:
                raise StepFailed(exit_reason(self.app_proc.returncode)
                                 + " before showing a window")
            for i in range(desktop.childCount):
                a = desktop.getChildAtIndex(i)
                try:
                    if a is not None and _descends_from(a.get_process_id(), self.app_proc.pid):
                        return a
                except Exception:
                    continue
            return None
        self.app = self.wait_until(find_app, "the application on the accessibility bus", timeout=30)
        try:
            from gi.repository import Atspi
            self.app.set_cache_mask(Atspi.Cache.NONE)
        except Exception:
            pass

        def find_window():
            self._fresh(self.app)
            for i in range(self.app.childCount):
                c = self.app.getChildAtIndex(i)
                if c is not None and self.role(c) in ("frame", "window", "dialog"):
                    return c
            return None
        self.window = self.wait_until(find_window, "the application window", timeout=20)
        self._panes = {}

    def restart_app(self, timeout=DEFAULT_TIMEOUT):
        """Close the window as a user does, with the header bar's close button
        (the window saves its state and the application quits with it), then
        start the application again with the same arguments."""
        def in_a_pane(acc):
            for _ in range(60):
                acc = acc.parent
                if acc is None or self.role(acc) in ("frame", "window", "application"):
                    return False
                if self.name(acc) in ("Client", "Server"):
                    return True
            return False
        buttons = [b for b in self.find_all(None, "Close", role="push button")
                   if not in_a_pane(b)]
        if len(buttons) != 1:
            raise StepFailed("%d window close buttons outside the panes" % len(buttons))
        self.click(buttons[0])
        proc = self.app_proc
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise StepFailed("the application did not quit within %g s of app.quit" % timeout)
        if status != 0:
            raise StepFailed(exit_reason(status) + " on quitting")
        self.procs.remove(proc)
        self.app_proc = None
        self.app_log_path = self.app_log_path.replace("-app.log", "-app2.log")
        self._start_app()

    def _wait_a11y_bus(self):
        # Ask whether our launcher owns the name (no D-Bus activation of a
        # second launcher), and whether the X root window knows the bus.
        def ready():
            r = subprocess.run(["dbus-send", "--session", "--print-reply",
                                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=5)
            return r.returncode == 0 and b"boolean true" in r.stdout
        self.wait_until(ready, "the accessibility bus (org.a11y.Bus)", timeout=20, interval=0.1)

    def atspi(self):
        if self._pyatspi is None:
            import pyatspi
            self._pyatspi = pyatspi
        return self._pyatspi

    def shutdown(self):
        if self._finished:
            return
        self._finished = True
        for fn in reversed(self.cleanups):
            try:
                fn()
            except Exception:
                pass
        # The application first, then the bus launcher, Xvfb last.
        for p in reversed(self.procs):
            self._end(p)
        shutil.rmtree(self._tmp, ignore_errors=True)

    @staticmethod
    def _end(p):
        if p.poll() is not None:
            return
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except OSError:
            p.terminate()
        try:
            p.wait(timeout=3)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                p.kill()
            try:
                p.wait(timeout=3)
            except subprocess.TimeoutExpired:
                pass

    # ---- waiting -------------------------------------------------------------

    def wait_until(self, predicate, what, timeout=DEFAULT_TIMEOUT, interval=POLL):
        """Poll predicate every 50 ms until it returns something true; fail with
        'timed out after N s waiting for WHAT' otherwise.  Exceptions raised by the
        predicate count as 'not yet', except StepFailed."""
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            try:
                value = predicate()
                if value:
                    return value
            except StepFailed:
                raise
            except Exception as e:
                last_error = e
            if time.monotonic() >= deadline:
                msg = "timed out after %g s waiting for %s" % (timeout, what)
                if last_error is not None:
                    msg += " (last error: %s)" % one_line(last_error)
                raise StepFailed(msg)
            if self.app_proc is not None and self.app_proc.poll() is not None:
                raise StepFailed("%s while waiting for %s"
                                 % (exit_reason(self.app_proc.returncode), what))
            time.sleep(interval)

    # ---- screenshots ---------------------------------------------------------------

    def screenshot(self, name):
        """import -window root into BUILD/tests/e2e/screenshots/NAME.png."""
        path = os.path.join(self.shot_dir, name + ".png")
        time.sleep(0.3)  # let the last frame be painted
        subprocess.run(["import", "-display", self.display, "-window", "root", path],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20, check=True)
        return path

    def publish_screenshot(self, path):
        """Copy to SOURCE/docs/screenshot.png, only when SB_UPDATE_SCREENSHOT=1."""
        if os.environ.get("SB_UPDATE_SCREENSHOT") != "1" or not self.source_root:
            return
        dest_dir = os.path.join(self.source_root, "docs")
        os.makedirs(dest_dir, exist_ok=True)
        shutil.copyfile(path, os.path.join(dest_dir, "screenshot.png"))
        self.diag("copied %s to docs/screenshot.png" % path)


def check(condition, message):
    if not condition:
        raise StepFailed(message)


def recv_exactly(sock, n, timeout=10.0):
    """Read n bytes from a socket, or fail after timeout."""
    sock.settimeout(timeout)
    deadline = time.monotonic() + timeout
    data = b""
    while len(data) < n:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = sock.recv(n - len(data))
        except socket.timeout:
            raise StepFailed("received %r, then nothing for %g s (wanted %d bytes)" % (data, timeout, n))
        if not chunk:
            raise StepFailed("received %r, then the empty read(wanted %d bytes)" % (data, n))
        data += chunk
    return data


def recv_eof(sock, timeout=10.0):
    """The next recv() must be the empty read."""
    sock.settimeout(timeout)
    try:
        chunk = sock.recv(1024)
    except socket.timeout:
        raise StepFailed("no empty read within %g s" % timeout)
    except ConnectionResetError:
        raise StepFailed("connection reset instead of the empty read")
    if chunk != b"":
        raise StepFailed("expected the empty read b'', got %r" % chunk)


def recv_until_eof(sock, timeout=10.0):
    """Everything up to the empty read, or fail after timeout."""
    deadline = time.monotonic() + timeout
    data = b""
    while True:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            raise StepFailed("received %r, then nothing for %g s (wanted the empty read)"
                             % (data[:80], timeout))
        if not chunk:
            return data
        data += chunk


def nothing_arrives(sock, seconds=0.5):
    """No byte reaches sock within seconds (a negative check: it waits)."""
    ready, _, _ = select.select([sock], [], [], seconds)
    if ready:
        raise StepFailed("the peer received %r" % sock.recv(1024))


def row_has(*parts):
    """A predicate for wait_row(): the row's text contains every part."""
    return lambda row: all(p in row for p in parts)
