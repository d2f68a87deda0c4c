package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.clickhouse.ClickHouseQueryRunner;
import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.clickhouse.ClickHouseTestServer;
import dev.beton.clickhouse.PostHogStyleTables;
import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import dev.beton.inspector.Finding;
import dev.beton.inspector.InspectionRule;
import dev.beton.inspector.InspectionRule.Conditions;
import dev.beton.inspector.InspectionRule.Level;
import dev.beton.inspector.InspectionRule.Weights;
import dev.beton.inspector.RuleCompiler;
import dev.beton.query.ClickHouseDialect;
import dev.beton.query.ClickHouseSchema;
import dev.beton.query.Dialect;
import dev.beton.query.Query;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.query.SourceParityQueries;
import dev.beton.query.TestWarehouse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One generated data set in the three event sources: the embedded DuckDB store, the PostHog
 * emulator (through capture) and a real ClickHouse server (seed 003's PostHog-style tables, as
 * Debian ships it: 18.16). Every query of {@link SourceParityQueries}, rendered in each source's
 * dialect, must give the same rows. The account is the first group type everywhere (index 0):
 * {@code $groups.company} on PostHog, {@code properties.company_domain} ↔ {@code accounts.domain}
 * on ClickHouse. Inspection rules (issue 17) are held to the same: one punch list on all three.
 */
@ExtendWith(ClickHouseTestServer.class)
class SourceParityTest {

    private static final String KEY = "phx_source_parity_key";
    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private static final int ACCOUNT = 0;
    private static final List<String> EVENTS =
            List.of("signed_up", "created_project", "invited_teammate", "viewed_dashboard", "exported_report");

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private static PostHogEmulator posthog;
    private static TestWarehouse warehouse;
    private static ClickHouseServer clickhouse;
    private static ClickHouseDialect clickhouseDialect;

    /** One event of the generated data set. */
    record Event(String name, String distinctId, Instant at, String domain, String plan) {}

    @BeforeAll
    static void load() throws Exception {
        List<Event> events = generate();
        posthog = PostHogFixture.builder(MutableClock.at(AS_OF.toString()), contract)
                .personalKey(PersonalApiKey.withScopes(KEY, "query:read"))
                .start();
        warehouse = TestWarehouse.open();
        clickhouse = ClickHouseServer.open(ClickHouseTestServer.freshDatabase());
        clickhouseDialect = ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), clickhouse.version());

        PostHogStyleTables tables = PostHogStyleTables.create(clickhouse);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Event event : events) {
            String properties = Json.write(properties(event, false));
            warehouse.event(event.name(), event.distinctId(), event.at(), properties, keys(event));
            tables.event(event.name(), event.distinctId(), event.at(), properties, "person-" + event.distinctId());
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put("event", event.name());
            sent.put("distinct_id", event.distinctId());
            sent.put("timestamp", event.at().toString());
            sent.put(
                    "uuid",
                    UUID.nameUUIDFromBytes((event.name() + event.at() + event.distinctId()).getBytes())
                            .toString());
            sent.put("properties", properties(event, true));
            batch.add(sent);
        }
        tables.flush();
        TestHttp.Reply reply = TestHttp.to(posthog.baseUrl())
                .post("/batch/", Json.write(Map.of("api_key", PostHogFixture.MAIN.apiToken(), "batch", batch)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(posthog.events(1)).hasSize(events.size());
    }

    @AfterAll
    static void close() throws Exception {
        if (posthog != null) {
            posthog.close();
        }
        if (warehouse != null) {
            warehouse.close();
        }
        if (clickhouse != null) {
            clickhouse.close();
        }
    }

    static Stream<String> queries() {
        return SourceParityQueries.all(ACCOUNT).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void everySourceGivesTheSameRows(String name) throws Exception {
        Query query = SourceParityQueries.all(ACCOUNT).get(name);

        List<List<String>> embedded = normalized(warehouse.run(Dialect.DUCKDB.render(query, AS_OF)));
        List<List<String>> onPostHog = normalized(onEmulator(Dialect.HOGQL.render(query, AS_OF)));
        List<List<String>> onClickHouse =
                normalized(new ClickHouseQueryRunner(clickhouse).run(clickhouseDialect.render(query, AS_OF)));

        assertThat(embedded).as("%s on the embedded store", name).isNotEmpty();
        assertThat(onPostHog).as("%s on PostHog", name).isEqualTo(embedded);
        assertThat(onClickHouse)
                .as("%s on ClickHouse %s", name, clickhouseDialect.serverVersion())
                .isEqualTo(embedded);
    }

    static Stream<InspectionRule> rules() {
        return Stream.of(
                new InspectionRule(
                        "Steady users",
                        "",
                        Level.USER,
                        30,
                        new Conditions(
                                List.of("viewed_dashboard", "exported_report"), 3, null, 2, null, null, null, null),
                        new Weights(1.0, 2.0, -0.5)),
                new InspectionRule(
                        "Busy accounts",
                        "",
                        Level.ACCOUNT,
                        30,
                        new Conditions(null, 20, 2, 3, 30, null, 2, 20),
                        new Weights(1.0, 2.0, -0.5)),
                new InspectionRule(
                        "Pro plan accounts",
                        "",
                        Level.ACCOUNT,
                        45,
                        new Conditions(null, null, null, null, null, Map.of("plan", "pro"), null, null),
                        new Weights(0.5, 1.0, 1.0)));
    }

    /**
     * Issue 17: the same inspection rule gives the same punch list on the three sources. Names,
     * e-mails and firmographics are left out: this data set has no person or account records, and
     * ClickHouse's joins answer {@code ''} where the others answer null.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everySourceGivesTheSamePunchList(InspectionRule rule) throws Exception {
        Query query = RuleCompiler.compile(rule, ACCOUNT);

        List<Finding> embedded = findings(rule, warehouse.run(Dialect.DUCKDB.render(query, AS_OF)));
        List<Finding> onPostHog = findings(rule, onEmulator(Dialect.HOGQL.render(query, AS_OF)));
        List<Finding> onClickHouse =
                findings(rule, new ClickHouseQueryRunner(clickhouse).run(clickhouseDialect.render(query, AS_OF)));

        assertThat(embedded).as("%s on the embedded store", rule.name()).isNotEmpty();
        assertThat(onPostHog).as("%s on PostHog", rule.name()).isEqualTo(embedded);
        assertThat(onClickHouse)
                .as("%s on ClickHouse %s", rule.name(), clickhouseDialect.serverVersion())
                .isEqualTo(embedded);
    }

    private static List<Finding> findings(InspectionRule rule, ResultRows rows) {
        return rows.list().stream()
                .map(row -> Finding.of(row, rule))
                .map(f -> new Finding(
                        0,
                        Math.round(f.score() * 1e6) / 1e6,
                        f.userId(),
                        null,
                        f.accountId(),
                        null,
                        null,
                        null,
                        null,
                        f.eventCount(),
                        f.distinctEvents(),
                        f.activeUsers(),
                        f.activeDays(),
                        f.daysSinceLastEvent(),
                        f.lastSeen() == null ? null : f.lastSeen().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .toList();
    }

    /** 12 accounts, 40 users (the last four without an account), about 1,500 events over 60 days, seeded. */
    static List<Event> generate() {
        Random random = new Random(17);
        List<Event> events = new ArrayList<>();
        for (int user = 0; user < 40; user++) {
            String distinctId = "user-%02d".formatted(user);
            String domain = user < 36 ? "account-%02d.example".formatted(user % 12) : null;
            String plan = user % 3 == 0 ? "pro" : "free";
            int activeUntil = random.nextInt(45); // days before AS_OF of the user's last activity
            int count = 10 + random.nextInt(60);
            for (int i = 0; i < count; i++) {
                long secondsAgo = (activeUntil + random.nextInt(20)) * 86_400L + random.nextInt(86_400);
                events.add(new Event(
                        EVENTS.get(random.nextInt(EVENTS.size())),
                        distinctId,
                        AS_OF.minusSeconds(secondsAgo),
                        domain,
                        plan));
            }
        }
        return events;
    }

    private static Map<String, Object> properties(Event event, boolean withGroups) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("plan", event.plan());
        if (event.domain() != null) {
            properties.put("company_domain", event.domain());
            if (withGroups) {
                properties.put("$groups", Map.of("company", event.domain()));
            }
        }
        return properties;
    }

    private static String[] keys(Event event) {
        return event.domain() == null ? new String[0] : new String[] {event.domain()};
    }

    /** Numbers compared by value (ClickHouse sends 64-bit integers as text), everything else as text. */
    private static List<List<String>> normalized(ResultRows rows) {
        List<List<String>> normalized = new ArrayList<>();
        for (List<Object> row : rows.rows()) {
            normalized.add(row.stream().map(SourceParityTest::cell).toList());
        }
        return normalized;
    }

    private static String cell(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static ResultRows onEmulator(RenderedQuery query) {
        return HogQlOnEmulator.run(posthog.baseUrl(), KEY, query);
    }
}
