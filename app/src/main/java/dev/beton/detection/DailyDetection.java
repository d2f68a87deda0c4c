package dev.beton.detection;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Detection for every workspace once a day (06:00 UTC unless configured). db-scheduler keeps the
 * schedule in {@code scheduled_tasks}; instances sharing one database claim each execution by
 * optimistic locking, so a cluster runs it once. Each run detects as of the scheduled instant
 * (to the second), not the moment it was picked, so a late pick still means "as of 06:00".
 */
@Configuration
class DailyDetection {

    static final String TASK_NAME = "daily-signal-detection";
    private static final Logger log = LoggerFactory.getLogger(DailyDetection.class);

    @Bean
    RecurringTask<Void> dailySignalDetection(
            DetectionProperties properties, Workspaces workspaces, Detector detector, HistoryRetention retention) {
        return task(TASK_NAME, properties, asOf -> {
            detectAll(workspaces, detector, asOf);
            enforceRetention(workspaces, retention, asOf);
        });
    }

    /** After the day's runs: history older than {@code beton.retention.detection-history} goes. */
    static void enforceRetention(Workspaces workspaces, HistoryRetention retention, Instant now) {
        for (Workspace workspace : workspaces.all()) {
            HistoryRetention.Removed removed = retention.enforce(workspace.id(), now);
            if (removed.outcomes() + removed.receipts() + removed.firedEvents() > 0) {
                log.info("Retention in workspace {}: removed {}", workspace.slug(), removed);
            }
        }
    }

    /** The task definition, shared by the application and the two-scheduler test. */
    static RecurringTask<Void> task(String name, DetectionProperties properties, Consumer<Instant> work) {
        return Tasks.recurring(name, Schedules.cron(properties.cron(), properties.zone()))
                .execute((instance, context) ->
                        work.accept(context.getExecution().executionTime.truncatedTo(ChronoUnit.SECONDS)));
    }

    static void detectAll(Workspaces workspaces, Detector detector, Instant asOf) {
        for (Workspace workspace : workspaces.all()) {
            // Detector records failures in the run history itself; one workspace never stops the others.
            DetectionRun run = detector.detect(workspace.id(), asOf, Trigger.SCHEDULE, DetectionProgress.NONE)
                    .run();
            log.info(
                    "Daily detection of workspace {} as of {}: {} ({})",
                    workspace.slug(),
                    asOf,
                    run.status(),
                    run.summary());
        }
    }
}
