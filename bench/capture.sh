#!/usr/bin/env bash
# Capture throughput (issue 16 §1): `./beton serve` on a fresh data dir, loaded over loopback by
# CaptureLoad in its own process (POST /batch, 8 connections, batches of 1,000, fresh v4 uuids),
# plain JSON and gzip; against the bare baseline measured in the same run: the same events appended
# by a DuckDB Appender in one process (BareAppend: no HTTP, no JSON, one commit per 1,000 rows),
# with the warehouse's unique uuid index and without it. Every acknowledged event is counted back
# from the store at the end. Prints one summary line; report in target/bench/capture-report.txt.
# Usage: bench/capture.sh [seconds per load run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${BETON_BENCH_CONNECTIONS:-8}
batch=${BETON_BENCH_BATCH:-1000}
out=target/bench
mkdir -p "$out"
report=$out/capture-report.txt

. .mvn/select-jdk.sh
beton_select_jdk
./beton --version >/dev/null
# One invocation: the reactor resolves the emulators module to its classes for the class path.
./mvnw -q -B -pl app -am -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/capture-cp.txt >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat app/target/capture-cp.txt)"

dir=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
{
  echo "Capture benchmark, $(date -u +%FT%TZ), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" -cp "$cp" dev.beton.bench.BareAppend "$dir/bare" 1000000 "$batch"
} | tee "$report"
bare=$(grep -o 'as the warehouse): [0-9,]* events in batches of [0-9,]* = [0-9,]*' "$report" | awk '{print $NF}' | tr -d ,)

export BETON_ADMIN_EMAIL=admin@example.com BETON_ADMIN_PASSWORD=correct-horse-battery-staple
export BETON_ENCRYPTION_KEY=${BETON_ENCRYPTION_KEY:-$(./beton keygen 2>/dev/null)}
port=18767
./beton serve --port "$port" --host 127.0.0.1 --data-dir "$dir/data" >"$dir/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.2; done
auth="$BETON_ADMIN_EMAIL:$BETON_ADMIN_PASSWORD"
token=$(curl -fs -u "$auth" "http://127.0.0.1:$port/api/v1/workspaces" \
  | python3 -c 'import sys, json; w = json.load(sys.stdin); w = w.get("items", w) if isinstance(w, dict) else w; print(w[0]["projectToken"])')
jpid=$(pgrep -f -n "data-dir $dir/data" || echo "$pid")

load() { # gzip|plain seconds
  local flag=""; [ "$1" = gzip ] && flag=gzip
  "$JAVA_HOME/bin/java" -cp "$cp" dev.beton.bench.CaptureLoad "http://127.0.0.1:$port" "$token" "$2" \
    "$connections" "$batch" $flag
}
load plain 5 >/dev/null   # warm-up: JIT, pools, the first commits
if [ "${BETON_BENCH_JFR:-0}" = 1 ]; then   # a CPU profile of the server during the plain run
  "$JAVA_HOME/bin/jcmd" "$jpid" JFR.start settings=profile duration="${seconds}s" filename="$PWD/$out/capture.jfr" >/dev/null
fi
cpu0=$(awk '{print $14 + $15}' "/proc/$jpid/stat")
plain=$(load plain "$seconds"); echo "$plain" | tee -a "$report"
cpu1=$(awk '{print $14 + $15}' "/proc/$jpid/stat")
gzip=$(load gzip "$seconds"); echo "$gzip" | tee -a "$report"
rate() { echo "$1" | grep -o '= [0-9,]* events/s' | awk '{print $2}' | tr -d ,; }
acked=$(( $(echo "$plain" | grep -o '[0-9,]* events acknowledged' | awk '{print $1}' | tr -d ,) \
        + $(echo "$gzip" | grep -o '[0-9,]* events acknowledged' | awk '{print $1}' | tr -d ,) ))
stored=$(curl -fs -u "$auth" "http://127.0.0.1:$port/api/v1/events/stats?workspace=default" 2>/dev/null \
  | python3 -c 'import sys, json; print(json.load(sys.stdin).get("totalEvents", "?"))' 2>/dev/null || echo "?")
rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$jpid/status")
tick=$(getconf CLK_TCK)
us_per_event=$(python3 -c "print(round(($cpu1 - $cpu0) / $tick / max(1, $(rate "$plain") * $seconds) * 1e6, 1))")
p_rate=$(rate "$plain"); g_rate=$(rate "$gzip")
summary=$(printf 'capture: %s events/s plain, %s gzip (goal 200,000); bare appender %s/s, ratio %.2f (goal >= 0.5); server %s CPU-us an event; peak RSS %s MiB; acknowledged %s (plus warm-up), stored %s; load %s' \
  "$p_rate" "$g_rate" "$bare" "$(python3 -c "print($p_rate / $bare)")" "$us_per_event" "$rss" "$acked" "$stored" \
  "$(cut -d' ' -f1-3 /proc/loadavg)")
echo "$summary" | tee -a "$report"
if [ "${BETON_BENCH_JFR:-0}" = 1 ]; then
  sleep 2
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$out/capture.jfr" | head -n 40 | tee -a "$report"
fi
