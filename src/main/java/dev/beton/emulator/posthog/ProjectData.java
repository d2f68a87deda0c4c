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
    private final List<CapturedEvent> events = new ArrayList<>();
    private final List<String> groupTypes = new ArrayList<>();
    private final Map<String, CapturedGroup> groups = new LinkedHashMap<>();

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
    synchronized Optional<Integer> groupTypeIndex(String groupType) {
        int index = groupTypes.indexOf(groupType);
        if (index >= 0) {
            return Optional.of(index);
        }
        if (groupTypes.size() >= MAX_GROUP_TYPES) {
            return Optional.empty();
        }
        groupTypes.add(groupType);
        return Optional.of(groupTypes.size() - 1);
    }

    synchronized List<String> groupTypes() {
        return List.copyOf(groupTypes);
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

        Insight(long id, String shortId, Instant createdAt) {
            this.id = id;
            this.shortId = shortId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
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
