package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Role;
import dev.beton.workspace.User;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.SecretVault;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Connecting PostHog and Attio through the REST API, against the PostHog emulator (every exchange
 * checked against PostHog's OpenAPI contract) and the Attio emulator (each exchange checked against Attio's contract). Runs on embedded H2 and on
 * PostgreSQL through the subclasses. Each test works in a workspace of its own, so the
 * per-workspace validation limit never couples tests.
 */
abstract class ConnectionsApiContract {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog().allowNoExchanges();

    static final PostHogWorld posthog = new PostHogWorld(contract);

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio().allowNoExchanges();

    static final AttioWorld attio = new AttioWorld(attioContract);

    @DynamicPropertySource
    static void integrations(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> posthog.us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> posthog.eu.baseUrl().toString());
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretVault vault;

    Http http;
    Workspace workspace;
    String admin = Http.adminBasic();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        workspace = newWorkspace();
    }

    Workspace newWorkspace() {
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "conn-" + UUID.randomUUID().toString().substring(0, 8);
        return workspaces.create("Connections " + slug, Optional.of(slug), adminId);
    }

    String at(String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }

    Http.Response validate(String json) {
        return http.postJson(at("/api/v1/posthog/validate"), admin, json);
    }

    static String key(String key) {
        return "{\"api_key\": \"" + key + "\"}";
    }

    @Test
    void validKeyConnectsOnTheUsCloudAndReadsProjectTokenAndEventCount() {
        var response = validate(key(PostHogWorld.US_KEY));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("workspace_name").asString()).isEqualTo("Acme Analytics");
        assertThat(body.get("project_id").asString()).isEqualTo("101");
        assertThat(body.get("events_count").asLong()).isEqualTo(3);
        assertThat(body.get("region").asString()).isEqualTo("us");
        assertThat(body.get("projects")).hasSize(2);

        var settings =
                http.get(at("/api/v1/settings/integrations/posthog"), admin).json();
        assertThat(settings.get("details").get("project_token").asString()).isEqualTo(PostHogWorld.MAIN.apiToken());
        assertThat(settings.get("api_key").asString()).isEqualTo("phx_…nopq");
        assertThat(settings.get("source").asString()).isEqualTo("stored");
        assertThat(settings.get("state").asString()).isEqualTo("ok");
    }

    @Test
    void aKeyTheUsCloudRefusesIsTriedOnTheEuCloud() {
        var response = validate(key(PostHogWorld.EU_KEY));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("region").asString()).isEqualTo("eu");
        assertThat(response.json().get("project_id").asString()).isEqualTo("201");
    }

    @Test
    void aChosenRegionIsTheOnlyOneTried() {
        var response = validate("{\"api_key\": \"" + PostHogWorld.EU_KEY + "\", \"region\": \"us\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error_type").asString()).isEqualTo("unauthorized");
        assertThat(response.json().get("error").asString()).contains("US cloud").doesNotContain("EU cloud");
    }

    @Test
    void aSelfHostedUrlIsUsedAsIs() {
        String body = "{\"api_key\": \"" + PostHogWorld.EU_KEY + "\", \"region\": \"custom\", \"host\": \""
                + posthog.eu.baseUrl() + "\"}";
        var response = validate(body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("region").asString()).isEqualTo("custom");
    }

    @Test
    void aLegacyKeyWithoutPrefixIsAccepted() {
        assertThat(validate(key(PostHogWorld.LEGACY_KEY)).status()).isEqualTo(200);
    }

    @Test
    void theUserPicksAnotherProjectAndKeepsTheStoredKey() {
        validate(key(PostHogWorld.US_KEY));

        var switched = validate("{\"project_id\": \"102\"}");

        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().get("project_name").asString()).isEqualTo("Staging");
        var status = http.get(at("/api/v1/posthog/status"), admin).json();
        assertThat(status.get("project_id").asString()).isEqualTo("102");
    }

    @Test
    void aProjectTokenPastedByMistakeIsAnInvalidFormatThatSaysWhatToDo() {
        var response = validate(key(PostHogWorld.MAIN.apiToken()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_type").asString()).isEqualTo("invalid_format");
        assertThat(response.json().get("error").asString())
                .contains("project token")
                .contains("Personal API keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "phx_short", "phx_has a space inside0123456789abcdefghijklmnop"})
    void malformedKeysAreInvalidFormat(String key) {
        var response = validate(key(key));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_type").asString()).isEqualTo("invalid_format");
    }

    @Test
    void anUnknownKeyIsUnauthorizedAfterTryingBothClouds() {
        var response = validate(key(PostHogWorld.UNKNOWN_KEY));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error_type").asString()).isEqualTo("unauthorized");
        assertThat(response.json().get("error").asString()).contains("US cloud and EU cloud");
    }

    @Test
    void aProjectTheKeyCannotSeeIsNotFound() {
        var response = validate("{\"api_key\": \"" + PostHogWorld.US_KEY + "\", \"project_id\": \"999\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error_type").asString()).isEqualTo("not_found");
    }

    @Test
    void aKeyWithoutQueryScopeIsUnauthorizedNamingTheScopes() {
        var response = validate(key(PostHogWorld.NO_QUERY_KEY));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).contains("query:read");
    }

    @Test
    void anUnreachableHostIsAConnectionError() {
        String body = "{\"api_key\": \"" + PostHogWorld.US_KEY
                + "\", \"region\": \"custom\", \"host\": \"http://127.0.0.1:9\"}";
        var response = validate(body);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("error_type").asString()).isEqualTo("connection_error");
    }

    @Test
    void aHostAnsweringWithServerErrorsIsAnApiError() throws Exception {
        var failing = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            byte[] body = "{\"type\":\"server_error\",\"detail\":\"A server error occurred.\",\"attr\":null}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            var response = validate("{\"api_key\": \"" + PostHogWorld.US_KEY + "\", \"region\": \"custom\","
                    + " \"host\": \"http://127.0.0.1:" + failing.getAddress().getPort() + "\"}");

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.json().get("error_type").asString()).isEqualTo("api_error");
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void aStoredKeyNoConfiguredKeyOpensIsAnInternalErrorThatSaysWhatToDo() {
        Workspace other = newWorkspace();
        validate(key(PostHogWorld.US_KEY));
        jdbc.sql("INSERT INTO sealed_secrets (workspace_id, integration, name, ciphertext, key_id, sealed_at)"
                        + " SELECT ?, integration, name, ciphertext, key_id, sealed_at FROM sealed_secrets"
                        + " WHERE workspace_id = ?")
                .params(other.id(), workspace.id())
                .update();

        var response =
                http.postJson("/api/v1/posthog/validate?workspace=" + other.slug(), admin, "{\"project_id\": \"101\"}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("error_type").asString()).isEqualTo("internal_error");
        assertThat(response.json().get("error").asString()).contains("BETON_ENCRYPTION_PREVIOUS_KEYS");
    }

    @Test
    void theSixthValidationInAMinuteIsRateLimitedWithRetryAfter() {
        for (int i = 0; i < ValidationRateLimit.PER_MINUTE; i++) {
            assertThat(validate(key("phc_x")).status()).isEqualTo(400);
        }
        var response = validate(key(PostHogWorld.US_KEY));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json().get("error_type").asString()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void disconnectDeactivatesAndStatusSaysSo() {
        validate(key(PostHogWorld.US_KEY));

        var disconnected = http.postJson(at("/api/v1/posthog/disconnect"), admin, "");

        assertThat(disconnected.status()).isEqualTo(200);
        assertThat(disconnected.json().get("message").asString())
                .isEqualTo("PostHog integration disconnected successfully");
        var status = http.get(at("/api/v1/posthog/status"), admin).json();
        assertThat(status.get("is_active").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM integration_connections WHERE workspace_id = ?")
                        .param(workspace.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void seedPathsAnswerWithTheSameBodies() {
        var validated = http.postJson(at("/api/posthog/validate"), admin, key(PostHogWorld.US_KEY));
        var status = http.get(at("/api/posthog/status"), admin);

        assertThat(validated.status()).isEqualTo(200);
        assertThat(status.json().get("is_configured").asBoolean()).isTrue();
        assertThat(status.json().get("is_validated").asBoolean()).isTrue();
        assertThat(status.json().get("workspace_name").asString()).isEqualTo("Acme Analytics");
        assertThat(http.postJson(at("/api/posthog/disconnect"), admin, "").status())
                .isEqualTo(200);
    }

    @Test
    void theDatabaseHoldsCiphertextOnly() {
        validate(key(PostHogWorld.US_KEY));

        String stored = jdbc.sql("SELECT ciphertext FROM sealed_secrets WHERE workspace_id = ? AND integration = ?")
                .params(workspace.id(), "posthog")
                .query(String.class)
                .single();
        String row = jdbc.sql("SELECT settings FROM integration_connections WHERE workspace_id = ?")
                .param(workspace.id())
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(PostHogWorld.US_KEY).doesNotContain("phx_");
        assertThat(java.util.Base64.getDecoder().decode(stored)).hasSizeGreaterThan(PostHogWorld.US_KEY.length());
        assertThat(row).doesNotContain(PostHogWorld.US_KEY);
    }

    @Test
    void aCiphertextMovedToAnotherWorkspaceDoesNotOpen() {
        validate(key(PostHogWorld.US_KEY));
        Workspace other = newWorkspace();
        jdbc.sql("INSERT INTO sealed_secrets (workspace_id, integration, name, ciphertext, key_id, sealed_at)"
                        + " SELECT ?, integration, name, ciphertext, key_id, sealed_at FROM sealed_secrets"
                        + " WHERE workspace_id = ?")
                .params(other.id(), workspace.id())
                .update();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.open(other.id(), "posthog", "api_key"))
                .isInstanceOf(dev.beton.workspace.credentials.SecretUnreadable.class)
                .hasMessageNotContaining(PostHogWorld.US_KEY);
        assertThat(vault.open(workspace.id(), "posthog", "api_key")
                        .orElseThrow()
                        .reveal())
                .isEqualTo(PostHogWorld.US_KEY);
    }

    @Test
    void settingsRoutesSaveTestAndRemovePostHog() {
        var saved = http.postJson(at("/api/v1/settings/integrations/posthog"), admin, key(PostHogWorld.US_KEY));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("configured").asBoolean()).isTrue();

        var tested = http.postJson(at("/api/v1/settings/integrations/posthog/test"), admin, "");
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("state").asString()).isEqualTo("ok");
        assertThat(tested.json().get("connection").get("last_checked_at").isNull())
                .isFalse();

        assertThat(http.delete(at("/api/v1/settings/integrations/posthog"), admin)
                        .status())
                .isEqualTo(204);
        var after = http.get(at("/api/v1/settings/integrations/posthog"), admin).json();
        assertThat(after.get("configured").asBoolean()).isFalse();
        assertThat(after.get("source").asString()).isEqualTo("none");
    }

    @Test
    void testingAnUnconnectedIntegrationIsNotFoundAsAProblem() {
        var response = http.postJson(at("/api/v1/settings/integrations/attio/test"), admin, "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("error_type").asString()).isEqualTo("not_found");
    }

    @Test
    void anUnknownIntegrationIsNotFound() {
        assertThat(http.get(at("/api/v1/settings/integrations/salesforce"), admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void attioWithAllScopesAndDealsIsReady() {
        var response = http.postJson(at("/api/v1/attio/validate"), admin, key(AttioWorld.FULL_TOKEN));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("state").asString()).isEqualTo("ok");
        assertThat(response.json().get("workspace_slug").asString()).isEqualTo("acme-crm");
        var objects = http.get(at("/api/v1/attio/objects"), admin).json().get("data");
        assertThat(objects.findValuesAsString("api_slug")).contains("people", "companies", "deals");
        var settings =
                http.get(at("/api/v1/settings/integrations/attio"), admin).json();
        assertThat(settings.get("details").get("workspace_name").asString()).isEqualTo("Acme CRM");
    }

    @Test
    void attioWithMissingScopesIsDegradedAndNamesThem() {
        var response = http.postJson(at("/api/v1/attio/validate"), admin, key(AttioWorld.NARROW_TOKEN));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("state").asString()).isEqualTo("degraded");
        assertThat(response.json().get("missing_scopes").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("record_permission:read-write", "note:read-write");
    }

    @ParameterizedTest
    @ValueSource(strings = {AttioWorld.INACTIVE_TOKEN, "attio_unknown_token_0123456789"})
    void attioInactiveOrUnknownTokensAreUnauthorized(String token) {
        var response = http.postJson(at("/api/v1/attio/validate"), admin, key(token));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error_type").asString()).isEqualTo("unauthorized");
    }

    @Test
    void membersMayReadButNotManageConnections() {
        User member = users.create(
                "member-" + UUID.randomUUID().toString().substring(0, 8) + "@test.beton", "member-password", false);
        workspaces.addMember(workspace.id(), member.id(), Role.MEMBER);
        String auth = Http.basic(member.email(), "member-password");

        assertThat(http.get(at("/api/v1/posthog/status"), auth).status()).isEqualTo(200);
        assertThat(http.get(at("/api/v1/settings/integrations/posthog"), auth).status())
                .isEqualTo(200);
        var refused = http.postJson(at("/api/v1/posthog/validate"), auth, key(PostHogWorld.US_KEY));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error_type").asString()).isEqualTo("forbidden");
        assertThat(http.postJson(at("/api/v1/settings/integrations/posthog/test"), auth, "")
                        .status())
                .isEqualTo(403);
        assertThat(http.delete(at("/api/v1/settings/integrations/attio"), auth).status())
                .isEqualTo(403);
    }
}
