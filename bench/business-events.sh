#!/bin/sh
# Business events benchmark (issue 18 §5): capture throughput of business events against a bare
# baseline of plain events through the same route (same run); capture → in-app alert (time until the
# alert is visible in the store, rules evaluated beside the commit as served and after it as before,
# and time until the 200) at a low rate and while a business load runs, beside a plain event's round
# trip; and the executive summary over a year of business events (typed table as served, JSON
# properties as before) against bare DuckDB group-bys of the same rows. Scale: BETON_BENCH_BIZ_EVENTS
# (100000), BETON_BENCH_BIZ_YEAR_EVENTS (1000000), BETON_BENCH_BIZ_LATENCY_SAMPLES (200),
# BETON_BENCH_BIZ_SUMMARY_RUNS (8, the first a warm-up). Figures: app/target/bench/business-events-report.txt.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=BusinessEventsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat app/target/bench/business-events-report.txt
