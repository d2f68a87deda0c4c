package dev.beton.bench;

import dev.beton.cdp.CdpSync;
import dev.beton.detection.PostHogQueue;
import dev.beton.emulator.ExchangeObserver;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioRateLimits;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.routing.AttioReads;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bench/cdp-sync.sh} (sets {@code BETON_BENCH=1}): a full CDP sync of N companies and 5×N
 * people from the Attio emulator (Attio's documented 100 reads/s and 25 writes/s per token) to the
 * PostHog emulator (its documented limits), at each size of BETON_BENCH_SIZES (default
 * "1000,3000"). The bare baseline, in the same run, is the same pages read straight through
 * {@link AttioReads} with nothing done to them, once before the sync and once after it; the faster
 * of the two counts. Process CPU of the sync and of the bare read, and the busiest threads of each,
 * say where the time went even on a loaded machine. Figures per size: records/s of the sync and of the
 * baseline, Attio reads/s against the 100/s limit, 429 answers, PostHog capture requests, and peak
 * RSS / heap during the sync, to show memory does not grow with the records, and the rate of a
 * second sync of the same records with nothing changed (the daily case). Report:
 * target/bench/cdp-sync-report.txt.
 */
@OnEmbeddedStore
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class CdpSyncBenchmark {

    static final String TOKEN = "attio_cdpbench_0123456789abcdef0123456789abcdef0123456789abc";
    static final String KEY = "phx_cdpBenchKey0123456789abcdefghijklmnopqrstuvwxyzAB";
    static final String MEMBER = "rep@bench.test";
    static final PostHogOrganization ORG = new PostHogOrganization(UUID.randomUUID(), "Bench", "bench");
    static final PostHogProject PROJECT =
            new PostHogProject(701, ORG.id(), "Product", "phc_cdpBenchProjectToken0123456789abcdefghij");
    /**
     * How long each Attio answer takes at least (BETON_BENCH_ATTIO_ANSWER_MS, default 0): Attio
     * across a network instead of in this JVM. Both the sync and the bare read keep
     * {@link #IN_FLIGHT} reads going.
     */
    static final java.time.Duration ANSWER_TIME = java.time.Duration.ofMillis(Long.parseLong(
            Optional.ofNullable(System.getenv("BETON_BENCH_ATTIO_ANSWER_MS")).orElse("0")));

    /** Reads in flight, the sync's and the bare read's (BETON_BENCH_READS_IN_FLIGHT, default 4 as in Beton). */
    static final int IN_FLIGHT = Integer.parseInt(
            Optional.ofNullable(System.getenv("BETON_BENCH_READS_IN_FLIGHT")).orElse("4"));

    /** Full syncs before the measured one (BETON_BENCH_WARM_UPS, default 2), each in a workspace of its own and followed by an unchanged resync. */
    static final int WARM_UPS = Math.max(
            1,
            Integer.parseInt(
                    Optional.ofNullable(System.getenv("BETON_BENCH_WARM_UPS")).orElse("2")));

    static final AtomicLong reads = new AtomicLong();
    static final AtomicLong rateLimited = new AtomicLong();
    static final AtomicLong captures = new AtomicLong();
    /** Requests that change Attio (another part of Beton writing deals, say): each one empties the emulator's page cache. */
    static final AtomicLong attioWrites = new AtomicLong();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(new AttioWorkspace(UUID.randomUUID(), "Bench CRM", "bench-crm"))
            .token(AttioToken.full(TOKEN))
            .workspaceMember(MEMBER)
            .dealsEnabled(true)
            .rateLimits(AttioRateLimits.documented())
            .answerTime(ANSWER_TIME)
            .observer(exchange -> {
                if (exchange.status() == 429) {
                    rateLimited.incrementAndGet();
                } else if (exchange.method().equals("GET") || exchange.path().endsWith("/query")) {
                    reads.incrementAndGet();
                } else {
                    attioWrites.incrementAndGet();
                }
            })
            .start();

    static final PostHogEmulator posthog = PostHogEmulator.builder()
            .organization(ORG)
            .project(PROJECT)
            .personalKey(PersonalApiKey.withScopes(KEY, "*"))
            .observer(capturesCounted())
            .start();

    static ExchangeObserver capturesCounted() {
        return exchange -> {
            if (exchange.method().equals("POST")
                    && List.of("/batch/", "/capture/", "/e/", "/i/v0/e/").contains(exchange.path())) {
                captures.incrementAndGet();
            }
        };
    }

    @DynamicPropertySource
    static void emulatorsAndHandDrivenOutbox(DynamicPropertyRegistry registry) {
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("beton.cdp.reads-in-flight", () -> IN_FLIGHT);
        registry.add("beton.posthog.outbox.interval", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    CdpSync sync;

    @Autowired
    AttioReads attioReads;

    @Autowired
    PostHogQueue queue;

    int companies;
    int people;

    @Test
    void fullSyncAtTwoSizes() throws Exception {
        int[] sizes = Arrays.stream(Optional.ofNullable(System.getenv("BETON_BENCH_SIZES"))
                        .orElse("1000,3000")
                        .split(","))
                .mapToInt(s -> Integer.parseInt(s.strip()))
                .sorted()
                .toArray();
        List<String> lines = new ArrayList<>();
        for (int n : sizes) {
            lines.add(runAt(n));
        }
        String report = String.format(
                "CDP sync benchmark, N companies and 5xN people, Attio emulator at 100 reads/s and 25 writes/s"
                        + " per token, PostHog emulator with its documented limits%n%s%n",
                String.join(System.lineSeparator(), lines));
        Path out = Path.of("target", "bench", "cdp-sync-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private String runAt(int n) throws Exception {
        seed(n);
        // Full syncs of the same records in workspaces of their own before the measured one, on code
        // not yet compiled for this size: on this 2-core machine C2 still compiled for 3.3 CPU-s
        // during a 10,000-company sync measured after a single one (0.6-0.7 s after two), a
        // one-time cost of a fresh process, not of a server that syncs every day. The first one's
        // rate is reported, not compared; the measured sync runs on warm code, as the bare read's
        // faster run does.
        double firstSeconds = 0;
        for (int warm = 0; warm < WARM_UPS; warm++) {
            Workspace earlier = connectedWorkspace(n);
            long warmStart = System.nanoTime();
            sync.run(earlier.id(), new CdpSync.Options(true, false), CdpSync.Progress.NONE);
            if (warm == 0) {
                firstSeconds = (System.nanoTime() - warmStart) / 1e9;
            }
            // and the daily case's code path, warm too
            sync.run(earlier.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
            while (queue.deliverNow() > 0) {
                // their events leave the outbox before the measured run
            }
        }
        Workspace workspace = connectedWorkspace(n);

        // Bare baseline: the same pages, read and dropped.
        Thread.sleep(1100); // a fresh one-second window for the reads
        BareRead bareBefore = bareRead();

        Thread.sleep(1100);
        long eventsBefore = posthog.events(PROJECT.id()).size();
        System.gc();
        long liveBefore = Sampler.liveHeap(); // the emulators' records are in this JVM too
        Sampler sampler = new Sampler();
        sampler.start();
        reads.set(0);
        rateLimited.set(0);
        captures.set(0);
        long start = System.nanoTime();
        long cpuStart = processCpu();
        Map<String, Long> threadsBefore = ThreadCpu.byName();
        long mainCpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        // Every 20 pages (10,000 records) a forced collection shows what the run holds at that
        // moment; its time is taken off the sync's.
        // pages, nanos spent probing, highest live heap after a forced GC, process CPU nanos of the probes
        long[] probe = {0, 0, 0, 0};
        // Per thread name, the CPU ticks of the probes (their collector threads above all), taken
        // off the top threads too: with them in, "GC Thread" led the list with ~8 CPU-s that were
        // the probes' full collections, not the sync's.
        Map<String, Long> probeThreads = new java.util.HashMap<>();
        CdpSync.Progress memory = (object, done) -> {
            if (++probe[0] % 20 == 0) {
                long t = System.nanoTime();
                long cpu = processCpu();
                Map<String, Long> threadsBeforeProbe = ThreadCpu.byName();
                System.gc();
                probe[2] = Math.max(probe[2], Sampler.liveHeap());
                ThreadCpu.byName()
                        .forEach((name, ticks) ->
                                probeThreads.merge(name, ticks - threadsBeforeProbe.getOrDefault(name, 0L), Long::sum));
                probe[1] += System.nanoTime() - t;
                probe[3] += processCpu() - cpu;
            }
        };
        CdpSync.Result result = sync.run(workspace.id(), new CdpSync.Options(true, false), memory);
        long synced = System.nanoTime() - probe[1];
        // CPU seconds of the whole process (emulators included) and of the sync's own thread: on a
        // loaded machine wall time follows the other processes, CPU per record much less.
        double syncCpuSeconds = (processCpu() - cpuStart - probe[3]) / 1e9;
        probeThreads.forEach((name, ticks) -> threadsBefore.merge(name, ticks, Long::sum));
        String topThreads = ThreadCpu.top(threadsBefore, ThreadCpu.byName(), 8);
        if (!result.complete()) {
            // Its figures would be a part's, and the resync below would resend the rest.
            throw new IllegalStateException("the measured sync did not complete: " + result.summary());
        }
        double mainCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mainCpuStart) / 1e9;
        System.gc(); // before the outbox is sent: the PostHog emulator has not stored the events yet
        long liveAfterSync = Sampler.liveHeap();
        long afterSyncGc = System.nanoTime();
        long attioReads = reads.get();
        long limited = rateLimited.get();
        while (queue.deliverNow() > 0) {
            // send the whole outbox, batch after batch, as the delivery after a sync does
        }
        double deliverSeconds = (System.nanoTime() - afterSyncGc) / 1e9;
        // What the process spends doing nothing (background tasks, collector, JIT), per second:
        // on a slower Attio every figure above pays it for longer.
        Map<String, Long> idleThreads = ThreadCpu.byName();
        long idleCpuStart = processCpu();
        Thread.sleep(5000);
        double idleCpuPerSecond = (processCpu() - idleCpuStart) / 1e9 / 5;
        String idleTopThreads = ThreadCpu.top(idleThreads, ThreadCpu.byName(), 6);
        // The daily case: the same records again, nothing changed in Attio, so every record is
        // looked up and found unchanged and nothing is sent.
        collectedHeap();
        Thread.sleep(1100);
        long readsBeforeResync = reads.get();
        long writesBeforeResync = attioWrites.get();
        long resyncStart = System.nanoTime();
        long resyncCpuStart = processCpu();
        Map<String, Long> resyncThreads = ThreadCpu.byName();
        CdpSync.Result resync = sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
        double resyncSeconds = (System.nanoTime() - resyncStart) / 1e9;
        double resyncCpuSeconds = (processCpu() - resyncCpuStart) / 1e9;
        String resyncTopThreads = ThreadCpu.top(resyncThreads, ThreadCpu.byName(), 8);
        String resyncAttio = "unchanged_resync_jvm_uptime_s="
                + String.format(
                        "%.1f-%.1f",
                        (ManagementFactory.getRuntimeMXBean().getUptime() - resyncSeconds * 1000) / 1000.0,
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
                + " unchanged_resync_attio_reads=" + (reads.get() - readsBeforeResync)
                + " unchanged_resync_attio_writes=" + (attioWrites.get() - writesBeforeResync)
                + " attio_writes_so_far=" + attioWrites.get();
        if (!resync.complete() || resync.queuedForPostHog() != 0) {
            throw new IllegalStateException("the unchanged resync was not a clean no-op: " + resync.summary());
        }
        // The bare read again, now with every code path of this size compiled: the baseline is the
        // faster of the two, so a cold first read never flatters the sync.
        Thread.sleep(1100);
        BareRead bareAfter = bareRead();
        BareRead bare = bareBefore.perSecond() >= bareAfter.perSecond() ? bareBefore : bareAfter;
        long bareRecords = bare.records();
        double bareSeconds = bare.seconds();
        double bareCpuSeconds = bare.cpuSeconds();
        String bareTopThreads = bare.topThreads();
        sampler.stop();
        System.gc(); // after sending: the PostHog emulator now holds the events too
        long liveAfter = Sampler.liveHeap();
        long events = posthog.events(PROJECT.id()).size() - eventsBefore;

        double syncSeconds = (synced - start) / 1e9;
        double readRate = attioReads / syncSeconds;
        int records = companies + people;
        return String.format(
                "CDP_SYNC n=%d answer_ms=%d in_flight=%d warm_ups=%d records=%d complete=%s sync_s=%.1f records_per_s=%.0f first_sync_records_per_s=%.0f bare_records_per_s=%.0f"
                        + " ratio_to_bare=%.2f bare_first_records_per_s=%.0f bare_second_records_per_s=%.0f cpu_s=%.1f bare_cpu_s=%.1f cpu_ratio_bare_to_sync=%.2f"
                        + " sync_thread_cpu_s=%.1f unchanged_resync_records_per_s=%.0f unchanged_resync_ratio_to_bare=%.2f unchanged_resync_cpu_s=%.1f unchanged_resync_top_threads=\"%s\" %s idle_cpu_per_s=%.2f idle_top_threads=\"%s\" attio_reads=%d attio_reads_per_s=%.1f of_limit=%.2f attio_429=%d"
                        + " queued=%d deliver_s=%.1f posthog_capture_requests=%d posthog_events=%d"
                        + " top_threads=\"%s\" bare_top_threads=\"%s\" peak_rss_mb=%d peak_heap_mb=%d live_heap_before_mb=%d peak_live_heap_mb=%d live_heap_growth_mb=%d forced_gc_live_in_sync_max_mb=%d forced_gc_live_after_sync_mb=%d live_heap_after_gc_mb=%d load=\"%s\"",
                n,
                ANSWER_TIME.toMillis(),
                IN_FLIGHT,
                WARM_UPS,
                records,
                result.complete(),
                syncSeconds,
                records / syncSeconds,
                records / firstSeconds,
                bareRecords / bareSeconds,
                (records / syncSeconds) / (bareRecords / bareSeconds),
                bareBefore.perSecond(),
                bareAfter.perSecond(),
                syncCpuSeconds,
                bareCpuSeconds,
                (bareCpuSeconds / bareRecords) / (syncCpuSeconds / records),
                mainCpuSeconds,
                records / resyncSeconds,
                (records / resyncSeconds) / (bareRecords / bareSeconds),
                resyncCpuSeconds,
                resyncTopThreads,
                resyncAttio,
                idleCpuPerSecond,
                idleTopThreads,
                attioReads,
                readRate,
                readRate / 100,
                limited,
                result.queuedForPostHog(),
                deliverSeconds,
                captures.get(),
                events,
                topThreads,
                bareTopThreads,
                sampler.peakRss / (1024 * 1024),
                sampler.peakHeap / (1024 * 1024),
                liveBefore / (1024 * 1024),
                sampler.peakLive / (1024 * 1024),
                (sampler.peakLive - liveBefore) / (1024 * 1024),
                probe[2] / (1024 * 1024),
                liveAfterSync / (1024 * 1024),
                liveAfter / (1024 * 1024),
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private Workspace connectedWorkspace(int n) {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Bench " + n,
                Optional.of("cdp-bench-" + UUID.randomUUID().toString().substring(0, 6)),
                admin);
        new WarehouseFixtures(warehouse, workspace.id()).groupType(0, "company");
        Http http = new Http(port);
        http.connectAttio(workspace.slug(), TOKEN);
        http.connectPostHog(workspace.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        return workspace;
    }

    /** Fills Attio up to n companies (one domain each) and 5 people per company, keeping earlier ones. */
    private void seed(int n) {
        for (int c = companies; c < n; c++) {
            String domain = "co" + c + ".bench.example";
            String id = attio.createAsMember(
                    "companies", Map.of("name", "Company " + c, "domains", List.of(domain)), MEMBER);
            for (int p = 0; p < 5; p++) {
                attio.createAsMember(
                        "people",
                        Map.of(
                                "email_addresses", List.of("p" + p + "@" + domain),
                                "name",
                                        List.of(Map.of(
                                                "first_name",
                                                "P" + p,
                                                "last_name",
                                                "C" + c,
                                                "full_name",
                                                "P" + p + " C" + c)),
                                "company", List.of(Map.of("target_object", "companies", "target_record_id", id))),
                        MEMBER);
                people++;
            }
            companies++;
        }
    }

    /**
     * CPU time per thread name from /proc (native threads too, such as DuckDB's and the JVM's
     * collector threads, which a Java profiler does not see), to say where a run's CPU went.
     */
    static final class ThreadCpu {
        static Map<String, Long> byName() {
            Map<String, Long> ticks = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                        ticks.merge(name.replaceAll("\\d+$", "#"), t, Long::sum);
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the thread ended while being read
                    }
                }
            } catch (java.io.IOException notLinux) {
                return ticks;
            }
            return ticks;
        }

        /** The busiest names between two readings, as "name:seconds" (100 ticks a second). */
        static String top(Map<String, Long> before, Map<String, Long> after, int n) {
            return after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n)
                    .map(e -> e.getKey() + ":" + String.format("%.1f", e.getValue() / 100.0))
                    .collect(java.util.stream.Collectors.joining(" "));
        }
    }

    /** The same pages read through {@link AttioReads} and dropped: what the sync is compared with. */
    record BareRead(long records, double seconds, double cpuSeconds, String topThreads) {
        double perSecond() {
            return records / seconds;
        }
    }

    private BareRead bareRead() throws InterruptedException {
        collectedHeap();
        long start = System.nanoTime();
        long cpuStart = processCpu();
        Map<String, Long> threads = ThreadCpu.byName();
        long records = readAll("companies") + readAll("people") + readAll("deals");
        return new BareRead(
                records,
                (System.nanoTime() - start) / 1e9,
                (processCpu() - cpuStart) / 1e9,
                ThreadCpu.top(threads, ThreadCpu.byName(), 8));
    }

    /**
     * A full collection before a measured phase, as the first sync always had. Without it G1's
     * concurrent marking of the ~700 MB the emulators hold could fall inside one of the two-second
     * phases after it (the unchanged resync, the bare reads): a slow resync spent 1.4 CPU-s in "GC
     * Thread". A slower mode of the resync without collector time remains (docs/PERFORMANCE.md).
     */
    private static void collectedHeap() throws InterruptedException {
        System.gc();
        Thread.sleep(200); // the collector's concurrent follow-up work settles outside the phase
    }

    /** CPU time of this JVM (all its threads, the emulators' too). */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Every page of an object, {@link #IN_FLIGHT} reads at a time as the sync does, each page dropped. */
    private long readAll(String object) {
        Secret token = Secret.of(TOKEN);
        long read = 0;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.ArrayDeque<java.util.concurrent.Future<Integer>> reading = new java.util.ArrayDeque<>();
            int next = 0;
            while (true) {
                while (reading.size() < IN_FLIGHT) {
                    int offset = next;
                    reading.add(threads.submit(() -> pageSize(token, object, offset)));
                    next += 500;
                }
                int page = reading.poll().get();
                read += Math.max(page, 0);
                if (page < 500) {
                    reading.forEach(r -> r.cancel(true));
                    return read;
                }
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size of one page, -1 when the object does not exist. */
    private int pageSize(Secret token, String object, int offset) {
        while (true) {
            try {
                return attioReads.page(token, object, 500, offset).size();
            } catch (dev.beton.crm.AttioException.RateLimited e) {
                sleepQuietly(200);
            } catch (dev.beton.crm.AttioException.NotFound e) {
                return -1;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Peak resident set (from /proc), heap in use (garbage included, so it follows the collector
     * more than the sync) and live heap (what the last collection left), sampled every 50 ms.
     */
    static final class Sampler {
        volatile long peakRss;
        volatile long peakHeap;
        volatile long peakLive;
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    peakHeap = Math.max(
                            peakHeap,
                            ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed());
                    peakRss = Math.max(peakRss, rss());
                    peakLive = Math.max(peakLive, liveHeap());
                    sleepQuietly(50);
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        static long liveHeap() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .map(java.lang.management.MemoryPoolMXBean::getCollectionUsage)
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(java.lang.management.MemoryUsage::getUsed)
                    .sum();
        }

        private static long rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (java.io.IOException e) {
                // not Linux: no RSS figure
            }
            return 0;
        }
    }
}
