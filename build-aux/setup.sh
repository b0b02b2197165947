#!/bin/bash
# setup.sh — the one entry point for people and CI.
#
#   build-aux/setup.sh run    install what Sockbench needs, build it, start it
#   build-aux/setup.sh test   install what the tests need, build, run every test headless;
#                             then the core, fuzz and e2e-asan suites under ASan+UBSan,
#                             and the fuzz build
#   build-aux/setup.sh deps   only install the Debian packages
#
# Copyright 2026 The Sockbench developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "$(dirname "$0")/.."

build_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libepoxy-dev libsoup-3.0-dev
  desktop-file-utils appstream-util itstool
  libjson-glib-dev
)
test_packages=(
  adwaita-icon-theme xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-pyatspi
  curl socat xxd imagemagick chromium libxml2-utils mallard-rng
  # test-row-menu reads the clipboard as another program would.
  xclip
  # validate-mime: update-mime-database
  shared-mime-info
  # The fuzz build: clang, and libFuzzer's runtime (libclang_rt.fuzzer),
  # which clang-14 only recommends.
  clang-14 libclang-rt-14-dev
  # The pcapng export is checked by Wireshark's reader.
  tshark
)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
}

configure() {
  local opts=(-Dwerror=true)
  if [ -f build/build.ninja ]; then
    meson setup --reconfigure build "${opts[@]}" >/dev/null
  else
    meson setup build "${opts[@]}"
  fi
  meson compile -C build
}

# The core and fuzz-smoke suites again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (a finding stops the test: see meson.build),
# and the e2e-asan suite: a selection of the end-to-end tests, the real
# window under ASan, LeakSanitizer checking at its exit (tests/e2e/meson.build).
# Only what those suites run is built, and the schemas they read.
configure_asan() {
  local opts=(-Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false)
  # (Called in a condition, where set -e does not act: each step says.)
  if [ -f build-asan/build.ninja ]; then
    meson setup --reconfigure build-asan "${opts[@]}" >/dev/null || return 1
  else
    meson setup build-asan "${opts[@]}" >/dev/null || return 1
  fi
  mapfile -t targets < <(meson introspect build-asan --tests --targets | /usr/bin/python3 -c '
import json, os, sys
info = json.load(sys.stdin)
programs, ids = set(), set()
for test in info["tests"]:
    if {"sockbench:core", "sockbench:fuzz", "sockbench:e2e-asan"} & set(test["suite"]):
        programs.add(test["cmd"][0])
        ids.update(test.get("depends", []))
for target in info["targets"]:
    if programs & set(target["filename"]) or target["id"] in ids or any(
            f.endswith("gschemas.compiled") for f in target["filename"]):
        subdir = os.path.relpath(os.path.dirname(target["filename"][0]), "build-asan")
        print(subdir + "/" + target["name"])')
  meson compile -C build-asan "${targets[@]}" || return 1
}

# The libFuzzer targets must keep building (CC=clang, -Dfuzz=true): they
# are built here, not run (see the README for running them).
build_fuzz() {
  local opts=(-Dwerror=true -Dfuzz=true)
  if [ -f build-fuzz/build.ninja ]; then
    meson setup --reconfigure build-fuzz "${opts[@]}" >/dev/null || return 1
  else
    CC=clang-14 meson setup build-fuzz "${opts[@]}" >/dev/null || return 1
  fi
  mapfile -t targets < <(meson introspect build-fuzz --targets | /usr/bin/python3 -c '
import json, sys
for target in json.load(sys.stdin):
    if target["subproject"] is None and target["name"].startswith("fuzz-") \
            and not target["name"].startswith("fuzz-smoke-"):
        print("tests/fuzz/" + target["name"])')
  [ ${#targets[@]} -gt 0 ] || return 1
  meson compile -C build-fuzz "${targets[@]}" || return 1
  echo "fuzz build: ${#targets[@]} libFuzzer targets built"
}

# One plain line with meson's totals, read from the test logs of every
# build directory given (each suite that ran this time counts).
print_totals() {
  /usr/bin/python3 - "$@" <<'PY'
import json, os, sys
total = {"passed": 0, "failed": 0, "skipped": 0}
failures = []
for build in sys.argv[1:]:
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    with open(os.path.join(build, "meson-logs", "testlog.json")) as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            result = test["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif result == "SKIP":
                counts["skipped"] += 1
            else:
                counts["failed"] += 1
                failures.append((build, test))
    for key in total:
        total[key] += counts[key]
    if len(sys.argv) > 2:
        print("%s: %d passed, %d failed, %d skipped"
              % (build, counts["passed"], counts["failed"], counts["skipped"]))
# What failed, with the end of its output, comes just before the totals:
# a log cut to its last lines still says which test it was and why.
for build, test in failures:
    print("%s: %s %s" % (build, test["result"], test["name"]))
    for text in (test.get("stdout") or "").splitlines()[-15:]:
        print("    " + text)
line = "%d passed, %d failed" % (total["passed"], total["failed"])
if total["skipped"]:
    line += ", %d skipped" % total["skipped"]
print(line)
PY
}

# "name: 12 s" after a stage, so that the cost of each is in the log.
stage_start=0
stage() {
  local now=$SECONDS
  [ -n "${1:-}" ] && echo "time: $1 $((now - stage_start)) s"
  stage_start=$now
}

case "${1:-}" in
  deps)
    install_packages "${build_packages[@]}" "${test_packages[@]}"
    ;;
  run)
    install_packages "${build_packages[@]}"
    configure
    export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
    exec build/src/sockbench "${@:2}"
    ;;
  test)
    # With arguments (test names, meson test options) only the main build
    # runs them; without, the sanitizer build and the fuzz build follow.
    install_packages "${build_packages[@]}" "${test_packages[@]}"
    stage
    configure
    stage build
    status=0
    ran=(build)
    rm -f build/meson-logs/testlog.json
    xvfb-run -a -s "-screen 0 1280x1024x24" \
      dbus-run-session -- meson test -C build --print-errorlogs "${@:2}" || status=$?
    stage tests
    if [ $# -le 1 ]; then
      if configure_asan; then
        stage build-asan
        rm -f build-asan/meson-logs/testlog.json
        ran+=(build-asan)
        ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
          xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
          meson test -C build-asan --no-rebuild --print-errorlogs \
            --suite core --suite fuzz --suite e2e-asan --timeout-multiplier 3 \
          || status=$?
        stage "tests under ASan+UBSan"
      else
        echo "build-asan: the sanitizer build failed"
        status=1
      fi
      if ! build_fuzz; then
        echo "build-fuzz: the fuzz build failed"
        status=1
      fi
      stage build-fuzz
    fi
    print_totals "${ran[@]}"
    exit $status
    ;;
  *)
    sed -n 2,7p "$0"
    exit 2
    ;;
esac
