package dev.beton.cdp;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.beton.connections.AttioLinks;
import dev.beton.routing.AttioRecordChanged;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * When the sync runs by itself: a daily full read diffed against the snapshots, for every
 * workspace with Attio connected (a db-scheduler recurring task: one instance of a cluster runs
 * each execution), and one record right after an Attio webhook said it changed.
 */
@Configuration
class CdpJobs {

    static final String TASK_NAME = "attio-cdp-sync";
    private static final Logger log = LoggerFactory.getLogger(CdpJobs.class);

    private final ExecutorService webhookWork = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("cdp-webhook").factory());

    @Bean
    RecurringTask<Void> attioCdpSync(
            @Value("${beton.cdp.interval:24h}") Duration interval,
            CdpSync sync,
            CdpDelivery delivery,
            Workspaces workspaces,
            AttioLinks links) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(interval)).execute((instance, context) -> {
            for (Workspace workspace : workspaces.all()) {
                if (!links.connected(workspace.id())) {
                    continue;
                }
                try {
                    sync.run(workspace.id(), new CdpSync.Options(false, false), CdpSync.Progress.NONE);
                    delivery.soon();
                } catch (RuntimeException e) {
                    log.warn("The daily CRM sync of workspace {} failed: {}", workspace.id(), e.getMessage());
                }
            }
        });
    }

    /** Off the webhook's thread: Attio gets its 2xx at once, and the record is read and sent after. */
    @Bean
    CdpWebhookListener cdpWebhookListener(CdpSync sync, CdpDelivery delivery) {
        return new CdpWebhookListener(sync, delivery, webhookWork);
    }

    static final class CdpWebhookListener {
        private final CdpSync sync;
        private final CdpDelivery delivery;
        private final ExecutorService work;

        CdpWebhookListener(CdpSync sync, CdpDelivery delivery, ExecutorService work) {
            this.sync = sync;
            this.delivery = delivery;
            this.work = work;
        }

        @EventListener
        void on(AttioRecordChanged change) {
            work.execute(() -> {
                try {
                    sync.recordChanged(change.workspaceId(), change.eventType(), change.recordId());
                    delivery.soon();
                } catch (RuntimeException e) {
                    // The daily full read is the safety net.
                    log.warn("Syncing Attio record {} after a webhook failed: {}", change.recordId(), e.getMessage());
                }
            });
        }
    }
}
