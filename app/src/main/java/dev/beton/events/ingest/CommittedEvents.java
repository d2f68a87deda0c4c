package dev.beton.events.ingest;

import java.util.List;

/**
 * Told about every request right after its commit, before the sender gets its answer: features
 * that react to events on arrival (business alerts) implement it instead of polling the store.
 * Must be quick (it runs on the workspace's writer thread) and must not throw: a failure here
 * never un-stores or fails the request.
 */
public interface CommittedEvents {

    void committed(long workspaceId, List<IncomingEvent> events);
}
