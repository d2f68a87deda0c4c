#!/usr/bin/env bash
# Start-up of the embedded default through the real launcher, on an empty data dir each run:
#   demo:  "ready" = first successful /actuator/health (the server answers requests; the demo world
#          is generated in the background after that), "world" = the launcher's line "Beton is running
#          at" (demo world generated and first detection done), RSS read from /proc 2 s after that;
#   serve: the same on an empty data dir without the demo, RSS once idle (5 s after ready).
# With every figure: the CPU seconds the JVM used until ready (user + sys from /proc, a proxy that
# depends far less on the machine's load than wall time), the classes it loaded, and the load average.
# Usage: bench/startup.sh [runs]   BETON_CDS=off measures without the class-data/AOT cache;
#        BENCH_SERVE=off skips the serve runs. The "ready in X s" lines are the demo's (acceptance).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=18765
./beton --version >/dev/null   # builds, extracts and trains the class-data/AOT cache when needed
tick=$(getconf CLK_TCK)

cpu_seconds() { # utime + stime of a pid, in seconds
  awk -v t="$tick" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"
}


classes_loaded() {
  "$JAVA_HOME/bin/jcmd" "$1" PerfCounter.print 2>/dev/null \
    | awk -F= '/java.cls.loadedClasses=/ {n = $2} /java.cls.sharedLoadedClasses=/ {s = $2}
               END {printf "%d classes (%d from the archive)", n + s, s}'
}

. .mvn/select-jdk.sh
beton_select_jdk

# serve refuses to start without an encryption key (the demo makes its own)
export BETON_ENCRYPTION_KEY=${BETON_ENCRYPTION_KEY:-$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')}

start_one() { # mode dir -> sets pid, start
  start=$(date +%s%N)
  BETON_ADMIN_EMAIL=admin@example.com BETON_ADMIN_PASSWORD=correct-horse-battery-staple \
    ./beton "$1" --port "$port" --host 127.0.0.1 --data-dir "$2" >"$2/out.log" 2>&1 &
  pid=$!
}

wait_ready() {
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "Beton exited; see its log:" >&2; tail -n 20 "$1/out.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(date +%s%N)
  cpu=$(cpu_seconds "$pid")
}

secs() { echo "($1 - $start) / 1000000000" | bc -l; }

for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start_one demo "$dir"
  wait_ready "$dir"
  world="?"
  for _ in $(seq 1 2400); do
    if grep -q "is running at" "$dir/out.log"; then world=$(printf '%.2f' "$(secs "$(date +%s%N)")"); break; fi
    sleep 0.05
  done
  sleep 2
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: ready in %.2f s, RSS %d MiB, world in %s s, cpu %s s to ready, %s (load %s)\n' "$i" \
    "$(secs "$ready")" $((rss_kb / 1024)) "$world" "$cpu" "$(classes_loaded "$pid")" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done

[ "${BENCH_SERVE:-on}" = off ] && exit 0
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start_one serve "$dir"
  wait_ready "$dir"
  sleep 5
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'serve %d: healthy in %.2f s, idle RSS %d MiB, cpu %s s to ready, %s (load %s)\n' "$i" \
    "$(secs "$ready")" $((rss_kb / 1024)) "$cpu" "$(classes_loaded "$pid")" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
