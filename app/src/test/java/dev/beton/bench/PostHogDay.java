package dev.beton.bench;

import dev.beton.dashboards.DashboardCatalog;
import dev.beton.dashboards.DashboardDefinition;
import dev.beton.dashboards.TileDefinition;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.posthog.PostHogBoards;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogTarget;
import dev.beton.posthog.PostHogTestClients;
import dev.beton.posthog.PostHogUsage;
import dev.beton.posthog.QueryCategory;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Issue 6 §5: one day of PostHog traffic through the {@link PostHogGateway} against the emulator,
 * on a fake clock (the emulator's throttles run on the same clock). The day: 8 detection queries
 * at 06:00; people opening a dashboard of 24 tiles (16 OVERVIEW, 8 PQL_PERFORMANCE HogQL
 * queries) at random times between 08:00 and 18:00; ad-hoc queries drawn from a pool, so some
 * repeat; optionally a storm of distinct ad-hoc queries in one hour to show the budget holding.
 * Counted at the emulator: queries that reached PostHog in each clock hour and 429s.
 */
public final class PostHogDay {

    static final String KEY = "phx_postHogDayBenchKey0123456789abcdefghijklmnop";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000d1"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(501, ORG.id(), "Main", "phc_postHogDayProjectToken0123456789abcdefg");
    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");

    /**
     * What happens in the day.
     *
     * @param opensPerPerson dashboard opens per person, at random times 08:00–18:00
     * @param adHocQueries ad-hoc queries at random times 08:00–18:00
     * @param adHocPool distinct ad-hoc queries they are drawn from
     * @param stormQueries distinct ad-hoc queries all sent between 14:00 and 15:00 (0 for none)
     */
    public record Scenario(
            String name,
            int people,
            int opensPerPerson,
            int adHocQueries,
            int adHocPool,
            int stormQueries,
            boolean dashboardsLive) {

        Scenario(String name, int people, int opensPerPerson, int adHocQueries, int adHocPool, int stormQueries) {
            this(name, people, opensPerPerson, adHocQueries, adHocPool, stormQueries, false);
        }

        /**
         * The standard day with Beton's four dashboards provisioned in PostHog and every query tile
         * of each refreshed through the API key at its dashboard's cadence, all day (issue 13).
         */
        public static Scenario withDashboards(Scenario day) {
            return new Scenario(
                    day.name() + " + the four dashboards refreshed at their cadences",
                    day.people(),
                    day.opensPerPerson(),
                    day.adHocQueries(),
                    day.adHocPool(),
                    day.stormQueries(),
                    true);
        }

        public static Scenario standard() {
            return new Scenario("standard day", 100, 10, 50, 20, 0);
        }

        public static Scenario sparse() {
            return new Scenario("sparse day (each person opens the dashboard once)", 100, 1, 50, 20, 0);
        }

        public static Scenario storm() {
            return new Scenario("standard day + 3,000 distinct ad-hoc queries 14:00–15:00", 100, 10, 50, 20, 3000);
        }
    }

    /** The day's figures. */
    public record Report(
            Scenario scenario,
            long[] sentPerHour,
            int rateLimited,
            long cacheHits,
            long cacheMisses,
            int detectionsRun,
            int insightRefreshes,
            int refusedByBudget,
            int failures) {

        public long maxPerHour() {
            long max = 0;
            for (long n : sentPerHour) {
                max = Math.max(max, n);
            }
            return max;
        }

        public long sent() {
            long total = 0;
            for (long n : sentPerHour) {
                total += n;
            }
            return total;
        }

        public double hitRate() {
            return (double) cacheHits / Math.max(1, cacheHits + cacheMisses);
        }

        public String text() {
            StringBuilder out = new StringBuilder(scenario.name()).append('\n');
            out.append(String.format(
                    "  sent to PostHog: %d (max %d in one hour), 429s: %d, refused by Beton's budget: %d,"
                            + " other failures: %d%n",
                    sent(), maxPerHour(), rateLimited, refusedByBudget, failures));
            out.append(String.format(
                    "  cache: %d hits, %d misses, hit rate %.1f %%; detection queries run: %d;"
                            + " insight refreshes done: %d%n",
                    cacheHits, cacheMisses, 100 * hitRate(), detectionsRun, insightRefreshes));
            out.append("  per hour (UTC 00..23):");
            for (long n : sentPerHour) {
                out.append(' ').append(n);
            }
            return out.append('\n').toString();
        }
    }

    private PostHogDay() {}

    private sealed interface Step {
        Instant at();
    }

    private record Detection(Instant at, int signal) implements Step {}

    private record DashboardOpen(Instant at) implements Step {}

    private record AdHoc(Instant at, int query) implements Step {}

    /** Every insight of one provisioned dashboard refreshed in PostHog. */
    private record Refresh(Instant at, int dashboard) implements Step {}

    public static Report run(Scenario scenario, long seed) {
        MutableClock clock = new MutableClock(MIDNIGHT);
        AtomicLongArray perHour = new AtomicLongArray(24);
        AtomicInteger throttled = new AtomicInteger();
        try (PostHogEmulator emulator = PostHogEmulator.builder()
                .clock(clock)
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(exchange -> {
                    // A query API call, or an insight recomputed on refresh: both run on PostHog's ClickHouse.
                    boolean refresh = exchange.path().matches(".*/insights/\\d+/?")
                            && exchange.query().contains("refresh=true");
                    if (exchange.path().endsWith("/query/") || refresh) {
                        int hour = (int) ChronoUnit.HOURS.between(MIDNIGHT, clock.instant());
                        if (hour >= 0 && hour < 24) {
                            perHour.incrementAndGet(hour);
                        }
                        if (exchange.status() == 429) {
                            throttled.incrementAndGet();
                        }
                    }
                })
                .start()) {
            capture(emulator.baseUrl(), new Random(seed));
            PostHogGateway gateway =
                    PostHogGateway.builder(clock).waitWith(clock::advance).build();
            PostHogTarget target = new PostHogTarget(
                    PostHogTestClients.forHost(emulator.baseUrl(), Duration.ofSeconds(10)),
                    Secret.of(KEY),
                    PROJECT.id());
            Outcomes outcomes = new Outcomes();
            PostHogBoards boards = new PostHogBoards(gateway);
            List<List<Long>> insights = scenario.dashboardsLive() ? provision(boards, target) : List.of();
            for (Step step : steps(scenario, new Random(seed))) {
                Duration ahead = Duration.between(clock.instant(), step.at());
                clock.advance(ahead.isNegative() ? Duration.ZERO : ahead);
                switch (step) {
                    case Detection d -> {
                        if (outcomes.count(() -> gateway.detectionRunner(target).run(detectionQuery(d.signal())))) {
                            outcomes.detections++;
                        }
                    }
                    case DashboardOpen o -> {
                        // Each tile is its own query: a refused tile does not keep the others from showing.
                        for (int tile = 0; tile < 24; tile++) {
                            RenderedQuery query = tileQuery(tile);
                            QueryCategory category = tile < 16 ? QueryCategory.OVERVIEW : QueryCategory.PQL_PERFORMANCE;
                            outcomes.count(() -> gateway.query(target, query, category));
                        }
                    }
                    case AdHoc a ->
                        outcomes.count(() -> gateway.query(target, adHocQuery(a.query()), QueryCategory.AD_HOC));
                    case Refresh r -> {
                        for (long insight : insights.get(r.dashboard())) {
                            if (outcomes.count(() -> boards.refreshInsight(target, insight))) {
                                outcomes.refreshes++;
                            }
                        }
                    }
                }
            }
            PostHogUsage usage = gateway.usage(emulator.baseUrl(), PROJECT.id());
            long[] sent = new long[24];
            for (int h = 0; h < 24; h++) {
                sent[h] = perHour.get(h);
            }
            return new Report(
                    scenario,
                    sent,
                    throttled.get(),
                    usage.cacheHits(),
                    usage.cacheMisses(),
                    outcomes.detections,
                    outcomes.refreshes,
                    outcomes.refused,
                    outcomes.failures);
        }
    }

    /**
     * Latency the gateway adds on a cache hit: mean nanoseconds per {@code query} call over
     * {@code rounds} rounds of {@code perRound} hits each (after a warm-up), one entry per round
     * as measured.
     */
    public static long[] cacheHitNanos(int rounds, int perRound) {
        MutableClock clock = new MutableClock(MIDNIGHT.plus(Duration.ofHours(9)));
        try (PostHogEmulator emulator = PostHogEmulator.builder()
                .clock(clock)
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .start()) {
            PostHogGateway gateway = PostHogGateway.builder(clock).build();
            PostHogTarget target = new PostHogTarget(
                    PostHogTestClients.forHost(emulator.baseUrl(), Duration.ofSeconds(10)),
                    Secret.of(KEY),
                    PROJECT.id());
            RenderedQuery tile = tileQuery(3);
            gateway.query(target, tile, QueryCategory.OVERVIEW);
            long sink = 0;
            for (int i = 0; i < perRound; i++) {
                sink += gateway.query(target, tile, QueryCategory.OVERVIEW)
                        .list()
                        .size();
            }
            long[] means = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    // A fresh but equal query each time, as a page render would build it.
                    sink += gateway.query(target, tileQuery(3), QueryCategory.OVERVIEW)
                            .list()
                            .size();
                }
                means[r] = (System.nanoTime() - t0) / perRound;
            }
            if (sink == 42) {
                System.out.println("(keeps the loop from being optimised away)");
            }
            return means;
        }
    }

    /**
     * The four dashboards as Beton provisions them: one dashboard each, one HogQL insight per
     * query tile (the counts of {@link DashboardCatalog}; the SQL is a bench tile query, as only
     * the number of queries matters here). Setup traffic, before the day starts.
     */
    private static List<List<Long>> provision(PostHogBoards boards, PostHogTarget target) {
        List<List<Long>> insights = new ArrayList<>();
        int n = 0;
        for (DashboardDefinition dashboard : DashboardCatalog.all()) {
            long id = boards.createDashboard(
                            target, "dashboard." + dashboard.id(), "Beton · " + dashboard.title(), "", List.of())
                    .id();
            List<Long> ids = new ArrayList<>();
            for (TileDefinition tile : dashboard.tiles()) {
                if (tile.query().isEmpty()) {
                    continue;
                }
                RenderedQuery query = tileQuery(n++ % 24);
                Map<String, Object> node = Map.of(
                        "kind",
                        "DataVisualizationNode",
                        "source",
                        Map.of("kind", "HogQLQuery", "query", query.sql(), "values", Map.of("days", 7)));
                ids.add(boards.createInsight(
                                target,
                                "tile." + dashboard.id() + "." + tile.id(),
                                tile.title(),
                                "",
                                List.of(),
                                node,
                                List.of(id))
                        .id());
            }
            insights.add(ids);
        }
        return insights;
    }

    /** Successful detection queries, calls Beton's budget refused, and any other failure. */
    private static final class Outcomes {
        int refreshes;
        int detections;
        int refused;
        int failures;

        boolean count(Runnable call) {
            try {
                call.run();
                return true;
            } catch (PostHogException.BudgetExhausted e) {
                refused++;
            } catch (PostHogException e) {
                failures++;
            }
            return false;
        }
    }

    private static List<Step> steps(Scenario scenario, Random random) {
        List<Step> steps = new ArrayList<>();
        Instant six = MIDNIGHT.plus(Duration.ofHours(6));
        for (int signal = 0; signal < 8; signal++) {
            steps.add(new Detection(six, signal));
        }
        Instant eight = MIDNIGHT.plus(Duration.ofHours(8));
        long workingSeconds = Duration.ofHours(10).toSeconds();
        for (int person = 0; person < scenario.people(); person++) {
            for (int open = 0; open < scenario.opensPerPerson(); open++) {
                steps.add(new DashboardOpen(eight.plusSeconds(random.nextLong(workingSeconds))));
            }
        }
        for (int i = 0; i < scenario.adHocQueries(); i++) {
            steps.add(new AdHoc(
                    eight.plusSeconds(random.nextLong(workingSeconds)), random.nextInt(scenario.adHocPool())));
        }
        Instant two = MIDNIGHT.plus(Duration.ofHours(14));
        for (int i = 0; i < scenario.stormQueries(); i++) {
            steps.add(
                    new AdHoc(two.plusMillis(random.nextLong(Duration.ofHours(1).toMillis())), 1_000 + i));
        }
        if (scenario.dashboardsLive()) {
            // Signal Overview every 15 minutes, Account Health hourly, the other two daily.
            List<DashboardDefinition> dashboards = DashboardCatalog.all();
            for (int d = 0; d < dashboards.size(); d++) {
                Duration every =
                        switch (dashboards.get(d).id()) {
                            case DashboardCatalog.SIGNAL_OVERVIEW -> Duration.ofMinutes(15);
                            case DashboardCatalog.ACCOUNT_HEALTH -> Duration.ofHours(1);
                            default -> Duration.ofDays(1);
                        };
                for (Instant at = MIDNIGHT; at.isBefore(MIDNIGHT.plus(Duration.ofDays(1))); at = at.plus(every)) {
                    steps.add(new Refresh(at.plusSeconds(1), d));
                }
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    private static RenderedQuery detectionQuery(int signal) {
        return new RenderedQuery(
                Dialect.HOGQL,
                "SELECT $group_0 AS account, count() AS n FROM events WHERE event = {event}"
                        + " AND timestamp >= now() - INTERVAL 30 DAY GROUP BY account ORDER BY n DESC LIMIT 1000",
                List.of(new RenderedQuery.BoundParameter("event", EVENTS[signal % EVENTS.length])));
    }

    private static RenderedQuery tileQuery(int tile) {
        return new RenderedQuery(
                Dialect.HOGQL,
                "SELECT event, count() AS n FROM events WHERE timestamp >= now() - INTERVAL {days} DAY"
                        + " GROUP BY event ORDER BY n DESC LIMIT 10",
                List.of(new RenderedQuery.BoundParameter("days", tile + 1)));
    }

    private static RenderedQuery adHocQuery(int query) {
        return new RenderedQuery(
                Dialect.HOGQL,
                "SELECT count() AS n FROM events WHERE timestamp >= now() - INTERVAL {hours} HOUR",
                List.of(new RenderedQuery.BoundParameter("hours", query + 1)));
    }

    private static final String[] EVENTS = {"report_created", "invite_sent", "pricing_viewed", "export_run"};

    // 400 events over the last 10 days, on 20 companies.
    private static void capture(URI base, Random random) {
        StringBuilder batch = new StringBuilder("{\"api_key\":\"" + PROJECT.apiToken() + "\",\"batch\":[");
        for (int i = 0; i < 400; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event\":\"")
                    .append(EVENTS[random.nextInt(EVENTS.length)])
                    .append("\",\"distinct_id\":\"user-")
                    .append(random.nextInt(100))
                    .append("\",\"timestamp\":\"")
                    .append(MIDNIGHT.minusSeconds(
                            random.nextLong(Duration.ofDays(10).toSeconds())))
                    .append("\",\"properties\":{\"$groups\":{\"company\":\"c")
                    .append(random.nextInt(20))
                    .append("\"}}}");
        }
        batch.append("]}");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/batch/"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("capture answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code bench/posthog-day.sh}: the three days and the cache-hit latency, as text. */
    public static String fullReport() {
        StringBuilder out =
                new StringBuilder("PostHog simulated day (fake clock, emulator with PostHog's throttles)\n\n");
        for (Scenario scenario : List.of(
                Scenario.standard(),
                Scenario.sparse(),
                Scenario.storm(),
                Scenario.withDashboards(Scenario.standard()),
                Scenario.withDashboards(Scenario.storm()))) {
            long t0 = System.nanoTime();
            Report report = run(scenario, 20261201L);
            out.append(report.text())
                    .append(String.format("  wall time of the simulation: %.1f s%n%n", (System.nanoTime() - t0) / 1e9));
        }
        long[] means = cacheHitNanos(10, 200_000);
        long[] sorted = means.clone();
        java.util.Arrays.sort(sorted);
        out.append("Cache hit, gateway.query(...) on a cached tile, mean ns per call in 10 rounds of 200,000:\n  ");
        for (long m : means) {
            out.append(m).append(' ');
        }
        out.append(String.format(
                "%n  median %d ns = %.4f ms%n", sorted[sorted.length / 2], sorted[sorted.length / 2] / 1e6));
        return out.toString();
    }
}
