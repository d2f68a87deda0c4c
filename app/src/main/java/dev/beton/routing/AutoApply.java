package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.detection.DetectionFinished;
import dev.beton.web.ProblemException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After each detection run of a workspace with Attio connected and auto-apply on (the default),
 * makes the routing plan and applies it, off the detection thread: a hot account reaches Attio
 * seconds after detection ends, and Attio being down never touches the run — the items wait in
 * the outbox and the Routing page says why.
 */
@Component
class AutoApply implements DisposableBean {

    static final String ACTOR = "auto-apply";
    private static final Logger log = LoggerFactory.getLogger(AutoApply.class);

    private final AttioLinks links;
    private final RoutingSettingsStore settings;
    private final RoutingPlanner planner;
    private final RoutingOutbox outbox;
    private final RoutingProperties properties;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "attio-auto-apply");
        thread.setDaemon(true);
        return thread;
    });

    AutoApply(
            AttioLinks links,
            RoutingSettingsStore settings,
            RoutingPlanner planner,
            RoutingOutbox outbox,
            RoutingProperties properties) {
        this.links = links;
        this.settings = settings;
        this.planner = planner;
        this.outbox = outbox;
        this.properties = properties;
    }

    @EventListener
    void detectionFinished(DetectionFinished finished) {
        long workspaceId = finished.workspaceId();
        if (!links.connected(workspaceId) || !settings.current(workspaceId).autoApply()) {
            return;
        }
        if (properties.background()) {
            executor.submit(() -> planAndApply(workspaceId));
        } else {
            planAndApply(workspaceId);
        }
    }

    private void planAndApply(long workspaceId) {
        try {
            // Applied while it is made: the hottest accounts are in Attio before the last is planned.
            Plan plan = planner.planApplying(workspaceId, "detection", ACTOR, this::queued);
            log.info(
                    "Routing plan {} of workspace {}: {} to create, {} to update, {} skipped; {}",
                    plan.id(),
                    workspaceId,
                    plan.creates(),
                    plan.updates(),
                    plan.skips(),
                    plan.status());
        } catch (ProblemException e) {
            log.warn("Routing after detection in workspace {} could not plan: {}", workspaceId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Routing after detection in workspace {} failed", workspaceId, e);
        }
    }

    /** Items are in the outbox: work them now (or, without background work, leave them to the caller). */
    private void queued() {
        if (properties.background()) {
            outbox.kick();
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
