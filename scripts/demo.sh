#!/usr/bin/env bash
# The main job: installs what is missing, builds both executables in release mode (the demo prints a
# buurtstem-verify command to run as printed) and runs `buurtstem demo` (arguments pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product buurtstem
swift build -c release --product buurtstem-verify
exec .build/release/buurtstem demo "$@"
