#!/usr/bin/env bash
# Capture throughput (issue 16 §1): `beton serve` on a fresh data dir, loaded over loopback by
# CaptureLoad in its own JVM (8 connections, batches of 1,000, fresh v4 uuids), plain JSON then gzip,
# each after a warm-up, against a baseline measured in the same run: the same events appended by a
# bare DuckDB Appender (BareAppend) into a fresh file with the warehouse's events schema, with and
# without its unique uuid index. Ends by counting the stored rows against the acknowledged events
# (every 200 must be durable). Also reports the server's CPU-µs per event (user+sys from /proc).
# Usage: bench/capture.sh   BETON_BENCH_CAPTURE_SECONDS (25) per run, BETON_BENCH_CAPTURE_WARMUP (15: JIT warm-up takes
#        longer than 8 s on a loaded machine),
#        BETON_BENCH_CAPTURE_JFR=1 records a 20 s JFR profile of the server during the plain run
#        (target/bench/capture.jfr). Report: target/bench/capture-report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${BETON_BENCH_CAPTURE_SECONDS:-25}
warmup=${BETON_BENCH_CAPTURE_WARMUP:-15}
port=18767
out=target/bench
report=$out/capture-report.txt
mkdir -p "$out"
. .mvn/select-jdk.sh
beton_select_jdk

./beton --version >/dev/null   # builds the jar and the start-up cache when the sources changed
./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile -pl app -am
# DuckDB's driver for BareAppend: the launcher's extracted jar holds the application's libraries
cp="app/target/test-classes:app/target/classes:$(ls app/target/app/lib/duckdb_jdbc-*.jar)"
run() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }

dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
: >"$report"
say() { echo "$*" | tee -a "$report"; }
say "capture bench $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $seconds s per run, load before $(load)"

# 1. the bare baseline, same run
bare_line=$(run dev.beton.bench.BareAppend "$dir/bare.duckdb" "$seconds")
say "$bare_line (load $(load))"
bare_noindex_line=$(run dev.beton.bench.BareAppend "$dir/bare-noindex.duckdb" "$seconds" noindex)
say "$bare_noindex_line (load $(load))"
rm -f "$dir"/bare*.duckdb*
# The store has no uuid index since warehouse V110 (dedup by the writer, events.ingest.StoredDuplicates),
# so the appender without it is this design's limit; the indexed one is the old design, for reference.
bare=$(grep -o '= [0-9]* events/s' <<<"$bare_noindex_line" | awk '{print $2}')

# 2. the server, through the launcher with its normal JVM flags
export BETON_ADMIN_EMAIL=admin@example.com BETON_ADMIN_PASSWORD=correct-horse-battery-staple
export BETON_ENCRYPTION_KEY=${BETON_ENCRYPTION_KEY:-$(./beton keygen 2>/dev/null)}
./beton serve --port "$port" --host 127.0.0.1 --data-dir "$dir/data" >"$dir/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { tail -n 30 "$dir/serve.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -fs -u "$BETON_ADMIN_EMAIL:$BETON_ADMIN_PASSWORD" "http://127.0.0.1:$port/api/v1/workspaces" |
  python3 -c "import sys,json; print(json.load(sys.stdin)[0]['projectToken'])")
url=http://127.0.0.1:$port

measure() { # label seconds [gzip] -> the CaptureLoad line, plus server CPU-µs per event
  local before after line n
  before=$(cpu "$pid")
  line=$(run dev.beton.bench.CaptureLoad "$url" "$token" "$2" 8 1000 ${3:-})
  after=$(cpu "$pid")
  n=$(grep -o '[0-9,]* events acknowledged' <<<"$line" | tr -d , | awk '{print $1}')
  printf '%s: %s; server %s CPU-µs/event (load %s)\n' "$1" "$line" \
    "$(awk -v c="$after" -v b="$before" -v n="$n" 'BEGIN {printf "%.1f", n ? (c - b) * 1e6 / n : 0}')" "$(load)"
}
say "$(measure warm-up "$warmup")"
if [ "${BETON_BENCH_CAPTURE_JFR:-0}" = 1 ]; then
  (sleep 3; "$JAVA_HOME/bin/jcmd" "$pid" JFR.start settings=profile duration=20s \
    filename="$PWD/$out/capture.jfr" >/dev/null) &
fi
plain=$(measure plain "$seconds"); say "$plain"
say "$(measure warm-up-gzip "$warmup" gzip)"
zipped=$(measure gzip "$seconds" gzip); say "$zipped"
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=

# 3. every acknowledged event is stored (measure runs in a subshell: sum its lines in the report)
acked=$(grep -o '[0-9,]* events acknowledged' "$report" | tr -d , | awk '{s += $1} END {print s + 0}')
store=$(find "$dir/data" -name 'workspace-*.duckdb' | head -n 1)
stored=$(run dev.beton.bench.BareAppend count "$store")
durable=$([ "$stored" -ge "$acked" ] && echo yes || echo NO)
say "durability: $acked events acknowledged, $stored stored: every acknowledged event stored: $durable"

rate() { grep -o '= [0-9,]* events/s' <<<"$1" | tr -d , | awk '{print $2}'; }
lat() { grep -o 'p50 [0-9.]* ms p99 [0-9.]* ms' <<<"$1" | awk '{print $2 "/" $5}'; }
r=$(rate "$plain"); g=$(rate "$zipped")
ratio=$(awk -v a="$r" -v b="$bare" 'BEGIN {printf "%.2f", b ? a / b : 0}')
say "capture: $r events/s (goal 200,000; bare appender without index $bare/s, ratio $ratio, goal ≥ 0.5) · gzip $g/s ·" \
  "p50/p99 request ms $(lat "$plain") (gzip $(lat "$zipped")) · durable $durable · load $(load)"
