package dev.beton.routing;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code routing_plans} and {@code routing_items}. Applied items are the outbox: a worker claims
 * a due item with one conditional UPDATE, so two instances never hold the same item, and a
 * claim whose lease ran out (the worker died) is due again.
 */
@Repository
class PlanStore {

    static final String PLANNED = "planned";
    /** A plan still being made while its first items are already applied (auto-apply). */
    static final String PLANNING = "planning";

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DONE = "done";
    static final String REJECTED = "rejected";
    static final String RETRYING = "retrying";
    static final String SKIPPED = "skipped";

    private static final TypeReference<List<Plan.Change>> CHANGES = new TypeReference<>() {};
    private static final String DUE = "((state IN ('pending', 'retrying') AND next_attempt_at <= ?)"
            + " OR (state = 'sent' AND lease_until < ?))";

    /** An item as planned, before it has an id. */
    record NewItem(
            String accountKey,
            String accountName,
            Optional<String> domain,
            int score,
            String action,
            String reason,
            String betonKey,
            Optional<String> companyRecordId,
            Optional<String> dealRecordId,
            List<Plan.Change> diff,
            Payload payload) {}

    /** A claimed outbox item with what it has to write. */
    record Work(long itemId, long planId, long workspaceId, Plan.Item item, Payload payload, int attempts) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    PlanStore(JdbcClient jdbc, TransactionTemplate transaction, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    long save(
            long workspaceId,
            Optional<Instant> asOf,
            String trigger,
            String createdBy,
            int threshold,
            List<String> warnings,
            List<NewItem> items) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            long planId = insertPlan(workspaceId, asOf, trigger, createdBy, threshold, PLANNED, warnings, items, now);
            insertItems(planId, workspaceId, items, false, now);
            return planId;
        });
    }

    /**
     * Starts a plan that is applied while it is made (auto-apply after detection): its items are
     * added by {@link #append} straight into the outbox, so the hottest accounts reach Attio while
     * the rest are still being planned. It stays {@code planning} until {@link #close}.
     */
    long open(long workspaceId, Optional<Instant> asOf, String trigger, String createdBy, int threshold) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            long planId =
                    insertPlan(workspaceId, asOf, trigger, createdBy, threshold, PLANNING, List.of(), List.of(), now);
            jdbc.sql("UPDATE routing_plans SET applied_at = ?, applied_by = ? WHERE id = ?")
                    .params(Timestamps.of(now), createdBy, planId)
                    .update();
            return planId;
        });
    }

    /** Adds items to a plan being made, creates and updates due in the outbox at once. */
    void append(long planId, long workspaceId, List<NewItem> items) {
        if (items.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            insertItems(planId, workspaceId, items, true, now);
            jdbc.sql("UPDATE routing_plans SET creates = creates + ?, updates = updates + ?, skips = skips + ?"
                            + " WHERE id = ?")
                    .params(count(items, "create"), count(items, "update"), count(items, "skip"), planId)
                    .update();
        });
    }

    /** Ends a plan made by {@link #open}: applying while items wait, else applied. */
    void close(long planId, long workspaceId, List<String> warnings) {
        jdbc.sql("UPDATE routing_plans SET warnings = ?, status = CASE WHEN EXISTS (SELECT 1 FROM routing_items i"
                        + " WHERE i.plan_id = routing_plans.id AND i.state IN ('pending', 'sent', 'retrying'))"
                        + " THEN 'applying' ELSE 'applied' END WHERE id = ? AND workspace_id = ? AND status = ?")
                .params(String.join("\n", warnings), planId, workspaceId, PLANNING)
                .update();
    }

    /**
     * Closes plans whose making stopped half-way (the process died): nothing was added to them for
     * {@code quiet}. Their items already in the outbox are still worked; the accounts never planned
     * are planned by the next detection run.
     *
     * @return how many plans were closed
     */
    int closeInterrupted(Duration quiet) {
        Instant before = clock.instant().minus(quiet);
        return jdbc.sql("UPDATE routing_plans SET warnings = ?, status = CASE WHEN EXISTS (SELECT 1 FROM"
                        + " routing_items i WHERE i.plan_id = routing_plans.id AND i.state IN ('pending', 'sent',"
                        + " 'retrying')) THEN 'applying' ELSE 'applied' END WHERE status = ? AND created_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM routing_items i WHERE i.plan_id = routing_plans.id"
                        + " AND i.updated_at >= ?)")
                .params(INTERRUPTED, PLANNING, Timestamps.of(before), Timestamps.of(before))
                .update();
    }

    static final String INTERRUPTED = "Planning stopped before every account was planned (Beton stopped or"
            + " crashed); the items listed were applied, and the next detection run plans the rest.";

    private long insertPlan(
            long workspaceId,
            Optional<Instant> asOf,
            String trigger,
            String createdBy,
            int threshold,
            String state,
            List<String> warnings,
            List<NewItem> items,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO routing_plans (workspace_id, created_at, as_of, trigger_source, created_by, threshold,"
                        + " status, creates, updates, skips, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        Timestamps.of(now),
                        asOf.map(Timestamps::of).orElse(null),
                        trigger,
                        createdBy,
                        threshold,
                        state,
                        count(items, "create"),
                        count(items, "update"),
                        count(items, "skip"),
                        String.join("\n", warnings))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** @param queue whether creates and updates go into the outbox now (due at once) or wait as planned */
    private void insertItems(long planId, long workspaceId, List<NewItem> items, boolean queue, Instant now) {
        for (NewItem item : items) {
            boolean skip = item.action().equals("skip");
            jdbc.sql("INSERT INTO routing_items (plan_id, workspace_id, account_key, account_name, domain, score,"
                            + " action, reason, beton_key, company_record_id, deal_record_id, diff, payload, state,"
                            + " next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            planId,
                            workspaceId,
                            item.accountKey(),
                            clip(item.accountName(), 400),
                            item.domain().orElse(null),
                            item.score(),
                            item.action(),
                            clip(item.reason(), 2000),
                            item.betonKey(),
                            item.companyRecordId().orElse(null),
                            item.dealRecordId().orElse(null),
                            json.writeValueAsString(item.diff()),
                            json.writeValueAsString(item.payload()),
                            skip ? SKIPPED : queue ? PENDING : PLANNED,
                            !skip && queue ? Timestamps.of(now) : null,
                            Timestamps.of(now))
                    .update();
        }
    }

    Optional<Plan> plan(long workspaceId, long planId) {
        return jdbc.sql("SELECT * FROM routing_plans WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, planId)
                .query(this::plan)
                .optional();
    }

    List<Plan> recent(long workspaceId, int limit) {
        return jdbc.sql("SELECT * FROM routing_plans WHERE workspace_id = ? ORDER BY id DESC LIMIT " + limit)
                .param(workspaceId)
                .query(this::plan)
                .list();
    }

    List<Plan.Item> items(long planId) {
        return jdbc.sql("SELECT * FROM routing_items WHERE plan_id = ? ORDER BY action, account_key")
                .param(planId)
                .query(this::item)
                .list();
    }

    /**
     * Puts a plan's create and update items into the outbox, due now. Applying a plan twice queues
     * nothing twice: only items still {@code planned} move.
     *
     * @return how many items were queued
     */
    int apply(long workspaceId, long planId, String appliedBy) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            int queued = jdbc.sql("UPDATE routing_items SET state = ?, next_attempt_at = ?, updated_at = ?"
                            + " WHERE plan_id = ? AND workspace_id = ? AND state = ?")
                    .params(PENDING, Timestamps.of(now), Timestamps.of(now), planId, workspaceId, PLANNED)
                    .update();
            jdbc.sql("UPDATE routing_plans SET status = CASE WHEN ? > 0 THEN 'applying' ELSE 'applied' END,"
                            + " applied_at = COALESCE(applied_at, ?), applied_by = COALESCE(applied_by, ?)"
                            + " WHERE id = ? AND workspace_id = ? AND status = ?")
                    .params(queued, Timestamps.of(now), appliedBy, planId, workspaceId, PLANNED)
                    .update();
            return queued;
        });
    }

    /** Claims up to {@code limit} due items, oldest first; each is held for {@code lease}. */
    List<Work> claim(int limit, Duration lease) {
        Instant now = clock.instant();
        // More candidates than wanted: another worker may win some of them. One query per kind of
        // due item, so each can use an index (routing_items_due for waiting items): the single
        // query with OR scanned the items in id order past every item already done, a cost that
        // grew with the plan's size. The conditional UPDATE below still decides who gets an item.
        List<Long> candidates = new ArrayList<>(jdbc.sql("SELECT id FROM routing_items WHERE state IN ('pending',"
                        + " 'retrying') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT " + (limit * 4))
                .param(Timestamps.of(now))
                .query(Long.class)
                .list());
        candidates.addAll(jdbc.sql("SELECT id FROM routing_items WHERE state = 'sent' AND lease_until < ?"
                        + " ORDER BY lease_until, id LIMIT " + (limit * 4))
                .param(Timestamps.of(now))
                .query(Long.class)
                .list());
        List<Work> claimed = new ArrayList<>();
        for (long id : candidates) {
            if (claimed.size() >= limit) {
                break;
            }
            int won = jdbc.sql("UPDATE routing_items SET state = ?, lease_until = ?, attempts = attempts + 1,"
                            + " updated_at = ? WHERE id = ? AND " + DUE)
                    .params(
                            SENT,
                            Timestamps.of(now.plus(lease)),
                            Timestamps.of(now),
                            id,
                            Timestamps.of(now),
                            Timestamps.of(now))
                    .update();
            if (won == 1) {
                jdbc.sql("SELECT * FROM routing_items WHERE id = ?")
                        .param(id)
                        .query((rs, row) -> new Work(
                                id,
                                rs.getLong("plan_id"),
                                rs.getLong("workspace_id"),
                                item(rs, row),
                                json.readValue(rs.getString("payload"), Payload.class),
                                rs.getInt("attempts")))
                        .optional()
                        .ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    void done(long itemId, String outcome, Optional<String> dealRecordId, Optional<String> companyRecordId) {
        finish(itemId, DONE, null, outcome, dealRecordId, companyRecordId);
    }

    void rejected(long itemId, String reason) {
        finish(itemId, REJECTED, reason, "rejected: " + reason, Optional.empty(), Optional.empty());
    }

    void retrying(long itemId, Instant at, String error) {
        jdbc.sql("UPDATE routing_items SET state = ?, next_attempt_at = ?, lease_until = NULL, last_error = ?,"
                        + " updated_at = ? WHERE id = ? AND state = ?")
                .params(RETRYING, Timestamps.of(at), clip(error, 2000), Timestamps.of(clock.instant()), itemId, SENT)
                .update();
    }

    /** Like {@link #retrying}, but a 429 is Attio's pacing, not a failure: the attempt is not counted. */
    void rateLimited(long itemId, Instant at, String error) {
        jdbc.sql("UPDATE routing_items SET state = ?, next_attempt_at = ?, lease_until = NULL, last_error = ?,"
                        + " attempts = attempts - 1, updated_at = ? WHERE id = ? AND state = ?")
                .params(RETRYING, Timestamps.of(at), clip(error, 2000), Timestamps.of(clock.instant()), itemId, SENT)
                .update();
    }

    private void finish(
            long itemId,
            String state,
            String error,
            String outcome,
            Optional<String> dealRecordId,
            Optional<String> companyRecordId) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE routing_items SET state = ?, lease_until = NULL, last_error = COALESCE(?, last_error),"
                            + " outcome = ?, deal_record_id = COALESCE(?, deal_record_id),"
                            + " company_record_id = COALESCE(?, company_record_id), updated_at = ?"
                            + " WHERE id = ? AND state = ?")
                    .params(
                            state,
                            error == null ? null : clip(error, 2000),
                            clip(outcome, 2000),
                            dealRecordId.orElse(null),
                            companyRecordId.orElse(null),
                            Timestamps.of(now),
                            itemId,
                            SENT)
                    .update();
            // The plan is applied once none of its items waits any more.
            jdbc.sql("UPDATE routing_plans SET status = 'applied' WHERE status = 'applying' AND id ="
                            + " (SELECT plan_id FROM routing_items WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM"
                            + " routing_items i WHERE i.plan_id = routing_plans.id AND i.state IN"
                            + " ('pending', 'sent', 'retrying'))")
                    .param(itemId)
                    .update();
        });
    }

    /** Who a plan's writes are done for: who applied it (a person, or {@code auto-apply}). */
    String actorOf(long planId) {
        return jdbc.sql("SELECT COALESCE(applied_by, created_by) FROM routing_plans WHERE id = ?")
                .param(planId)
                .query(String.class)
                .optional()
                .orElse("beton");
    }

    /** Items per outbox state over every plan of the workspace. */
    Map<String, Long> stateCounts(long workspaceId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : List.of(PENDING, SENT, RETRYING, DONE, REJECTED)) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, count(*) AS n FROM routing_items WHERE workspace_id = ? AND state IN"
                        + " ('pending', 'sent', 'retrying', 'done', 'rejected') GROUP BY state")
                .param(workspaceId)
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }

    /** The latest error of an item that has not succeeded, for the status route and the page. */
    Optional<String> lastError(long workspaceId) {
        return jdbc.sql("SELECT last_error FROM routing_items WHERE workspace_id = ? AND last_error IS NOT NULL"
                        + " AND state IN ('retrying', 'rejected', 'sent') ORDER BY updated_at DESC, id DESC LIMIT 1")
                .param(workspaceId)
                .query(String.class)
                .optional();
    }

    private Plan plan(ResultSet rs, int row) throws SQLException {
        String warnings = rs.getString("warnings");
        return new Plan(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "as_of"),
                rs.getString("trigger_source"),
                rs.getString("created_by"),
                rs.getInt("threshold"),
                rs.getString("status"),
                rs.getInt("creates"),
                rs.getInt("updates"),
                rs.getInt("skips"),
                warnings == null || warnings.isBlank() ? List.of() : Arrays.asList(warnings.split("\n")),
                Timestamps.optionalInstant(rs, "applied_at"));
    }

    private Plan.Item item(ResultSet rs, int row) throws SQLException {
        return new Plan.Item(
                rs.getLong("id"),
                rs.getString("account_key"),
                rs.getString("account_name"),
                Optional.ofNullable(rs.getString("domain")),
                rs.getInt("score"),
                rs.getString("action"),
                rs.getString("reason"),
                rs.getString("beton_key"),
                Optional.ofNullable(rs.getString("company_record_id")),
                Optional.ofNullable(rs.getString("deal_record_id")),
                json.readValue(rs.getString("diff"), CHANGES),
                rs.getString("state"),
                rs.getInt("attempts"),
                Timestamps.optionalInstant(rs, "next_attempt_at"),
                Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getString("outcome")));
    }

    private static int count(List<NewItem> items, String action) {
        return (int) items.stream().filter(i -> i.action().equals(action)).count();
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
