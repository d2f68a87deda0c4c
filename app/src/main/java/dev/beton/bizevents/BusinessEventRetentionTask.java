package dev.beton.bizevents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Business event retention, daily ({@code beton.business-events.retention.cron}, default 03:30
 * UTC). db-scheduler gives each execution to one instance of a cluster; it deletes as of the
 * scheduled instant.
 */
@Configuration
class BusinessEventRetentionTask {

    static final String TASK_NAME = "business-event-retention";
    private static final Logger log = LoggerFactory.getLogger(BusinessEventRetentionTask.class);

    @Bean
    RecurringTask<Void> dailyBusinessEventRetention(
            BusinessEventRetention retention,
            Workspaces workspaces,
            @Value("${beton.business-events.retention.cron:0 30 3 * * *}") String cron) {
        return Tasks.recurring(TASK_NAME, Schedules.cron(cron, ZoneId.of("UTC")))
                .execute((instance, context) -> enforceAll(
                        retention,
                        workspaces,
                        context.getExecution().executionTime.truncatedTo(ChronoUnit.SECONDS)));
    }

    static void enforceAll(BusinessEventRetention retention, Workspaces workspaces, Instant asOf) {
        for (Workspace workspace : workspaces.all()) {
            // one workspace's failure (a locked file, a full disk) must not keep the others' data forever
            try {
                var gone = retention.enforce(workspace.id(), asOf);
                if (gone.total() + gone.invalidIssues() > 0) {
                    log.info(
                            "Business event retention in workspace {} ({} days): deleted {} events, {} schema issues",
                            workspace.slug(),
                            gone.days(),
                            gone.total(),
                            gone.invalidIssues());
                }
            } catch (RuntimeException e) {
                log.warn("Business event retention in workspace {} failed: {}", workspace.slug(), e.toString());
            }
        }
    }
}
