package dev.beton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.emulator.attio.AttioEmulator;
import dev.beton.emulator.attio.AttioToken;
import dev.beton.emulator.attio.AttioWorkspace;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11, must fix 1 and 2: a workspace admin could make Beton send the instance's
 * {@code POSTHOG_API_KEY}, or the workspace's saved key, to a server of their own by saving a
 * different host. A key goes only to the host it was configured or entered for (or PostHog's
 * clouds); the same holds for a saved Attio token and Attio's address.
 */
@OnEmbeddedStore
class KeyExfiltrationTest {

    static final String INSTANCE_KEY = "phx_instanceWideKeyFromTheEnvironment0123456789ab";
    static final String WORKSPACE_KEY = "phx_workspaceKeyEnteredByItsAdmin0123456789abcdef";
    static final String ATTACKER_KEY = "phx_attackersOwnKeyOnTheirOwnServer0123456789abcd";
    static final String ATTIO_TOKEN = "attio_saved_0123456789abcdef0123456789abcdef0123456789abcd";

    static final KeyWitness cloudWitness = new KeyWitness();
    static final KeyWitness attackerWitness = new KeyWitness();
    static final KeyWitness attioWitness = new KeyWitness();

    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-00000000aa01"), "Cloud org", "cloud");
    static final PostHogOrganization EVIL =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-00000000ee01"), "Evil org", "evil");

    static final PostHogEmulator us = PostHogEmulator.builder()
            .organization(ORG)
            .project(new PostHogProject(501, ORG.id(), "Cloud app", "phc_cloudProjectToken0123456789abcdefghijklm"))
            .personalKey(PersonalApiKey.withScopes(INSTANCE_KEY, "*"))
            .personalKey(PersonalApiKey.withScopes(WORKSPACE_KEY, "*"))
            .observer(cloudWitness)
            .start();
    static final PostHogEmulator eu = PostHogEmulator.builder()
            .organization(ORG)
            .project(new PostHogProject(502, ORG.id(), "EU app", "phc_euProjectToken0123456789abcdefghijklmnopq"))
            .observer(cloudWitness)
            .start();
    /** A PostHog-speaking server run by a workspace admin, accepting only their own key. */
    static final PostHogEmulator attacker = PostHogEmulator.builder()
            .organization(EVIL)
            .project(new PostHogProject(666, EVIL.id(), "Bait", "phc_baitProjectToken0123456789abcdefghijklmno"))
            .personalKey(PersonalApiKey.withScopes(ATTACKER_KEY, "*"))
            .observer(attackerWitness)
            .start();

    static final AttioEmulator attio = AttioEmulator.builder()
            .workspace(new AttioWorkspace(UUID.fromString("0a0a0a0a-1111-4222-8333-4444555566aa"), "CRM", "crm"))
            .token(AttioToken.full(ATTIO_TOKEN))
            .dealsEnabled(true)
            .observer(attioWitness)
            .start();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> eu.baseUrl().toString());
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("POSTHOG_API_KEY", () -> INSTANCE_KEY);
    }

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
