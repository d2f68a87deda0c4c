package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 11, must fix 1 and 2: a workspace admin could make Beton send the instance's
 * {@code POSTHOG_API_KEY}, or the workspace's saved key, to a server of their own by saving a
 * different host. A key goes only to the host it was configured or entered for (or PostHog's
 * clouds); the same holds for a saved Attio token and Attio's address.
 */
class KeyExfiltrationTest extends SecurityRegression {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    Http http;
    Workspace workspace;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        workspace = workspaces.create("Keys " + slug, Optional.of(slug), adminId);
        cloudWitness.forget();
        attackerWitness.forget();
        attioWitness.forget();
    }

    private Http.Response post(String path, String json) {
        return http.postJson(path + "?workspace=" + workspace.slug(), Http.adminBasic(), json);
    }

    @Test
    void theEnvironmentKeyNeverGoesToAHostAWorkspaceSaved() {
        var saved = post(
                "/api/v1/posthog/validate",
                "{\"api_key\": \"" + ATTACKER_KEY + "\", \"region\": \"custom\", \"host\": \"" + attacker.baseUrl()
                        + "\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        post("/api/v1/settings/integrations/posthog/test", "");
        post("/api/v1/posthog/validate", "{}");

        assertThat(attackerWitness.saw(INSTANCE_KEY))
                .as("the instance key was sent to the workspace's own host")
                .isFalse();
        assertThat(cloudWitness.saw(INSTANCE_KEY))
                .as("the instance key goes to the cloud it was configured for")
                .isTrue();
    }

    @Test
    void aSavedKeyIsNotSentToANewHostWithoutBeingEnteredAgain() {
        assertThat(post("/api/v1/posthog/validate", "{\"api_key\": \"" + WORKSPACE_KEY + "\", \"region\": \"us\"}")
                        .status())
                .isEqualTo(200);

        var moved =
                post("/api/v1/posthog/validate", "{\"region\": \"custom\", \"host\": \"" + attacker.baseUrl() + "\"}");
        var movedBySettings =
                post("/api/v1/settings/integrations/posthog", "{\"host\": \"" + attacker.baseUrl() + "/\"}");

        assertThat(attackerWitness.saw(WORKSPACE_KEY)).isFalse();
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().get("error").asString()).contains("Enter the API key again");
        assertThat(movedBySettings.status()).isEqualTo(400);

        var otherCloud = post("/api/v1/posthog/validate", "{\"region\": \"eu\"}");
        assertThat(otherCloud.status())
                .as("a known cloud may be tried with the saved key (the EU cloud does not know it)")
                .isEqualTo(401);
        var sameHostOtherProject = post("/api/v1/posthog/validate", "{\"project_id\": 501}");
        assertThat(sameHostOtherProject.status()).isEqualTo(200);
    }

    @Test
    void aSavedAttioTokenIsNotSentToAnotherAttioAddress() {
        assertThat(post("/api/v1/attio/validate", "{\"api_key\": \"" + ATTIO_TOKEN + "\"}")
                        .status())
                .isEqualTo(200);
        // the token was saved while Beton talked to another Attio address than it does now
        jdbc.sql("UPDATE integration_connections SET settings = ? WHERE workspace_id = ? AND integration = 'attio'")
                .params("{\"base_url\": \"https://attio.old.example\"}", workspace.id())
                .update();
        attioWitness.forget();

        var revalidated = post("/api/v1/attio/validate", "{}");
        var tested = post("/api/v1/settings/integrations/attio/test", "");

        assertThat(attioWitness.saw(ATTIO_TOKEN)).isFalse();
        assertThat(revalidated.status()).isEqualTo(400);
        assertThat(revalidated.json().get("detail").asString()).contains("Enter the Attio access token again");
        assertThat(tested.status()).isEqualTo(404);
    }
}
