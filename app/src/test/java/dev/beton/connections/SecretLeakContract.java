package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * No secret in logs, responses or the database: a whole connect / validate / test / disconnect
 * cycle of PostHog and Attio, wrong keys included, with Beton's and Spring's web, security and
 * JDBC loggers at DEBUG/TRACE, and every line and body captured. Runs on embedded H2 and on
 * PostgreSQL through the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.dev.beton=TRACE",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            "logging.level.org.springframework.jdbc.core=TRACE"
        })
abstract class SecretLeakContract {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    static final PostHogWorld posthog = new PostHogWorld(contract);

    @RegisterExtension
    static final ContractValidator attioContract = ContractValidator.attio();

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

    @Test
    void aFullCycleShowsNoKeyInLogsResponsesOrTheDatabase(CapturedOutput output) {
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Leak check", Optional.of("leak-" + System.nanoTime()), adminId);
        Http http = new Http(port);
        String admin = Http.adminBasic();
        String q = "?workspace=" + workspace.slug();
        List<Http.Response> responses = new ArrayList<>();

        responses.add(http.postJson("/api/v1/posthog/validate" + q, admin, body(PostHogWorld.UNKNOWN_KEY)));
        responses.add(http.postJson("/api/v1/posthog/validate" + q, admin, body(PostHogWorld.US_KEY)));
        responses.add(http.get("/api/v1/posthog/status" + q, admin));
        responses.add(http.get("/api/v1/settings/integrations/posthog" + q, admin));
        responses.add(http.postJson("/api/v1/settings/integrations/posthog/test" + q, admin, ""));
        responses.add(http.postJson("/api/v1/attio/validate" + q, admin, body(AttioWorld.INACTIVE_TOKEN)));
        responses.add(http.postJson("/api/v1/settings/integrations/attio" + q, admin, body(AttioWorld.NARROW_TOKEN)));
        responses.add(http.postJson("/api/v1/settings/integrations/attio/test" + q, admin, ""));
        responses.add(http.get("/api/v1/attio/objects" + q, admin));
        responses.add(http.get("/api/v1/settings/integrations/attio" + q, admin));
        responses.add(http.postJson("/api/v1/posthog/disconnect" + q, admin, ""));
        responses.add(http.delete("/api/v1/settings/integrations/attio" + q, admin));

        assertThat(responses).extracting(Http.Response::status).contains(200, 401, 204);
        List<String> secrets = List.of(
                PostHogWorld.US_KEY, PostHogWorld.UNKNOWN_KEY, AttioWorld.NARROW_TOKEN, AttioWorld.INACTIVE_TOKEN);
        String logs = output.getAll();
        assertThat(logs)
                .as("the DEBUG logs were captured")
                .contains("connected PostHog project", "SQL statement parameter value", "Read \"application/json")
                .isNotBlank();
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret).doesNotContain(secret.substring(4, 24));
            assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(secret));
        }
        String rows = String.join(
                "\n",
                jdbc.sql("SELECT ciphertext FROM sealed_secrets")
                        .query(String.class)
                        .list());
        String settings = String.join(
                "\n",
                jdbc.sql("SELECT settings FROM integration_connections")
                        .query(String.class)
                        .list());
        for (String secret : secrets) {
            assertThat(rows).doesNotContain(secret);
            assertThat(settings).doesNotContain(secret);
        }
    }

    private static String body(String key) {
        return "{\"api_key\": \"" + key + "\"}";
    }
}
