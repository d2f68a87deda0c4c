package dev.beton.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestWarehouses;
import dev.beton.testsupport.TestStores;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profile writer inserts rows it knows to be new with a plain INSERT and upserts only rows it
 * read from the store: the persons, links and groups must come out exactly as when every row is
 * upserted (the way before), and a row taken for new that was stored after all must still end as
 * an upsert would leave it.
 */
class ProfileRowsParityTest {

    static final long WORKSPACE = 1;
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<EmbeddedWarehouse> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(TestWarehouses::close);
    }

    @Test
    void newRowsInsertedPlainlyGiveTheSameProfilesAsUpsertingEveryRow() {
        EmbeddedWarehouse plain = open();
        EmbeddedWarehouse upserted = open();
        ProfileWriter upsertingEveryRow = new ProfileWriter(JSON);
        upsertingEveryRow.upsertNewRowsToo();
        ProfileWriter plainProfiles = new ProfileWriter(JSON);
        EventBatchWriter plainWriter = writer(plainProfiles);
        EventBatchWriter upsertingWriter = writer(upsertingEveryRow);

        for (List<IncomingEvent> commit : commits()) {
            assertThat(commit(plain, plainWriter, commit)).isCompleted().isNotCompletedExceptionally();
            assertThat(commit(upserted, upsertingWriter, commit)).isCompleted().isNotCompletedExceptionally();
        }

        // No row taken for new was stored already (else the writer fell back to upserting).
        assertThat(plainProfiles.insertsNewRowsPlainly()).isTrue();
        for (String sql : new String[] {
            "SELECT id, properties, created_at FROM persons ORDER BY id",
            "SELECT distinct_id, person_id FROM person_distinct_ids ORDER BY distinct_id",
            "SELECT group_type_index, group_key, properties, created_at FROM groups ORDER BY 1, 2"
        }) {
            assertThat(rows(plain, sql)).as(sql).isNotEmpty().isEqualTo(rows(upserted, sql));
        }
        assertThat(rows(plain, "SELECT count(*) FROM persons")).containsExactly("5");
        String ann = PersonDirectory.personFor("ann@a.com").toString();
        assertThat(JSON.readTree(rows(plain, "SELECT properties FROM persons WHERE id = '" + ann + "'")
                        .getFirst()))
                .isEqualTo(JSON.readTree("{\"plan\":\"pro\",\"name\":\"Ann B\",\"first_seen\":\"monday\"}"));
        assertThat(rows(plain, "SELECT person_id FROM person_distinct_ids WHERE distinct_id = 'anon-1'"))
                .containsExactly(ann);
    }

    @Test
    void aRowTakenForNewThatWasStoredAfterAllIsUpsertedAndTheWriterUpsertsFromThenOn() {
        EmbeddedWarehouse warehouse = open();
        UUID ann = PersonDirectory.personFor("ann@a.com");
        warehouse.write(WORKSPACE, connection -> {
            // A person row without its link: what the directory's invariants rule out.
            connection
                    .createStatement()
                    .execute("INSERT INTO persons VALUES ('" + ann + "', '{\"old\":1}', TIMESTAMP '2020-01-01')");
            return null;
        });
        ProfileWriter profiles = new ProfileWriter(JSON);

        CompletableFuture<IngestResult> done =
                commit(warehouse, writer(profiles), List.of(identify("ann@a.com", Map.of("plan", "pro"), NOW)));

        assertThat(done).isCompletedWithValue(new IngestResult(1, 0));
        assertThat(profiles.insertsNewRowsPlainly()).isFalse();
        assertThat(rows(warehouse, "SELECT properties FROM persons WHERE id = '" + ann + "'"))
                .containsExactly("{\"plan\":\"pro\"}");
        assertThat(rows(warehouse, "SELECT person_id FROM person_distinct_ids WHERE distinct_id = 'ann@a.com'"))
                .containsExactly(ann.toString());
    }

    /** New persons and groups, then changes to stored ones, set-once, moved and new links. */
    private static List<List<IncomingEvent>> commits() {
        return List.of(
                List.of(
                        identify("ann@a.com", Map.of("plan", "free", "name", "Ann"), NOW),
                        identify("bob@b.com", Map.of("plan", "free"), NOW),
                        groupIdentify("a.com", Map.of("deals", 1), NOW),
                        groupIdentify("b.com", Map.of("deals", 2), NOW)),
                List.of(
                        identify("ann@a.com", Map.of("plan", "pro"), NOW.plusSeconds(1)),
                        setOnce("ann@a.com", Map.of("first_seen", "monday", "plan", "ignored")),
                        identify("cy@c.com", Map.of("plan", "free"), NOW.plusSeconds(1)),
                        groupIdentify("a.com", Map.of("deals", 3), NOW.plusSeconds(1)),
                        groupIdentify("c.com", Map.of("deals", 1), NOW.plusSeconds(1)),
                        capture("anon-1")),
                List.of(
                        // anon-1 got its own person; identified as Ann, its stored link moves.
                        identifyAnonymous("ann@a.com", "anon-1", Map.of("name", "Ann B")),
                        identifyAnonymous("dee@d.com", "anon-2", Map.of("plan", "free"))));
    }

    private static IncomingEvent identify(String distinctId, Map<String, Object> set, Instant at) {
        return event("$identify", distinctId, at, person(set, Map.of(), List.of()), Map.of(), Optional.empty());
    }

    private static IncomingEvent identifyAnonymous(String distinctId, String anonymous, Map<String, Object> set) {
        return event(
                "$identify",
                distinctId,
                NOW.plusSeconds(2),
                person(set, Map.of(), List.of(anonymous)),
                Map.of(),
                Optional.empty());
    }

    private static IncomingEvent setOnce(String distinctId, Map<String, Object> setOnce) {
        return event(
                "$set",
                distinctId,
                NOW.plusSeconds(1),
                person(Map.of(), setOnce, List.of()),
                Map.of(),
                Optional.empty());
    }

    private static IncomingEvent capture(String distinctId) {
        return event(
                "pageview",
                distinctId,
                NOW.plusSeconds(2),
                person(Map.of(), Map.of(), List.of()),
                Map.of(),
                Optional.empty());
    }

    private static IncomingEvent groupIdentify(String key, Map<String, Object> set, Instant at) {
        return event(
                "$groupidentify",
                "beton:company:" + key,
                at,
                new IncomingEvent.PersonUpdate(false, JSON.createObjectNode(), JSON.createObjectNode(), List.of()),
                Map.of(),
                Optional.of(new IncomingEvent.GroupIdentify("company", key, JSON.valueToTree(set))));
    }

    private static IncomingEvent.PersonUpdate person(
            Map<String, Object> set, Map<String, Object> setOnce, List<String> linked) {
        return new IncomingEvent.PersonUpdate(true, JSON.valueToTree(set), JSON.valueToTree(setOnce), linked);
    }

    private static IncomingEvent event(
            String name,
            String distinctId,
            Instant at,
            IncomingEvent.PersonUpdate person,
            Map<String, String> groups,
            Optional<IncomingEvent.GroupIdentify> groupIdentify) {
        // The uuid follows from the event, so both stores get the very same events.
        UUID uuid = UUID.nameUUIDFromBytes((name + "|" + distinctId + "|" + at + "|" + person).getBytes());
        return new IncomingEvent(uuid, name, distinctId, at, "{}", groups, person, groupIdentify);
    }

    private EventBatchWriter writer(ProfileWriter profiles) {
        return new EventBatchWriter(Clock.systemUTC(), profiles, CaptureGroupTypes.defaults());
    }

    private static CompletableFuture<IngestResult> commit(
            EmbeddedWarehouse warehouse, EventBatchWriter writer, List<IncomingEvent> events) {
        CommitQueue.Pending pending = new CommitQueue.Pending(events, new CompletableFuture<>());
        warehouse.write(WORKSPACE, connection -> {
            writer.commit(connection, List.of(pending));
            return null;
        });
        return pending.done();
    }

    private EmbeddedWarehouse open() {
        EmbeddedWarehouse warehouse = TestWarehouses.open(TestStores.freshDataDir());
        opened.add(warehouse);
        return warehouse;
    }

    private static List<String> rows(EmbeddedWarehouse warehouse, String sql) {
        return warehouse.read(WORKSPACE, connection -> {
            List<String> rows = new ArrayList<>();
            try (ResultSet result = connection.createStatement().executeQuery(sql)) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.add(String.valueOf(result.getObject(c)));
                    }
                    rows.add(String.join(" | ", row));
                }
            }
            return rows;
        });
    }
}
