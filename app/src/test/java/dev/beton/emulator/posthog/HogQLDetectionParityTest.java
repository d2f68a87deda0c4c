package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.query.TestWarehouse;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The same world in the embedded DuckDB warehouse and, through capture, in the PostHog
 * emulator: detection with the DuckDB rendering and with the HogQL rendering (evaluated by the
 * emulator's own interpreter) must find the same signals with the same evidence and scores.
 *
 * <p>The typed variant is how a real PostHog project looks: property definitions typed from the
 * first values (feature ids are numbers → Numeric, {@code trial_ends_at} → DateTime, plan figures
 * → Numeric, {@code $process_person_profile} → Boolean) and a project time zone that is not UTC
 * (America/Chicago: 06:00 UTC is local midnight, so day counts in the project's zone differ from
 * UTC ones for the world's events).
 */
class HogQLDetectionParityTest {

    private static final String KEY = "phx_parity_query_key";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00:00Z");
    private final DemoWorld world = DemoWorld.generate();
    private final SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 2);
    private PostHogEmulator posthog;
    private TestWarehouse warehouse;

    private static final java.time.ZoneId PROJECT_ZONE = java.time.ZoneId.of("America/Chicago");
    private static final Map<String, Long> FEATURE_IDS =
            Map.of("export", 101L, "reports", 102L, "sso", 103L, "alerts", 104L);

    private boolean typed;

    @BeforeEach
    void load() throws Exception {
        posthog = PostHogFixture.builder(clock, contract)
                .personalKey(PersonalApiKey.withScopes(KEY, "query:read"))
                .start();
        warehouse = TestWarehouse.open();
    }

    private void loadBoth(boolean typedProject) throws Exception {
        this.typed = typedProject;
        if (typedProject) {
            posthog.timezone(1, PROJECT_ZONE);
        }
        loadWarehouse();
        capture();
    }

    @AfterEach
    void close() throws Exception {
        posthog.close();
        warehouse.close();
    }

    @Test
    void bothWarehousesDetectTheSameSignalsAndScores() throws Exception {
        loadBoth(false);
        assertSameSignalsAndReceipts();
    }

    @Test
    void typedPropertyDefinitionsAndANonUtcProjectGiveTheSameSignalsAndReceipts() throws Exception {
        loadBoth(true);
        assertThat(posthog.eventPropertyType(1, "feature")).contains(PostHogPropertyType.NUMERIC);
        assertThat(posthog.eventPropertyType(1, "$process_person_profile")).isEmpty();
        posthog.propertyType(1, "event", 0, "$process_person_profile", PostHogPropertyType.BOOLEAN);
        posthog.propertyType(1, "event", 0, "$group_key", PostHogPropertyType.STRING);
        assertThat(query("SELECT 1 AS one LIMIT 1", Map.of())
                        .json()
                        .path("timezone")
                        .asString())
                .isEqualTo("America/Chicago");
        assertSameSignalsAndReceipts();
    }

    @Test
    void withoutExplicitCastsPostHogsTypingBreaksTheQueries() throws Exception {
        loadBoth(true);
        String untyped = "SELECT $group_2 AS account FROM events WHERE coalesce(properties.feature, '') != '' LIMIT 10";
        TestHttp.Reply reply = query(untyped, Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        String cast =
                "SELECT $group_2 AS account FROM events WHERE coalesce(toString(properties.feature), '') != '' LIMIT 10";
        assertThat(query(cast, Map.of()).status()).isEqualTo(200);
        // A bare dateDiff counts the project's midnights: 05:59 and 06:00 UTC are two Chicago days.
        String days =
                "SELECT dateDiff('day', toDateTime('2026-11-22T05:59:00Z'), toDateTime('2026-11-22T06:00:00Z')) AS d,"
                        + " dateDiff('day', toTimeZone(toDateTime('2026-11-22T05:59:00Z'), 'UTC'),"
                        + " toTimeZone(toDateTime('2026-11-22T06:00:00Z'), 'UTC')) AS u LIMIT 1";
        JsonNode row = query(days, Map.of()).json().path("results").get(0);
        assertThat(row.get(0).asLong()).isEqualTo(1);
        assertThat(row.get(1).asLong()).isZero();
    }

    private TestHttp.Reply query(String sql, Map<String, Object> values) {
        String body = Json.write(Map.of(
                "query", Map.of("kind", "HogQLQuery", "query", sql, "values", values), "refresh", "force_blocking"));
        return TestHttp.to(posthog.baseUrl()).bearer(KEY).post("/api/projects/1/query/", body);
    }

    private void assertSameSignalsAndReceipts() {
        Set<SignalType> fired = new java.util.HashSet<>();
        for (Instant asOf : List.of(DemoWorld.FIRST, DemoWorld.SECOND)) {
            SignalRun duck = catalog.run(asOf, Dialect.DUCKDB, this::runOnDuckDb, Map.of());
            SignalRun hog = catalog.run(asOf, Dialect.HOGQL, this::runOnEmulator, Map.of());

            assertThat(duck.failures()).isEmpty();
            assertThat(hog.failures()).isEmpty();
            assertThat(hog.outcomes()).isNotEmpty().isEqualTo(duck.outcomes());
            assertThat(hog.receipts()).isNotEmpty().isEqualTo(duck.receipts());
            hog.fired().stream().map(DetectedSignal::type).forEach(fired::add);
        }
        assertThat(fired)
                .as("every signal type fires at least once")
                .containsExactlyInAnyOrderElementsOf(SignalType.builtIns());
    }

    @Test
    void signalsChangeBetweenTheTwoInstantsAsTheWorldSays() throws Exception {
        loadBoth(false);
        SignalRun first = catalog.run(DemoWorld.FIRST, Dialect.HOGQL, this::runOnEmulator, Map.of());
        SignalRun second = catalog.run(DemoWorld.SECOND, Dialect.HOGQL, this::runOnEmulator, Map.of());

        assertThat(summary(first))
                .contains("globex limit_approaching", "stark billing_intent", "stark pricing_intent")
                .doesNotContain("initech trial_expiring", "acme usage_spike");
        assertThat(summary(second))
                .contains(
                        "initech trial_expiring",
                        "acme usage_spike",
                        "acme pricing_intent",
                        "acme feature_adoption",
                        "umbrella team_growth",
                        "umbrella billing_intent")
                .doesNotContain("hooli usage_spike");
    }

    private static List<String> summary(SignalRun run) {
        return run.fired().stream()
                .map(s -> s.accountKey() + " " + s.type().key())
                .toList();
    }

    private ResultRows runOnDuckDb(RenderedQuery query) {
        try {
            return warehouse.run(query);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResultRows runOnEmulator(RenderedQuery query) {
        return HogQlOnEmulator.run(posthog.baseUrl(), KEY, query);
    }

    private void loadWarehouse() throws Exception {
        for (DemoWorld.Event event : world.events()) {
            String[] keys = event.company() == null
                    ? new String[0]
                    : new String[] {"ws-" + event.company(), "team-" + event.company(), event.company()};
            warehouse.event(event.name(), event.distinctId(), event.timestamp(), Json.write(properties(event)), keys);
        }
        for (Map.Entry<String, Map<String, Object>> company : world.companies().entrySet()) {
            warehouse.group(2, company.getKey(), Json.write(company.getValue()));
        }
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
        assertThat(posthog.events(1)).hasSize(world.events().size());
        assertThat(posthog.groups(1)).extracting(CapturedGroup::groupTypeIndex).containsOnly(2);
    }

    /**
     * The event's properties with {@code $groups} in type-index order, as a client sends them; in
     * the typed variant features are numeric ids (so PostHog types {@code feature} Numeric).
     */
    private Map<String, Object> properties(DemoWorld.Event event) {
        Map<String, Object> properties = new LinkedHashMap<>(event.properties());
        if (typed && properties.get("feature") instanceof String name && FEATURE_IDS.containsKey(name)) {
            properties.put("feature", FEATURE_IDS.get(name));
        }
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
