package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The daily job's retention: detection history and beton_signal_fired events older than 400 days go. */
@OnEmbeddedStore
class HistoryRetentionTest {

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Detector detector;

    @Autowired
    HistoryRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void removesHistoryOlderThanTheRetentionAndKeepsTheRest() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Retention " + UUID.randomUUID(), Optional.empty(), admin);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(500));
        WarehouseFixtures world = new WarehouseFixtures(warehouse, workspace.id()).groupType(0, "company");
        for (Instant at : new Instant[] {old, now}) {
            world.event("checkout_started", "ann", 0, "acme.io", at.minus(Duration.ofHours(3)));
            detector.detect(workspace.id(), at, Trigger.MANUAL, DetectionProgress.NONE);
        }
        assertThat(outcomes(workspace.id())).isEqualTo(2);
        long firedBefore = fired(workspace.id());

        HistoryRetention.Removed removed = retention.enforce(workspace.id(), now);

        assertThat(removed.outcomes()).isEqualTo(1);
        assertThat(outcomes(workspace.id())).isEqualTo(1);
        // a fired signal is written back as an event at its as-of: the old one goes, the new one stays
        assertThat(removed.firedEvents()).isEqualTo(1);
        assertThat(fired(workspace.id())).isEqualTo(firedBefore - 1).isPositive();
    }

    private long outcomes(long workspaceId) {
        return jdbc.sql("SELECT count(*) FROM signal_outcomes WHERE workspace_id = ?")
                .param(workspaceId)
                .query(Long.class)
                .single();
    }

    private long fired(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            try (ResultSet rows = connection
                    .createStatement()
                    .executeQuery("SELECT count(*) FROM events WHERE event = 'beton_signal_fired'")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
