#!/usr/bin/env bash
# Measures time from `java -jar` to "ready" (first successful /actuator/health) and RSS after
# start, for the embedded default (./beton demo on an empty data dir). Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
beton_select_jdk
[ -f target/beton.jar ] || ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
runs=${1:-3}
port=18765
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${BETON_JAVA_OPTS:-} -jar target/beton.jar demo --port "$port" --data-dir "$dir" \
    >"$dir/out.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.05; done
  ready=$(date +%s%N)
  sleep 2
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: ready in %.2f s, RSS %d MiB\n' "$i" "$(echo "($ready - $start) / 1000000000" | bc -l)" $((rss_kb / 1024))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
