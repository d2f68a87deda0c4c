package dev.beton.detection;

import dev.beton.boot.BackgroundStartStep;
import dev.beton.boot.BetonProperties;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, runs detection as of now once the demo world exists and the demo workspace has
 * never been detected, so the Signals page is populated on the first start. The daily job keeps
 * it fresh afterwards.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 200) // after the demo world is generated (+100)
class DemoDetectionOnFirstStart implements BackgroundStartStep {

    static final String DEMO_SLUG = "demo";

    private final BetonProperties beton;
    private final Workspaces workspaces;
    private final Detector detector;
    private final SignalHistory history;
    private final Clock clock;

    DemoDetectionOnFirstStart(
            BetonProperties beton, Workspaces workspaces, Detector detector, SignalHistory history, Clock clock) {
        this.beton = beton;
        this.workspaces = workspaces;
        this.detector = detector;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void run() {
        if (!beton.demo()) {
            return;
        }
        workspaces
                .bySlug(DEMO_SLUG)
                .filter(w -> history.runs(w.id(), 1).isEmpty())
                .ifPresent(w -> {
                    DetectionRun run = detector.detect(
                                    w.id(), Detector.now(clock), Trigger.DEMO, DetectionProgress.NONE)
                            .run();
                    System.out.printf("  Signals detected in the demo world: %s.%n%n", run.summary());
                });
    }
}
