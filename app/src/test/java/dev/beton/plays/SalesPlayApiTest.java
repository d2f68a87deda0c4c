package dev.beton.plays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/accounts/{key}/sales-play} (+ .md) on the embedded store. */
@OnEmbeddedStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesPlayApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Clock clock;

    Http http;
    Workspace workspace;

    @BeforeAll
    void world() {
        http = new Http(port);
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        workspace = workspaces.create(
                "Plays API",
                Optional.of("plays-api-" + UUID.randomUUID().toString().substring(0, 6)),
                admin);
        Instant now = clock.instant();
        new WarehouseFixtures(warehouse, workspace.id())
                .groupType(0, "company")
                .group(0, "acme.com", "{\"name\": \"Acme Inc\"}", now.minus(30, ChronoUnit.DAYS))
                .event("signed_up", "ann", 0, "acme.com", now.minus(9, ChronoUnit.DAYS))
                .event("report_created", "ann", 0, "acme.com", now.minus(2, ChronoUnit.DAYS))
                .event("report_created", "ann", 0, "acme.com", now.minus(1, ChronoUnit.DAYS))
                .event("report_created", "bob", 0, "acme.com", now.minus(1, ChronoUnit.HOURS));
    }

    @Test
    void thePlayIsGroundedInTheAccountsFacts() {
        JsonNode play = get("/api/v1/accounts/acme.com/sales-play").json();
        assertThat(play.get("writer").asString()).isEqualTo("template");
        assertThat(play.get("companyName").asString()).isEqualTo("Acme Inc");
        assertThat(play.at("/facts/0/text").asString()).startsWith("3 events in the 7 days before");
        assertThat(play.at("/sections/1/points/0/text").asString()).startsWith("Champion: ann, 3 events in 30 days.");
        assertThat(play.at("/sections/0/points/0/text").asString()).isEqualTo("Usage is up 200 % week over week.");
    }

    @Test
    void theMarkdownDownloadIsAnAttachment() {
        Http.Response md = get("/api/v1/accounts/acme.com/sales-play.md");
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.header("Content-Type")).startsWith("text/markdown");
        assertThat(md.header("Content-Disposition")).isEqualTo("attachment; filename=\"sales-play-acme.com.md\"");
        assertThat(md.body()).startsWith("# Sales play: Acme Inc (acme.com)").contains("## Facts cited");
    }

    @Test
    void problemsForUnknownAccountsWritersAndAnUnconfiguredLlm() {
        assertProblem(get("/api/v1/accounts/nobody.com/sales-play"), 404);
        assertProblem(get("/api/v1/accounts/acme.com/sales-play?writer=poet"), 400);
        assertProblem(get("/api/v1/accounts/acme.com/sales-play?writer=llm"), 409);
        assertProblem(
                http.postJson(
                        "/api/v1/accounts/acme.com/sales-play/attio-note?workspace=" + workspace.slug(),
                        Http.adminBasic(),
                        "{}"),
                409);
    }

    @Test
    void theLlmKeyIsSealedAndOnlyShownMasked() {
        Http.Response sealed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/v1/sales-plays/llm-key?workspace=" + workspace.slug()))
                .header("Authorization", Http.adminBasic())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"key\": \"sk-abcdefghijklmnopqrstuvwxyz1234\"}"))
                .build());
        assertThat(sealed.status()).isEqualTo(200);
        assertThat(sealed.body()).doesNotContain("abcdefghijklmnop").contains("1234");
        assertThat(get("/api/v1/sales-plays/llm").json().get("key").asString())
                .isEqualTo(sealed.json().get("key").asString());
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private Http.Response get(String path) {
        String sep = path.contains("?") ? "&" : "?";
        return http.get(path + sep + "workspace=" + workspace.slug(), Http.adminBasic());
    }
}
