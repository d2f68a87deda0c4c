package dev.beton.detection;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Looks at the PostHog outbox every {@code beton.posthog.outbox.interval}. db-scheduler lets one
 * instance of a cluster run each execution, so two instances never send the same rows at once.
 */
@Configuration
class PostHogDeliveryTask {

    static final String TASK_NAME = "posthog-outbox-delivery";

    @Bean
    RecurringTask<Void> posthogOutboxDelivery(OutboxProperties properties, PostHogDelivery delivery) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> delivery.deliverDue());
    }
}
