package dev.beton.events.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * Which person each distinct id belongs to, for one workspace, on its writer thread. A bounded
 * cache in front of {@code person_distinct_ids} keeps the common case (a known user sending
 * another event) free of lookups; misses of a whole commit are fetched in one join.
 */
final class PersonDirectory {

    private static final int CACHE_SIZE = 200_000;

    /**
     * The outcome of resolving one commit's events: links and persons to write.
     *
     * @param storedLinks the distinct ids of {@code links} that already have a stored link (moved
     *     by this commit); the others are new rows
     */
    record Resolution(
            UUID[] personIds, Map<String, UUID> links, Set<String> storedLinks, Map<UUID, NewPerson> newPersons) {}

    record NewPerson(UUID id, Instant createdAt) {}

    private final Staging staging;

    private final Map<String, UUID> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UUID> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    PersonDirectory(Staging staging) {
        this.staging = staging;
    }

    Resolution resolve(Connection connection, List<IncomingEvent> events) throws SQLException {
        Map<String, UUID> stored = lookUp(connection, idsNotCached(events));
        Map<String, UUID> links = new HashMap<>();
        Map<UUID, NewPerson> newPersons = new LinkedHashMap<>();
        UUID[] personIds = new UUID[events.size()];
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            if (!event.person().process()) {
                personIds[i] = find(event.distinctId(), links, stored).orElseGet(() -> personless(event.distinctId()));
                continue;
            }
            personIds[i] = personOf(event, links, stored, newPersons);
        }
        // The cache holds only committed links and links are never deleted, so an id found neither
        // there nor in the lookup has no stored row.
        Set<String> storedLinks = new HashSet<>();
        for (String id : links.keySet()) {
            if (cache.containsKey(id) || stored.containsKey(id)) {
                storedLinks.add(id);
            }
        }
        return new Resolution(personIds, links, storedLinks, newPersons);
    }

    private UUID personOf(
            IncomingEvent event, Map<String, UUID> links, Map<String, UUID> stored, Map<UUID, NewPerson> newPersons) {
        Optional<UUID> existing = find(event.distinctId(), links, stored);
        UUID person = existing.orElseGet(() -> event.person().linkedIds().stream()
                .map(id -> find(id, links, stored))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> {
                    UUID created = personFor(event.distinctId());
                    newPersons.put(created, new NewPerson(created, event.timestamp()));
                    return created;
                }));
        if (existing.isEmpty()) {
            links.put(event.distinctId(), person);
        }
        // An identify or alias moves the other id to this person (its earlier events keep theirs).
        for (String other : event.person().linkedIds()) {
            if (!find(other, links, stored).equals(Optional.of(person))) {
                links.put(other, person);
            }
        }
        return person;
    }

    private Optional<UUID> find(String distinctId, Map<String, UUID> links, Map<String, UUID> stored) {
        UUID local = links.get(distinctId);
        if (local != null) {
            return Optional.of(local);
        }
        UUID cached = cache.get(distinctId);
        return Optional.ofNullable(cached != null ? cached : stored.get(distinctId));
    }

    private Set<String> idsNotCached(List<IncomingEvent> events) {
        Set<String> ids = new HashSet<>();
        for (IncomingEvent event : events) {
            if (!cache.containsKey(event.distinctId())) {
                ids.add(event.distinctId());
            }
            for (String other : event.person().linkedIds()) {
                if (!cache.containsKey(other)) {
                    ids.add(other);
                }
            }
        }
        return ids;
    }

    private Map<String, UUID> lookUp(Connection connection, Collection<String> ids) throws SQLException {
        Map<String, UUID> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (DuckDBAppender appender = staging.appender(connection, Staging.IDS)) {
            for (String id : ids) {
                appender.beginRow().append(id).endRow();
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT l.distinct_id, l.person_id FROM " + Staging.IDS
                        + " i JOIN person_distinct_ids l ON l.distinct_id = i.id")) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getObject(2, UUID.class));
            }
        }
        return found;
    }

    /** After the commit: remember the links it wrote. */
    void committed(Resolution resolution) {
        cache.putAll(resolution.links());
    }

    void forget() {
        cache.clear();
    }

    static UUID personFor(String distinctId) {
        return UUID.nameUUIDFromBytes(("person:" + distinctId).getBytes(StandardCharsets.UTF_8));
    }

    /** PostHog gives events without person processing a stable id derived from the distinct id. */
    static UUID personless(String distinctId) {
        return UUID.nameUUIDFromBytes(("personless:" + distinctId).getBytes(StandardCharsets.UTF_8));
    }

    static List<UUID> withPropertyChanges(List<IncomingEvent> events, UUID[] personIds) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).person().changesProperties()) {
                ids.add(personIds[i]);
            }
        }
        return ids;
    }
}
