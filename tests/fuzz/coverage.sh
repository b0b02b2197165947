#!/bin/bash
# coverage.sh — what of the code under test the fuzz targets reach, file by
# file, when they run once over each input of their seed corpora.
#
#   tests/fuzz/coverage.sh [BUILD-DIR]        (default: build-cov)
#
# Builds the libFuzzer targets (-Dfuzz=true, clang-14) with clang's
# source-based coverage (-fprofile-instr-generate -fcoverage-mapping) in
# BUILD-DIR, runs each target over every file of the corpus folder its smoke
# test reads (tests/fuzz/meson.build: tests/fuzz/corpus, corpus/capture,
# corpus/render), merges the profiles with llvm-profdata-14 and prints
# llvm-cov-14's report for src/ (regions, functions, lines, branches).
# Nothing is mutated: this measures the seeds, not a fuzzing run.
#
# Copyright 2026 The Sockbench developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

cd "$(dirname "$0")/../.."
build=${1:-build-cov}
flags="-fprofile-instr-generate -fcoverage-mapping"

# (meson's compiler checks run instrumented programs: their profiles go nowhere.)
if [ ! -f "$build/build.ninja" ]; then
  LLVM_PROFILE_FILE=/dev/null CC=clang-14 meson setup "$build" -Dfuzz=true -De2e=false \
    -Dc_args="$flags" -Dc_link_args="$flags" >/dev/null
fi

# Each target and its corpus, from the smoke tests: fuzz-smoke-X CORPUS N.
mapfile -t pairs < <(meson introspect "$build" --tests | /usr/bin/python3 -c '
import json, sys
for test in json.load(sys.stdin):
    if test["name"].startswith("fuzz-smoke-"):
        print(test["name"].replace("fuzz-smoke-", "fuzz-") + " " + test["cmd"][1])')
[ ${#pairs[@]} -gt 0 ] || { echo "coverage.sh: no fuzz targets in $build" >&2; exit 1; }

targets=()
for pair in "${pairs[@]}"; do
  targets+=("tests/fuzz/${pair%% *}")
done
meson compile -C "$build" "${targets[@]}" >/dev/null

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT
objects=()
for pair in "${pairs[@]}"; do
  name=${pair%% *}
  corpus=${pair#* }
  mapfile -t inputs < <(find "$corpus" -maxdepth 1 -type f | sort)
  # Given files, not a folder, libFuzzer runs each once and stops.
  LLVM_PROFILE_FILE="$profiles/$name-%p.profraw" \
    "$build/tests/fuzz/$name" "${inputs[@]}" >/dev/null 2>&1
  echo "$name: ${#inputs[@]} inputs from ${corpus#"$PWD"/}"
  objects+=(-object "$build/tests/fuzz/$name")
done

llvm-profdata-14 merge -sparse -o "$profiles/all.profdata" "$profiles"/*.profraw
echo
llvm-cov-14 report -instr-profile "$profiles/all.profdata" "${objects[@]:1}" \
  -ignore-filename-regex='(^|/)(tests|usr)/|/meson-generated_|sb-enum-types'
