package dev.beton.events.ingest;

import java.util.List;

/**
 * Told about every request as soon as it is submitted, while (not after) it is committed: features
 * whose reaction must not wait for the durable commit (an in-app alert, issue 18's 50 ms goal)
 * implement it. The request is answered only once both this and the commit are done, so whatever
 * it records exists when the sender gets its 200; but it may exist although the commit then fails
 * (the sender is told to retry, and the reaction must make that repeat harmless). Work that must
 * only follow stored events goes in the returned {@link CommittedEvents}, run after the commit
 * and never when it fails. Runs on the thread that submits the request (the request's own, for
 * capture), after the request was queued for its commit, so the workspace's writer commits
 * meanwhile; must be quick and must not throw (a failure is logged and never fails the request).
 */
public interface ArrivingEvents {

    /** @return what to do once the request is committed ({@code (workspace, events) -> {}} for nothing) */
    CommittedEvents arriving(long workspaceId, List<IncomingEvent> events);
}
