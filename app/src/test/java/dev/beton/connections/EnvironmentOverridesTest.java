package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Seed 000 Appendix C: {@code POSTHOG_API_KEY}, {@code POSTHOG_PROJECT_ID}, {@code POSTHOG_HOST}
 * and {@code ATTIO_API_KEY} override stored settings, and the API and health say where the key
 * came from.
 */
@OnEmbeddedStore
class EnvironmentOverridesTest {

    @RegisterExtension
    static final ContractValidator posthogContract = ContractValidator.posthog().allowNoExchanges();

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio().allowNoExchanges();

    static final PostHogWorld posthog = new PostHogWorld(posthogContract);
    static final AttioWorld attio = new AttioWorld(attioContract);

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> posthog.us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> posthog.eu.baseUrl().toString());
        registry.add("beton.attio.base-url", () -> attio.baseUrl().toString());
        registry.add("POSTHOG_API_KEY", () -> PostHogWorld.EU_KEY);
        registry.add("POSTHOG_PROJECT_ID", () -> "201");
        registry.add("POSTHOG_HOST", () -> posthog.eu.baseUrl().toString());
        registry.add("ATTIO_API_KEY", () -> AttioWorld.FULL_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Test
    void environmentKeysAreUsedShownMaskedAndNamed() {
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Env", Optional.of("env-" + UUID.randomUUID().toString().substring(0, 8)), adminId);
        Http http = new Http(port);
        String q = "?workspace=" + workspace.slug();

        var settings = http.get("/api/v1/settings/integrations/posthog" + q, Http.adminBasic())
                .json();
        assertThat(settings.get("source").asString()).isEqualTo("environment");
        assertThat(settings.get("api_key").asString()).isEqualTo("phx_…nopq");
        assertThat(settings.get("overridden_by").values())
                .extracting(n -> n.asString())
                .containsExactly("POSTHOG_API_KEY", "POSTHOG_PROJECT_ID", "POSTHOG_HOST");
        assertThat(settings.get("details").get("project_id").asString()).isEqualTo("201");

        var tested = http.postJson("/api/v1/settings/integrations/posthog/test" + q, Http.adminBasic(), "");
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("message").asString()).contains("EU app");

        var attioTest = http.postJson("/api/v1/settings/integrations/attio/test" + q, Http.adminBasic(), "");
        assertThat(attioTest.status()).isEqualTo(200);
        assertThat(attioTest.json().get("state").asString()).isEqualTo("ok");

        String page = new WorkspaceIsolationContract.Browserish(
                        http.baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD)
                .html("/settings/connections" + q);
        assertThat(page)
                .contains("Set in the environment, overriding what is saved here")
                .contains("POSTHOG_API_KEY, POSTHOG_PROJECT_ID, POSTHOG_HOST")
                .contains("ATTIO_API_KEY")
                .contains("phx_…nopq")
                .doesNotContain(PostHogWorld.EU_KEY)
                .doesNotContain(AttioWorld.FULL_TOKEN);

        var health = http.get("/actuator/health/integrations", Http.adminBasic());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("components").has("posthog")).isTrue();
        assertThat(health.json().get("components").has("attio")).isTrue();
    }
}
