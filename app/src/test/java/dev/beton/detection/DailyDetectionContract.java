package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.beton.emulator.MutableClock;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Beton instances sharing one database must run each scheduled detection once. Two
 * db-scheduler instances with the application's task definition and its daily 06:00 schedule
 * (under a name of its own so the application's scheduler leaves it alone) race for the same
 * executions while a fake clock moves across five mornings: no real day, and no real second,
 * has to pass.
 */
abstract class DailyDetectionContract {

    @Autowired
    DataSource dataSource;

    @Autowired
    Detector detector;

    @Autowired
    SignalHistory history;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void twoSchedulersOnOneDatabaseRunEachScheduledInstantOnce() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Daily " + UUID.randomUUID(), Optional.empty(), admin);
        String name = "detection-test-" + UUID.randomUUID();
        DetectionProperties daily = new DetectionProperties("0 0 6 * * *", ZoneOffset.UTC);
        Map<Instant, String> executedBy = new ConcurrentHashMap<>();
        Map<Instant, Integer> executions = new ConcurrentHashMap<>();
        MutableClock clock = MutableClock.at("2026-11-23T05:00:00Z");

        Scheduler first = scheduler("beton-a", clock, task(name, daily, workspace, "beton-a", executedBy, executions));
        Scheduler second = scheduler("beton-b", clock, task(name, daily, workspace, "beton-b", executedBy, executions));
        first.start();
        second.start();
        try {
            Instant firstMorning = Instant.parse("2026-11-23T06:00:00Z");
            for (int morning = 0; morning < 5; morning++) {
                Instant due = firstMorning.plus(Duration.ofDays(morning));
                // Move the clock only once the schedulers have planned this morning's execution:
                // they plan the next one from the clock as the previous one completes.
                await().atMost(Duration.ofSeconds(60)).until(() -> planned(name, due));
                clock.advance(Duration.between(clock.instant(), due.plusSeconds(1)));
                int expected = morning + 1;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> history.runs(workspace.id(), 500).size() >= expected);
            }
        } finally {
            first.stop();
            second.stop();
        }

        List<DetectionRun> runs = history.runs(workspace.id(), 500);
        assertThat(runs).hasSize(5);
        assertThat(runs)
                .extracting(DetectionRun::asOf)
                .containsExactlyInAnyOrder(
                        Instant.parse("2026-11-23T06:00:00Z"),
                        Instant.parse("2026-11-24T06:00:00Z"),
                        Instant.parse("2026-11-25T06:00:00Z"),
                        Instant.parse("2026-11-26T06:00:00Z"),
                        Instant.parse("2026-11-27T06:00:00Z"));
        assertThat(runs).extracting(DetectionRun::asOf).doesNotHaveDuplicates();
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(run.asOf().getNano()).as("as of the scheduled second").isZero();
        });
        assertThat(executions.values()).allMatch(count -> count == 1);
        assertThat(executions).hasSameSizeAs(runs);
    }

    private boolean planned(String task, Instant at) {
        return JdbcClient.create(dataSource)
                        .sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND execution_time = ?"
                                + " AND picked = false")
                        .params(task, at.atOffset(ZoneOffset.UTC))
                        .query(Long.class)
                        .single()
                == 1;
    }

    private RecurringTask<Void> task(
            String name,
            DetectionProperties schedule,
            Workspace workspace,
            String instance,
            Map<Instant, String> executedBy,
            Map<Instant, Integer> executions) {
        return DailyDetection.task(name, schedule, asOf -> {
            executions.merge(asOf, 1, Integer::sum);
            executedBy.put(asOf, instance);
            detector.detect(workspace.id(), asOf, Trigger.SCHEDULE, DetectionProgress.NONE);
        });
    }

    private Scheduler scheduler(String name, MutableClock clock, RecurringTask<Void> task) {
        return Scheduler.create(dataSource)
                .startTasks(task)
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(Duration.ofMillis(100))
                .threads(2)
                .alwaysPersistTimestampInUTC()
                .build();
    }
}
