#!/usr/bin/env bash
# Runs the browser tests in Tests/Browser against the debug build, in headless Chromium.
# Screenshots land in test-artifacts/screenshots/ (kept after the run, ignored by git).
# BIN=DIR uses the executables in DIR; SCRATCH=PATH those of `swift build --scratch-path PATH`.
# Usage: scripts/browser-tests.sh [--seed N | --reverse] [MODULE_OR_TEST_ID ...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin="$BIN"
elif [ -n "${SCRATCH:-}" ]; then
  bin="$(swift build --scratch-path "$SCRATCH" --show-bin-path)"
else
  bin="$(swift build --show-bin-path)"
fi
if [ ! -x "$bin/buurtstem" ]; then
  echo "error: $bin/buurtstem is missing; run 'swift build' first" >&2
  exit 1
fi
export BUURTSTEM_BIN="$bin/buurtstem"
export BUURTSTEM_VERIFY_BIN="$bin/buurtstem-verify"
export BUURTSTEM_ARTIFACTS="${BUURTSTEM_ARTIFACTS:-$PWD/test-artifacts}"
mkdir -p "$BUURTSTEM_ARTIFACTS/screenshots"
# One run in a shuffled order with its seed printed first: no test may depend on another having run before it.
# BROWSER_TEST_SEED=N runs that order again; arguments go to Tests/Browser/run_order.py (--seed N, --reverse, or
# modules and test ids, e.g. test_kiosk.ScreenSizes).
python3 Tests/Browser/run_order.py "$@"
echo "Screenshots: $BUURTSTEM_ARTIFACTS/screenshots"
