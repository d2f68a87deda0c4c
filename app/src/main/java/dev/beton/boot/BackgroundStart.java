package dev.beton.boot;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link BackgroundStartStep}s once the application is ready. Readiness (and so {@code
 * /actuator/health} UP) then means what it says — the server answers requests — instead of waiting
 * for seconds of demo world generation; the CLI waits for {@link #finished()} before it prints that
 * Beton is running, and says meanwhile that the demo world is still being made.
 */
@Component
public class BackgroundStart {

    private static final Logger log = LoggerFactory.getLogger(BackgroundStart.class);

    private final ObjectProvider<BackgroundStartStep> steps;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    BackgroundStart(ObjectProvider<BackgroundStartStep> steps) {
        this.steps = steps;
    }

    /** Completes when every step ran (a step that failed is logged and does not stop the others). */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        List<BackgroundStartStep> ordered = steps.orderedStream().toList();
        if (ordered.isEmpty()) {
            finished.complete(null);
            return;
        }
        Thread.ofPlatform().name("first-start").daemon().start(() -> runAll(ordered));
    }

    private void runAll(List<BackgroundStartStep> ordered) {
        for (BackgroundStartStep step : ordered) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.error("First-start step {} failed: {}", step.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
        finished.complete(null);
    }
}
