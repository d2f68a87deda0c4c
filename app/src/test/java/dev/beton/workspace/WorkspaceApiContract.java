package dev.beton.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The workspace, token and login contract of the REST API. Runs once per store of Beton's own
 * state (embedded H2 and PostgreSQL) through the subclasses.
 */
abstract class WorkspaceApiContract {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void migrationsCreatedBetonsTables() {
        var versions = jdbc.sql("SELECT \"version\" FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class)
                .list();
        assertThat(versions).contains("1", "2");
    }

    @Test
    void firstStartCreatedTheAdminAndAWorkspaceWithAProjectToken() {
        var response = http.get("/api/v1/workspaces", Http.adminBasic());
        assertThat(response.status()).isEqualTo(200);
        JsonNode first = response.json().get(0);
        assertThat(first.get("slug").asString()).isEqualTo("default");
        assertThat(first.get("role").asString()).isEqualTo("admin");
        assertThat(first.get("projectToken").asString()).startsWith("phc_").hasSize(47);
    }

    @Test
    void unauthenticatedCallsGetAProblemDetail() {
        var response = http.get("/api/v1/workspaces", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:beton:problem:unauthorized");
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        var response = http.get("/api/v1/workspaces", Http.basic(TestStores.ADMIN_EMAIL, "wrong-password"));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void adminCreatesAWorkspaceAndDuplicateSlugsConflict() {
        String slug = "acme-" + shortId();
        var created = http.postJson(
                "/api/v1/workspaces", Http.adminBasic(), "{\"name\": \"Acme RevOps\", \"slug\": \"" + slug + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("slug").asString()).isEqualTo(slug);
        assertThat(created.header("Location")).startsWith("/api/v1/workspaces/");

        var again =
                http.postJson("/api/v1/workspaces", Http.adminBasic(), "{\"name\": \"x\", \"slug\": \"" + slug + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains(slug);
    }

    @Test
    void invalidWorkspaceRequestsAreExplained() {
        var blank = http.postJson("/api/v1/workspaces", Http.adminBasic(), "{\"name\": \"\"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get("name").asString()).isNotBlank();

        var badSlug = http.postJson("/api/v1/workspaces", Http.adminBasic(), "{\"name\": \"x\", \"slug\": \"Not OK\"}");
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.json().get("detail").asString()).contains("lowercase");

        var malformed = http.postJson("/api/v1/workspaces", Http.adminBasic(), "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void membersWhoAreNotAdminsCannotCreateWorkspaces() {
        String email = "member-" + shortId() + "@test.beton";
        users.create(email, "member-password", false);
        var response =
                http.postJson("/api/v1/workspaces", Http.basic(email, "member-password"), "{\"name\": \"Mine\"}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).contains("administrator");
    }

    @Test
    void aTokenActsOnItsOwnWorkspaceUntilRevoked() {
        var issued = http.postJson("/api/v1/tokens", Http.adminBasic(), "{\"name\": \"exports\"}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("token").asString();
        assertThat(secret).startsWith("beton_");

        var listed = http.get("/api/v1/tokens", Http.bearer(secret));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).contains(secret.substring(secret.length() - 4));

        long id = issued.json().get("id").asLong();
        assertThat(http.delete("/api/v1/tokens/" + id, Http.adminBasic()).status())
                .isEqualTo(204);
        var afterRevoke = http.get("/api/v1/tokens", Http.bearer(secret));
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.json().get("detail").asString()).contains("revoked");
    }

    @Test
    void onlyTheTokensHashIsStored() {
        var issued = http.postJson("/api/v1/tokens", Http.adminBasic(), "{\"name\": \"hash check\"}");
        String secret = issued.json().get("token").asString();
        long stored = jdbc.sql("SELECT count(*) FROM api_tokens WHERE token_hash = ? OR token_hint = ? OR name = ?")
                .params(secret, secret, secret)
                .query(Long.class)
                .single();
        assertThat(stored).isZero();
    }

    @Test
    void aWorkspaceTheCallerDoesNotBelongToIsNotFound() {
        User admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow();
        Workspace foreign = foreignWorkspace();
        var bySlug = http.get("/api/v1/tokens?workspace=" + foreign.slug(), Http.adminBasic());
        assertThat(bySlug.status()).isEqualTo(404);
        var byId = http.get("/api/v1/tokens?workspace=" + foreign.id(), Http.adminBasic());
        assertThat(byId.status()).isEqualTo(404);
        assertThat(workspaces.membership(admin.id(), foreign.id())).isEmpty();
    }

    @Test
    void aTokenCannotBeUsedOnAnotherWorkspace() {
        String slug = "second-" + shortId();
        http.postJson("/api/v1/workspaces", Http.adminBasic(), "{\"name\": \"Second\", \"slug\": \"" + slug + "\"}");
        String secret = http.postJson("/api/v1/tokens", Http.adminBasic(), "{\"name\": \"default only\"}")
                .json()
                .get("token")
                .asString();
        assertThat(http.get("/api/v1/tokens?workspace=" + slug, Http.bearer(secret))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/tokens?workspace=default", Http.bearer(secret))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void healthIsPublicAndIncludesTheWarehouse() {
        var health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        assertThat(components.has("db")).isTrue();
        assertThat(components.get("warehouse").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusAndOpenApiNeedCredentials() {
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", Http.adminBasic()).body()).contains("jvm_memory_used_bytes");
        var docs = http.get("/v3/api-docs", Http.adminBasic());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/workspaces")).isTrue();
    }

    private Workspace foreignWorkspace() {
        User other = users.create("other-" + shortId() + "@test.beton", "other-password", false);
        return workspaces.create("Foreign " + shortId(), Optional.empty(), other.id());
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
