package dev.beton.connections;

import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * A workspace's choice of event source. PostHog can be chosen only while the workspace has a
 * usable PostHog connection; if the connection later breaks, the choice stays and detection
 * reports why it cannot read PostHog instead of silently switching back.
 */
@Service
public class EventSources {

    private final EventSourceStore store;
    private final PostHogLinks links;
    private final ClickHouseLinks clickhouse;
    private final Clock clock;

    EventSources(EventSourceStore store, PostHogLinks links, ClickHouseLinks clickhouse, Clock clock) {
        this.store = store;
        this.links = links;
        this.clickhouse = clickhouse;
        this.clock = clock;
    }

    public EventSource of(long workspaceId) {
        return store.find(workspaceId).orElse(EventSource.EMBEDDED);
    }

    /**
     * @throws PostHogNotConnected when PostHog is chosen without a usable connection
     * @throws ClickHouseNotConnected when ClickHouse is chosen without a tested connection
     */
    public EventSource choose(long workspaceId, EventSource source) {
        if (source == EventSource.POSTHOG) {
            links.require(workspaceId);
        }
        if (source == EventSource.CLICKHOUSE) {
            clickhouse.require(workspaceId);
        }
        store.save(workspaceId, source, clock.instant());
        return source;
    }
}
