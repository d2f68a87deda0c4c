package dev.beton.plays;

import dev.beton.crm.DealStatusLookup;
import dev.beton.detection.AccountSignals;
import dev.beton.detection.SignalHistory;
import dev.beton.enrichment.AccountEnrichment;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.signals.CompanyGroupType;
import dev.beton.signals.ScoreReceipt;
import dev.beton.web.ProblemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Gathers an account's {@link PlayFacts} from the signal history, the event store, enrichment and the CRM mirror. */
@Component
class PlayFactsReader {

    static final int CHAMPIONS = 3;

    private final SignalHistory history;
    private final EmbeddedWarehouse warehouse;
    private final AccountEnrichment enrichment;
    private final ObjectProvider<DealStatusLookup> deals;

    PlayFactsReader(
            SignalHistory history,
            EmbeddedWarehouse warehouse,
            AccountEnrichment enrichment,
            ObjectProvider<DealStatusLookup> deals) {
        this.history = history;
        this.warehouse = warehouse;
        this.enrichment = enrichment;
        this.deals = deals;
    }

    /** The facts as of {@code asOf}; a 404 problem when the workspace knows nothing of the account. */
    PlayFacts read(long workspaceId, String accountKey, Instant asOf) {
        Optional<AccountSignals> signals = history.account(workspaceId, accountKey);
        Activity activity = activity(workspaceId, accountKey, asOf);
        if (signals.isEmpty() && !activity.exists()) {
            throw ProblemException.notFound("There is no account '" + accountKey + "' in this workspace.");
        }
        DealStatusLookup lookup = deals.getIfAvailable();
        return new PlayFacts(
                accountKey,
                activity.name().orElse(accountKey),
                asOf,
                signals.flatMap(PlayFactsReader::score),
                signals.flatMap(AccountSignals::receipt)
                        .map(PlayFactsReader::signals)
                        .orElse(List.of()),
                activity.last7(),
                activity.prev7(),
                activity.champions(),
                enrichment.of(workspaceId, accountKey),
                lookup == null ? Optional.empty() : lookup.status(workspaceId, accountKey));
    }

    private static Optional<PlayFacts.Score> score(AccountSignals s) {
        return s.score()
                .scoredAsOf()
                .map(at -> new PlayFacts.Score(s.score().score(), s.score().hot(), at, s.explanation()));
    }

    private static List<PlayFacts.Signal> signals(ScoreReceipt receipt) {
        return receipt.lines().stream()
                .map(l -> new PlayFacts.Signal(
                        l.type(), l.status() == ScoreReceipt.Status.FIRED, l.points(), l.evidence()))
                .sorted(Comparator.comparingInt(PlayFacts.Signal::points)
                        .reversed()
                        .thenComparing(s -> s.type().key()))
                .toList();
    }

    private record Activity(
            boolean exists, Optional<String> name, long last7, long prev7, List<PlayFacts.Champion> champions) {}

    private Activity activity(long workspaceId, String accountKey, Instant asOf) {
        return warehouse.read(workspaceId, connection -> {
            OptionalInt index = CompanyGroupType.indexIn(groupTypes(connection));
            if (index.isEmpty()) {
                return new Activity(false, Optional.empty(), 0, 0, List.of());
            }
            String column = "\"$group_" + index.getAsInt() + "\"";
            Optional<String> name = name(connection, index.getAsInt(), accountKey);
            String activity = " AND event NOT IN ('beton_signal_fired', '$identify', '$groupidentify')";
            long last7 = count(connection, column, accountKey, asOf.minus(Duration.ofDays(7)), asOf, activity);
            long prev7 = count(
                    connection,
                    column,
                    accountKey,
                    asOf.minus(Duration.ofDays(14)),
                    asOf.minus(Duration.ofDays(7)),
                    activity);
            List<PlayFacts.Champion> champions = champions(connection, column, accountKey, asOf, activity);
            boolean exists = name.isPresent()
                    || !champions.isEmpty()
                    || last7 + prev7 > 0
                    || count(connection, column, accountKey, Instant.EPOCH, asOf, activity) > 0;
            return new Activity(exists, name, last7, prev7, champions);
        });
    }

    private static long count(
            Connection connection, String column, String key, Instant from, Instant to, String activity)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM events WHERE " + column
                + " = ? AND timestamp >= ? AND timestamp < ?" + activity)) {
            s.setString(1, key);
            s.setObject(2, utc(from));
            s.setObject(3, utc(to));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<PlayFacts.Champion> champions(
            Connection connection, String column, String key, Instant asOf, String activity) throws SQLException {
        String sql = "SELECT e.distinct_id, count(*) AS n, count(DISTINCT CAST(e.timestamp AS DATE)) AS days,"
                + " json_extract_string(any_value(p.properties), '$.email') AS email FROM events e"
                + " LEFT JOIN person_distinct_ids d ON d.distinct_id = e.distinct_id LEFT JOIN persons p ON p.id ="
                + " d.person_id WHERE e." + column + " = ? AND e.timestamp >= ? AND e.timestamp < ?"
                + activity.replace("event", "e.event") + " GROUP BY e.distinct_id ORDER BY n DESC, e.distinct_id"
                + " LIMIT " + CHAMPIONS;
        List<PlayFacts.Champion> champions = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, key);
            s.setObject(2, utc(asOf.minus(Duration.ofDays(30))));
            s.setObject(3, utc(asOf));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    champions.add(new PlayFacts.Champion(
                            rs.getString(1),
                            Optional.ofNullable(rs.getString("email")),
                            rs.getLong("n"),
                            rs.getLong("days")));
                }
            }
        }
        return champions;
    }

    private static Optional<String> name(Connection connection, int index, String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT coalesce(json_extract_string(properties,"
                + " '$.name'), group_key) FROM groups WHERE group_type_index = ? AND group_key = ?")) {
            s.setInt(1, index);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).filter(n -> !n.isBlank()) : Optional.empty();
            }
        }
    }

    private static Map<Integer, String> groupTypes(Connection connection) throws SQLException {
        Map<Integer, String> types = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_type_index, group_type FROM group_types")) {
            while (rows.next()) {
                types.put(rows.getInt(1), rows.getString(2));
            }
        }
        return types;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
