package dev.beton.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestWarehouses;
import dev.beton.testsupport.TestStores;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deduplication without a uuid index (issue 16 §4): an event is a repeat when its uuid is stored
 * with a timestamp on the same UTC day, whether the repeat comes in the same commit, a later
 * commit, or a commit that mixes new and known events.
 */
class StoredDuplicatesTest {

    static final long WORKSPACE = 1;
    static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

    private final EmbeddedWarehouse warehouse = TestWarehouses.open(TestStores.freshDataDir());
    private final Staging staging = new Staging();
    private final EventBatchWriter writer = new EventBatchWriter(
            Clock.systemUTC(), new ProfileWriter(EventCommitIsolationTest.JSON), CaptureGroupTypes.defaults());

    @AfterEach
    void close() {
        TestWarehouses.close(warehouse);
    }

    @Test
    void theUuidIndexIsGone() {
        assertThat(count("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'events_uuid'"))
                .isZero();
    }

    @Test
    void aResentEventIsStoredOnceAndCountedAsARepeatForItsOwnRequest() {
        UUID known = UUID.randomUUID();
        assertThat(commit(List.of(event(known, NOON)))).containsExactly(new IngestResult(1, 0));

        // A retry later the same day (no timestamp sent: the server's clock), beside a new event
        // in another request of the same commit.
        UUID fresh = UUID.randomUUID();
        assertThat(commit(List.of(event(fresh, NOON)), List.of(event(known, NOON.plusSeconds(3600)))))
                .containsExactly(new IngestResult(1, 0), new IngestResult(0, 1));

        assertThat(count("SELECT count(*) FROM events WHERE uuid = '" + known + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(2);
    }

    @Test
    void aRepeatInsideOneRequestIsStoredOnce() {
        UUID id = UUID.randomUUID();
        assertThat(commit(List.of(event(id, NOON), event(id, NOON.plusSeconds(1)))))
                .containsExactly(new IngestResult(1, 1));
    }

    @Test
    void theSameUuidOnAnotherDayIsAnotherEventAsInPostHog() {
        UUID id = UUID.randomUUID();
        commit(List.of(event(id, NOON)));
        assertThat(commit(List.of(event(id, NOON.plusSeconds(86_400))))).containsExactly(new IngestResult(1, 0));
        assertThat(count("SELECT count(*) FROM events WHERE uuid = '" + id + "'"))
                .isEqualTo(2);
    }

    @Test
    void aReimportedBatchSpanningManyDaysIsRecognisedWhole() {
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(event(UUID.randomUUID(), NOON.minusSeconds(3_600L * i)));
        }
        assertThat(commit(batch)).containsExactly(new IngestResult(500, 0));
        assertThat(commit(batch)).containsExactly(new IngestResult(0, 500));
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(500);
    }

    @Test
    void aBatchOverAFewDaysIsRecognisedWholeThroughTheDaysFilters() {
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(event(UUID.randomUUID(), NOON.minusSeconds(600L * i)));
        }
        assertThat(commit(batch)).containsExactly(new IngestResult(300, 0));
        assertThat(commit(batch)).containsExactly(new IngestResult(0, 300));
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(300);
    }

    @Test
    void aWriterStartedAfterAnEventWasStoredReadsTheDayFromTheStoreAndKnowsTheRepeat() {
        UUID known = UUID.randomUUID();
        commit(List.of(event(known, NOON)));

        EventBatchWriter restarted = new EventBatchWriter(
                Clock.systemUTC(), new ProfileWriter(EventCommitIsolationTest.JSON), CaptureGroupTypes.defaults());
        assertThat(commit(restarted, List.of(event(known, NOON.plusSeconds(60)))))
                .containsExactly(new IngestResult(0, 1));
    }

    @Test
    void aDayThatOutgrowsItsFilterIsReadAgainAndItsRepeatsAreStillFound() {
        StoredDuplicates duplicates = new StoredDuplicates(staging, 4);
        List<IncomingEvent> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(event(UUID.randomUUID(), NOON.plusSeconds(i)));
        }
        assertThat(check(duplicates, first)).containsOnly(false);
        commit(first);
        duplicates.appended(
                first, new boolean[first.size()]); // room for twelve (twice the first commit): seven more overflow it

        List<IncomingEvent> again = new ArrayList<>(first);
        again.add(event(UUID.randomUUID(), NOON.plusSeconds(10)));
        boolean[] stored = check(duplicates, again);
        assertThat(Arrays.copyOf(stored, 6)).containsOnly(true);
        assertThat(stored[6]).isFalse();
    }

    /** Which of {@code events} {@code duplicates} finds stored, in a transaction of the writer's connection. */
    private boolean[] check(StoredDuplicates duplicates, List<IncomingEvent> events) {
        return warehouse.write(WORKSPACE, connection -> {
            staging.create(connection);
            return duplicates.find(connection, events);
        });
    }

    @SafeVarargs
    private List<IngestResult> commit(List<IncomingEvent>... requests) {
        return commit(writer, requests);
    }

    @SafeVarargs
    private List<IngestResult> commit(EventBatchWriter by, List<IncomingEvent>... requests) {
        List<CommitQueue.Pending> group = new ArrayList<>();
        for (List<IncomingEvent> events : requests) {
            group.add(EventCommitIsolationTest.pending(events));
        }
        warehouse.write(WORKSPACE, connection -> {
            by.commit(connection, group);
            return null;
        });
        return group.stream().map(pending -> pending.done().join()).toList();
    }

    private static IncomingEvent event(UUID uuid, Instant timestamp) {
        return new IncomingEvent(
                uuid,
                "used",
                "user-1",
                timestamp,
                "{}",
                Map.of("company", "acme"),
                new IncomingEvent.PersonUpdate(
                        true,
                        EventCommitIsolationTest.JSON.createObjectNode(),
                        EventCommitIsolationTest.JSON.createObjectNode(),
                        List.of()),
                Optional.empty());
    }

    private long count(String sql) {
        return warehouse.read(WORKSPACE, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
