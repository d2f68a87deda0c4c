package dev.beton.routing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.beton.connections.AttioLinks;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Looks at the Attio outbox every {@code beton.routing.interval} for items due again (retries,
 * leases of a worker that died). Claims are per item, so instances never send the same item twice.
 */
@Configuration
class RoutingTask {

    static final String TASK_NAME = "attio-outbox";

    /**
     * A plan being applied while it is made that gained no item and saw no outbox work for this
     * long was left by a process that stopped: it is closed so the Routing page stops saying
     * "planning". Planning adds an item every few reads, so a live plan is never this quiet.
     */
    static final java.time.Duration INTERRUPTED_AFTER = java.time.Duration.ofMinutes(15);

    @Bean
    RecurringTask<Void> attioOutbox(RoutingProperties properties, RoutingOutbox outbox, PlanStore plans) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> {
                    if (properties.background()) {
                        outbox.runDue();
                    }
                    plans.closeInterrupted(INTERRUPTED_AFTER);
                });
    }

    /** Reads every connected workspace's Attio deals back into its CRM mirror (outcomes back). */
    @Bean
    RecurringTask<Void> attioDealMirror(
            RoutingProperties properties, AttioDealReader mirror, Workspaces workspaces, AttioLinks links) {
        return Tasks.recurring("attio-deal-mirror", Schedules.fixedDelay(properties.mirrorInterval()))
                .execute((instance, context) -> {
                    for (Workspace workspace : workspaces.all()) {
                        if (!links.connected(workspace.id())) {
                            continue;
                        }
                        try {
                            mirror.refresh(workspace.id());
                        } catch (RuntimeException e) {
                            LoggerFactory.getLogger(RoutingTask.class)
                                    .warn(
                                            "Reading deals back from Attio for workspace {} failed: {}",
                                            workspace.id(),
                                            e.getMessage());
                        }
                    }
                });
    }
}
