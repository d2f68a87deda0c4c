package dev.beton.dashboards;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refreshes the existing usage rollups every {@code beton.dashboards.rollup-refresh-interval}
 * (default 15 minutes), so that a cold Account Health tile reads at most that much of today's
 * events raw ({@link UsageRollupRefresh#refreshExisting}).
 */
@Configuration
class UsageRollupRefreshTask {

    static final String TASK_NAME = "usage-rollup-refresh";

    @Bean
    RecurringTask<Void> periodicUsageRollupRefresh(
            UsageRollupRefresh refresh, @Value("${beton.dashboards.rollup-refresh-interval:15m}") Duration interval) {
        // db-scheduler runs a fixed-delay task once as soon as it starts; at start-up the stores
        // are being opened and the detection runs refresh their rollups anyway, so the first
        // refresh waits one interval (on the system clock, which db-scheduler stamps executions with).
        Instant firstDue = Instant.now().plus(interval);
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(interval)).execute((instance, context) -> {
            if (!context.getExecution().executionTime.isBefore(firstDue)) {
                refresh.refreshExisting();
            }
        });
    }
}
