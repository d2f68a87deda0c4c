package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provisioning the four dashboards into PostHog emulators (every exchange checked against
 * PostHog's contract): connecting provisions them, provisioning again duplicates nothing, a
 * version bump migrates the insight and a removed tile's insight is soft-deleted, a server without
 * tags is handled by the description marker, and a key without write scopes or a revoked key gets
 * a sentence.
 */
@OnEmbeddedStore
class DashboardProvisioningTest {

    static final String KEY = "phx_dashboardsAllPowerfulKey0123456789abcdefghijk";
    static final String READ_KEY = "phx_dashboardsReadOnlyKey0123456789abcdefghijklm";
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000d1"), "Dash Org", "dash");

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog().allowNoExchanges();

    static final PostHogEmulator tagged = emulator(false, 301);
    static final PostHogEmulator tagless = emulator(true, 302);
    static final PostHogEmulator faulty = emulator(false, 303);

    static PostHogEmulator emulator(boolean withoutTags, long projectId) {
        PostHogEmulator.Builder builder = PostHogEmulator.builder()
                .organization(ORG)
                .project(new PostHogProject(
                        projectId,
                        ORG.id(),
                        "Dash " + projectId,
                        "phc_dashToken" + projectId + "0123456789abcdefghijklmnop"))
                .personalKey(PersonalApiKey.withScopes(KEY, "*"))
                .personalKey(PersonalApiKey.withScopes(
                        READ_KEY,
                        "user:read",
                        "organization:read",
                        "project:read",
                        "query:read",
                        "group:read",
                        "dashboard:read",
                        "insight:read"))
                .observer(contract);
        if (withoutTags) {
            builder.withoutTagging();
        }
        return builder.start();
    }

    @DynamicPropertySource
    static void posthog(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> tagged.baseUrl().toString());
        registry.add("beton.dashboards.provision-on-connect", () -> "true");
    }

    @AfterAll
    static void stop() {
        tagged.close();
        tagless.close();
        faulty.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Provisioner provisioner;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void connectingProvisionsFourDashboardsAndProvisioningAgainDuplicatesNothing() throws Exception {
        Workspace workspace = newWorkspace();
        Http http = new Http(port);
        assertThat(connect(http, workspace, KEY, null).status()).isEqualTo(200);

        // Journey 1: provisioned in the background right after connecting.
        waitFor(() -> provisioner.registry(workspace.id()).size() == 4);
        for (int i = 0; i < 2; i++) {
            Http.Response answer =
                    http.postJson(at(workspace, "/api/v1/dashboards/provision"), Http.adminBasic(), "{}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("success").asBoolean()).isTrue();
            assertThat(answer.json().path("tagging").asString()).isEqualTo("tags");
            for (JsonNode d : answer.json().path("dashboards").values()) {
                assertThat(d.path("action").asString()).isEqualTo("unchanged");
                assertThat(d.path("insights_created").asInt()).isZero();
            }
        }

        List<JsonNode> boards = live(tagged, 301, "dashboards");
        assertThat(boards).hasSize(4);
        assertThat(boards).allSatisfy(b -> {
            assertThat(b.path("name").asString()).startsWith("Beton · ");
            assertThat(b.path("tags").toString()).contains("beton");
        });
        int queryTiles = (int) DashboardCatalog.all().stream()
                .flatMap(d -> d.tiles().stream())
                .filter(t -> t.query().isPresent())
                .count();
        List<JsonNode> insights = live(tagged, 301, "insights");
        assertThat(insights).hasSize(queryTiles);
        assertThat(insights.getFirst().path("query").path("source").path("kind").asString())
                .isEqualTo("HogQLQuery");
        // Saved insights run later: time bounds are relative to now(), not the provisioning instant.
        assertThat(insights).allSatisfy(i -> assertThat(
                        i.path("query").path("source").path("query").asString())
                .doesNotContain("toDateTime({"));

        Http.Response registry = http.get(at(workspace, "/api/v1/dashboards/registry"), Http.adminBasic());
        assertThat(registry.status()).isEqualTo(200);
        assertThat(registry.json().path("items").size()).isEqualTo(4);

        // DELETE soft-deletes it in PostHog and forgets it.
        assertThat(http.delete(at(workspace, "/api/v1/dashboards/backtesting"), Http.adminBasic())
                        .status())
                .isEqualTo(200);
        assertThat(live(tagged, 301, "dashboards")).hasSize(3);
        assertThat(provisioner.registry(workspace.id())).hasSize(3);
    }

    @Test
    void aVersionBumpUpdatesTheInsightAndARemovedTileIsSoftDeleted() throws Exception {
        Workspace workspace = newWorkspace();
        Http http = new Http(port);
        assertThat(connect(http, workspace, KEY, tagless.baseUrl()).status()).isEqualTo(200);
        waitFor(() -> provisioner.registry(workspace.id()).size() == 4);

        DashboardDefinition overview =
                DashboardCatalog.find(DashboardCatalog.SIGNAL_OVERVIEW).orElseThrow();
        List<TileDefinition> tiles = new ArrayList<>();
        for (TileDefinition t : overview.tiles()) {
            if (t.id().equals("signals_by_source")) {
                continue; // removed in "version 2"
            }
            tiles.add(
                    t.id().equals("signals_fired")
                            ? new TileDefinition(
                                    t.id(),
                                    2,
                                    t.title(),
                                    t.description() + " (v2)",
                                    t.visualisation(),
                                    t.needs(),
                                    t.source(),
                                    t.query(),
                                    t.x(),
                                    t.y(),
                                    t.accountColumn())
                            : t);
        }
        DashboardDefinition bumped = new DashboardDefinition(
                overview.id(),
                2,
                overview.title(),
                overview.description(),
                overview.refresh(),
                overview.cache(),
                overview.defaultPeriodDays(),
                tiles);
        long removedInsight = provisioner.registry(workspace.id()).stream()
                .filter(e -> e.dashboardId().equals(overview.id()))
                .flatMap(e -> e.insights().stream())
                .filter(i -> i.tileId().equals("signals_by_source"))
                .findFirst()
                .orElseThrow()
                .insightId();

        ProvisionResult result = provisioner.provision(workspace.id(), List.of(bumped));

        ProvisionResult.Dashboard d = result.dashboards().getFirst();
        assertThat(d.action()).isEqualTo("updated");
        assertThat(d.migrated()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(1);
        assertThat(d.created()).isZero();
        assertThat(provisioner.migrations(workspace.id()))
                .extracting(DashboardRegistry.Migration::tileId, DashboardRegistry.Migration::action)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("signals_fired", "updated"),
                        org.assertj.core.groups.Tuple.tuple("signals_by_source", "removed"));
        assertThat(live(tagless, 302, "insights"))
                .noneMatch(i -> i.path("id").asLong() == removedInsight)
                .anyMatch(i -> i.path("description").asString().contains("(v2)"));
        // Tag-less server: 402 on /tags/, so nothing is tagged and the marker finds them again.
        assertThat(result.tagging()).isEqualTo("description-marker");
        assertThat(live(tagless, 302, "dashboards")).hasSize(4).allSatisfy(b -> {
            assertThat(b.path("tags").size()).isZero();
            assertThat(b.path("description").asString()).contains("managed-by:beton key=dashboard.");
        });

        // Provisioning the current catalog again brings the tile back and migrates signals_fired back to v1,
        // still without a duplicate.
        ProvisionResult again = provisioner.provision(workspace.id());
        assertThat(again.success()).isTrue();
        assertThat(live(tagless, 302, "dashboards")).hasSize(4);
    }

    @Test
    void aKeyWithoutWriteScopesOrARevokedKeyGetsASentence() throws Exception {
        Workspace workspace = newWorkspace();
        Http http = new Http(port);
        assertThat(connect(http, workspace, READ_KEY, faulty.baseUrl()).status())
                .isEqualTo(200);
        Http.Response answer = http.postJson(at(workspace, "/api/v1/dashboards/provision"), Http.adminBasic(), "{}");
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().path("error").asString())
                .contains("dashboard:write")
                .contains("insight:write");
        assertThat(live(faulty, 303, "dashboards")).isEmpty();

        Workspace other = newWorkspace();
        assertThat(connect(http, other, KEY, faulty.baseUrl()).status()).isEqualTo(200);
        waitFor(() -> provisioner.registry(other.id()).size() == 4);
        faulty.faults().revoke(KEY);
        Http.Response revoked = http.postJson(at(other, "/api/v1/dashboards/provision"), Http.adminBasic(), "{}");
        assertThat(revoked.json().path("error").asString()).contains("invalid or was revoked");
    }

    private Http.Response connect(Http http, Workspace workspace, String key, URI host) {
        String body = host == null
                ? "{\"api_key\":\"" + key + "\"}"
                : "{\"api_key\":\"" + key + "\",\"region\":\"custom\",\"host\":\"" + host + "\"}";
        return http.postJson(at(workspace, "/api/v1/posthog/validate"), Http.adminBasic(), body);
    }

    private List<JsonNode> live(PostHogEmulator emulator, long project, String kind) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(emulator.baseUrl()
                                        .resolve("/api/projects/" + project + "/" + kind + "/?limit=200"))
                                .header("Authorization", "Bearer " + KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<JsonNode> found = new ArrayList<>();
        json.readTree(response.body()).path("results").values().forEach(found::add);
        return found.stream().filter(n -> !n.path("deleted").asBoolean()).toList();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        return workspaces.create("Dashboards " + slug, Optional.of(slug), admin);
    }

    private static String at(Workspace workspace, String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }
}
