package dev.beton.routing;

import dev.beton.store.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code routing_audit}: one row per write Beton sent to Attio, whatever came of it. */
@Repository
class AuditLog {

    record Entry(
            long id,
            Instant at,
            String actor,
            Long planId,
            Long itemId,
            String requestId,
            String operation,
            String accountKey,
            String outcome) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(
            long workspaceId,
            String actor,
            Long planId,
            Long itemId,
            String requestId,
            String operation,
            String accountKey,
            String outcome) {
        jdbc.sql("INSERT INTO routing_audit (workspace_id, at, actor, plan_id, item_id, request_id, operation,"
                        + " account_key, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        Timestamps.of(clock.instant()),
                        clip(actor, 320),
                        planId,
                        itemId,
                        requestId,
                        clip(operation, 500),
                        accountKey == null ? null : clip(accountKey, 400),
                        clip(outcome, 2000))
                .update();
    }

    List<Entry> recent(long workspaceId, int limit) {
        return jdbc.sql("SELECT * FROM routing_audit WHERE workspace_id = ? ORDER BY id DESC LIMIT " + limit)
                .param(workspaceId)
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        Timestamps.instant(rs, "at"),
                        rs.getString("actor"),
                        (Long) rs.getObject("plan_id", Long.class),
                        (Long) rs.getObject("item_id", Long.class),
                        rs.getString("request_id"),
                        rs.getString("operation"),
                        rs.getString("account_key"),
                        rs.getString("outcome")))
                .list();
    }

    /** The whole log of a workspace, oldest first, as CSV. */
    void csv(long workspaceId, Writer out) {
        try (CSVPrinter csv = CSVFormat.DEFAULT
                .builder()
                .setHeader("at", "actor", "plan_id", "item_id", "request_id", "operation", "account_key", "outcome")
                .get()
                .print(out)) {
            jdbc.sql("SELECT * FROM routing_audit WHERE workspace_id = ? ORDER BY id")
                    .param(workspaceId)
                    .query(rs -> {
                        try {
                            csv.printRecord(
                                    Timestamps.instant(rs, "at"),
                                    rs.getString("actor"),
                                    rs.getObject("plan_id"),
                                    rs.getObject("item_id"),
                                    rs.getString("request_id"),
                                    rs.getString("operation"),
                                    rs.getString("account_key"),
                                    rs.getString("outcome"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String text, int max) {
        String t = text == null ? "" : text;
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
