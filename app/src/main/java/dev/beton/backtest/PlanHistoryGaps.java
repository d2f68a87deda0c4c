package dev.beton.backtest;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.EventMapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How many companies a strict backtest cannot judge for limit approaching and trial expiring: they
 * have a plan limit (or a trial end) in their present-day group properties, but no {@code
 * $groupidentify} recorded one before the backtest's last day — e.g. the properties were set
 * through PostHog's groups API, which keeps no history. A replay reads them as unknown
 * (docs/BACKTESTING.md §1), so an analyst must know how many accounts that silences.
 */
@Component
public class PlanHistoryGaps {

    /**
     * @param planLimitNow companies with a plan limit in their group properties today
     * @param planLimitUnrecorded of those, the ones no {@code $groupidentify} named it for before the end
     * @param trialEndNow companies with a trial end today
     * @param trialEndUnrecorded of those, the ones without a recorded trial end before the end
     */
    // Public for the page template (SpEL reads it by reflection).
    public record Gaps(long planLimitNow, long planLimitUnrecorded, long trialEndNow, long trialEndUnrecorded) {

        public boolean any() {
            return planLimitUnrecorded > 0 || trialEndUnrecorded > 0;
        }
    }

    private final EmbeddedWarehouse warehouse;
    private final CrmMirror crm;

    PlanHistoryGaps(EmbeddedWarehouse warehouse, CrmMirror crm) {
        this.warehouse = warehouse;
        this.crm = crm;
    }

    /** Empty when the workspace has no company group type (no backtest can judge any account then). */
    Optional<Gaps> of(long workspaceId, EventMapping events, Instant end) {
        var companyIndex = crm.companyIndex(workspaceId);
        if (companyIndex.isEmpty()) {
            return Optional.empty();
        }
        // Property names are validated (PropertyName) before settings are saved, and bound as JSON
        // paths all the same.
        String sql = "WITH now AS ("
                + "  SELECT group_key,"
                + "    coalesce(json_extract_string(properties, ?), '') != '' AS has_limit,"
                + "    coalesce(json_extract_string(properties, ?), '') != '' AS has_trial"
                + "  FROM groups WHERE group_type_index = ?),"
                + " recorded AS ("
                + "  SELECT json_extract_string(properties, '$.\"$group_key\"') AS group_key,"
                + "    bool_or(json_exists(properties, ?)) AS limit_recorded,"
                + "    bool_or(json_exists(properties, ?)) AS trial_recorded"
                + "  FROM events WHERE event = '$groupidentify' AND timestamp < ?"
                + "    AND json_extract_string(properties, '$.\"$group_type\"')"
                + "      = (SELECT group_type FROM group_types WHERE group_type_index = ?)"
                + "  GROUP BY 1)"
                + " SELECT count(*) FILTER (WHERE has_limit),"
                + "  count(*) FILTER (WHERE has_limit AND NOT coalesce(limit_recorded, false)),"
                + "  count(*) FILTER (WHERE has_trial),"
                + "  count(*) FILTER (WHERE has_trial AND NOT coalesce(trial_recorded, false))"
                + " FROM now LEFT JOIN recorded USING (group_key)";
        return Optional.of(warehouse.read(workspaceId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, path(events.planLimitProperty()));
                statement.setString(2, path(events.trialEndProperty()));
                statement.setInt(3, companyIndex.getAsInt());
                statement.setString(4, "$.\"$group_set\"." + quoted(events.planLimitProperty()));
                statement.setString(5, "$.\"$group_set\"." + quoted(events.trialEndProperty()));
                statement.setObject(6, LocalDateTime.ofInstant(end, ZoneOffset.UTC));
                statement.setInt(7, companyIndex.getAsInt());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return new Gaps(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
                }
            }
        }));
    }

    private static String path(String property) {
        return "$." + quoted(property);
    }

    private static String quoted(String property) {
        return "\"" + property.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
