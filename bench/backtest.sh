#!/bin/sh
# Backtest replay benchmark (issue 19 §6): a 180-day windowed replay against one detection run on
# the same generated DuckDB file, in the same run; a day-by-day sample is timed and extrapolated.
# Default scale is reduced (1 M events / 1,000 accounts); BETON_BENCH_EVENTS=10000000
# BETON_BENCH_ACCOUNTS=10000 for the issue's scale (generation takes minutes, reused later).
# Figures: app/target/bench/backtest-report.txt.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=ReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat app/target/bench/backtest-report.txt
