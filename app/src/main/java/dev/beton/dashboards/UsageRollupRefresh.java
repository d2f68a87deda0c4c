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
 * the run. Between refreshes the Account Health tiles read the newer events raw, so a stale
 * rollup is slower, never wrong.
 */
@Component
class UsageRollupRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRollupRefresh.class);

    private final EmbeddedWarehouse warehouse;
    private final Clock clock;

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

    /** Refreshes now and returns the days rebuilt. */
    int refresh(long workspaceId) {
        return warehouse.write(workspaceId, c -> UsageRollup.refresh(c, clock.instant()));
    }
}
