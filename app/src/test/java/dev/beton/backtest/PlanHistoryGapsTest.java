package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A backtest says how many companies it cannot judge for limit approaching and trial expiring:
 * plan properties present today but never recorded by a {@code $groupidentify} before the end.
 */
@OnEmbeddedStore
class PlanHistoryGapsTest {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    EventIngestion ingestion;

    @Test
    void companiesWhosePlanWasSetWithoutHistoryAreCountedPerRun() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Plan history " + UUID.randomUUID(), Optional.empty(), admin);
        BacktestWorld world = new BacktestWorld(ingestion, warehouse, workspace.id());
        // acme: limit and trial end recorded; globex: limit recorded; both through $groupidentify.
        BacktestsOnEmbeddedStoreTest.beforeT(world);
        // initech: both set as PostHog's groups API would, with no event behind them.
        world.repeat("report_viewed", "ida@initech.io", "initech", BacktestsOnEmbeddedStoreTest.days(3), 2)
                .ingest();
        warehouse.write(workspace.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE groups SET properties = ? WHERE group_key = 'initech'"
                    + " AND group_type_index = (SELECT group_type_index FROM group_types"
                    + " WHERE group_type = 'company')")) {
                s.setString(1, "{\"plan_usage\": 950, \"plan_limit\": 1000, \"trial_ends_at\": \"2026-12-31\"}");
                int updated = s.executeUpdate();
                if (updated == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO groups SELECT group_type_index, 'initech', ?, ? FROM group_types"
                                    + " WHERE group_type = 'company'")) {
                        insert.setString(
                                1, "{\"plan_usage\": 950, \"plan_limit\": 1000, \"trial_ends_at\": \"2026-12-31\"}");
                        insert.setObject(2, LocalDateTime.ofInstant(BacktestsOnEmbeddedStoreTest.T, ZoneOffset.UTC));
                        return insert.executeUpdate();
                    }
                }
                return updated;
            }
        });
        Http http = new Http(port);
        String ws = "?workspace=" + workspace.slug();
        long id = http.postJson("/api/v1/backtests" + ws + "&wait=true", Http.adminBasic(), "{\"days\": 3}")
                .json()
                .get("id")
                .asLong();

        JsonNode gaps = http.get("/api/v1/backtests/" + id + "/plan-history" + ws, Http.adminBasic())
                .json();

        assertThat(gaps.get("planLimitNow").asLong()).isEqualTo(3);
        assertThat(gaps.get("planLimitUnrecorded").asLong()).isEqualTo(1);
        assertThat(gaps.get("trialEndNow").asLong()).isEqualTo(2);
        assertThat(gaps.get("trialEndUnrecorded").asLong()).isEqualTo(1);
        assertThat(http.get("/api/v1/backtests/999999/plan-history" + ws, Http.adminBasic())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRecordedPlanAfterTheEndDoesNotCount() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Plan history " + UUID.randomUUID(), Optional.empty(), admin);
        BacktestWorld world = new BacktestWorld(ingestion, warehouse, workspace.id());
        BacktestsOnEmbeddedStoreTest.beforeT(world);
        PlanHistoryGaps gaps = new PlanHistoryGaps(warehouse, new CrmMirror(warehouse));
        var events = dev.beton.signals.SignalSettings.defaults().events();

        // As of 16 days before T only acme had named its plan limit (globex did 15 days before).
        var early = gaps.of(
                        workspace.id(),
                        events,
                        BacktestsOnEmbeddedStoreTest.days(16).plus(Duration.ofHours(1)))
                .orElseThrow();

        assertThat(early.planLimitNow()).isEqualTo(2);
        assertThat(early.planLimitUnrecorded()).isEqualTo(1);
        assertThat(early.trialEndUnrecorded()).isZero();
        assertThat(gaps.of(workspace.id(), events, BacktestsOnEmbeddedStoreTest.T)
                        .orElseThrow()
                        .any())
                .isFalse();
    }
}
