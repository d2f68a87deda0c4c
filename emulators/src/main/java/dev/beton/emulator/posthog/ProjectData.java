package dev.beton.emulator.posthog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the emulator keeps for one project: captured events, group types and groups,
 * dashboards, insights and their tiles. Callers synchronize on the instance for compound
 * operations; the accessors here are synchronized individually.
 */
final class ProjectData {

    /** PostHog allows at most five group types per project. */
    static final int MAX_GROUP_TYPES = 5;

    final PostHogProject project;
    final Map<Long, Dashboard> dashboards = new LinkedHashMap<>();
    final Map<Long, Insight> insights = new LinkedHashMap<>();
    final List<Tile> tiles = new ArrayList<>();
    final Map<Long, WarehouseTable> warehouseTables = new java.util.LinkedHashMap<>();
    private final List<CapturedEvent> events = new ArrayList<>();
    private final List<String> groupTypes = new ArrayList<>();
    private final List<Instant> groupTypesCreatedAt = new ArrayList<>();
    final PropertyDefinitions definitions = new PropertyDefinitions();
    private java.time.ZoneId timezone = java.time.ZoneId.of("UTC");
    private final Map<String, CapturedGroup> groups = new LinkedHashMap<>();
    private final Map<String, Person> personsByDistinctId = new LinkedHashMap<>();

    ProjectData(PostHogProject project) {
        this.project = project;
    }

    synchronized void addEvent(CapturedEvent event) {
        events.add(event);
    }

    synchronized List<CapturedEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Index of a group type, registering it on first use as ingestion does; empty when the
     * project already has five types (the event's group is then dropped).
     */
    synchronized Optional<Integer> groupTypeIndex(String groupType, Instant eventTimestamp) {
        int index = groupTypes.indexOf(groupType);
        if (index >= 0) {
            return Optional.of(index);
        }
        if (groupTypes.size() >= MAX_GROUP_TYPES) {
            return Optional.empty();
        }
        groupTypes.add(groupType);
        // No creation time unless a test sets one (groupTypeCreatedAt): PostHog stamps the
        // triggering event's time since PR #64265 (wall-clock now before), which blanks the keys
        // of older events captured later; tests that send events in any order would trip on it.
        groupTypesCreatedAt.add(null);
        return Optional.of(groupTypes.size() - 1);
    }

    synchronized List<String> groupTypes() {
        return List.copyOf(groupTypes);
    }

    /**
     * When each group type (by index) was created, null when unknown; HogQL blanks {@code
     * $group_N} before it.
     */
    synchronized List<Instant> groupTypesCreatedAt() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(groupTypesCreatedAt));
    }

    /** Registers (or re-stamps) a group type as created at {@code createdAt}. */
    synchronized void groupTypeCreatedAt(String groupType, Instant createdAt) {
        int index = groupTypeIndex(groupType, createdAt)
                .orElseThrow(() -> new IllegalStateException(
                        "project " + project.id() + " already has " + MAX_GROUP_TYPES + " group types"));
        groupTypesCreatedAt.set(index, createdAt);
    }

    synchronized java.time.ZoneId timezone() {
        return timezone;
    }

    synchronized void timezone(java.time.ZoneId zone) {
        this.timezone = java.util.Objects.requireNonNull(zone, "zone");
    }

    /** Merges {@code $group_set} into the group, creating it if new. */
    synchronized void upsertGroup(int index, String type, String key, Map<String, Object> set, Instant now) {
        CapturedGroup existing = groups.get(type + "\u0000" + key);
        Map<String, Object> merged = new LinkedHashMap<>(existing == null ? Map.of() : existing.properties());
        merged.putAll(set);
        Instant createdAt = existing == null ? now : existing.createdAt();
        groups.put(type + "\u0000" + key, new CapturedGroup(index, type, key, merged, createdAt));
    }

    synchronized List<CapturedGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Finds or creates the person of a distinct id and applies {@code $set} and {@code $set_once}. */
    synchronized void updatePerson(String distinctId, Map<String, Object> set, Map<String, Object> setOnce) {
        Person person = personsByDistinctId.computeIfAbsent(distinctId, Person::new);
        person.properties.putAll(set);
        setOnce.forEach(person.properties::putIfAbsent);
    }

    /** Joins {@code alias} to the person of {@code distinctId}; an existing alias person is merged in. */
    synchronized void alias(String distinctId, String alias) {
        Person person = personsByDistinctId.computeIfAbsent(distinctId, Person::new);
        Person other = personsByDistinctId.get(alias);
        if (other != null && other != person) {
            other.properties.forEach(person.properties::putIfAbsent);
            other.distinctIds.forEach(id -> personsByDistinctId.put(id, person));
            person.distinctIds.addAll(other.distinctIds);
        }
        person.distinctIds.add(alias);
        personsByDistinctId.put(alias, person);
    }

    synchronized List<CapturedPerson> persons() {
        return personsByDistinctId.values().stream()
                .distinct()
                .map(p -> new CapturedPerson(List.copyOf(p.distinctIds), p.properties))
                .toList();
    }

    private static final class Person {
        final java.util.Set<String> distinctIds = new java.util.LinkedHashSet<>();
        final Map<String, Object> properties = new LinkedHashMap<>();

        Person(String distinctId) {
            distinctIds.add(distinctId);
        }
    }

    /** A dashboard and its non-deleted state; fields are guarded by the owning ProjectData. */
    static final class Dashboard {
        final long id;
        final Instant createdAt;
        String name;
        String description = "";
        boolean pinned;
        boolean deleted;
        Map<String, Object> filters = Map.of();
        List<String> tags = List.of();

        Dashboard(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }
    }

    /** A saved insight; fields are guarded by the owning ProjectData. */
    static final class Insight {
        final long id;
        final String shortId;
        final Instant createdAt;
        Instant updatedAt;
        String name;
        String description;
        Object query;
        Map<String, Object> filters = Map.of();
        List<String> tags = List.of();
        boolean deleted;
        boolean saved;
        boolean favorited;
        /** The last computed result (SQL insights only); null until a read refreshes it. */
        InsightResults.Computed computed;

        Insight(long id, String shortId, Instant createdAt) {
            this.id = id;
            this.shortId = shortId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    /** A data warehouse table uploaded as a file; delete is soft. */
    static final class WarehouseTable {
        final long id;
        final String name;
        final String format;
        final List<String> columns;
        final List<List<String>> rows;
        final Instant createdAt;
        boolean deleted;

        WarehouseTable(
                long id, String name, String format, List<String> columns, List<List<String>> rows, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.format = format;
            this.columns = List.copyOf(columns);
            this.rows = rows;
            this.createdAt = createdAt;
        }
    }

    /** An insight placed on a dashboard; removing it from the dashboard soft-deletes the tile. */
    static final class Tile {
        final long id;
        final long dashboardId;
        final long insightId;
        boolean deleted;
        /** Deleted because its dashboard was; a restore of the dashboard brings it back. */
        boolean deletedWithDashboard;

        Tile(long id, long dashboardId, long insightId) {
            this.id = id;
            this.dashboardId = dashboardId;
            this.insightId = insightId;
        }
    }
}
