package dev.beton.backtest;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What a backtest reads from a workspace's warehouse besides the signal queries: the deals of the
 * CRM mirror ({@code crm_deals}, whoever created them), the accounts seen and the first event.
 */
@Component
public class CrmMirror {

    private final EmbeddedWarehouse warehouse;

    CrmMirror(EmbeddedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    public List<Deal> deals(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            List<Deal> deals = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT deal_id, account_key, lead_source, stage, amount, created_at, closed_at"
                                    + " FROM crm_deals ORDER BY created_at, deal_id")) {
                while (rows.next()) {
                    deals.add(new Deal(
                            rows.getString("deal_id"),
                            rows.getString("account_key"),
                            rows.getString("lead_source"),
                            rows.getString("stage"),
                            rows.getBigDecimal("amount"),
                            utc(rows.getTimestamp("created_at")),
                            Optional.ofNullable(rows.getTimestamp("closed_at")).map(CrmMirror::utc)));
                }
            }
            return deals;
        });
    }

    OptionalInt companyIndex(long workspaceId) {
        Map<Integer, String> types = warehouse.read(workspaceId, connection -> {
            Map<Integer, String> found = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
                while (rows.next()) {
                    found.put(rows.getInt(1), rows.getString(2));
                }
            }
            return found;
        });
        return CompanyGroupType.indexIn(types);
    }

    /** Accounts with an event before {@code end}. */
    Set<String> accountsSeen(long workspaceId, int companyIndex, Instant end) {
        String column = "\"$group_" + companyIndex + "\"";
        return warehouse.read(workspaceId, connection -> {
            Set<String> accounts = new TreeSet<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT " + column
                    + " FROM events WHERE timestamp < ? AND coalesce(" + column + ", '') != ''")) {
                statement.setObject(1, LocalDateTime.ofInstant(end, ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        accounts.add(rows.getString(1));
                    }
                }
            }
            return accounts;
        });
    }

    Optional<Instant> firstEvent(long workspaceId) {
        return warehouse.read(workspaceId, connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT min(timestamp) FROM events")) {
                rows.next();
                return Optional.ofNullable(rows.getTimestamp(1)).map(CrmMirror::utc);
            }
        });
    }

    private static Instant utc(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
