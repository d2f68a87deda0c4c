package dev.beton.bizevents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The weekly digest of medium alerts ({@code beton.business-events.digest.cron}, default Mondays
 * 07:00 UTC). db-scheduler keeps the schedule in {@code scheduled_tasks} and gives each execution
 * to one instance of a cluster; the digest runs as of the scheduled instant.
 */
@Configuration
class AlertDigestTask {

    static final String TASK_NAME = "business-alert-weekly-digest";

    @Bean
    RecurringTask<Void> businessAlertWeeklyDigest(
            AlertDigest digest, @Value("${beton.business-events.digest.cron:0 0 7 * * MON}") String cron) {
        return Tasks.recurring(TASK_NAME, Schedules.cron(cron, ZoneId.of("UTC")))
                .execute((instance, context) ->
                        digest.sendAll(context.getExecution().executionTime.truncatedTo(ChronoUnit.SECONDS)));
    }
}
