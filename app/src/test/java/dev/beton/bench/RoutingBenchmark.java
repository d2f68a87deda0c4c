package dev.beton.bench;

import dev.beton.detection.DetectionProgress;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.emulator.ExchangeObserver;
import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioRateLimits;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.routing.Routing;
import dev.beton.routing.RoutingOutbox;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bench/routing.sh} (sets {@code BETON_BENCH=1}): N hot accounts (BETON_BENCH_ACCOUNTS,
 * default 200) planned and applied against the Attio emulator with Attio's documented limits
 * (25 writes/s, 100 reads/s per token). Figures: sustained writes/s against the limit, duplicates,
 * lost items, time from detection end to the first deal. Report: target/bench/routing-report.txt.
 */
@OnEmbeddedStore
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class RoutingBenchmark {

    static final String TOKEN = "attio_bench_0123456789abcdef0123456789abcdef0123456789abcdef";
    static final AtomicLong writes = new AtomicLong();
    static final AtomicLong rateLimited = new AtomicLong();
    static final AtomicLong firstDealAt = new AtomicLong();
    static final AtomicLong lastWriteAt = new AtomicLong();

    /**
     * {@code BETON_BENCH_ROUTING=auto}: the path after detection (auto-apply, background workers,
     * the plan applied while it is made); otherwise a plan made whole, then applied here.
     */
    static final boolean AUTO = "auto".equals(System.getenv("BETON_BENCH_ROUTING"));

    static final Set<String> dealKeys = ConcurrentHashMap.newKeySet();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(new AttioWorkspace(UUID.randomUUID(), "Bench CRM", "bench-crm"))
            .token(AttioToken.full(TOKEN))
            .workspaceMember("rep@bench.test")
            .dealsEnabled(true)
            .rateLimits(AttioRateLimits.documented())
            .observer(counting())
            .start();

    static ExchangeObserver counting() {
        return exchange -> {
            if (exchange.status() == 429) {
                rateLimited.incrementAndGet();
            } else if (!exchange.method().equals("GET") && !exchange.path().endsWith("/query")) {
                writes.incrementAndGet();
                lastWriteAt.set(System.nanoTime());
                if (exchange.path().equals("/v2/objects/deals/records")) {
                    firstDealAt.compareAndSet(0, System.nanoTime());
                }
            }
        };
    }

    @DynamicPropertySource
    static void attioAndHandDrivenOutbox(DynamicPropertyRegistry registry) {
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("beton.routing.background", () -> String.valueOf(AUTO));
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
    Detector detector;

    @Autowired
    Routing routing;

    @Autowired
    RoutingOutbox outbox;

    @Test
    void planAndApplyHotAccounts() throws Exception {
        int accounts = Integer.parseInt(
                Optional.ofNullable(System.getenv("BETON_BENCH_ACCOUNTS")).orElse("200"));
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Bench", Optional.of("bench-" + UUID.randomUUID().toString().substring(0, 6)), admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime day = LocalDateTime.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        warehouse.write(workspace.id(), c -> {
            c.createStatement().execute("INSERT INTO group_types VALUES (0, 'company')");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO events (uuid, event, distinct_id, timestamp,"
                    + " properties, \"$group_0\") VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < accounts; i++) {
                    String key = "acct" + i + ".bench.example";
                    add(s, "$pageview", key, day.minusHours(5), "{\"$current_url\": \"https://x.io/pricing\"}");
                    add(s, "$pageview", key, day.minusHours(4), "{\"$current_url\": \"https://x.io/plans\"}");
                    add(s, "checkout_started", key, day.minusHours(3), "{}");
                }
                s.executeBatch();
            }
            return null;
        });
        Http http = new Http(port);
        http.connectAttio(workspace.slug(), TOKEN);
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        http.baseUrl() + "/api/v1/attio/routing-settings?workspace=" + workspace.slug()))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"auto_apply\": " + AUTO + ", \"unresolved\": \"create\"}"))
                .build());
        if (AUTO) {
            autoApply(workspace, now, accounts);
            return;
        }
        detector.detect(workspace.id(), now, Trigger.MANUAL, DetectionProgress.NONE);

        String uptime =
                new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip();
        long detectionEnd = System.nanoTime();
        writes.set(0);
        rateLimited.set(0);
        firstDealAt.set(0);
        var plan = routing.sync(workspace.id(), true, "bench", "bench");
        long planned = System.nanoTime();
        long applyStart = System.nanoTime();
        var applied = routing.applyHere(workspace.id(), plan.plan().id(), "bench", (d, t) -> {});
        long applyEnd = System.nanoTime();
        long writesInApply = writes.get();
        // applyHere works what is due and returns; items answered 429 wait for their Retry-After
        // in the outbox. "0 lost" means every item reaches a final state, so drain them too.
        long drainDeadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!allFinal(applied) && System.nanoTime() < drainDeadline) {
            Thread.sleep(1_000);
            outbox.runDue();
            applied = routing.view(workspace.id(), plan.plan().id()).orElseThrow();
        }
        long drainEnd = System.nanoTime();

        long done =
                applied.items().stream().filter(i -> i.state().equals("done")).count();
        long lost = applied.items().stream()
                .filter(i -> !i.state().equals("done") && !i.state().equals("skipped"))
                .count();
        var deals = attio.records("deals");
        Set<String> keys = deals.stream()
                .map(d -> String.valueOf(((java.util.Map<?, ?>) d.get("values")).get("beton_key")))
                .collect(Collectors.toSet());
        double seconds = (applyEnd - applyStart) / 1e9;
        double rate = writesInApply / seconds;
        double drainSeconds = (drainEnd - applyStart) / 1e9;
        String report = String.format(
                "Routing benchmark, %d hot accounts, Attio emulator with 25 writes/s and 100 reads/s per token%n"
                        + "  load: %s%n"
                        + "  plan: %d create, %d update, %d skip in %.1f s (reads only)%n"
                        + "  apply: %d writes in %.1f s = %.1f writes/s sustained = %.0f %% of the 25/s limit%n"
                        + "  with the retries drained: %d writes in %.1f s = %.1f writes/s = %.0f %% of the limit%n"
                        + "  429 answers during apply: %d%n"
                        + "  items done: %d, not in a final state (lost): %d; deals in Attio: %d, distinct beton_keys: %d (duplicates: %d)%n"
                        + "  detection end -> first deal created: %.1f s%n",
                accounts,
                uptime,
                plan.plan().creates(),
                plan.plan().updates(),
                plan.plan().skips(),
                (planned - detectionEnd) / 1e9,
                writesInApply,
                seconds,
                rate,
                100 * rate / 25,
                writes.get(),
                drainSeconds,
                writes.get() / drainSeconds,
                100 * writes.get() / drainSeconds / 25,
                rateLimited.get(),
                done,
                lost,
                deals.size(),
                keys.size(),
                deals.size() - keys.size(),
                firstDealAt.get() == 0 ? -1 : (firstDealAt.get() - detectionEnd) / 1e9);
        Path out = Path.of("target", "bench", "routing-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Detection, then what Beton does by itself: wait until the plan is applied and every item final. */
    private void autoApply(Workspace workspace, Instant now, int accounts) throws Exception {
        String uptime =
                new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip();
        writes.set(0);
        rateLimited.set(0);
        firstDealAt.set(0);
        detector.detect(workspace.id(), now, Trigger.MANUAL, DetectionProgress.NONE);
        long detectionEnd = System.nanoTime();
        long deadline = detectionEnd + Duration.ofMinutes(60).toNanos();
        long planId = 0;
        long planClosedAt = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            Routing.Status status = routing.status(workspace.id());
            if (status.plans().isEmpty()) {
                continue;
            }
            planId = status.plans().getFirst().id();
            if (planClosedAt == 0 && !status.plans().getFirst().status().equals("planning")) {
                planClosedAt = System.nanoTime();
            }
            long waiting = java.util.stream.Stream.of("pending", "sent", "retrying")
                    .mapToLong(state -> status.outbox().getOrDefault(state, 0L))
                    .sum();
            if (planClosedAt != 0 && waiting == 0) {
                break;
            }
        }
        long end = System.nanoTime();
        if (planId == 0) {
            throw new AssertionError("no plan was made after detection");
        }
        Routing.PlanView view = routing.view(workspace.id(), planId).orElseThrow();
        long done = view.items().stream().filter(i -> i.state().equals("done")).count();
        long lost = view.items().stream()
                .filter(i -> !i.state().equals("done") && !i.state().equals("skipped"))
                .count();
        var deals = attio.records("deals");
        Set<String> keys = deals.stream()
                .map(d -> String.valueOf(((java.util.Map<?, ?>) d.get("values")).get("beton_key")))
                .collect(Collectors.toSet());
        double writing = (lastWriteAt.get() - firstDealAt.get()) / 1e9;
        double whole = (lastWriteAt.get() - detectionEnd) / 1e9;
        String report = String.format(
                "Routing benchmark (auto-apply after detection), %d hot accounts, Attio emulator with 25 writes/s"
                        + " and 100 reads/s per token%n"
                        + "  load: %s%n"
                        + "  plan %d: %d create, %d update, %d skip; planned (while applying) in %.1f s after detection%n"
                        + "  detection end -> first deal created: %.1f s%n"
                        + "  writes: %d; first deal -> last write %.1f s = %.1f writes/s = %.0f %% of the 25/s limit%n"
                        + "  detection end -> last write %.1f s = %.1f writes/s = %.0f %% of the limit%n"
                        + "  429 answers: %d%n"
                        + "  items done: %d, not in a final state (lost): %d; deals in Attio: %d, distinct beton_keys: %d"
                        + " (duplicates: %d)%n"
                        + "  waited %.1f s in all%n",
                accounts,
                uptime,
                view.plan().id(),
                view.plan().creates(),
                view.plan().updates(),
                view.plan().skips(),
                planClosedAt == 0 ? -1 : (planClosedAt - detectionEnd) / 1e9,
                firstDealAt.get() == 0 ? -1 : (firstDealAt.get() - detectionEnd) / 1e9,
                writes.get(),
                writing,
                writes.get() / writing,
                100 * writes.get() / writing / 25,
                whole,
                writes.get() / whole,
                100 * writes.get() / whole / 25,
                rateLimited.get(),
                done,
                lost,
                deals.size(),
                keys.size(),
                deals.size() - keys.size(),
                (end - detectionEnd) / 1e9);
        Path out = Path.of("target", "bench", "routing-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static void add(PreparedStatement s, String event, String key, LocalDateTime at, String properties)
            throws java.sql.SQLException {
        s.setObject(1, UUID.randomUUID());
        s.setString(2, event);
        s.setString(3, "ann@" + key);
        s.setObject(4, at);
        s.setString(5, properties);
        s.setString(6, key);
        s.addBatch();
    }

    private static boolean allFinal(Routing.PlanView view) {
        return view.items().stream()
                .allMatch(i -> i.state().equals("done")
                        || i.state().equals("skipped")
                        || i.state().equals("rejected"));
    }
}
