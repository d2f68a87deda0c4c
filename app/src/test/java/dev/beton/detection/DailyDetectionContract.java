package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
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

/**
 * Two Beton instances sharing one database must run each scheduled detection once. Two
 * db-scheduler instances with the application's task definition (on a every-second cron, under
 * a name of its own so the application's scheduler leaves it alone) race for the same executions.
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
    void twoSchedulersOnOneDatabaseRunEachScheduledInstantOnce() throws InterruptedException {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Daily " + UUID.randomUUID(), Optional.empty(), admin);
        String name = "detection-test-" + UUID.randomUUID();
        DetectionProperties everySecond = new DetectionProperties("* * * * * *", ZoneOffset.UTC);
        Map<Instant, String> executedBy = new ConcurrentHashMap<>();
        Map<Instant, Integer> executions = new ConcurrentHashMap<>();

        Scheduler first = scheduler("beton-a", task(name, everySecond, workspace, "beton-a", executedBy, executions));
        Scheduler second = scheduler("beton-b", task(name, everySecond, workspace, "beton-b", executedBy, executions));
        first.start();
        second.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (history.runs(workspace.id(), 500).size() < 5 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        } finally {
            first.stop();
            second.stop();
        }

        List<DetectionRun> runs = history.runs(workspace.id(), 500);
        assertThat(runs).hasSizeGreaterThanOrEqualTo(5);
        assertThat(runs).extracting(DetectionRun::asOf).doesNotHaveDuplicates();
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(run.asOf().getNano()).as("as of the scheduled second").isZero();
        });
        assertThat(executions.values()).allMatch(count -> count == 1);
        assertThat(executions).hasSameSizeAs(runs);
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

    private Scheduler scheduler(String name, RecurringTask<Void> task) {
        return Scheduler.create(dataSource)
                .startTasks(task)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(Duration.ofMillis(100))
                .threads(2)
                .alwaysPersistTimestampInUTC()
                .build();
    }
}
