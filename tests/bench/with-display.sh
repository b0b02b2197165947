#!/bin/sh
# Runs a benchmark of the real window: under its own Xvfb when there is no display.
# Copyright 2026 The Sockbench developers
# SPDX-License-Identifier: GPL-3.0-or-later
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" "$@"
fi
exec "$@"
