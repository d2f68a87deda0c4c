package dev.beton.routing;

import dev.beton.store.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code routing_company_links}: overrides people entered, and the companies Beton found or created before. */
@Repository
class CompanyLinks {

    enum Source {
        OVERRIDE,
        DOMAIN,
        CREATED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Link(String recordId, Source source) {}

    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final Clock clock;

    CompanyLinks(
            JdbcClient jdbc, org.springframework.transaction.support.TransactionTemplate transaction, Clock clock) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Link> find(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT attio_record_id, source FROM routing_company_links WHERE workspace_id = ?"
                        + " AND account_key = ?")
                .params(workspaceId, accountKey)
                .query((rs, row) -> new Link(
                        rs.getString("attio_record_id"),
                        Source.valueOf(rs.getString("source").toUpperCase(java.util.Locale.ROOT))))
                .optional();
    }

    /** Every override of the workspace, account key → Attio company record id. */
    Map<String, String> overrides(long workspaceId) {
        Map<String, String> overrides = new LinkedHashMap<>();
        jdbc.sql("SELECT account_key, attio_record_id FROM routing_company_links WHERE workspace_id = ?"
                        + " AND source = 'override' ORDER BY account_key")
                .param(workspaceId)
                .query(rs -> {
                    overrides.put(rs.getString("account_key"), rs.getString("attio_record_id"));
                });
        return overrides;
    }

    /** An override always wins; a found or created company never replaces an override. */
    void save(long workspaceId, String accountKey, String recordId, Source source) {
        Optional<Link> existing = find(workspaceId, accountKey);
        if (existing.isPresent() && existing.get().source() == Source.OVERRIDE && source != Source.OVERRIDE) {
            return;
        }
        jdbc.sql("DELETE FROM routing_company_links WHERE workspace_id = ? AND account_key = ?")
                .params(workspaceId, accountKey)
                .update();
        jdbc.sql("INSERT INTO routing_company_links (workspace_id, account_key, attio_record_id, source, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(workspaceId, accountKey, recordId, source.column(), Timestamps.of(clock.instant()))
                .update();
    }

    /** Saves many overrides at once: all of them, or (on a failure) none. */
    void saveOverrides(long workspaceId, Map<String, String> overrides) {
        transaction.executeWithoutResult(
                status -> overrides.forEach((account, record) -> save(workspaceId, account, record, Source.OVERRIDE)));
    }

    boolean removeOverride(long workspaceId, String accountKey) {
        return jdbc.sql("DELETE FROM routing_company_links WHERE workspace_id = ? AND account_key = ?"
                                + " AND source = 'override'")
                        .params(workspaceId, accountKey)
                        .update()
                > 0;
    }
}
