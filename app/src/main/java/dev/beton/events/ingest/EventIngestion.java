package dev.beton.events.ingest;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.SqlWork;
import dev.beton.events.WarehouseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way events enter a workspace's store. Capture, file import and the demo generator all
 * parse with {@link #parser()} and hand whole requests to {@link #submit}; a request is stored
 * entirely or not at all, and its future completes only after the commit that holds it.
 */
@Service
public class EventIngestion {

    private final EmbeddedWarehouse warehouse;
    private final Clock clock;
    private final JsonMapper json;
    private final EventParser parser;
    private final Map<Long, CommitQueue> queues = new ConcurrentHashMap<>();

    private final CaptureGroupTypes groupTypes;

    private final MeterRegistry meters;
    private final ObjectProvider<CommittedEvents> listeners;
    private final ObjectProvider<ArrivingEvents> arrivals;
    /**
     * Where listeners run: not on the workspace's writer thread, which would otherwise hold every
     * following commit until the listeners of the previous one are done (a single critical event
     * waited behind the validation of whole 1,000-event batches; docs/PERFORMANCE.md).
     */
    /** The way before: listeners on the writer thread; kept only so the benchmark can compare. */
    private final boolean listenersOnWriterThread;

    private final java.util.concurrent.ExecutorService listenerThreads =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("committed-events-", 0).factory());

    EventIngestion(
            EmbeddedWarehouse warehouse,
            Clock clock,
            JsonMapper json,
            CaptureGroupTypes groupTypes,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<CommittedEvents> listeners,
            ObjectProvider<ArrivingEvents> arrivals,
            @org.springframework.beans.factory.annotation.Value("${beton.ingest.listeners-on-writer-thread:false}")
                    boolean listenersOnWriterThread) {
        this.listenersOnWriterThread = listenersOnWriterThread;
        this.warehouse = warehouse;
        this.listeners = listeners;
        this.arrivals = arrivals;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.groupTypes = groupTypes;
        this.clock = clock;
        this.json = json;
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        this.parser = new EventParser(json, random);
    }

    /** A parser that generates missing uuids randomly (thread-safe). */
    public EventParser parser() {
        return parser;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Queues a request for the next group commit of its workspace, then runs the {@link
     * ArrivingEvents} listeners on the calling thread while that commit goes on.
     *
     * @return completes with the counts once committed; exceptionally with {@link EventRejected}
     *     (nothing stored) or {@link WarehouseException} (nothing stored, retry later)
     */
    public CompletableFuture<IngestResult> submit(long workspaceId, List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(new IngestResult(0, 0));
        }
        long started = System.nanoTime();
        CompletableFuture<IngestResult> stored =
                queues.computeIfAbsent(workspaceId, this::queueFor).offer(events);
        stored.whenComplete((result, failure) -> measure(started, events.size(), result, failure));
        // Arrival listeners run now, on the submitting thread, while the writer commits
        // (ArrivingEvents): no hop to a pool where a critical event would queue behind other
        // requests' work; what they hand back runs after the commit, with the committed listeners.
        List<CommittedEvents> afterCommit = arrivals.orderedStream()
                .map(arrival -> arrive(arrival, workspaceId, events))
                .toList();
        // Listeners run before the caller is answered, so whatever they record (an alert) exists
        // when the 200 arrives; their failures are logged, never the request's. They run beside
        // the writer, so requests' listeners may run at the same time as each other.
        java.util.function.Function<IngestResult, IngestResult> notifyAll = result -> {
            afterCommit.forEach(listener -> notify(listener, workspaceId, events));
            listeners.orderedStream().forEach(listener -> notify(listener, workspaceId, events));
            return result;
        };
        return listenersOnWriterThread
                ? stored.thenApply(notifyAll)
                : stored.thenApplyAsync(notifyAll, listenerThreads);
    }

    private static CommittedEvents arrive(ArrivingEvents arrival, long workspaceId, List<IncomingEvent> events) {
        try {
            return arrival.arriving(workspaceId, events);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(EventIngestion.class)
                    .warn("{} failed on arriving events: {}", arrival.getClass().getSimpleName(), e.toString());
            return (workspace, committed) -> {};
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        listenerThreads.shutdown();
    }

    private static void notify(CommittedEvents listener, long workspaceId, List<IncomingEvent> events) {
        try {
            listener.committed(workspaceId, events);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(EventIngestion.class)
                    .warn(
                            "{} failed on committed events: {}",
                            listener.getClass().getSimpleName(),
                            e.toString());
        }
    }

    /**
     * {@code beton.ingest.requests} (a timer: submit to commit, the wait of an SDK for its 200) and
     * {@code beton.ingest.events}, both tagged {@code outcome} = stored / rejected / failed.
     */
    private void measure(long started, int events, IngestResult result, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        String outcome = cause == null ? "stored" : cause instanceof EventRejected ? "rejected" : "failed";
        Timer.builder("beton.ingest.requests")
                .description("Requests handed to the event store, from submit to commit")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Counter.builder("beton.ingest.events")
                .description("Events of those requests")
                .tag("outcome", outcome)
                .register(meters)
                .increment(result == null ? events : result.stored());
    }

    /** {@link #submit} and wait for the commit. */
    public IngestResult ingest(long workspaceId, List<IncomingEvent> events) {
        return await(submit(workspaceId, events));
    }

    public static IngestResult await(CompletableFuture<IngestResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for events to be stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WarehouseException("Storing events failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs an admin's change of a workspace's group types on its writer thread, between commits,
     * and makes the next commit read the types again.
     */
    public <T> T changeGroupTypes(long workspaceId, SqlWork<T> change) {
        CommitQueue queue = queues.computeIfAbsent(workspaceId, this::queueFor);
        return warehouse.write(workspaceId, connection -> {
            try {
                return change.run(connection);
            } finally {
                queue.writer().forgetGroupTypes();
            }
        });
    }

    private CommitQueue queueFor(long workspaceId) {
        return new CommitQueue(
                workspaceId, warehouse, new EventBatchWriter(clock, new ProfileWriter(json), groupTypes));
    }
}
