package dev.beton.cdp;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * Seed 000's question "feature adoption for companies with > $100K deal value", on the embedded
 * store: the companies whose Attio deals (open + won) exceed the value <em>as of</em> the instant
 * (the CRM version valid then, from {@code crm_company_history}), and for each product event
 * (feature) how many of them used it in the days before. The same SQL is in docs/CDP-SYNC.md.
 * Public for the explorer's one-click preset (issue 17).
 */
@Component
public class FeatureAdoption {

    /** The query, with the company group's slot spliced in (an integer 0–4, never user text). */
    static final String SQL = """
            WITH big AS (
                SELECT company_key FROM crm_company_history
                WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
                  AND NOT deleted AND open_deal_value + won_deal_value > ?
            ), used AS (
                SELECT event, "$group_%d" AS company_key FROM events
                WHERE timestamp >= ? AND timestamp < ? AND "$group_%d" IS NOT NULL AND event NOT LIKE '$%%'
            )
            SELECT u.event AS feature, count(DISTINCT u.company_key) AS companies,
                   (SELECT count(*) FROM big) AS of_companies
            FROM used u JOIN big b USING (company_key)
            GROUP BY u.event ORDER BY companies DESC, feature LIMIT 20
            """;

    /** One feature (product event) and the share of the big companies that used it. */
    public record Row(String feature, long companies, double share) {}

    public record Answer(Instant asOf, int companies, String sql, List<Row> rows) {}

    private final EmbeddedWarehouse warehouse;
    private final Clock clock;

    FeatureAdoption(EmbeddedWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /**
     * @param asOfOrNull the instant to ask as of; null for now
     */
    public Answer run(long workspaceId, double minDealValue, int days, Instant asOfOrNull) {
        Instant asOf = asOfOrNull == null ? clock.instant() : asOfOrNull;
        return warehouse.read(workspaceId, connection -> {
            OptionalInt slot = companySlot(connection);
            int companies = bigCompanies(connection, asOf, minDealValue);
            if (slot.isEmpty()) {
                return new Answer(asOf, companies, "", List.of());
            }
            String sql = SQL.formatted(slot.getAsInt(), slot.getAsInt());
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, utc(asOf));
                statement.setObject(2, utc(asOf));
                statement.setDouble(3, minDealValue);
                statement.setObject(4, utc(asOf.minus(Duration.ofDays(days))));
                statement.setObject(5, utc(asOf));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long used = rs.getLong("companies");
                        long of = rs.getLong("of_companies");
                        rows.add(new Row(rs.getString("feature"), used, of == 0 ? 0 : (double) used / of));
                    }
                }
            }
            return new Answer(asOf, companies, sql, rows);
        });
    }

    private static int bigCompanies(Connection connection, Instant asOf, double minDealValue) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM crm_company_history"
                + " WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) AND NOT deleted"
                + " AND open_deal_value + won_deal_value > ?")) {
            statement.setObject(1, utc(asOf));
            statement.setObject(2, utc(asOf));
            statement.setDouble(3, minDealValue);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static OptionalInt companySlot(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT group_type_index FROM group_types WHERE group_type = ?")) {
            statement.setString(1, CompanyGroupType.NAME);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
