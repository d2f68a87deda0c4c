package dev.beton.accounts;

import dev.beton.events.DailyCount;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/** One account's events per day, from its workspace's warehouse, for the usage chart. */
@Component
class AccountUsage {

    private final EmbeddedWarehouse warehouse;

    AccountUsage(EmbeddedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Events per UTC day over the {@code days} days before {@code asOf}, oldest first, gaps as 0. */
    List<DailyCount> perDay(long workspaceId, String accountKey, int days, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
            LocalDateTime end = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
            LocalDate first = end.toLocalDate().minusDays(days - 1L);
            Map<LocalDate, Long> counts = new HashMap<>();
            if (index.isPresent()) {
                String column = "\"$group_" + index.getAsInt() + "\"";
                try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(timestamp AS DATE) AS day,"
                        + " count(*) FROM events WHERE " + column + " = ? AND timestamp >= ? AND timestamp < ?"
                        + " AND event <> 'beton_signal_fired' GROUP BY 1")) {
                    statement.setString(1, accountKey);
                    statement.setObject(2, first.atStartOfDay());
                    statement.setObject(3, end);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            counts.put(rows.getObject(1, LocalDate.class), rows.getLong(2));
                        }
                    }
                }
            }
            List<DailyCount> series = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
                series.add(new DailyCount(day, counts.getOrDefault(day, 0L)));
            }
            return series;
        });
    }

    /** Whether the company group exists or any event carries this account. */
    boolean exists(long workspaceId, String accountKey) {
        return warehouse.read(workspaceId, connection -> {
            OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
            if (index.isEmpty()) {
                return false;
            }
            String column = "\"$group_" + index.getAsInt() + "\"";
            try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM groups WHERE"
                    + " group_type_index = ? AND group_key = ?) OR EXISTS (SELECT 1 FROM events WHERE " + column
                    + " = ?)")) {
                statement.setInt(1, index.getAsInt());
                statement.setString(2, accountKey);
                statement.setString(3, accountKey);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getBoolean(1);
                }
            }
        });
    }

    /** The company group's {@code name} property, empty when the group or the name is missing. */
    java.util.Optional<String> name(long workspaceId, String accountKey) {
        return warehouse.read(workspaceId, connection -> {
            OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
            if (index.isEmpty()) {
                return java.util.Optional.<String>empty();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT json_extract_string(properties,"
                    + " '$.name') FROM groups WHERE group_type_index = ? AND group_key = ?")) {
                statement.setInt(1, index.getAsInt());
                statement.setString(2, accountKey);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next()
                            ? java.util.Optional.ofNullable(rows.getString(1)).filter(n -> !n.isBlank())
                            : java.util.Optional.<String>empty();
                }
            }
        });
    }

    private static Map<Integer, String> groupTypes(java.sql.Connection connection) throws java.sql.SQLException {
        Map<Integer, String> types = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (rows.next()) {
                types.put(rows.getInt(1), rows.getString(2));
            }
        }
        return types;
    }
}
