#!/usr/bin/env bash
# Benchmark: issuing the cheques of one round for a synthetic gemeente of N households (default 500,000),
# with addresses, through the release CLI. Prints wall time, cheques per second and peak RSS.
# Usage: Benchmarks/issue-cheques.sh [HOUSEHOLDS]   (needs /usr/bin/time; builds with --scratch-path .build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
households="${1:-500000}"
swift build -c release --product buurtstem --scratch-path .build-release >/dev/null
bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/buurtstem"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BUURTSTEM_PASSPHRASE='benchmark passphrase'
cd "$work"
"$bin" demo --households "$households" --out gemeente >/dev/null   # writes areas.csv and households.csv
cp gemeente/areas.csv gemeente/households.csv .
"$bin" init --gemeente Groningen --code GM0014 >/dev/null
"$bin" areas import areas.csv >/dev/null
"$bin" register import households.csv >/dev/null
"$bin" cheques round create --id bench --value 7.50 --issue-date 2026-03-01 --valid-until 2026-06-30 --scope buurt >/dev/null
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o rss.txt "$bin" cheques issue --round bench --print-to print --addresses households.csv 2>progress.txt >issue.txt
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc -l)
printf 'households: %d\nseconds: %.2f\ncheques/s: %.0f\npeak RSS: %d MiB\nprint folder: %s\n' \
    "$households" "$seconds" "$(echo "$households / $seconds" | bc -l)" "$(( $(cat rss.txt) / 1024 ))" "$(du -sh print | cut -f1)"
