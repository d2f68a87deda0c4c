package dev.beton.cdp;

import dev.beton.connections.PostHogLink;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogGateway;
import dev.beton.posthog.PostHogTarget;
import dev.beton.posthog.PostHogWarehouseTables;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deals → PostHog's data warehouse: after a complete read, the workspace's deals go up as the CSV
 * table {@value #NAME} ({@code warehouse_tables/file/}, reference §7) with each deal's company key
 * (the group key of its company), so HogQL joins it to {@code groups}. The table replaces the
 * previous upload (delete, then upload), and only when the deal set changed. A server whose
 * {@code warehouse-api} flag is off refuses the upload: deals then reach PostHog only as the group
 * properties every sync sends, and the status says which path the server took.
 */
@Component
class DealsTable {

    static final String NAME = "beton_deals";
    static final List<String> COLUMNS = List.of(
            "deal_id", "company_key", "company_record_id", "deal_name", "stage", "outcome", "value", "stage_since");

    /** One deal as the table holds it. */
    record Row(
            String dealId,
            String companyRecordId,
            String name,
            String stage,
            String outcome,
            BigDecimal value,
            String stageSince) {}

    private static final Logger log = LoggerFactory.getLogger(DealsTable.class);

    private final PostHogClients clients;
    private final PostHogGateway gateway;
    private final CdpSettings settings;
    private final Clock clock;

    DealsTable(PostHogClients clients, PostHogGateway gateway, CdpSettings settings, Clock clock) {
        this.clients = clients;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Uploads the deals when they changed since the last upload (or refusal), or on a full sync.
     *
     * @param companyKeys company record id → the key its group has in PostHog
     * @return the sentence for the run's summary, empty when nothing was sent
     */
    Optional<String> sync(
            long workspaceId, PostHogLink link, List<Row> deals, Map<String, String> companyKeys, boolean full) {
        byte[] csv = csv(deals, companyKeys);
        String hash = sha256(csv);
        CdpSettings.DealsPath last = settings.dealsPath(workspaceId);
        if (!full && hash.equals(last.hash())) {
            return Optional.empty();
        }
        PostHogTarget target = new PostHogTarget(clients.forHost(link.host()), link.key(), link.projectId());
        PostHogWarehouseTables tables = target.client().warehouseTables();
        try {
            last.tableId()
                    .ifPresent(id -> gateway.crud(target, () -> {
                        tables.delete(target.key(), target.projectId(), id);
                        return null;
                    }));
            PostHogWarehouseTables.Table table =
                    gateway.crud(target, () -> tables.uploadCsv(target.key(), target.projectId(), NAME, csv));
            String note = deals.size() + " deals uploaded to PostHog's data warehouse as table " + NAME
                    + " (join: groups.key = " + NAME + ".company_key).";
            settings.dealsPath(workspaceId, "warehouse_table", Optional.of(table.id()), hash, note, clock.instant());
            return Optional.of(note);
        } catch (PostHogException e) {
            boolean refused = PostHogWarehouseTables.refusedForFlag(e);
            String note = refused
                    ? "This PostHog refuses warehouse table uploads (its warehouse-api feature flag is off): deals"
                            + " are in PostHog as the attio_*_deal_* properties of their companies' groups only."
                    : "Deals could not be uploaded to PostHog's data warehouse (" + e.getMessage() + "); they are"
                            + " in PostHog as group properties, and the next sync tries the upload again.";
            if (!refused) {
                log.warn("Deals table upload of workspace {} failed: {}", workspaceId, e.toString());
            }
            // A refusal is remembered with the deal set's hash, so an unchanged set does not ask again;
            // a failure keeps no hash, so the next run retries.
            settings.dealsPath(
                    workspaceId,
                    "group_properties",
                    refused ? Optional.empty() : last.tableId(),
                    refused ? hash : null,
                    note,
                    clock.instant());
            return Optional.of(note);
        }
    }

    /** The CSV with a header line; RFC 4180 quoting where a value needs it. */
    static byte[] csv(List<Row> deals, Map<String, String> companyKeys) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Row d : deals) {
            List<String> values = List.of(
                    d.dealId(),
                    companyKeys.getOrDefault(d.companyRecordId(), ""),
                    d.companyRecordId(),
                    d.name(),
                    d.stage(),
                    d.outcome(),
                    d.value().stripTrailingZeros().toPlainString(),
                    d.stageSince());
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quoted(values.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
