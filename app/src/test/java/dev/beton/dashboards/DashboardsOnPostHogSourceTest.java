package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.posthog.PostHogCaptures;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workspace whose event source is PostHog sees the same native dashboards as one on the embedded
 * store: the same events in both, the same numbers in every query tile (each tile's HogQL
 * rendering run through the query budget against the PostHog emulator, every request
 * contract-validated).
 */
@OnEmbeddedStore
class DashboardsOnPostHogSourceTest {

    static final String KEY = "phx_dashboardsSourceTestKey0123456789abcdefghijklmn";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000e3"), "Acme", "acme");
    static final PostHogProject PROJECT =
            new PostHogProject(503, ORG.id(), "Product", "phc_dashboardsSourceProjectToken0123456789ab");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    PostHogCaptures captures;

    @Autowired
    Clock clock;

    final ContractValidator contract = ContractValidator.posthog();
    PostHogEmulator posthog;
    Http http;

    @BeforeEach
    void start() {
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .observer(contract)
                .start();
        http = new Http(port);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void theQueryTilesShowTheSameNumbersFromPostHogAsFromTheEmbeddedStore() {
        Workspace embedded = newWorkspace();
        DashboardWorld.build(warehouse, embedded.id(), clock.instant());
        Workspace onPostHog = newWorkspace();
        List<PostHogCaptureEvent> events = eventsOf(embedded);
        assertThat(captures.forApiHost(posthog.baseUrl())
                        .send(PROJECT.apiToken(), events)
                        .accepted())
                .isEqualTo(events.size());
        connect(onPostHog);
        assertThat(setSource(onPostHog, "posthog").status()).isEqualTo(200);

        for (String dashboard : List.of("signal-overview", "account-health")) {
            Map<String, JsonNode> expected = tiles(embedded, dashboard);
            Map<String, JsonNode> actual = tiles(onPostHog, dashboard);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String tile : expected.keySet()) {
                assertThat(actual.get(tile).path("status").asString())
                        .as(tile + ": " + actual.get(tile))
                        .isEqualTo("ok");
                assertThat(numbers(actual.get(tile)))
                        .as(dashboard + " / " + tile)
                        .isEqualTo(numbers(expected.get(tile)));
            }
        }
        // The drill-down reads PostHog too.
        JsonNode drill = http.get(
                        "/api/v1/dashboards/signal-overview/tiles/signals_by_type/accounts?value=pricing_intent&workspace="
                                + onPostHog.slug(),
                        Http.adminBasic())
                .json();
        assertThat(drill.path("rows").get(0).get(0).asString()).isEqualTo("acme.com");
    }

    @Test
    void whenPostHogCannotBeAskedTheTilesSaySoInsteadOfCallingTheDataMissing() {
        Workspace onPostHog = newWorkspace();
        connect(onPostHog);
        assertThat(setSource(onPostHog, "posthog").status()).isEqualTo(200);
        posthog.close();

        Map<String, JsonNode> tiles = tiles(onPostHog, "signal-overview");
        assertThat(tiles.values()).allSatisfy(t -> {
            assertThat(t.path("status").asString()).isEqualTo("failed");
            assertThat(t.path("error").asString()).startsWith("This tile could not be computed: ");
        });
        posthog = PostHogEmulator.builder()
                .organization(ORG)
                .project(PROJECT)
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .start();
    }

    /** Tiles compared by their numbers: columns and rows, dates as their day (the dialects print them apart). */
    private static List<Object> numbers(JsonNode tile) {
        List<Object> out = new ArrayList<>();
        tile.path("columns").values().forEach(c -> out.add(c.asString()));
        for (JsonNode row : tile.path("rows").values()) {
            List<Object> cells = new ArrayList<>();
            for (JsonNode cell : row.values()) {
                if (cell.isNumber()) {
                    cells.add(Math.round(cell.asDouble() * 1000) / 1000.0);
                } else if (cell.isString() && cell.asString().matches("\\d{4}-\\d\\d-\\d\\d.*")) {
                    cells.add(cell.asString().substring(0, 10));
                } else {
                    cells.add(cell.isNull() ? null : cell.asString());
                }
            }
            out.add(cells);
        }
        return out;
    }

    /** The workspace's events as the PostHog SDK sends them, the company as {@code $groups}. */
    private List<PostHogCaptureEvent> eventsOf(Workspace workspace) {
        return warehouse.read(workspace.id(), c -> {
            List<PostHogCaptureEvent> events = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT uuid, event, distinct_id, timestamp, properties, \"$group_1\""
                            + " FROM events ORDER BY timestamp")) {
                while (r.next()) {
                    Map<String, Object> properties = new LinkedHashMap<>(
                            r.getString(5) == null
                                    ? Map.of()
                                    : JSON.readValue(r.getString(5), new TypeReference<Map<String, Object>>() {}));
                    properties.put("$groups", Map.of("company", r.getString(6)));
                    events.add(new PostHogCaptureEvent(
                            r.getObject(1, UUID.class),
                            r.getString(2),
                            r.getString(3),
                            r.getObject(4, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            properties));
                }
            }
            return events;
        });
    }

    private Map<String, JsonNode> tiles(Workspace workspace, String id) {
        Http.Response response =
                http.get("/api/v1/dashboards/" + id + "?refresh=true&workspace=" + workspace.slug(), Http.adminBasic());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> tiles = new LinkedHashMap<>();
        response.json()
                .path("tiles")
                .values()
                .forEach(t -> tiles.put(t.path("id").asString(), t));
        return tiles;
    }

    private void connect(Workspace workspace) {
        Http.Response connected = http.postJson(
                "/api/v1/settings/integrations/posthog?workspace=" + workspace.slug(),
                Http.adminBasic(),
                "{\"api_key\": \"" + KEY + "\", \"region\": \"custom\", \"host\": \"" + posthog.baseUrl()
                        + "\", \"project_id\": " + PROJECT.id() + "}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
    }

    private Http.Response setSource(Workspace workspace, String source) {
        return http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/v1/settings/event-source?workspace=" + workspace.slug()))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.adminBasic())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"source\": \"" + source + "\"}"))
                .build());
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "dashph-" + UUID.randomUUID().toString().substring(0, 8);
        return workspaces.create("Dashboards " + slug, Optional.of(slug), admin);
    }
}
