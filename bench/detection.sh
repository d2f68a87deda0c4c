#!/bin/sh
# Detection benchmark: 8 signals + scoring over 10 M events / 10,000 accounts on the embedded
# store, against one bare DuckDB scan of the same file. The first run generates the file
# (app/target/bench/, a few minutes); later runs reuse it. Figures: app/target/bench/detection-report.txt.
# Override the size with BETON_BENCH_EVENTS and BETON_BENCH_ACCOUNTS.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=DetectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat app/target/bench/detection-report.txt
