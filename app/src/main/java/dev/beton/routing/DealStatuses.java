package dev.beton.routing;

import dev.beton.crm.DealStatusLookup;
import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link DealStatusLookup} from {@code routing_deals}: one query for a whole page, no Attio call. */
@Service
class DealStatuses implements DealStatusLookup {

    private final JdbcClient jdbc;
    private final AttioMembers members;

    DealStatuses(JdbcClient jdbc, AttioMembers members) {
        this.jdbc = jdbc;
        this.members = members;
    }

    @Override
    public Map<String, DealStatus> statuses(long workspaceId) {
        Map<String, DealStatus> statuses = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? ORDER BY account_key, episode")
                .param(workspaceId)
                .query((rs, row) -> status(rs, Map.<String, String>of()))
                .list()
                // The latest episode comes last per account and wins.
                .forEach(s -> statuses.put(s.accountKey(), s));
        if (statuses.isEmpty()) {
            return statuses;
        }
        Map<String, String> names = members.names(workspaceId);
        statuses.replaceAll((key, s) -> named(s, names));
        return statuses;
    }

    @Override
    public Optional<DealStatus> status(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? AND account_key = ?"
                        + " ORDER BY episode DESC, created_at DESC LIMIT 1")
                .params(workspaceId, accountKey)
                .query((rs, row) -> status(rs, Map.<String, String>of()))
                .optional()
                .map(s -> named(s, members.names(workspaceId)));
    }

    private static DealStatus named(DealStatus s, Map<String, String> names) {
        return new DealStatus(
                s.accountKey(),
                s.dealRecordId(),
                s.webUrl(),
                s.stage(),
                s.owner(),
                s.owner().map(names::get),
                s.seenAt(),
                s.episode(),
                s.closed());
    }

    private static DealStatus status(ResultSet rs, Map<String, String> names) throws SQLException {
        return new DealStatus(
                rs.getString("account_key"),
                rs.getString("deal_record_id"),
                Optional.ofNullable(rs.getString("web_url")),
                Optional.ofNullable(rs.getString("attio_stage")),
                Optional.ofNullable(rs.getString("attio_owner")),
                Optional.ofNullable(rs.getString("attio_owner")).map(names::get),
                Timestamps.optionalInstant(rs, "attio_seen_at"),
                rs.getInt("episode"),
                rs.getObject("closed_at") != null);
    }
}
