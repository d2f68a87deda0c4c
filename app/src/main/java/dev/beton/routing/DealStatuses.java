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

    DealStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, DealStatus> statuses(long workspaceId) {
        Map<String, DealStatus> statuses = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? ORDER BY account_key, episode")
                .param(workspaceId)
                .query((rs, row) -> status(rs))
                .list()
                // The latest episode comes last per account and wins.
                .forEach(s -> statuses.put(s.accountKey(), s));
        return statuses;
    }

    @Override
    public Optional<DealStatus> status(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? AND account_key = ?"
                        + " ORDER BY episode DESC, created_at DESC LIMIT 1")
                .params(workspaceId, accountKey)
                .query((rs, row) -> status(rs))
                .optional();
    }

    private static DealStatus status(ResultSet rs) throws SQLException {
        return new DealStatus(
                rs.getString("account_key"),
                rs.getString("deal_record_id"),
                Optional.ofNullable(rs.getString("web_url")),
                Optional.ofNullable(rs.getString("attio_stage")),
                Optional.ofNullable(rs.getString("attio_owner")),
                Timestamps.optionalInstant(rs, "attio_seen_at"),
                rs.getInt("episode"),
                rs.getObject("closed_at") != null);
    }
}
