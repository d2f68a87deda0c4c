#!/usr/bin/env bash
# Time from launching Beton to "ready" (first successful /actuator/health) and RSS 2 s after,
# for the embedded default (`demo` on an empty data dir), through the real launcher.
# Usage: bench/startup.sh [runs]   (BETON_CDS=off to measure without the class-data archive)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=18765
./beton --version >/dev/null   # builds, extracts and trains the class-data archive when needed
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  ./beton demo --port "$port" --data-dir "$dir" >"$dir/out.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.05; done
  ready=$(date +%s%N)
  sleep 2
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: ready in %.2f s, RSS %d MiB (load %s)\n' "$i" \
    "$(echo "($ready - $start) / 1000000000" | bc -l)" $((rss_kb / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
