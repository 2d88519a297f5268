#!/usr/bin/env bash
# The main job: installs what is missing, builds in release mode and runs `buurtstem demo` (arguments pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product buurtstem
exec .build/release/buurtstem demo "$@"
