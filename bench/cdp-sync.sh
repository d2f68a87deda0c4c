#!/bin/sh
# CDP sync benchmark: a full sync of N companies and 5xN people from the Attio emulator (Attio's
# documented 100 reads/s and 25 writes/s per token) to the PostHog emulator, at each size of
# BETON_BENCH_SIZES (default "1000,3000"; the issue's goal is 10,000). The bare baseline is the
# same Attio pages read and dropped, in the same run, with the same 4 reads in flight as the sync.
# BETON_BENCH_WARM_UPS (default 2) full syncs of the same records, each in a workspace of its own, run first
# (the JIT still compiles for seconds during the second sync of a fresh JVM).
# BETON_BENCH_ATTIO_ANSWER_MS (default 0) makes every Attio answer take at least that long, as
# across a network; BETON_BENCH_READS_IN_FLIGHT (default 4) sets the reads in flight of both. One greppable line per size (CDP_SYNC ...):
# records/s, Attio reads/s against the 100/s limit, PostHog capture requests, peak RSS, heap and live heap,
# and the records/s of a second sync with nothing changed in Attio (unchanged_resync_*, the daily case;
# with its Attio reads and writes and the JVM uptime it ran in, to match a GC log:
# BETON_BENCH_JVM_EXTRA="-Xlog:gc:file=/tmp/gc.log:uptime" adds JVM options).
# Figures: app/target/bench/cdp-sync-report.txt.
# Each run gets an embedded store of its own: the tests' default (app/data) keeps every earlier
# run's records, and a store grown to gigabytes made later runs slower than earlier ones.
# The JVM gets a fixed 4 GB heap, the same in every run (the emulators keep ~700 MB of records in
# it); G1's concurrent marking still takes 0 to 5 CPU-s of a first sync from run to run. Each measured
# phase (the first sync, the unchanged resync, the bare reads) starts after a full collection.
set -e
cd "$(dirname "$0")/.."
data=$(mktemp -d "${TMPDIR:-/tmp}/beton-cdp-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT
BETON_BENCH=1 ./mvnw -q -B -pl app -am -Dtest=CdpSyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true "-Dbeton.test.jvm=-Dbeton.data-dir=$data -Xms4g -Xmx4g ${BETON_BENCH_JVM_EXTRA:-}" test
cat app/target/bench/cdp-sync-report.txt
