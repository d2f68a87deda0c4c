package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.boot.BackgroundStart;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 18, "the demo workspace has a stream of business events": after the history, the live
 * stream's ticks arrive through ingestion like captured events, count in the summary, and an
 * incident tick raises globex's critical alert.
 */
@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/demo-business-stream",
            "beton.demo=true",
            "beton.admin.password=correct-horse-battery",
            "beton.demo-world.accounts=8",
            "beton.demo-world.days=21",
            "beton.demo-world.seed=3",
            // ticks are sent by the test, not by the scheduler
            "beton.demo.business-stream-interval=1h"
        })
class DemoBusinessStreamTest {

    static {
        TestDataDirs.fresh("demo-business-stream");
    }

    @Autowired
    BackgroundStart backgroundStart;

    @Autowired
    Workspaces workspaces;

    @Autowired
    DemoBusinessStream stream;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Alerts alerts;

    @Autowired
    ExecutiveSummaries summaries;

    @Test
    void ticksAfterTheHistoryArriveLikeCapturedEventsAndAnIncidentAlerts() {
        backgroundStart.finished().join(); // the history is loaded after the application is ready
        Workspace demo = workspaces.bySlug("demo").orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
        long before = summaries
                .summary(demo.id(), now.minus(1, ChronoUnit.DAYS), now.plusSeconds(1), null)
                .businessEvents();
        long incidentTick = 7L * DemoBusinessEvents.TENANTS.size() * DemoBusinessEvents.INCIDENT_EVERY_ROUNDS + 1;

        Instant start = Instant.now();
        int sent = 0;
        for (long tick = incidentTick - 1; tick < incidentTick + 4; tick++) { // one round, globex's incident in it
            sent += stream.send(demo, tick, now);
        }

        assertThat(sent).isGreaterThanOrEqualTo(10);
        assertThat(storedAt(demo, now)).isEqualTo(sent);
        assertThat(summaries
                        .summary(demo.id(), now.minus(1, ChronoUnit.DAYS), now.plusSeconds(1), null)
                        .businessEvents())
                .as("the resource usage events are not in the summary's count")
                .isGreaterThan(before);
        assertThat(alerts.list(demo.id(), "critical", false, "tenant-globex", start, 100))
                .as("raised, or the history's open incident seen again")
                .isNotEmpty();
        assertThat(stream.tick())
                .as("a scheduled tick sends too, the history being there")
                .isPositive();
    }

    private long storedAt(Workspace workspace, Instant at) {
        return warehouse.read(workspace.id(), connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT count(*) FROM events WHERE timestamp = ?")) {
                statement.setObject(1, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
