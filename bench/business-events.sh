#!/bin/sh
# Business events benchmark (issue 18 §5): capture throughput of business events against a bare
# baseline of plain events through the same route (same run), capture → in-app alert latency while
# that load runs, and the executive summary over a year of business events against a bare DuckDB
# group-by of the same rows. Scale: BETON_BENCH_BIZ_EVENTS (100000), BETON_BENCH_BIZ_YEAR_EVENTS
# (1000000), BETON_BENCH_BIZ_LATENCY_SAMPLES (200). Figures: app/target/bench/business-events-report.txt.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=BusinessEventsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat app/target/bench/business-events-report.txt
