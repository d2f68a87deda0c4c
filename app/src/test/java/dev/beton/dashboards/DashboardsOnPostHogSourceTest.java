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
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
        Workspace embedded = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, embedded.id(), clock.instant());
        Workspace onPostHog = DashboardWorld.newWorkspace(users, workspaces);
        List<PostHogCaptureEvent> events = eventsOf(embedded);
        assertThat(captures.forApiHost(posthog.baseUrl())
                        .send(PROJECT.apiToken(), events)
                        .accepted())
                .isEqualTo(events.size());
        http.connectPostHog(onPostHog.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(onPostHog.slug(), "posthog").status()).isEqualTo(200);

        for (String dashboard : List.of("signal-overview", "account-health")) {
            Map<String, JsonNode> expected = DashboardWorld.tiles(http, embedded, dashboard, "refresh=true");
            Map<String, JsonNode> actual = DashboardWorld.tiles(http, onPostHog, dashboard, "refresh=true");
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String tile : expected.keySet()) {
                assertThat(actual.get(tile).path("status").asString())
                        .as(tile + ": " + actual.get(tile))
                        .isEqualTo("ok");
                assertThat(DashboardWorld.numbers(actual.get(tile)))
                        .as(dashboard + " / " + tile)
                        .isEqualTo(DashboardWorld.numbers(expected.get(tile)));
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
        Workspace onPostHog = DashboardWorld.newWorkspace(users, workspaces);
        http.connectPostHog(onPostHog.slug(), KEY, posthog.baseUrl(), PROJECT.id());
        assertThat(http.eventSource(onPostHog.slug(), "posthog").status()).isEqualTo(200);
        posthog.close();

        Map<String, JsonNode> tiles = DashboardWorld.tiles(http, onPostHog, "signal-overview", "refresh=true");
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

    /** The workspace's events as the PostHog SDK sends them, the company as {@code $groups}. */
    private List<PostHogCaptureEvent> eventsOf(Workspace workspace) {
        return DashboardWorld.events(warehouse, workspace.id()).stream()
                .map(e -> {
                    Map<String, Object> properties = new LinkedHashMap<>(e.properties());
                    properties.put("$groups", Map.of("company", e.account()));
                    return new PostHogCaptureEvent(e.uuid(), e.event(), e.distinctId(), e.at(), properties);
                })
                .toList();
    }
}
