package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.DetectionFinished;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** A finished detection run refreshes the workspace's usage rollup, on its writer thread. */
@OnEmbeddedStore
class UsageRollupRefreshTest {

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    Clock clock;

    @Autowired
    UsageRollupRefresh refresh;

    @Test
    void aFinishedDetectionRunRefreshesTheRollup() throws Exception {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "rollup-" + UUID.randomUUID().toString().substring(0, 8);
        long workspace =
                workspaces.create("Rollup " + slug, Optional.of(slug), admin).id();
        Instant now = clock.instant();
        new WarehouseFixtures(warehouse, workspace)
                .groupType(0, "company")
                .event("report_created", "u1", 0, "a.com", now.minus(Duration.ofDays(3)));
        assertThat(state(workspace)).isEmpty();

        publisher.publishEvent(new DetectionFinished(workspace, 1, now));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (state(workspace).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(state(workspace)).hasValueSatisfying(s -> {
            assertThat(s.groupIndex()).isZero();
            assertThat(s.horizon()).isEqualTo(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        });
    }

    @Test
    void thePeriodicRefreshBringsExistingRollupsUpToNowAndBuildsNone() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Instant now = clock.instant();
        long rolled = workspaceWithAnEvent(admin, now);
        long notRolled = workspaceWithAnEvent(admin, now);
        warehouse.write(rolled, c -> UsageRollup.refresh(c, now.minus(Duration.ofHours(1))));

        assertThat(refresh.refreshExisting()).isGreaterThanOrEqualTo(1);

        assertThat(state(rolled))
                .as("the rollup built an hour ago is brought up to now")
                .hasValueSatisfying(s -> assertThat(s.watermark())
                        .isAfterOrEqualTo(java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC)
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(state(notRolled))
                .as("a store without a rollup waits for its detection run")
                .isEmpty();
    }

    private long workspaceWithAnEvent(long admin, Instant now) {
        String slug = "periodic-" + UUID.randomUUID().toString().substring(0, 8);
        long workspace =
                workspaces.create("Periodic " + slug, Optional.of(slug), admin).id();
        new WarehouseFixtures(warehouse, workspace)
                .groupType(0, "company")
                .event("report_created", "u1", 0, "a.com", now.minus(Duration.ofDays(3)));
        return workspace;
    }

    private Optional<UsageRollup.State> state(long workspace) {
        // Through the writer thread: it runs after the refresh the listener queued.
        return warehouse.write(workspace, UsageRollup::state);
    }
}
