package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.events.ingest.IngestResult;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18 §5: a critical business event's in-app alert is raised beside the event's commit, not
 * after it; the sender is still answered only after the commit, and a retry of the same event
 * (what a sender does when that commit fails) raises nothing new.
 */
class AlertBeforeCommitTest extends BusinessEventsContext {

    @Autowired
    Workspaces workspaces;

    @Autowired
    dev.beton.workspace.Users users;

    @Autowired
    EventIngestion ingestion;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Alerts alerts;

    @Autowired
    JsonMapper json;

    @Test
    void theAlertExistsWhileTheCommitIsStillWaitingAndARetryAddsNothing() throws Exception {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Before commit " + UUID.randomUUID(), Optional.empty(), admin);
        String tenant = "tenant-early-" + UUID.randomUUID();
        IncomingEvent event = ingestion
                .parser()
                .parse(
                        json.readTree(revenueEvent(tenant, 25_000)),
                        Instant.now(),
                        Optional.empty(),
                        EventParser.Source.CAPTURE);

        // hold the workspace's writer thread, so the event's commit waits
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Object> held = warehouse.submitWrite(workspace.id(), connection -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        holding.await();
        CompletableFuture<IngestResult> stored;
        try {
            stored = ingestion.submit(workspace.id(), List.of(event));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !critical(workspace, tenant)
                    .isEmpty());
            assertThat(stored)
                    .as("the sender is not answered before the commit")
                    .isNotDone();
            assertThat(stored(workspace, event)).as("not committed yet").isZero();
        } finally {
            release.countDown();
        }
        held.get();
        assertThat(stored.get().stored()).isEqualTo(1);
        assertThat(stored(workspace, event)).isEqualTo(1);

        // the sender's retry (as after a failed commit): stored once, alerted once
        IngestResult again = ingestion.ingest(workspace.id(), List.of(event));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(critical(workspace, tenant)).singleElement().satisfies(alert -> assertThat(alert.occurrences())
                .isEqualTo(1));
    }

    private List<Alert> critical(Workspace workspace, String tenant) {
        return alerts.list(workspace.id(), "critical", true, tenant, Instant.EPOCH, 10);
    }

    private long stored(Workspace workspace, IncomingEvent event) {
        return warehouse.read(workspace.id(), connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery("SELECT count(*) FROM events WHERE uuid = '" + event.uuid() + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
