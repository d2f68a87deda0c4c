package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostHog key that fails every check degrades the integrations group, not Beton: the root
 * health stays HTTP 200 (a load balancer keeps the instance), the group answers 503.
 */
@OnEmbeddedStore
class IntegrationHealthEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingIntegrationKeepsTheRootUpAndFailsItsGroup() {
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create(
                "Health", Optional.of("health-" + UUID.randomUUID().toString().substring(0, 8)), adminId);
        // Other tests share this database: switch off every other active PostHog connection while
        // this one is the only, failing one, and restore them afterwards.
        var othersActive = jdbc.sql("SELECT id FROM integration_connections WHERE integration = 'posthog'"
                        + " AND is_active = TRUE")
                .query(Long.class)
                .list();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("UPDATE integration_connections SET is_active = FALSE WHERE integration = 'posthog'")
                .update();
        jdbc.sql("INSERT INTO integration_connections (workspace_id, integration, validation_state,"
                        + " validation_error, is_active, created_at, updated_at)"
                        + " VALUES (?, 'posthog', 'failed', 'The personal API key was refused.', TRUE, ?, ?)")
                .params(workspace.id(), now, now)
                .update();
        try {
            Http http = new Http(port);

            var root = http.get("/actuator/health", Http.adminBasic());
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.json().get("status").asString()).isEqualTo("FAILING");
            assertThat(root.json()
                            .get("components")
                            .get("posthog")
                            .get("status")
                            .asString())
                    .isEqualTo("FAILING");

            var group = http.get("/actuator/health/integrations", Http.adminBasic());
            assertThat(group.status()).isEqualTo(503);
            assertThat(group.json().get("status").asString()).isEqualTo("FAILING");
        } finally {
            jdbc.sql("DELETE FROM integration_connections WHERE workspace_id = ?")
                    .param(workspace.id())
                    .update();
            for (long id : othersActive) {
                jdbc.sql("UPDATE integration_connections SET is_active = TRUE WHERE id = ?")
                        .param(id)
                        .update();
            }
        }
    }
}
