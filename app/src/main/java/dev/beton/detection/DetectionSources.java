package dev.beton.detection;

import dev.beton.connections.EventSource;
import dev.beton.connections.EventSources;
import dev.beton.connections.PostHogLink;
import dev.beton.connections.PostHogLinks;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogTarget;
import org.springframework.stereotype.Component;

/**
 * Picks where a workspace's run reads events, from the workspace's event-source setting. ClickHouse
 * serves inspection rules and the explorer ({@link QuerySources}), not detection.
 */
@Component
class DetectionSources {

    private final EventSources sources;
    private final PostHogLinks links;
    private final PostHogClients clients;
    private final PostHogRunners runners;
    private final EmbeddedWarehouse warehouse;

    DetectionSources(
            EventSources sources,
            PostHogLinks links,
            PostHogClients clients,
            PostHogRunners runners,
            EmbeddedWarehouse warehouse) {
        this.sources = sources;
        this.links = links;
        this.clients = clients;
        this.runners = runners;
        this.warehouse = warehouse;
    }

    /** The source the workspace chose, without checking that it can be reached. */
    EventSource chosen(long workspaceId) {
        return sources.of(workspaceId);
    }

    /**
     * @throws dev.beton.connections.PostHogNotConnected when PostHog is the source but its
     *     connection cannot be used; the run fails with that sentence
     */
    DetectionSource of(long workspaceId) {
        EventSource chosen = sources.of(workspaceId);
        if (chosen == EventSource.EMBEDDED) {
            return new EmbeddedSource(warehouse, workspaceId);
        }
        if (chosen == EventSource.CLICKHOUSE) {
            // The signal queries need window functions and group history that a PostHog-style
            // ClickHouse schema does not have (docs/CLICKHOUSE.md); the run fails with this sentence.
            throw new ClickHouseNotDetected();
        }
        PostHogLink link = links.require(workspaceId);
        PostHogTarget target = new PostHogTarget(clients.forHost(link.host()), link.key(), link.projectId());
        return new PostHogSource(target, runners.detectionRunner(target), runners);
    }

    /** ClickHouse is the workspace's source, but detection does not read it. */
    static final class ClickHouseNotDetected extends RuntimeException {
        ClickHouseNotDetected() {
            super("Detection reads Beton's own store or PostHog, not ClickHouse: choose one of those as the event"
                    + " source on the Connections page to detect signals (ClickHouse serves inspection rules and"
                    + " the explorer).");
        }
    }
}
