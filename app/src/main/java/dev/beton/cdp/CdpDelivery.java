package dev.beton.cdp;

import dev.beton.detection.PostHogQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a sync's queued events right after it instead of at the outbox task's next turn, so a
 * CRM change reaches PostHog in seconds. Failures stay on the outbox rows and the task retries them.
 */
@Component
class CdpDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdpDelivery.class);
    // Each call sends at most one outbox batch (5,000 by default): enough turns for a large first sync.
    private static final int MAX_TURNS = 100;

    private final PostHogQueue queue;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("cdp-delivery").factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();

    CdpDelivery(PostHogQueue queue) {
        this.queue = queue;
    }

    void soon() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            scheduled.set(false);
            try {
                for (int turn = 0; turn < MAX_TURNS && queue.deliverNow() > 0; turn++) {
                    // keep sending while PostHog takes events and rows are due
                }
            } catch (RuntimeException e) {
                log.warn("Sending the CRM sync's events to PostHog failed: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
