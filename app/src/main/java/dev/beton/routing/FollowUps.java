package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioRecord;
import dev.beton.detection.AccountFollowUp;
import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The rep's side: "View in Attio" with the deal's stage and owner, and Done / Disqualify with a
 * reason. A marked account leaves the hot queue and is not routed again for the cooldown
 * ({@code beton.routing.reroute-after}, 30 days); after it, a still-hot account starts a new routing episode;
 * the mark is kept as a precision label for backtests, and told on the deal as a note.
 */
@Service
public class FollowUps implements AccountFollowUp {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    /** One mark. */
    public record Mark(
            String accountKey,
            String outcome,
            String reason,
            String note,
            String markedBy,
            Instant markedAt,
            Instant cooldownUntil) {}

    private final JdbcClient jdbc;
    private final DealStore deals;
    private final AttioLinks links;
    private final AttioCalls attio;
    private final AttioMembers members;
    private final Clock clock;
    private final Duration cooldown;

    FollowUps(
            JdbcClient jdbc,
            DealStore deals,
            AttioLinks links,
            AttioCalls attio,
            AttioMembers members,
            Clock clock,
            RoutingProperties properties) {
        this.members = members;
        this.cooldown = properties.rerouteAfter();
        this.jdbc = jdbc;
        this.deals = deals;
        this.links = links;
        this.attio = attio;
        this.clock = clock;
    }

    /**
     * Marks an account done or disqualified and, when Beton made its deal, adds a note to it.
     *
     * @return a sentence saying what happened (the note may fail without failing the mark)
     */
    public String mark(long workspaceId, String accountKey, String outcome, String reason, String note, String by) {
        String o = outcome == null ? "" : outcome.strip().toLowerCase(Locale.ROOT);
        if (!o.equals("done") && !o.equals("disqualified")) {
            throw ProblemException.badRequest("outcome must be 'done' or 'disqualified'.");
        }
        if (reason == null || !REASONS.contains(reason)) {
            throw ProblemException.badRequest("reason must be one of " + REASONS + ".");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > 2000) {
            throw ProblemException.badRequest("The note is longer than 2000 characters.");
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO routing_follow_ups (workspace_id, account_key, outcome, reason, note, marked_by,"
                        + " marked_at, cooldown_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        accountKey,
                        o,
                        reason,
                        text,
                        by,
                        Timestamps.of(now),
                        Timestamps.of(now.plus(cooldown)))
                .update();
        String said = "Marked " + o + " (" + reason + "); it leaves the hot queue until "
                + now.plus(cooldown).toString().substring(0, 10) + ".";
        Optional<DealStore.BetonDeal> deal = deals.latest(workspaceId, accountKey);
        Optional<Secret> token = links.token(workspaceId);
        if (deal.isPresent() && token.isPresent()) {
            String title = "Beton: marked " + o + " by " + by + " at " + now;
            String content =
                    "Marked **" + o + "** in Beton by " + by + ": " + reason + (text.isEmpty() ? "" : ". " + text)
                            + "\n\nBeton will not route this account again before " + now.plus(cooldown) + ".";
            try {
                attio.write(
                        token.get(),
                        new AttioCalls.Context(workspaceId, by, null, null, accountKey),
                        "POST /v2/notes on deal " + deal.get().dealRecordId() + " (" + o + ")",
                        c -> c.createNote(token.get(), "deals", deal.get().dealRecordId(), title, content));
                said += " The deal in Attio got a note.";
            } catch (RuntimeException e) {
                log.warn("The follow-up note for {} could not be written: {}", accountKey, e.getMessage());
                said += " The note on the deal could not be written (" + e.getMessage() + ").";
            }
        }
        return said;
    }

    /** The latest mark of an account whose cooldown has not ended. */
    public Optional<Mark> current(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT * FROM routing_follow_ups WHERE workspace_id = ? AND account_key = ?"
                        + " AND cooldown_until > ? ORDER BY marked_at DESC, id DESC LIMIT 1")
                .params(workspaceId, accountKey, Timestamps.of(clock.instant()))
                .query((rs, row) -> mark(rs))
                .optional();
    }

    /** The account's latest mark, its cooldown over or not: a mark after a deal ends that deal's episode. */
    Optional<Mark> last(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT * FROM routing_follow_ups WHERE workspace_id = ? AND account_key = ?"
                        + " ORDER BY marked_at DESC, id DESC LIMIT 1")
                .params(workspaceId, accountKey)
                .query((rs, row) -> mark(rs))
                .optional();
    }

    private static Mark mark(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Mark(
                rs.getString("account_key"),
                rs.getString("outcome"),
                rs.getString("reason"),
                rs.getString("note"),
                rs.getString("marked_by"),
                Timestamps.instant(rs, "marked_at"),
                Timestamps.instant(rs, "cooldown_until"));
    }

    @Override
    public Set<String> parked(long workspaceId) {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT account_key FROM routing_follow_ups WHERE workspace_id = ?"
                        + " AND cooldown_until > ?")
                .params(workspaceId, Timestamps.of(clock.instant()))
                .query(String.class)
                .list());
    }

    @Override
    public java.util.Map<String, String> dealLinks(long workspaceId) {
        java.util.Map<String, String> links = new java.util.HashMap<>();
        jdbc.sql("SELECT account_key, web_url FROM routing_deals WHERE workspace_id = ? AND web_url IS NOT NULL"
                        + " ORDER BY account_key, episode")
                .param(workspaceId)
                .query(rs -> {
                    // The latest episode's deal comes last and wins.
                    links.put(rs.getString("account_key"), rs.getString("web_url"));
                });
        return links;
    }

    @Override
    public Optional<String> lastSkip(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT i.action, i.reason FROM routing_items i WHERE i.workspace_id = ? AND i.account_key = ?"
                        + " ORDER BY i.plan_id DESC, i.id DESC LIMIT 1")
                .params(workspaceId, accountKey)
                .query((rs, n) -> "skip".equals(rs.getString("action")) ? rs.getString("reason") : null)
                .optional();
    }

    @Override
    public Optional<Deal> deal(long workspaceId, String accountKey) {
        Optional<DealStore.BetonDeal> ours = deals.latest(workspaceId, accountKey);
        if (ours.isEmpty() || ours.get().webUrl().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> stage = Optional.empty();
        Optional<String> owner = Optional.empty();
        Optional<Secret> token = links.token(workspaceId);
        if (token.isPresent()) {
            try {
                AttioRecord record = attio.read(
                        token.get(),
                        c -> c.record(token.get(), "deals", ours.get().dealRecordId()));
                stage = record.text("stage");
                owner = record.actor("owner");
                deals.seen(workspaceId, record.id(), stage, owner);
            } catch (RuntimeException e) {
                // The link still works; stage and owner show as unknown.
            }
        }
        return Optional.of(new Deal(ours.get().webUrl().get(), stage, owner, members.name(workspaceId, owner)));
    }
}
