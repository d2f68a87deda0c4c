#!/bin/sh
# PostHog simulated day (issue 6 §5): 8 detection queries at 06:00, 100 people opening a
# 24-tile dashboard 10 times each between 08:00 and 18:00, 50 ad-hoc queries; a sparse variant
# (one open per person) and a storm variant (3,000 distinct ad-hoc queries in one hour); all
# through PostHogGateway against the PostHog emulator on a fake clock. Then the latency the
# gateway adds on a cache hit. Figures: app/target/bench/posthog-day-report.txt.
set -e
cd "$(dirname "$0")/.."
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=PostHogDayBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat app/target/bench/posthog-day-report.txt
