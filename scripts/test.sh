#!/usr/bin/env bash
# The test command: installs what is missing, builds everything without warnings, runs every test:
# the Swift suites, then the second implementations of the secret-ballot, mix, secret-record and opened-ballot vectors (Python over libsodium) and the
# browser tests (headless Chromium) in Tests/Browser.
# Arguments go to `swift test` (e.g. --filter); with arguments the browser tests are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
swift build --build-tests
swift test --skip-build "$@"
if [ $# -eq 0 ]; then
  python3 scripts/check-secrecy-vectors.py
  python3 scripts/check-mix-vector.py
  python3 scripts/check-secret-record-vectors.py
  python3 scripts/check-opened-ballot-vector.py
  scripts/browser-tests.sh
fi
