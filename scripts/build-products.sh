#!/usr/bin/env bash
# Builds the two executables (buurtstem, buurtstem-verify) and prints the folder that holds them, for the scripts
# that run them (cli-doc.sh, make-cheque-vectors.sh): `bin="$(scripts/build-products.sh)"`.
set -euo pipefail
cd "$(dirname "$0")/.."
# SCRATCH=PATH (or SCRATCH_PATH=PATH) builds in that scratch folder (as `swift build --scratch-path PATH`).
SCRATCH="${SCRATCH:-${SCRATCH_PATH:-}}"
scratch=(${SCRATCH:+--scratch-path "$SCRATCH"})
swift build "${scratch[@]}" --product buurtstem >/dev/null
swift build "${scratch[@]}" --product buurtstem-verify >/dev/null
swift build "${scratch[@]}" --show-bin-path
