package dev.beton.dashboards;

import dev.beton.detection.DetectionFinished;
import dev.beton.events.EmbeddedWarehouse;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each workspace's usage rollup ({@link UsageRollup}) current: after every detection run
 * (daily, and on demand) it is refreshed on the workspace's writer thread, without holding up
 * the run, and every {@code beton.dashboards.rollup-refresh-interval} (15 minutes) the rollups
 * that exist are brought up to now ({@link UsageRollupRefreshTask}). Between refreshes the
 * Account Health tiles read the newer events raw, so a stale rollup is slower, never wrong; the
 * periodic refresh keeps that raw part to minutes of events instead of up to a day's (on the
 * benchmark's store, health distribution 86 ms right after a refresh against 110 ms with six
 * hours of events read raw: docs/PERFORMANCE.md).
 */
@Component
class UsageRollupRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRollupRefresh.class);

    private final EmbeddedWarehouse warehouse;
    private final Clock clock;
    private final java.util.Set<Long> building = java.util.concurrent.ConcurrentHashMap.newKeySet();

    UsageRollupRefresh(EmbeddedWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @EventListener
    void detectionFinished(DetectionFinished finished) {
        warehouse
                .submitWrite(finished.workspaceId(), c -> UsageRollup.refresh(c, clock.instant()))
                .whenComplete((days, failure) -> {
                    if (failure != null) {
                        LOG.warn("The usage rollup of workspace {} was not refreshed", finished.workspaceId(), failure);
                    } else {
                        LOG.debug("Usage rollup of workspace {}: {} days rebuilt", finished.workspaceId(), days);
                    }
                });
    }

    /**
     * Brings every existing rollup up to now, one workspace after the other. A store without a
     * rollup is left to its first detection run or its first Account Health view, which build it. On the same day a refresh only
     * appends what was recorded since the last one (tens of milliseconds on the writer thread).
     *
     * @return the workspaces refreshed
     */
    int refreshExisting() {
        int refreshed = 0;
        for (long workspaceId : warehouse.storedWorkspaces()) {
            try {
                boolean done = warehouse.write(
                        workspaceId,
                        c -> UsageRollup.state(c).isPresent() && UsageRollup.refresh(c, clock.instant()) >= 0);
                refreshed += done ? 1 : 0;
            } catch (RuntimeException e) {
                // One store that cannot be refreshed does not stop the others; its tiles read raw.
                LOG.warn("The usage rollup of workspace {} was not refreshed", workspaceId, e);
            }
        }
        return refreshed;
    }

    /**
     * Builds the workspace's rollup on its writer thread, unless it has one by then or a build is
     * already queued: for a store whose Account Health page is viewed before its first detection
     * run (a fresh import), so only the first views read raw events.
     */
    void buildWhereMissing(long workspaceId) {
        if (!building.add(workspaceId)) {
            return;
        }
        warehouse
                .submitWrite(
                        workspaceId,
                        c -> UsageRollup.state(c).isPresent() ? 0 : UsageRollup.refresh(c, clock.instant()))
                .whenComplete((days, failure) -> {
                    building.remove(workspaceId);
                    if (failure != null) {
                        LOG.warn("The usage rollup of workspace {} was not built", workspaceId, failure);
                    }
                });
    }

    /** Refreshes now and returns the days rebuilt. */
    int refresh(long workspaceId) {
        return warehouse.write(workspaceId, c -> UsageRollup.refresh(c, clock.instant()));
    }
}
