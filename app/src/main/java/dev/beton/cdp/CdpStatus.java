package dev.beton.cdp;

import dev.beton.detection.PostHogQueue;
import dev.beton.routing.CrmSyncStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The CRM sync's state per object — synced, skipped (with reasons), failed, deleted — from the
 * per-record snapshots, plus what PostHog has taken of the queued events and the last run's
 * sentence. Part of {@code GET /api/v1/attio/sync/status} and the Connections page.
 */
@Component
class CdpStatus implements CrmSyncStatus {

    /** Counts of one object; {@code reasons} maps a skip or failure reason to how many records. */
    record ObjectState(
            String object, long synced, long skipped, long failed, long deleted, Map<String, Long> reasons) {}

    record State(
            List<ObjectState> objects,
            PostHogQueue.Deliveries posthog,
            boolean posthogConnected,
            String lastRunAt,
            String lastSummary,
            DealsInPostHog deals) {}

    /**
     * Which path deals took into PostHog: {@code warehouse_table} (table {@code beton_deals}) or
     * {@code group_properties} only (the server refused the upload, or it failed); null before
     * the first upload.
     */
    record DealsInPostHog(String path, String table, String tableId, String note, String at) {}

    private final CdpRecords records;
    private final CdpSettings settings;
    private final PostHogQueue queue;
    private final CdpSync sync;

    CdpStatus(CdpRecords records, CdpSettings settings, PostHogQueue queue, CdpSync sync) {
        this.records = records;
        this.settings = settings;
        this.queue = queue;
        this.sync = sync;
    }

    State state(long workspaceId) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
        for (String object : List.of("companies", "people", "deals")) {
            counts.put(object, new long[4]);
            reasons.put(object, new LinkedHashMap<>());
        }
        for (CdpRecords.Tally t : records.tallies(workspaceId)) {
            long[] c = counts.computeIfAbsent(t.object(), o -> new long[4]);
            int slot =
                    switch (t.outcome()) {
                        case "synced" -> 0;
                        case "skipped" -> 1;
                        case "failed" -> 2;
                        default -> 3;
                    };
            c[slot] += t.count();
            if ((slot == 1 || slot == 2) && !t.reason().isEmpty()) {
                reasons.get(t.object()).merge(general(t.reason()), t.count(), Long::sum);
            }
        }
        List<ObjectState> objects = new ArrayList<>();
        counts.forEach((object, c) ->
                objects.add(new ObjectState(object, c[0], c[1], c[2], c[3], Map.copyOf(reasons.get(object)))));
        var last = settings.lastRun(workspaceId);
        return new State(
                objects,
                queue.crmDeliveries(workspaceId),
                sync.toPostHog(workspaceId),
                last.map(l -> l.at().toString()).orElse(null),
                last.map(CdpSettings.LastRun::summary).orElse(null),
                deals(settings.dealsPath(workspaceId)));
    }

    private static DealsInPostHog deals(CdpSettings.DealsPath path) {
        return new DealsInPostHog(
                path.path().orElse(null),
                path.path()
                        .filter("warehouse_table"::equals)
                        .map(p -> DealsTable.NAME)
                        .orElse(null),
                path.tableId().orElse(null),
                path.note().orElse(null),
                path.at().map(Object::toString).orElse(null));
    }

    /** Reasons naming a record (the other company of a shared domain) are counted under one heading. */
    private static String general(String reason) {
        if (reason.startsWith("domain ") && reason.contains(" is also Attio company ")) {
            return "domain shared with another company";
        }
        if (reason.startsWith("linked to ")) {
            return "linked to several Beton accounts";
        }
        return reason;
    }

    @Override
    public Object status(long workspaceId) {
        return state(workspaceId);
    }
}
