package dev.beton.events.ingest;

import java.util.List;

/**
 * Told about every request right after its commit, before the sender gets its answer: features
 * that react to events on arrival (business alerts) implement it instead of polling the store.
 * Runs on its own (virtual) thread beside the workspace's writer, so the listeners of several
 * requests may run at once: what must not happen twice needs its own guard. Must be quick (the
 * sender waits for it) and must not throw: a failure here never un-stores or fails the request.
 */
public interface CommittedEvents {

    void committed(long workspaceId, List<IncomingEvent> events);
}
