package dev.beton.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestWarehouses;
import dev.beton.testsupport.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Regressions of issue 11: a poison event failed everyone's group commit (must fix 5), and a
 * request that was never acknowledged had part of its events stored (must fix 9, the torn
 * commit: DuckDB's Appender committed on its own when it ran first in a transaction).
 */
class EventCommitIsolationTest {

    static final long WORKSPACE = 1;
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant UNSTORABLE =
            LocalDate.of(-999_999_999, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<EmbeddedWarehouse> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(TestWarehouses::close);
    }

    @Test
    void aPoisonRequestFailsAloneWithA400AndTheRestOfItsGroupCommits() {
        EmbeddedWarehouse warehouse = open(TestStores.freshDataDir());
        EventBatchWriter writer =
                new EventBatchWriter(Clock.systemUTC(), new ProfileWriter(JSON), CaptureGroupTypes.defaults());
        CommitQueue.Pending first = pending(events("first", 20, -1));
        CommitQueue.Pending poison = pending(events("poison", 20, 7));
        CommitQueue.Pending last = pending(events("last", 20, -1));

        warehouse.write(WORKSPACE, connection -> {
            writer.commit(connection, List.of(first, poison, last));
            return null;
        });

        assertThat(first.done()).isCompletedWithValue(new IngestResult(20, 0));
        assertThat(last.done()).isCompletedWithValue(new IngestResult(20, 0));
        assertThat(poison.done()).isCompletedExceptionally();
        assertThat(poison.done().exceptionNow()).isInstanceOfSatisfying(EventRejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.getMessage()).startsWith("event could not be stored: ");
        });
        assertThat(count(warehouse, "SELECT count(*) FROM events")).isEqualTo(40);
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'poison'"))
                .isZero();
    }

    @Test
    void tornCommit_aWriterFailingMidRequestStoresNoneOfItsEvents() {
        EmbeddedWarehouse warehouse = open(TestStores.freshDataDir());
        AtomicBoolean armed = new AtomicBoolean();
        EventBatchWriter writer =
                new EventBatchWriter(Clock.systemUTC(), new ProfileWriter(JSON), CaptureGroupTypes.defaults(), () -> {
                    if (armed.get()) {
                        throw new IllegalStateException("the writer fails between the events and the profiles");
                    }
                });
        // The first request makes every distinct id known, so the second one's first statement is
        // the events append: the case that used to commit the appended rows on their own.
        commit(warehouse, writer, pending(events("known", 10, -1)));
        armed.set(true);
        CommitQueue.Pending failing = pending(events("torn", 500, -1));

        commit(warehouse, writer, failing);

        assertThat(failing.done()).isCompletedExceptionally();
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'torn'"))
                .isZero();
        armed.set(false);
        CommitQueue.Pending after = pending(events("after", 10, -1));
        commit(warehouse, writer, after);
        assertThat(after.done()).isCompletedWithValue(new IngestResult(10, 0));

        // The SDK resends the failed request: none of its events counts as a repeat of the
        // rolled-back append (the writer's day filters still hold their uuids).
        CommitQueue.Pending resent = pending(failing.events());
        commit(warehouse, writer, resent);
        assertThat(resent.done()).isCompletedWithValue(new IngestResult(500, 0));
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'torn'"))
                .isEqualTo(500);
    }

    @Test
    void aPoisonEventMidRequestStoresNoneOfItsRequest() {
        EmbeddedWarehouse warehouse = open(TestStores.freshDataDir());
        EventBatchWriter writer =
                new EventBatchWriter(Clock.systemUTC(), new ProfileWriter(JSON), CaptureGroupTypes.defaults());
        commit(warehouse, writer, pending(events("known", 10, -1)));
        CommitQueue.Pending failing = pending(events("torn", 500, 48));

        commit(warehouse, writer, failing);

        assertThat(failing.done()).isCompletedExceptionally();
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'torn'"))
                .isZero();
    }

    @Test
    void tornCommit_aWriterKilledMidRequestLeavesNoneOfItsEvents() throws Exception {
        Path dataDir = TestStores.freshDataDir();
        Path log = Files.createTempFile(dataDir, "child", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledMidCommit.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(KilledMidCommit.HALTED);

        EmbeddedWarehouse warehouse = open(dataDir);
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'acknowledged'"))
                .isEqualTo(200);
        assertThat(count(warehouse, "SELECT count(*) FROM events WHERE event = 'unacknowledged'"))
                .isZero();
    }

    /** The child JVM: one acknowledged request, then a crash halfway through the next one. */
    static final class KilledMidCommit {

        static final int HALTED = 9;

        public static void main(String[] args) {
            AtomicBoolean armed = new AtomicBoolean();
            EmbeddedWarehouse warehouse = TestWarehouses.open(Path.of(args[0]));
            EventBatchWriter writer = new EventBatchWriter(
                    Clock.systemUTC(), new ProfileWriter(JSON), CaptureGroupTypes.defaults(), () -> {
                        if (armed.get()) {
                            Runtime.getRuntime().halt(HALTED); // like kill -9: no rollback, no shutdown hook
                        }
                    });
            CommitQueue.Pending acknowledged = pending(events("acknowledged", 200, -1));
            commit(warehouse, writer, acknowledged);
            acknowledged.done().join();
            armed.set(true);
            commit(warehouse, writer, pending(events("unacknowledged", 500, -1)));
            System.exit(1); // not reached when the writer crashed as planned
        }
    }

    private EmbeddedWarehouse open(Path dataDir) {
        EmbeddedWarehouse warehouse = TestWarehouses.open(dataDir);
        opened.add(warehouse);
        return warehouse;
    }

    static void commit(EmbeddedWarehouse warehouse, EventBatchWriter writer, CommitQueue.Pending pending) {
        warehouse.write(WORKSPACE, connection -> {
            writer.commit(connection, List.of(pending));
            return null;
        });
    }

    static CommitQueue.Pending pending(List<IncomingEvent> events) {
        return new CommitQueue.Pending(events, new CompletableFuture<>());
    }

    /** {@code count} events over ten distinct ids; the one at {@code poisonAt} cannot be stored. */
    static List<IncomingEvent> events(String name, int count, int poisonAt) {
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new IncomingEvent(
                    UUID.randomUUID(),
                    name,
                    "user-" + (i % 10),
                    i == poisonAt ? UNSTORABLE : NOW.minusSeconds(i),
                    "{}",
                    Map.of("company", "acme"),
                    new IncomingEvent.PersonUpdate(true, JSON.createObjectNode(), JSON.createObjectNode(), List.of()),
                    Optional.empty()));
        }
        return events;
    }

    private static long count(EmbeddedWarehouse warehouse, String sql) {
        return warehouse.read(WORKSPACE, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
