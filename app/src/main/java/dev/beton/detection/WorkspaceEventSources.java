package dev.beton.detection;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The event source a workspace chose (embedded store, PostHog, or any source added later), for
 * features that run their own queries on it, such as inspection rules. Queries go through the same
 * runner as detection's: on PostHog that is the gateway, with its budget, retries and breaker.
 */
public interface WorkspaceEventSources {

    /**
     * @param dialect what the source's queries must be rendered in
     * @param companyIndex the company group type's index, looked up when asked (it may cost a call
     *     to PostHog); empty when the source has no company group type yet
     * @param description "the embedded store", "PostHog project 12 at https://…"
     */
    record Opened(Dialect dialect, Supplier<OptionalInt> companyIndex, QueryRunner runner, String description) {}

    /**
     * @throws dev.beton.connections.PostHogNotConnected when PostHog is the source but its
     *     connection cannot be used
     */
    Opened open(long workspaceId);
}
