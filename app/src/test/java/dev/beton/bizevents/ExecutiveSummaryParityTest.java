package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The executive summary aggregated by DuckDB SQL, over the typed table {@code business_events} (as
 * served) and over the events' JSON properties (the way before it), equals the one computed in Java
 * over every typed event, on a generated mix of the six kinds, several tenants, actions in varied
 * case and spacing, and events that break their schema (captured, so flagged and left out of all);
 * and the typed table caught up from the stored events (a workspace whose events predate it) gives
 * the same summary again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutiveSummaryParityTest extends BusinessEventsContext {

    private static final String[] LEVELS = {"low", "medium", "high", "critical"};
    private static final String[] ACTIONS = {
        "IP warmup", "ip WARMUP ", "Review sending domain", " Rotate IPs", "Renegotiate contract", "\\tAudit spend"
    };

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    ExecutiveSummaries summaries;

    @Autowired
    Alerts alerts;

    @Autowired
    dev.beton.events.EmbeddedWarehouse warehouse;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Autowired
    EventIssues issues;

    Workspace workspace;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    BusinessEventTable table;

    @Autowired
    BusinessEventRetention retention;

    @BeforeAll
    void capturedMix() {
        workspace = capturedMix("Summary parity");
    }

    private Workspace capturedMix(String name) {
        return capturedMix(newWorkspace(name));
    }

    private Workspace newWorkspace(String name) {
        long admin = users.byEmail(dev.beton.testsupport.TestStores.ADMIN_EMAIL)
                .orElseThrow()
                .id();
        return workspaces.create(name + " " + UUID.randomUUID(), java.util.Optional.empty(), admin);
    }

    private Workspace capturedMix(Workspace workspace) {
        Random random = new Random(18);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String tenant = "tenant-" + random.nextInt(4);
            Instant at = now.minus(Duration.ofMinutes(1 + random.nextInt(40 * 24 * 60)));
            String properties = properties(random, i % 6, tenant);
            if (random.nextInt(12) == 0) {
                // breaks its schema: kept, flagged, and in neither summary
                properties = properties.replace(
                        "\"tenant_id\"",
                        "\"impact_amount\":-5,\"efficiency_score\":150,"
                                + "\"bounce_rate\":\"lots\",\"savings_amount\":-1,\"utilization_percentage\":101,\"tenant_id\"");
            }
            batch.add("""
                    {"event":"%s","distinct_id":"%s","timestamp":"%s","properties":%s}""".formatted(NAMES[i % 6], tenant, at, properties));
        }
        Http http = new Http(port);
        for (int from = 0; from < batch.size(); from += 100) {
            String body = "{\"api_key\":\"" + workspace.projectToken() + "\",\"batch\":["
                    + String.join(",", batch.subList(from, from + 100)) + "]}";
            Http.Response answer = http.postJson("/batch", null, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        // critical alerts are mailed off the writer thread: until every one has left "pending", the
        // two summaries (read one after the other) could see different notification states
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> alerts.list(workspace.id(), null, false, null, Instant.EPOCH, 10_000).stream()
                        .noneMatch(a -> "pending".equals(a.notification())));
        return workspace;
    }

    private static final String[] NAMES = {
        "revenue_impact_event",
        "cost_optimization_event",
        "operational_efficiency_event",
        "strategic_decision_event",
        "email_deliverability_event",
        "resource_usage_event"
    };

    private static String properties(Random random, int kind, String tenant) {
        String common = "\"tenant_id\":\"" + tenant + "\",\"tracking_date\":\"2026-11-30T10:30:00Z\"";
        String level = LEVELS[random.nextInt(4)];
        String actions = "[\"" + ACTIONS[random.nextInt(ACTIONS.length)] + "\",\""
                + ACTIONS[random.nextInt(ACTIONS.length)] + "\"]";
        return switch (kind) {
            case 0 ->
                "{%s,\"event_type\":\"churn_risk\",\"impact_amount\":%.2f,\"impact_type\":\"%s\",%s%s\"mitigation_actions\":%s%s}"
                        .formatted(
                                common,
                                random.nextDouble() * 20_000,
                                random.nextBoolean() ? "positive" : "negative",
                                random.nextBoolean() ? "\"urgency_level\":\"" + level + "\"," : "",
                                random.nextBoolean()
                                        ? "\"action_required\":\"" + ACTIONS[random.nextInt(6)] + "\","
                                        : "",
                                actions,
                                random.nextBoolean()
                                        ? ",\"priority_level\":\"" + LEVELS[random.nextInt(4)] + "\""
                                        : "");
            case 1 ->
                "{%s,\"optimization_category\":\"%s\",\"optimization_type\":\"%s\",\"savings_amount\":%.2f,%s\"savings_percentage\":%d,%s\"required_actions\":%s,\"risk_level\":\"%s\"}"
                        .formatted(
                                common,
                                random.nextBoolean() ? "infrastructure" : "vendors",
                                new String[] {"identified", "planned", "implemented", "rejected"}[random.nextInt(4)],
                                random.nextDouble() * 8_000,
                                random.nextBoolean()
                                        ? "\"baseline_cost\":10000,\"optimized_cost\":" + (7000 + random.nextInt(6000))
                                                + ","
                                        : "",
                                random.nextInt(60),
                                random.nextBoolean() ? "\"roi\":" + random.nextInt(300) / 10.0 + "," : "",
                                actions,
                                level);
            case 2 ->
                "{%s,\"efficiency_metric\":\"delivery\",\"efficiency_score\":%.1f,\"recommendations\":%s%s}"
                        .formatted(
                                common,
                                40 + random.nextDouble() * 60,
                                actions,
                                random.nextBoolean() ? ",\"requires_executive_attention\":true" : "");
            case 3 -> "{%s,\"decision_type\":\"pricing\",\"decision_title\":\"Raise prices\"}".formatted(common);
            case 4 ->
                "{%s,\"delivery_outcome\":\"bounced\",\"email_count\":%d%s,\"risk_level\":\"%s\",\"actions_required\":%s}"
                        .formatted(
                                common,
                                random.nextInt(5000),
                                random.nextInt(4) == 0 ? "" : ",\"bounce_rate\":" + random.nextInt(30) / 100.0,
                                level,
                                actions);
            default ->
                "{%s,\"resource_type\":\"cpu\",\"utilization_percentage\":%d}".formatted(common, random.nextInt(100));
        };
    }

    @Test
    void overallPerTenantAndOverNarrowerPeriodsTheSqlSummaryEqualsTheJavaOne() {
        assertAllPathsAgree(workspace);
        ExecutiveSummary overall =
                summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null);
        // the mix is what it should be: flagged events left out, every tenant, "ip WARMUP " counted as "IP warmup"
        assertThat(overall.businessEvents()).isBetween(300L, 399L);
        assertThat(overall.tenants()).hasSize(4);
        assertThat(overall.recommendedActions()).hasSize(5).contains("IP warmup", "Audit spend");
        assertThat(overall.costOptimization()).hasSize(8);
    }

    @Test
    void theTypedTableCaughtUpFromTheStoredEventsGivesTheSameSummary() {
        Workspace workspace = capturedMix("Summary catch-up");
        int flaggedBefore = issues.flaggedUuids(workspace.id()).size();
        summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null); // all written
        // as if the events predated the table and its day rows: none, and a Beton just started
        warehouse.write(workspace.id(), connection -> {
            try (var statement = connection.createStatement()) {
                for (BusinessEventDays.Rollup rollup : BusinessEventDays.ALL) {
                    statement.executeUpdate("DELETE FROM " + rollup.table());
                }
                statement.executeUpdate("DELETE FROM business_event_days_state");
                return statement.executeUpdate("DELETE FROM business_events");
            }
        });
        BusinessEventTable started = new BusinessEventTable(warehouse, json, issues);
        long added = started.catchUp(workspace.id());
        warehouse.write(workspace.id(), connection -> {
            try (var statement = connection.createStatement()) {
                for (BusinessEventDays.Rollup rollup : BusinessEventDays.ALL) {
                    statement.executeUpdate("DELETE FROM " + rollup.table()); // built again from the typed rows
                }
            }
            return null;
        });
        started.ready(workspace.id());

        assertThat(added).isEqualTo(400); // every business event, the flagged ones too (valid = false)
        assertThat(issues.flaggedUuids(workspace.id())).hasSize(flaggedBefore); // not flagged twice
        assertAllPathsAgree(workspace);
    }

    @Test
    void dayRowsFoldedTogetherGiveTheSameSummary() {
        Workspace workspace = newWorkspace("Summary folded");
        // read once while empty (the day rows are built then), so every batch below appends its own
        summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null);
        capturedMix(workspace);
        summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null);
        long[] before = dayRows(workspace);
        long left = warehouse.write(workspace.id(), BusinessEventDays::compact);

        long[] after = dayRows(workspace);
        assertThat(before[0])
                .as("four batches of 100 events append their own day rows")
                .isGreaterThan(before[1]);
        assertThat(after[0]).as("one row per day and tenant").isEqualTo(after[1]);
        assertThat(left).isGreaterThanOrEqualTo(after[0]);
        assertAllPathsAgree(workspace);
    }

    @Test
    void anEventWhoseTypedRowIsWrittenAgainIsCountedOnce() {
        Workspace workspace = capturedMix("Summary written twice");
        ExecutiveSummary before =
                summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null);
        // rows of stored events handed over again (an arrival racing the catch-up): already there
        List<BusinessEventRow> again = warehouse.read(workspace.id(), connection -> {
            List<BusinessEventRow> rows = new ArrayList<>();
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("SELECT uuid, event, timestamp, properties FROM events"
                            + " WHERE event = 'revenue_impact_event' LIMIT 20")) {
                while (rs.next()) {
                    var properties = json.readTree(rs.getString(4));
                    var result = BusinessEventValidator.validate(
                            BusinessEventType.of(rs.getString(2)).orElseThrow(), properties);
                    rows.add(BusinessEventTable.row(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getObject(3, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
                            result,
                            properties));
                }
            }
            return rows;
        });
        table.add(workspace.id(), again);
        table.flush(workspace.id());

        assertThat(again).hasSize(20);
        assertThat(summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null))
                .usingRecursiveComparison()
                .isEqualTo(before);
        assertAllPathsAgree(workspace);
    }

    @Test
    void afterRetentionCutsADayTheSummaryStillEqualsTheJavaOne() {
        Workspace workspace = capturedMix("Summary retention");
        summaries.summary(workspace.id(), now.minus(Duration.ofDays(45)), now.plusSeconds(1), null);
        // the default 400 days, as of 380 days from now: the cutoff is 20 days ago, at this time of day
        BusinessEventRetention.Preview gone = retention.enforce(workspace.id(), now.plus(Duration.ofDays(380)));

        assertThat(gone.total()).isPositive();
        assertAllPathsAgree(workspace);
    }

    /** Day rows of the workspace's totals, and how many (day, tenant) they are for. */
    private long[] dayRows(Workspace workspace) {
        return warehouse.read(workspace.id(), connection -> {
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery(
                            "SELECT count(*), count(DISTINCT (day, tenant_id))" + " FROM business_event_days")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    private void assertAllPathsAgree(Workspace workspace) {
        Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
        List<Instant[]> periods = List.of(
                new Instant[] {now.minus(Duration.ofDays(45)), now.plusSeconds(1)},
                new Instant[] {now.minus(Duration.ofDays(7)), now.plusSeconds(1)},
                new Instant[] {now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(3))},
                // whole days only, the middle at midnight too
                new Instant[] {midnight.minus(Duration.ofDays(30)), midnight.minus(Duration.ofDays(2))},
                // one whole day, and a stretch inside one day
                new Instant[] {midnight.minus(Duration.ofDays(5)), midnight.minus(Duration.ofDays(4))},
                new Instant[] {midnight.minus(Duration.ofHours(100)), midnight.minus(Duration.ofHours(93))});
        List<String> tenants = new ArrayList<>(List.of("tenant-0", "tenant-3", "nobody"));
        tenants.add(null);
        for (Instant[] period : periods) {
            for (String tenant : tenants) {
                ExecutiveSummary typed = summaries.summary(workspace.id(), period[0], period[1], tenant);
                ExecutiveSummary fromJson = summaries.summaryFromJson(workspace.id(), period[0], period[1], tenant);
                ExecutiveSummary java = summaries.summaryInJava(workspace.id(), period[0], period[1], tenant);
                for (ExecutiveSummary sql : List.of(typed, fromJson)) {
                    assertThat(sql)
                            .as("%s to %s, tenant %s", period[0], period[1], tenant)
                            .usingRecursiveComparison()
                            // sums of doubles in another order differ in the last bits only
                            .withEqualsForType(
                                    (a, b) -> Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), Double.class)
                            .isEqualTo(java);
                }
            }
        }
    }
}
