package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V50 on an install that recorded runs twice: every detection run keeps its status and times,
 * now read from its job run, including a run that had none (it gets one).
 */
class OneRunRecordMigrationTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 11, 1, 6, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void detectionRunsKeepTheirStatusThroughTheirJobRun() {
        // One connection throughout: H2 closed the in-memory database between unpooled connections.
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                true);
        migrate(h2, "48");
        JdbcClient jdbc = JdbcClient.create(h2);
        jdbc.sql("INSERT INTO workspaces (id, slug, name, project_token, created_at) VALUES (1, 'w', 'W', 't', ?)")
                .param(STARTED)
                .update();
        jdbc.sql("INSERT INTO job_runs (id, workspace_id, job_type, status, started_at, finished_at)"
                        + " VALUES (10, 1, 'detection', 'partial', ?, ?)")
                .params(STARTED, STARTED.plusSeconds(3))
                .update();
        jdbc.sql("INSERT INTO detection_runs (id, workspace_id, job_run_id, trigger_source, as_of, status, started_at,"
                        + " finished_at, signals_fired) VALUES (100, 1, 10, 'schedule', ?, 'partial', ?, ?, 4)")
                .params(STARTED, STARTED, STARTED.plusSeconds(3))
                .update();
        jdbc.sql("INSERT INTO detection_runs (id, workspace_id, job_run_id, trigger_source, as_of, status, started_at,"
                        + " finished_at) VALUES (101, 1, NULL, 'manual', ?, 'succeeded', ?, ?)")
                .params(
                        STARTED.plusDays(1),
                        STARTED.plusDays(1),
                        STARTED.plusDays(1).plusSeconds(2))
                .update();

        migrate(h2, null);

        DetectionRuns runs = new DetectionRuns(jdbc);
        DetectionRun linked = runs.byId(1, 100).orElseThrow();
        assertThat(linked.status()).isEqualTo(dev.beton.jobs.JobStatus.PARTIAL);
        assertThat(linked.jobRunId()).contains(10L);
        assertThat(linked.signalsFired()).isEqualTo(4);
        DetectionRun orphan = runs.byId(1, 101).orElseThrow();
        assertThat(orphan.status()).isEqualTo(dev.beton.jobs.JobStatus.SUCCEEDED);
        assertThat(orphan.startedAt()).isEqualTo(STARTED.plusDays(1).toInstant());
        assertThat(orphan.finishedAt())
                .contains(STARTED.plusDays(1).plusSeconds(2).toInstant());
    }

    private static void migrate(SingleConnectionDataSource dataSource, String target) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
