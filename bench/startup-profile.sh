#!/usr/bin/env bash
# Where a start's time goes: `./beton serve` on an empty data dir with BETON_STARTUP_PROFILE set
# (boot.StartupProfile: Spring's own start-up steps, each with its own time), plus the JVM's CPU
# seconds and the wall time to the first successful /actuator/health, as in bench/startup.sh.
# Usage: bench/startup-profile.sh [serve|demo]   Profile: target/bench/startup-profile-<mode>.txt
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-serve}
port=18767
./beton --version >/dev/null   # builds and trains the class-data/AOT cache when needed, untimed
mkdir -p target/bench
profile=$(pwd)/target/bench/startup-profile-$mode.txt
rm -f "$profile"
tick=$(getconf CLK_TCK)
export BETON_ENCRYPTION_KEY=${BETON_ENCRYPTION_KEY:-$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')}
dir=$(mktemp -d)
load=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s%N)
BETON_STARTUP_PROFILE=$profile BETON_ADMIN_EMAIL=admin@example.com BETON_ADMIN_PASSWORD=correct-horse-battery-staple \
  ./beton "$mode" --port "$port" --host 127.0.0.1 --data-dir "$dir" >"$dir/out.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "Beton exited; see its log:" >&2; tail -n 20 "$dir/out.log" >&2; exit 1; }
  sleep 0.05
done
ready=$(date +%s%N)
# The JVM is the launcher's child (exec'd by the script, so usually the same pid).
cpu=$(awk -v t="$tick" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat")
for _ in $(seq 1 100); do [ -s "$profile" ] && break; sleep 0.1; done
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$dir"
printf 'startup-profile %s: healthy in %.2f s, cpu %s s to ready (load %s -> %s)\n' "$mode" \
  "$(echo "($ready - $start) / 1000000000" | bc -l)" "$cpu" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
head -n 60 "$profile"
