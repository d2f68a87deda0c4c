package dev.beton.routing;

import dev.beton.backtest.OutcomeLabels;
import dev.beton.store.Timestamps;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reps' Done / Disqualify marks as the backtest's negative labels: an account a rep set aside
 * counts against the signals that surfaced it, at the instant it was marked.
 */
@Component
class FollowUpLabels implements OutcomeLabels {

    private final JdbcClient jdbc;

    FollowUpLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Label> negatives(long workspaceId) {
        return jdbc.sql("SELECT account_key, outcome, marked_at FROM routing_follow_ups WHERE workspace_id = ?"
                        + " ORDER BY marked_at")
                .param(workspaceId)
                .query((rs, row) -> new Label(
                        rs.getString("account_key"), rs.getString("outcome"), Timestamps.instant(rs, "marked_at")))
                .list();
    }
}
