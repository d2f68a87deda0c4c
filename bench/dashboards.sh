#!/bin/sh
# Dashboards benchmark (issue 13): every query tile of the four dashboards on the detection
# benchmark's event file, p95 per tile as on a cold tile cache, and each whole page (its tiles in
# a row); then the Account Health page as Beton computes it (data check + AccountHealthPass on the
# usage rollup, all six tiles) against its tile queries in a row, and each Account Health tile cold
# as Beton serves one (data check + the pass with only that tile). Default 10 M events / 10,000
# accounts; reduce with BETON_BENCH_EVENTS and BETON_BENCH_ACCOUNTS. BETON_BENCH_ORDERED=1 runs the
# second part on a copy of the file in time order (as capture appends events), BETON_BENCH_IMPORTED=1
# on a copy laid out as an import followed by live capture (account order, inserted_at rising per
# commit, then the last day in time order): the two layouts Beton writes. The generated file itself
# stamps each event's inserted_at with its timestamp in account order, which no writer of Beton's
# does. Figures: app/target/bench/dashboards-report.txt and
# app/target/bench/account-health-report.txt.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest='DashboardBenchmark,AccountHealthPageBenchmark' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true test
cat app/target/bench/dashboards-report.txt app/target/bench/account-health-report.txt
