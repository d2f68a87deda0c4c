package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.beton.query.Dialect;
import dev.beton.query.Query;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.query.TestWarehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One generated world in the embedded DuckDB warehouse and, through capture, in the PostHog
 * emulator: every rule gives the same punch list (rows, counts, days, scores) from its DuckDB and
 * its HogQL rendering, as of two instants.
 */
class InspectionRuleParityTest {

    private static final String KEY = "phx_inspector_parity_key";
    private static final int COMPANY = 2;

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00:00Z");
    private final DemoWorld world = DemoWorld.generate();
    private PostHogEmulator posthog;
    private TestWarehouse warehouse;

    static final List<InspectionRule> RULES = List.of(
            new InspectionRule(
                    "Steady readers",
                    "",
                    Level.USER,
                    30,
                    new Conditions(List.of("report_viewed", "dashboard_opened"), 10, null, 5, null, null, null, null),
                    new Weights(1.0, 2.0, -0.5)),
            new InspectionRule(
                    "Busy accounts",
                    "",
                    Level.ACCOUNT,
                    14,
                    new Conditions(null, 20, 2, 3, 7, null, 3, 30),
                    new Weights(1.0, 2.0, -0.5)),
            new InspectionRule(
                    "SSO adopters",
                    "",
                    Level.ACCOUNT,
                    30,
                    new Conditions(
                            List.of("feature_used"), null, null, null, null, Map.of("feature", "sso"), null, null),
                    new Weights(0.5, 1.0, 1.0)),
            new InspectionRule(
                    "Everyone active",
                    "",
                    Level.USER,
                    7,
                    new Conditions(null, 1, null, null, null, null, null, null),
                    new Weights(1.0, 2.0, -0.5)));

    @BeforeEach
    void load() throws Exception {
        posthog = PostHogFixture.builder(clock, contract)
                .personalKey(PersonalApiKey.withScopes(KEY, "query:read"))
                .start();
        warehouse = TestWarehouse.open();
        for (DemoWorld.Event event : world.events()) {
            String[] keys = event.company() == null
                    ? new String[0]
                    : new String[] {"ws-" + event.company(), "team-" + event.company(), event.company()};
            warehouse.event(event.name(), event.distinctId(), event.timestamp(), Json.write(properties(event)), keys);
        }
        for (Map.Entry<String, Map<String, Object>> company : world.companies().entrySet()) {
            warehouse.group(COMPANY, company.getKey(), Json.write(company.getValue()));
        }
        capture();
    }

    @AfterEach
    void close() throws Exception {
        posthog.close();
        warehouse.close();
    }

    @Test
    void everyRuleGivesTheSamePunchListOnBothSources() throws Exception {
        int nonEmpty = 0;
        for (Instant asOf : List.of(DemoWorld.FIRST, DemoWorld.SECOND)) {
            for (InspectionRule rule : RULES) {
                Query query = RuleCompiler.compile(rule, COMPANY);
                List<Finding> duck = findings(rule, warehouse.run(Dialect.DUCKDB.render(query, asOf)));
                List<Finding> hog = findings(rule, onEmulator(Dialect.HOGQL.render(query, asOf)));
                assertThat(hog).as("%s as of %s", rule.name(), asOf).isEqualTo(duck);
                nonEmpty += duck.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("runs that found something").isGreaterThanOrEqualTo(6);
    }

    /** Compared without rank (both lists are in the query's order) and with instants to the second. */
    private static List<Finding> findings(InspectionRule rule, ResultRows rows) {
        return rows.list().stream()
                .map(row -> Finding.of(row, rule))
                .map(f -> new Finding(
                        0,
                        f.score(),
                        f.userId(),
                        f.email(),
                        f.accountId(),
                        f.name(),
                        f.domain(),
                        f.segment(),
                        f.arr(),
                        f.eventCount(),
                        f.distinctEvents(),
                        f.activeUsers(),
                        f.activeDays(),
                        f.daysSinceLastEvent(),
                        f.lastSeen() == null ? null : f.lastSeen().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .toList();
    }

    private ResultRows onEmulator(RenderedQuery query) {
        return HogQlOnEmulator.run(posthog.baseUrl(), KEY, query);
    }

    private void capture() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (DemoWorld.Event event : world.events()) {
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put("event", event.name());
            sent.put("distinct_id", event.distinctId());
            sent.put("timestamp", event.timestamp().toString());
            sent.put(
                    "uuid",
                    UUID.nameUUIDFromBytes((event.name() + event.timestamp() + event.distinctId()).getBytes())
                            .toString());
            sent.put("properties", properties(event));
            batch.add(sent);
        }
        TestHttp.Reply reply = TestHttp.to(posthog.baseUrl())
                .post("/batch/", Json.write(Map.of("api_key", PostHogFixture.MAIN.apiToken(), "batch", batch)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static Map<String, Object> properties(DemoWorld.Event event) {
        Map<String, Object> properties = new LinkedHashMap<>(event.properties());
        if (event.company() != null) {
            Map<String, Object> groups = new LinkedHashMap<>();
            groups.put(DemoWorld.GROUP_TYPES.get(0), "ws-" + event.company());
            groups.put(DemoWorld.GROUP_TYPES.get(1), "team-" + event.company());
            groups.put(DemoWorld.GROUP_TYPES.get(2), event.company());
            properties.put("$groups", groups);
        }
        return properties;
    }
}
