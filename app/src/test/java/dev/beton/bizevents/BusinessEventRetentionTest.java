package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 18 §4: retention per workspace, its dry run, and the daily deletion. */
class BusinessEventRetentionTest extends BusinessEventsContext {

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    BusinessEventRetention retention;

    @Autowired
    Clock clock;

    @Test
    void aDryRunShowsWhatWouldGoAndTheDailyJobDeletesOnlyThat() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Retention " + UUID.randomUUID(), Optional.empty(), admin);
        String ws = "workspace=" + workspace.slug();
        Http http = new Http(port);
        String old = clock.instant().minus(Duration.ofDays(500)).toString();
        String recent = clock.instant().minus(Duration.ofDays(10)).toString();
        for (String at : new String[] {old, recent}) {
            String event = revenueEvent("tenant-r", 50).replaceFirst("\\{", "{\"timestamp\":\"" + at + "\",");
            assertThat(http.postJson("/api/v1/business-events?" + ws, ADMIN, event)
                            .status())
                    .isEqualTo(201);
        }

        JsonNode dryRun =
                http.get("/api/v1/business-events/retention?" + ws, ADMIN).json();
        assertThat(dryRun.get("days").intValue()).isEqualTo(400); // the documented default
        assertThat(dryRun.get("isDefault").booleanValue()).isTrue();
        assertThat(dryRun.get("events").get("revenue_impact_event").longValue()).isEqualTo(1);
        assertThat(http.get("/api/v1/business-events/retention?days=5&" + ws, ADMIN)
                        .json()
                        .get("events")
                        .get("revenue_impact_event")
                        .longValue())
                .as("a dry run of another setting")
                .isEqualTo(2);
        assertThat(http.get("/api/v1/business-events/retention?days=1000&" + ws, ADMIN)
                        .json()
                        .get("events"))
                .isEmpty();

        Http.Response refused = put(http, "/api/v1/business-events/retention?" + ws, "{\"days\":0}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").stringValue()).contains("from 1 to 3660");
        assertThat(put(http, "/api/v1/business-events/retention?" + ws, "{\"days\":365}")
                        .json()
                        .get("days")
                        .intValue())
                .isEqualTo(365);

        BusinessEventRetentionTask.enforceAll(retention, workspaces, clock.instant());
        assertThat(retention.preview(workspace.id(), 5, clock.instant()).total())
                .as("the old event is gone, the recent one kept")
                .isEqualTo(1);
        JsonNode summary =
                http.get("/api/v1/executive-summary?days=3000&" + ws, ADMIN).json();
        assertThat(summary.get("businessEvents").intValue()).isEqualTo(1);
    }

    private static Http.Response put(Http http, String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
