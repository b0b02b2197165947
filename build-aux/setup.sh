#!/bin/bash
# setup.sh — the one entry point for people and CI.
#
#   build-aux/setup.sh run    install what Sockbench needs, build it, start it
#   build-aux/setup.sh test   install what the tests need, build, run every test headless
#   build-aux/setup.sh deps   only install the Debian packages
#
# Copyright 2026 The Sockbench developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "$(dirname "$0")/.."

build_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libepoxy-dev libsoup-3.0-dev
  desktop-file-utils appstream-util
)
test_packages=(
  adwaita-icon-theme xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-pyatspi
  curl socat xxd imagemagick chromium
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

# One plain line with meson's totals, read from its test log.
print_totals() {
  /usr/bin/python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(sys.argv[1]) as log:
    for line in log:
        if not line.strip():
            continue
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            counts["passed"] += 1
        elif result == "SKIP":
            counts["skipped"] += 1
        else:
            counts["failed"] += 1
line = "%d passed, %d failed" % (counts["passed"], counts["failed"])
if counts["skipped"]:
    line += ", %d skipped" % counts["skipped"]
print(line)
PY
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
    install_packages "${build_packages[@]}" "${test_packages[@]}"
    configure
    status=0
    xvfb-run -a -s "-screen 0 1280x1024x24" \
      dbus-run-session -- meson test -C build --print-errorlogs "${@:2}" || status=$?
    print_totals
    exit $status
    ;;
  *)
    sed -n 2,6p "$0"
    exit 2
    ;;
esac
