package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 18 §5, off by default ({@code bench/business-events.sh} sets {@code BETON_BENCH=1}):
 *
 * <ol>
 *   <li>throughput: business events through capture ({@code /batch}, 1,000 a request, about 2 %
 *       raising alerts), against a bare baseline of the same number of plain events of the same
 *       size through the same route, in the same run;
 *   <li>capture → in-app alert: single critical events through {@code /i/v0/e}, at a low rate and
 *       while a business load runs: the time until the alert is visible in the store (rules
 *       evaluated beside the commit, as served, and after it, as before) and until the 200;
 *   <li>the executive summary over a year of business events (from the typed table, as served, and
 *       from the JSON properties, as before), against bare DuckDB group-bys of the same rows in the
 *       same run;
 *   <li>capture → critical alert delivered: received by a webhook receiver and as an e-mail by the
 *       test context's SMTP server, one event at a time.
 * </ol>
 *
 * Figures go to {@code target/bench/business-events-report.txt}.
 */
@Tag("benchmark")
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class BusinessEventsBenchmark extends BusinessEventsContext {

    static final int EVENTS = intEnv("BETON_BENCH_BIZ_EVENTS", 100_000);
    static final int BATCH = 1_000;
    static final int LATENCY_SAMPLES = intEnv("BETON_BENCH_BIZ_LATENCY_SAMPLES", 200);
    /** Critical alerts followed to the webhook receiver and the SMTP server. */
    static final int DELIVERY_SAMPLES = intEnv("BETON_BENCH_BIZ_DELIVERY_SAMPLES", 30);
    /** What {@link BusinessEventsContext} sets as notifications per rule and hour. */
    static final int NOTIFICATIONS_PER_RULE = 3;

    private static final Pattern DELIVERY_TENANT = Pattern.compile("delivery-[0-9a-f-]{36}");

    static final int YEAR_EVENTS = intEnv("BETON_BENCH_BIZ_YEAR_EVENTS", 1_000_000);
    /** Summaries over the year, the first a warm-up. */
    static final int SUMMARY_RUNS = intEnv("BETON_BENCH_BIZ_SUMMARY_RUNS", 8);

    /** Threads that watch the store for an alert. */
    private static final ExecutorService POLLERS = Executors.newVirtualThreadPerTaskExecutor();

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    ExecutiveSummaries summaries;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Alerts alerts;

    @Autowired
    Clock clock;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    BusinessEventArrivals arrivals;

    @Autowired
    BusinessEventTable table;

    @Autowired
    BusinessEventReader reader;

    @org.springframework.beans.factory.annotation.Value("${beton.ingest.listeners-on-writer-thread:false}")
    boolean listenersOnWriterThread;

    @Test
    void businessEventsThroughputAlertLatencyAndSummary() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("load before: ").append(loadavg()).append('\n');
        report.append(
                        listenersOnWriterThread
                                ? "post-commit listeners on the writer thread (the way before, for comparison)"
                                : "post-commit listeners beside the writer thread")
                .append('\n');
        Workspace bare = workspace("bench-bare");
        Workspace business = workspace("bench-business");
        Http http = new Http(port);

        postBatches(http, bare, 20 * BATCH, false, new SplittableRandom(1)); // warm-up of both paths
        postBatches(http, business, 20 * BATCH, true, new SplittableRandom(2));
        double bareRate = postBatches(http, bare, EVENTS, false, new SplittableRandom(3));
        double businessRate = postBatches(http, business, EVENTS, true, new SplittableRandom(4));
        long raised = alerts.fatigue(business.id(), Instant.EPOCH).raised();
        report.append(String.format(
                Locale.ROOT,
                "throughput: %,d events in batches of %,d; bare %,.0f events/min, business %,.0f events/min"
                        + " (ratio %.2f); alerts raised %,d (de-duplicated per rule and tenant); load %s%n",
                EVENTS,
                BATCH,
                bareRate,
                businessRate,
                businessRate / bareRate,
                raised,
                loadavg()));

        report.append(latency(http, workspace("bench-low-rate"), false)).append('\n');
        report.append(latency(http, business, true)).append('\n');
        report.append(summaryOverAYear()).append('\n');
        // After the summary: every workspace opened here takes a share of DuckDB's memory budget.
        report.append(deliveries(http)).append('\n');
        report.append("load after: ").append(loadavg()).append('\n');

        Path file = Path.of("target/bench/business-events-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        System.out.println(report);
        assertThat(businessRate).isPositive();
    }

    private Workspace workspace(String name) {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create(name + " " + UUID.randomUUID(), Optional.empty(), admin);
    }

    /** @return events per minute */
    private double postBatches(
            Http http, Workspace workspace, int events, boolean businessEvents, SplittableRandom random)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<String> bodies = new ArrayList<>();
            for (int sent = 0; sent < events; sent += BATCH) {
                bodies.add(batch(workspace, Math.min(BATCH, events - sent), businessEvents, random));
            }
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(
                        clients.submit(() -> http.postJson("/batch", null, body).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
            return events / ((System.nanoTime() - start) / 1e9) * 60;
        } finally {
            clients.shutdown();
        }
    }

    private static String batch(Workspace workspace, int size, boolean businessEvents, SplittableRandom random) {
        StringBuilder body = new StringBuilder("{\"api_key\":\"" + workspace.projectToken() + "\",\"batch\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            String event = businessEvents ? businessEvent(random, "tenant-" + random.nextInt(50)) : plainEvent(random);
            body.append(event);
        }
        return body.append("]}").toString();
    }

    /** Realistic mix: most events are routine, about 2 % cross a critical or high threshold. */
    static String businessEvent(SplittableRandom random, String tenant) {
        int kind = random.nextInt(100);
        String at = "2026-11-30T10:30:00Z";
        if (kind < 40) {
            int amount = kind < 2 ? 12_000 + random.nextInt(8_000) : 50 + random.nextInt(900);
            return "{\"event\":\"revenue_impact_event\",\"distinct_id\":\"" + tenant
                    + "\",\"properties\":{\"tenant_id\":\""
                    + tenant + "\",\"event_type\":\"deliverability_issue\",\"impact_amount\":" + amount
                    + ",\"impact_type\":\"" + (random.nextBoolean() ? "negative" : "positive")
                    + "\",\"urgency_level\":\"medium\",\"bounce_rate\":0.0" + random.nextInt(9)
                    + ",\"action_required\":\"Review sending domain\",\"tracking_date\":\"" + at + "\"}}";
        }
        if (kind < 70) {
            return "{\"event\":\"email_deliverability_event\",\"distinct_id\":\"" + tenant
                    + "\",\"properties\":{\"tenant_id\":\""
                    + tenant + "\",\"delivery_outcome\":\"delivered\",\"email_count\":" + (1000 + random.nextInt(9000))
                    + ",\"bounce_rate\":0.0" + random.nextInt(9) + ",\"spam_rate\":0.001,\"tracking_date\":\"" + at
                    + "\"}}";
        }
        if (kind < 90) {
            return "{\"event\":\"operational_efficiency_event\",\"distinct_id\":\"" + tenant
                    + "\",\"properties\":{\"tenant_id\":\"" + tenant
                    + "\",\"efficiency_metric\":\"email_delivery_rate\",\"efficiency_score\":"
                    + (72 + random.nextInt(28))
                    + ",\"trend_direction\":\"stable\",\"tracking_date\":\"" + at + "\"}}";
        }
        return "{\"event\":\"resource_usage_event\",\"distinct_id\":\"" + tenant + "\",\"properties\":{\"tenant_id\":\""
                + tenant + "\",\"resource_type\":\"sending_ips\",\"utilization_percentage\":"
                + (40 + random.nextInt(20))
                + ",\"usage_trend\":\"stable\",\"tracking_date\":\"" + at + "\"}}";
    }

    /** The same size as a business event, a name no listener cares about. */
    static String plainEvent(SplittableRandom random) {
        String tenant = "tenant-" + random.nextInt(50);
        return "{\"event\":\"bench_plain_event\",\"distinct_id\":\"" + tenant + "\",\"properties\":{\"tenant_id\":\""
                + tenant + "\",\"event_type\":\"deliverability_issue\",\"impact_amount\":" + random.nextInt(900)
                + ",\"impact_type\":\"negative\",\"urgency_level\":\"medium\",\"bounce_rate\":0.05,"
                + "\"action_required\":\"Review sending domain\",\"tracking_date\":\"2026-11-30T10:30:00Z\"}}";
    }

    /**
     * Capture → in-app alert, and where the time goes. Three requests through the same route into
     * the same workspace take turns: a critical event with its rules evaluated beside the commit
     * (as served), one with them evaluated after the commit (the way before, switched on for that
     * request only), and a plain event of the same size (commit wait and HTTP only), with or
     * without a business load beside them. For the critical ones two times are taken: until the
     * alert is visible in the store (what GET /api/v1/alerts reads; polled every 0.5 ms from
     * another thread, from the moment the request is sent) and until the 200. The meters give the
     * business work on arrival and after the commit (per request), the rules and alert write per
     * evaluated event, and the commit wait of every request in the phase.
     */
    private String latency(Http http, Workspace workspace, boolean underLoad) throws Exception {
        AtomicBoolean running = new AtomicBoolean(underLoad);
        ExecutorService background = Executors.newSingleThreadExecutor();
        SplittableRandom random = new SplittableRandom(5);
        long[] loadEvents = {0};
        long loadStart = System.nanoTime();
        Future<?> load = background.submit(() -> {
            while (running.get()) {
                assertThat(http.postJson("/batch", null, batch(workspace, BATCH, true, random))
                                .status())
                        .isEqualTo(200);
                loadEvents[0] += BATCH;
            }
        });
        Meter commits = Meter.of(meters.timer("beton.ingest.requests", "outcome", "stored"));
        Meter arrived = Meter.of(meters.timer("beton.business_events.arrivals"));
        Meter committed = Meter.of(meters.timer("beton.business_events.committed"));
        Meter evaluations = Meter.of(meters.timer("beton.business_alerts.evaluation"));
        List<Long> visible = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        List<Long> visibleAfterCommit = new ArrayList<>();
        List<Long> answeredAfterCommit = new ArrayList<>();
        List<Long> plainMicros = new ArrayList<>();
        try {
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                critical(http, workspace, true, visible, answered);
                Thread.sleep(10);
                critical(http, workspace, false, visibleAfterCommit, answeredAfterCommit);
                Thread.sleep(10);
                String plain =
                        plainEvent(random).replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
                long start = System.nanoTime();
                assertThat(http.postJson("/i/v0/e", null, plain).status()).isEqualTo(200);
                plainMicros.add((System.nanoTime() - start) / 1_000);
                Thread.sleep(10);
            }
        } finally {
            arrivals.alertsBeforeCommit(true);
        }
        running.set(false);
        load.get();
        background.shutdown();
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        double loadRate = loadEvents[0] / seconds * 60;
        for (List<Long> sample : List.of(visible, answered, visibleAfterCommit, answeredAfterCommit, plainMicros)) {
            Collections.sort(sample);
        }
        return String.format(
                Locale.ROOT,
                "capture → in-app alert %s (%d critical events via /i/v0/e of each kind, each a fresh alert):"
                        + " rules beside the commit (served): alert visible p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " 200 p50 %.1f ms, p99 %.1f ms | rules after the commit (before): alert visible p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; 200 p50 %.1f ms, p99 %.1f ms | a plain event through the same"
                        + " route between them: p50 %.1f ms, p99 %.1f ms; pieces over the phase: commit wait (submit →"
                        + " committed) mean %.2f ms over %,d requests, business work on arrival mean %.2f ms and"
                        + " after the commit mean %.2f ms a request, alert rules + alert write mean %.3f ms an event"
                        + " over %,d events; load %s",
                underLoad
                        ? "during a business load of %,.0f events/min".formatted(loadRate)
                        : "at a low rate (no load)",
                visible.size(),
                percentile(visible, 0.5),
                percentile(visible, 0.99),
                visible.getLast() / 1000.0,
                percentile(answered, 0.5),
                percentile(answered, 0.99),
                percentile(visibleAfterCommit, 0.5),
                percentile(visibleAfterCommit, 0.99),
                visibleAfterCommit.getLast() / 1000.0,
                percentile(answeredAfterCommit, 0.5),
                percentile(answeredAfterCommit, 0.99),
                percentile(plainMicros, 0.5),
                percentile(plainMicros, 0.99),
                commits.meanMillisSince(),
                commits.countSince(),
                arrived.meanMillisSince(),
                committed.meanMillisSince(),
                evaluations.meanMillisSince(),
                evaluations.countSince(),
                loadavg());
    }

    /**
     * Capture → a critical alert received by the workspace's webhook (a local receiver) and by
     * e-mail (the real SMTP server of the test context), one event at a time. A workspace serves
     * {@link #NOTIFICATIONS_PER_RULE} samples: this context lets a rule notify that often an hour
     * per workspace, and the next alert would be held back by the rate limit, not delivered.
     */
    private String deliveries(Http http) throws Exception {
        Map<String, Long> hooked = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            Matcher tenant = DELIVERY_TENANT.matcher(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (tenant.find()) {
                hooked.putIfAbsent(tenant.group(), at);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Deliveries deliveries = new Deliveries();
        try {
            Workspace workspace = null;
            for (int i = 0; i < DELIVERY_SAMPLES; i++) {
                if (i % NOTIFICATIONS_PER_RULE == 0) {
                    workspace = workspaceWithWebhook(http, url);
                }
                deliverOne(http, workspace, hooked, deliveries);
            }
        } finally {
            receiver.stop(0);
        }
        return deliveries.line();
    }

    private Workspace workspaceWithWebhook(Http http, String url) throws Exception {
        Workspace workspace = workspace("bench-delivery");
        Http.Response configured = http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/v1/alert-webhook?workspace=" + workspace.slug()))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}"))
                .build());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        return workspace;
    }

    /** One critical event through capture, followed until it is in-app, at the webhook and mailed. */
    private void deliverOne(Http http, Workspace workspace, Map<String, Long> hooked, Deliveries deliveries)
            throws Exception {
        String tenant = "delivery-" + UUID.randomUUID();
        int mailsBefore = smtp.getReceivedMessages().length;
        String event =
                revenueEvent(tenant, 25_000).replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
        long start = System.nanoTime();
        CompletableFuture<long[]> delivered = CompletableFuture.supplyAsync(
                () -> followDelivery(workspace, tenant, mailsBefore, hooked, start), POLLERS);
        assertThat(http.postJson("/i/v0/e", null, event).status()).isEqualTo(200);
        deliveries.answered.add((System.nanoTime() - start) / 1_000);
        long[] at = delivered.get();
        deliveries.visible.add((at[0] - start) / 1_000);
        deliveries.webhook.add((at[1] - start) / 1_000);
        deliveries.mail.add((at[2] - start) / 1_000);
    }

    /** Polls, while the capture request runs, until the alert is in-app, at the webhook and mailed. */
    private long[] followDelivery(
            Workspace workspace, String tenant, int mailsBefore, Map<String, Long> hooked, long start) {
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        long seen = 0;
        long mailed = 0;
        while (seen == 0 || mailed == 0 || !hooked.containsKey(tenant)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not delivered within 30 s for " + tenant + ": in-app " + (seen != 0)
                        + ", webhook " + hooked.containsKey(tenant) + ", e-mail " + (mailed != 0));
            }
            if (seen == 0
                    && !alerts.list(workspace.id(), "critical", true, tenant, Instant.EPOCH, 1)
                            .isEmpty()) {
                seen = System.nanoTime();
            }
            if (mailed == 0 && mailArrived(mailsBefore, tenant)) {
                mailed = System.nanoTime();
            }
            LockSupport.parkNanos(500_000);
        }
        return new long[] {seen, hooked.get(tenant), mailed};
    }

    /** Microseconds from capture to each channel, one entry per delivered event. */
    private static final class Deliveries {
        final List<Long> answered = new ArrayList<>();
        final List<Long> visible = new ArrayList<>();
        final List<Long> webhook = new ArrayList<>();
        final List<Long> mail = new ArrayList<>();

        String line() {
            for (List<Long> sample : List.of(answered, visible, webhook, mail)) {
                Collections.sort(sample);
            }
            return String.format(
                    Locale.ROOT,
                    "capture → critical alert delivered (%d events via /i/v0/e, one at a time; %d per workspace,"
                            + " each with a webhook; e-mail to its admin through the test context's SMTP server):"
                            + " 200 p50 %.1f / p99 %.1f ms; in-app visible p50 %.1f / p99 %.1f ms; webhook received p50 %.1f / p99 %.1f / max"
                            + " %.1f ms; e-mail received p50 %.1f / p99 %.1f / max %.1f ms; load %s",
                    visible.size(),
                    NOTIFICATIONS_PER_RULE,
                    percentile(answered, 0.5),
                    percentile(answered, 0.99),
                    percentile(visible, 0.5),
                    percentile(visible, 0.99),
                    percentile(webhook, 0.5),
                    percentile(webhook, 0.99),
                    webhook.getLast() / 1000.0,
                    percentile(mail, 0.5),
                    percentile(mail, 0.99),
                    mail.getLast() / 1000.0,
                    loadavg());
        }
    }

    /** Whether a mail about {@code tenant} arrived after the first {@code before} messages. */
    private static boolean mailArrived(int before, String tenant) {
        MimeMessage[] messages = smtp.getReceivedMessages();
        for (int i = before; i < messages.length; i++) {
            if (GreenMailUtil.getWholeMessage(messages[i]).contains(tenant)) {
                return true;
            }
        }
        return false;
    }

    /** Sends one critical event; adds the µs until its alert was visible and until the 200. */
    private void critical(Http http, Workspace workspace, boolean beforeCommit, List<Long> visible, List<Long> answered)
            throws Exception {
        String tenant = "latency-" + UUID.randomUUID();
        String event =
                revenueEvent(tenant, 25_000).replaceFirst("\\{", "{\"api_key\":\"" + workspace.projectToken() + "\",");
        arrivals.alertsBeforeCommit(beforeCommit);
        long start = System.nanoTime();
        CompletableFuture<Long> seen = CompletableFuture.supplyAsync(
                () -> {
                    long deadline = start + TimeUnit.SECONDS.toNanos(30);
                    while (alerts.list(workspace.id(), "critical", true, tenant, Instant.EPOCH, 1)
                            .isEmpty()) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("no alert for " + tenant);
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                    }
                    return System.nanoTime();
                },
                POLLERS);
        assertThat(http.postJson("/i/v0/e", null, event).status()).isEqualTo(200);
        answered.add((System.nanoTime() - start) / 1_000);
        visible.add((seen.get() - start) / 1_000);
    }

    private static double percentile(List<Long> sortedMicros, double p) {
        return sortedMicros.get((int) Math.ceil(sortedMicros.size() * p) - 1) / 1000.0;
    }

    /** A timer's count and total at the start of a phase, to read the phase's own share later. */
    private record Meter(Timer timer, long count, double totalMillis) {
        static Meter of(Timer timer) {
            return new Meter(timer, timer.count(), timer.totalTime(TimeUnit.MILLISECONDS));
        }

        long countSince() {
            return timer.count() - count;
        }

        double secondsSince() {
            return (timer.totalTime(TimeUnit.MILLISECONDS) - totalMillis) / 1000;
        }

        double meanMillisSince() {
            return countSince() == 0 ? 0 : secondsSince() * 1000 / countSince();
        }
    }

    private String summaryOverAYear() {
        Workspace workspace = workspace("bench-year");
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(365));
        long genStart = System.nanoTime();
        warehouse.write(workspace.id(), connection -> {
            try (Statement statement = connection.createStatement()) {
                // a year of the four routine kinds, spread evenly, generated inside DuckDB
                statement.execute("INSERT INTO events (uuid, event, distinct_id, timestamp, properties)"
                        + " SELECT uuid(), CASE i % 4 WHEN 0 THEN 'revenue_impact_event' WHEN 1 THEN"
                        + " 'email_deliverability_event' WHEN 2 THEN 'operational_efficiency_event' ELSE"
                        + " 'cost_optimization_event' END, 'tenant-' || (i % 5),"
                        + " TIMESTAMP '" + from.toString().replace("T", " ").replace("Z", "") + "' + to_microseconds("
                        + "CAST(i AS BIGINT) * " + (365L * 86_400_000_000L / YEAR_EVENTS) + "),"
                        + " CASE i % 4"
                        + " WHEN 0 THEN printf('{\"tenant_id\":\"tenant-%d\",\"event_type\":\"deliverability_issue\","
                        + "\"impact_amount\":%d,\"impact_type\":\"%s\",\"urgency_level\":\"medium\","
                        + "\"action_required\":\"Review sending domain\",\"tracking_date\":\"2026-11-30T10:30:00Z\"}',"
                        + " i % 5, 50 + i % 900, CASE WHEN i % 8 = 0 THEN 'negative' ELSE 'positive' END)"
                        + " WHEN 1 THEN printf('{\"tenant_id\":\"tenant-%d\",\"delivery_outcome\":\"delivered\","
                        + "\"email_count\":%d,\"bounce_rate\":0.0%d,\"tracking_date\":\"2026-11-30T10:30:00Z\"}',"
                        + " i % 5, 1000 + i % 9000, i % 9)"
                        + " WHEN 2 THEN printf('{\"tenant_id\":\"tenant-%d\",\"efficiency_metric\":\"delivery\","
                        + "\"efficiency_score\":%d,\"trend_direction\":\"stable\","
                        + "\"recommendations\":[\"Warm up IPs\"],\"tracking_date\":\"2026-11-30T10:30:00Z\"}',"
                        + " i % 5, 60 + i % 40)"
                        + " ELSE printf('{\"tenant_id\":\"tenant-%d\",\"optimization_category\":\"infrastructure\","
                        + "\"optimization_type\":\"implemented\",\"savings_amount\":%d,\"baseline_cost\":10000,"
                        + "\"optimized_cost\":%d,\"tracking_date\":\"2026-11-30T10:30:00Z\"}',"
                        + " i % 5, 100 + i % 5000, 8000 + i % 4000) END"
                        + " FROM range(" + YEAR_EVENTS + ") t(i)");
            }
            return null;
        });
        double generation = (System.nanoTime() - genStart) / 1e9;
        // written straight into the store, as events stored before the typed table existed: the
        // first summary after start-up catches their typed rows up (timed here on its own)
        long catchUpStart = System.nanoTime();
        table.ready(workspace.id());
        double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
        List<Long> bare = new ArrayList<>();
        List<Long> bareTyped = new ArrayList<>();
        List<Long> summary = new ArrayList<>();
        List<Long> fromJson = new ArrayList<>();
        List<Long> aggregates = new ArrayList<>();
        ExecutiveSummary last = null;
        for (int i = 0; i < SUMMARY_RUNS; i++) {
            bare.add(timed(
                    workspace,
                    "SELECT event, count(*),"
                            + " sum(CAST(json_extract(properties, '$.impact_amount') AS DOUBLE)) FROM events"
                            + " WHERE timestamp >= now() - INTERVAL 366 DAY GROUP BY event"));
            bareTyped.add(timed(
                    workspace,
                    "SELECT event, count(*), sum(impact_amount) FROM business_events"
                            + " WHERE timestamp >= now() - INTERVAL 366 DAY GROUP BY event"));
            long start = System.nanoTime();
            last = summaries.summary(workspace.id(), from, to, null);
            summary.add(System.nanoTime() - start);
            start = System.nanoTime();
            reader.aggregates(workspace.id(), from, to, null, 10);
            aggregates.add(System.nanoTime() - start);
            start = System.nanoTime();
            ExecutiveSummary old = summaries.summaryFromJson(workspace.id(), from, to, null);
            fromJson.add(System.nanoTime() - start);
            assertThat(old.businessEvents()).isEqualTo(last.businessEvents());
            assertThat(old.overallBusinessHealth()).isEqualTo(last.overallBusinessHealth());
        }
        return String.format(
                Locale.ROOT,
                "executive summary over a year: %,d business events (generated in %.1f s, typed rows caught up in"
                        + " %.1f s), %d runs after one warm-up: summary median %.0f ms (runs %s ms; its three DuckDB"
                        + " aggregate queries alone median %.0f ms); the same summary"
                        + " from the JSON properties (before) median %.0f ms (runs %s ms); bare DuckDB group-by of the"
                        + " same rows from JSON median %.0f ms (ratio %.2f), from the typed table median %.0f ms"
                        + " (ratio %.1f); summary counted %,d events, health %d; load %s",
                YEAR_EVENTS,
                generation,
                catchUp,
                summary.size() - 1,
                median(summary.subList(1, summary.size())),
                summary.stream().map(n -> String.valueOf(n / 1_000_000)).toList(),
                median(aggregates.subList(1, aggregates.size())),
                median(fromJson.subList(1, fromJson.size())),
                fromJson.stream().map(n -> String.valueOf(n / 1_000_000)).toList(),
                median(bare.subList(1, bare.size())),
                median(summary.subList(1, summary.size())) / median(bare.subList(1, bare.size())),
                median(bareTyped.subList(1, bareTyped.size())),
                median(summary.subList(1, summary.size())) / median(bareTyped.subList(1, bareTyped.size())),
                last.businessEvents(),
                last.overallBusinessHealth(),
                loadavg());
    }

    /** @return nanoseconds to run a query and read its rows */
    private long timed(Workspace workspace, String sql) {
        long start = System.nanoTime();
        warehouse.read(workspace.id(), connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    rs.getLong(2);
                }
            }
            return null;
        });
        return System.nanoTime() - start;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
