package dev.beton.bizevents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retries due webhook deliveries every {@code beton.business-events.webhook.interval}. db-scheduler
 * gives each execution to one instance of a cluster; the row claim in {@link WebhookDeliveries}
 * keeps the immediate first attempt and a retry apart.
 */
@Configuration
class AlertWebhookTask {

    static final String TASK_NAME = "business-alert-webhooks";

    @Bean
    RecurringTask<Void> businessAlertWebhooks(AlertWebhookProperties properties, AlertWebhookSender sender) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> sender.deliverDue());
    }
}
