package dev.beton.bizevents;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gate of the executive section and its audit log: only admins and executives read executive
 * data, and every read they make (summary, export, page, live refresh, alerts) is written down
 * with who, what and when before the data is returned.
 */
@Repository
class ExecutiveAccessLog {

    /** One read of executive data. */
    record Entry(long id, long userId, String who, String role, String what, Instant at) {}

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;

    ExecutiveAccessLog(JdbcClient jdbc, Users users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Lets the read through and logs it, or refuses a caller who is neither admin nor executive.
     *
     * @param what the read, e.g. {@code GET /api/v1/executive-summary days=30 tenant=acme}
     */
    void read(CurrentWorkspace current, String what) {
        if (!current.seesExecutive()) {
            throw ProblemException.forbidden(
                    "The executive section is for admins and executives of this workspace; ask an admin for the"
                            + " executive role.");
        }
        String who = users.byId(current.userId()).map(u -> u.email()).orElse("user " + current.userId());
        jdbc.sql("INSERT INTO executive_access_log (workspace_id, user_id, who, role, what, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        current.id(),
                        current.userId(),
                        Alerts.clip(who, 320),
                        current.role().name().toLowerCase(Locale.ROOT),
                        Alerts.clip(what, 500),
                        Timestamps.of(clock.instant()))
                .update();
    }

    List<Entry> since(long workspaceId, Instant since, int limit) {
        return jdbc.sql("SELECT * FROM executive_access_log WHERE workspace_id = ? AND at >= ? ORDER BY at DESC, id"
                        + " DESC LIMIT " + Math.max(1, Math.min(limit, 100_000)))
                .params(workspaceId, Timestamps.of(since))
                .query((rs, n) -> new Entry(
                        rs.getLong("id"),
                        rs.getLong("user_id"),
                        rs.getString("who"),
                        rs.getString("role"),
                        rs.getString("what"),
                        Timestamps.instant(rs, "at")))
                .list();
    }

    /** A read's description: the route and the parameters that shape what was seen. */
    static String describe(String route, Object... nameValues) {
        StringBuilder what = new StringBuilder(route);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                what.append(' ').append(nameValues[i]).append('=').append(nameValues[i + 1]);
            }
        }
        return what.toString();
    }
}
