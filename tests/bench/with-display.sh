#!/bin/sh
# Runs a program of the real window: on the display set, or under an Xvfb
# of its own when none is set or when asked first with --own.
#   with-display.sh [--own] PROGRAM [ARGS...]
# --own is for a test that counts its window's frames: on a display shared
# with other tests, their windows mapping and unmapping over it make it
# redraw (62 frames in 2 s idle, against 2 when alone).  Xvfb picks a free
# display number itself (-displayfd), so servers started together, here or
# by the end-to-end harness, cannot race for one.
# Copyright 2026 The Sockbench developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
if [ "${1:-}" = "--own" ]; then
  shift
elif [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi

number_file=$(mktemp) || exit 1
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$number_file" >/dev/null 2>&1 &
server=$!
tries=0
while [ ! -s "$number_file" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$server" 2>/dev/null; then
    echo "with-display.sh: Xvfb did not start" >&2
    kill "$server" 2>/dev/null
    rm -f "$number_file"
    exit 1
  fi
  sleep 0.05
done
DISPLAY=":$(cat "$number_file")"
export DISPLAY
rm -f "$number_file"
"$@"
status=$?
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
exit "$status"
