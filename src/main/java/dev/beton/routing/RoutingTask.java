package dev.beton.routing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Looks at the Attio outbox every {@code beton.routing.interval} for items due again (retries,
 * leases of a worker that died). Claims are per item, so instances never send the same item twice.
 */
@Configuration
class RoutingTask {

    static final String TASK_NAME = "attio-outbox";

    @Bean
    RecurringTask<Void> attioOutbox(RoutingProperties properties, RoutingOutbox outbox) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> {
                    if (properties.background()) {
                        outbox.runDue();
                    }
                });
    }
}
