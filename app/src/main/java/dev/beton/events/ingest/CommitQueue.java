package dev.beton.events.ingest;

import dev.beton.events.EmbeddedWarehouse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for one workspace. Requests queue up here; one drain at a time runs on the
 * workspace's writer thread and commits everything that arrived since the previous drain in a
 * single transaction. Under load a commit therefore carries many requests, and each request is
 * acknowledged only once the commit that holds it is done.
 */
final class CommitQueue {

    // Bounds the memory and latency of one commit; what is left waits for the next drain.
    static final int MAX_EVENTS_PER_COMMIT = 50_000;

    record Pending(List<IncomingEvent> events, CompletableFuture<IngestResult> done) {}

    private final long workspaceId;
    private final EmbeddedWarehouse warehouse;
    private final EventBatchWriter writer;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    CommitQueue(long workspaceId, EmbeddedWarehouse warehouse, EventBatchWriter writer) {
        this.workspaceId = workspaceId;
        this.warehouse = warehouse;
        this.writer = writer;
    }

    EventBatchWriter writer() {
        return writer;
    }

    CompletableFuture<IngestResult> offer(List<IncomingEvent> events) {
        Pending pending = new Pending(List.copyOf(events), new CompletableFuture<>());
        waiting.add(pending);
        scheduleIfIdle();
        return pending.done();
    }

    private void scheduleIfIdle() {
        if (waiting.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            warehouse.submitWrite(workspaceId, this::drain);
        } catch (RuntimeException e) {
            // The store cannot even be opened: nobody will drain, so tell every waiting request now.
            scheduled.set(false);
            for (Pending pending; (pending = waiting.poll()) != null; ) {
                pending.done().completeExceptionally(e);
            }
        }
    }

    private Void drain(Connection connection) {
        // Cleared before taking the queue: a request arriving from now on schedules the next drain.
        scheduled.set(false);
        List<Pending> group = new ArrayList<>();
        int events = 0;
        for (Pending pending; events < MAX_EVENTS_PER_COMMIT && (pending = waiting.poll()) != null; ) {
            group.add(pending);
            events += pending.events().size();
        }
        try {
            if (!group.isEmpty()) {
                writer.commit(connection, group);
            }
        } catch (RuntimeException | Error e) {
            group.forEach(pending -> pending.done().completeExceptionally(e));
        }
        scheduleIfIdle();
        return null;
    }
}
