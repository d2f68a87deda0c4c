package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogTarget;
import dev.beton.posthog.QueryCategory;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 6 §2: the gateway bean's figures for the workspace's PostHog project on the Connections
 * page and on {@code /actuator/prometheus}, tagged by host and project and never by key.
 */
@OnEmbeddedStore
class PostHogUsagePageTest {

    @RegisterExtension
    static final ContractValidator posthogContract = ContractValidator.posthog();

    static final PostHogWorld posthog = new PostHogWorld(posthogContract);

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("beton.posthog.us-url", () -> posthog.us.baseUrl().toString());
        registry.add("beton.posthog.eu-url", () -> posthog.eu.baseUrl().toString());
        registry.add("POSTHOG_API_KEY", () -> PostHogWorld.EU_KEY);
        registry.add("POSTHOG_PROJECT_ID", () -> "201");
        registry.add("POSTHOG_HOST", () -> posthog.eu.baseUrl().toString());
        registry.add("beton.posthog.budget.queries-per-hour", () -> "3");
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    PostHogGateway gateway;

    @Autowired
    PostHogClients clients;

    @Test
    void theConnectionsPageAndPrometheusShowTheBudgetAndTheCache() {
        PostHogTarget target =
                new PostHogTarget(clients.forHost(posthog.eu.baseUrl()), Secret.of(PostHogWorld.EU_KEY), 201);
        RenderedQuery count = new RenderedQuery(Dialect.HOGQL, "SELECT count() FROM events", List.of());
        gateway.query(target, count, QueryCategory.OVERVIEW);
        gateway.query(target, count, QueryCategory.OVERVIEW);
        gateway.query(target, count, QueryCategory.DETECTION);
        gateway.query(target, count, QueryCategory.DETECTION);

        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Usage", Optional.of("usage-" + UUID.randomUUID().toString().substring(0, 8)), adminId);
        Http http = new Http(port);
        String page = new WorkspaceIsolationContract.Browserish(
                        http.baseUrl(), TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD)
                .html("/settings/connections?workspace=" + workspace.slug());

        assertThat(page)
                .contains("id=\"posthog-usage\"")
                .containsPattern("id=\"posthog-queries-used\"[^>]*>3 of 3<")
                .containsPattern("id=\"posthog-cache-hit-rate\"[^>]*>50 % \\(1 of 2\\)<")
                .contains("id=\"posthog-budget-warning\"")
                .contains("none since Beton started")
                .doesNotContain(PostHogWorld.EU_KEY);

        String metrics = http.get("/actuator/prometheus", Http.adminBasic()).body();
        String tags = "class=\"query\",host=\"127.0.0.1:" + posthog.eu.baseUrl().getPort() + "\",project=\"201\"";
        assertThat(metrics)
                .contains("beton_posthog_budget_used{" + tags + "} 3.0")
                .contains("beton_posthog_budget_remaining{" + tags + "} 0.0")
                .containsPattern("beton_posthog_cache_requests_total\\{[^}]*result=\"hit\"[^}]*} 1.0")
                .doesNotContain(PostHogWorld.EU_KEY);
    }
}
