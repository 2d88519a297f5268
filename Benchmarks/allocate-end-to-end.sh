#!/usr/bin/env bash
# End-to-end time of `buurtstem allocate FILE --rule greedy --json` (process start to JSON on stdout) on the largest
# shared Pabulib instances, beside a plain read of the same bytes (`cat FILE > /dev/null`), with hyperfine.
# Columns: file, size, cat median, allocate median (min), allocate CPU (user + system, mean), MB/s at the minimum.
#
#   Benchmarks/allocate-end-to-end.sh [PATH/TO/buurtstem]     (default: a release build in .build/release)
#
# Needs hyperfine (apt-get install hyperfine) and ../shared/pabulib beside the package; without it, says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release/buurtstem}"
shared="../shared/pabulib/instances"
if [ ! -d "$shared" ]; then
  echo "skipped: $shared is absent (the end-to-end benchmark needs the shared Pabulib instances)"
  exit 0
fi
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
out="$(mktemp -d)"
# Assen 2024 (6 KB): the cost of starting the process, before any real parsing.
for name in Poland_Krakow_2024 Poland_Wroclaw_2015_150_-_500 Poland_Lodz_2024 Netherlands_Amsterdam_621 Netherlands_Assen_2024; do
  file="$shared/$name.pb"
  hyperfine -N --warmup 3 --runs 30 --export-json "$out/$name.json" \
    "cat $file" "$bin allocate $file --rule greedy --json" >/dev/null
  python3 - "$out/$name.json" "$file" <<'EOF'
import json, os, sys
runs = json.load(open(sys.argv[1]))["results"]
size = os.path.getsize(sys.argv[2])
cat, allocate = runs[0], runs[1]
mb = size / 1e6
cpu = allocate['user'] + allocate['system']
print(f"| {os.path.basename(sys.argv[2])} | {mb:.2f} MB | {cat['median']*1000:.1f} ms | "
      f"{allocate['median']*1000:.1f} ms (min {allocate['min']*1000:.1f}) | {cpu*1000:.1f} ms | {mb/allocate['min']:.0f} MB/s |")
EOF
done
rm -rf "$out"
