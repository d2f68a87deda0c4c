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
import java.util.EnumSet;
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

    @BeforeEach
    void load() throws Exception {
        posthog = PostHogFixture.builder(clock, contract)
                .personalKey(PersonalApiKey.withScopes(KEY, "query:read"))
                .start();
        warehouse = TestWarehouse.open();
        loadWarehouse();
        capture();
    }

    @AfterEach
    void close() throws Exception {
        posthog.close();
        warehouse.close();
    }

    @Test
    void bothWarehousesDetectTheSameSignalsAndScores() {
        Set<SignalType> fired = EnumSet.noneOf(SignalType.class);
        for (Instant asOf : List.of(DemoWorld.FIRST, DemoWorld.SECOND)) {
            SignalRun duck = catalog.run(asOf, Dialect.DUCKDB, this::runOnDuckDb, Map.of());
            SignalRun hog = catalog.run(asOf, Dialect.HOGQL, this::runOnEmulator, Map.of());

            assertThat(duck.failures()).isEmpty();
            assertThat(hog.failures()).isEmpty();
            assertThat(hog.outcomes()).isNotEmpty().isEqualTo(duck.outcomes());
            assertThat(hog.receipts()).isNotEmpty().isEqualTo(duck.receipts());
            hog.fired().stream().map(DetectedSignal::type).forEach(fired::add);
        }
        assertThat(fired).as("every signal type fires at least once").containsExactlyInAnyOrder(SignalType.values());
    }

    @Test
    void signalsChangeBetweenTheTwoInstantsAsTheWorldSays() {
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

    /** What Beton's PostHog adapter does: POST the HogQL with its values, read columns and rows. */
    private ResultRows runOnEmulator(RenderedQuery query) {
        String body = Json.write(Map.of(
                "query",
                Map.of("kind", "HogQLQuery", "query", query.sql(), "values", query.namedValues()),
                "refresh",
                "force_blocking"));
        TestHttp.Reply reply = TestHttp.to(posthog.baseUrl()).bearer(KEY).post("/api/projects/1/query/", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        List<String> columns =
                json.path("columns").values().stream().map(JsonNode::asString).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : json.path("results").values()) {
            rows.add(new ArrayList<>(row.values().stream().map(Json::toPlain).toList()));
        }
        return new ResultRows(columns, rows);
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

    /** The event's properties with {@code $groups} in type-index order, as a client sends them. */
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
