#!/bin/sh
# Backtest replay benchmark (issue 19 §6): a 180-day windowed replay against one detection run on
# the same generated DuckDB file, in the same run; a day-by-day sample is timed and extrapolated.
# Default scale is reduced (1 M events / 1,000 accounts); BETON_BENCH_EVENTS=10000000
# BETON_BENCH_ACCOUNTS=10000 for the issue's scale (generation takes minutes, reused later).
# BETON_BENCH_HEAP caps the test JVM's heap (e.g. 2g; default: the JVM's, a quarter of the RAM);
# BETON_BENCH_JFR=path records a flight recording of the run (read it with `jfr print`).
# Figures: app/target/bench/backtest-report.txt.
set -e
cd "$(dirname "$0")/.."
jvm=""
if [ -n "$BETON_BENCH_HEAP" ]; then jvm="-Xmx$BETON_BENCH_HEAP"; fi
if [ -n "$BETON_BENCH_JFR" ]; then jvm="$jvm -XX:StartFlightRecording=filename=$BETON_BENCH_JFR,settings=profile"; fi
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=ReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true "-Dbeton.test.jvm=$jvm" test
cat app/target/bench/backtest-report.txt
