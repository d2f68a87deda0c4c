package dev.beton.explorer;

import dev.beton.enrichment.Firmographics;
import dev.beton.events.browse.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The explorer's tables as CSV, one line per row, every column the table has (see {@link SafeCsv}). */
final class ExplorerCsv {

    private ExplorerCsv() {}

    static String accounts(List<ExplorerTables.AccountRow> rows) {
        List<List<Object>> lines = new ArrayList<>();
        for (ExplorerTables.AccountRow r : rows) {
            Optional<Firmographics> f = r.enrichment();
            lines.add(List.of(
                    r.key(),
                    r.name(),
                    r.score(),
                    r.hot() ? "hot" : "",
                    r.events(),
                    r.activeUsers(),
                    r.lastSeen().map(Object::toString).orElse(""),
                    f.flatMap(Firmographics::industry).orElse(""),
                    f.flatMap(Firmographics::employeeRange).orElse(""),
                    f.flatMap(Firmographics::arrUsd).map(Object.class::cast).orElse(""),
                    f.flatMap(Firmographics::location).orElse(""),
                    f.flatMap(Firmographics::owner).orElse(""),
                    f.map(x -> x.source().label()).orElse("")));
        }
        return SafeCsv.of(
                List.of(
                        "account_key",
                        "name",
                        "score",
                        "hot",
                        "events",
                        "active_users_30d",
                        "last_seen",
                        "industry",
                        "employee_range",
                        "arr_usd",
                        "location",
                        "owner",
                        "enrichment_source"),
                lines);
    }

    static String users(List<ExplorerStore.UserActivity> rows) {
        List<List<Object>> lines = new ArrayList<>();
        for (ExplorerStore.UserActivity u : rows) {
            lines.add(List.of(
                    u.distinctId(),
                    u.email().orElse(""),
                    u.name().orElse(""),
                    u.account().orElse(""),
                    u.events(),
                    u.distinctEvents(),
                    u.activeDays(),
                    u.firstSeen().toString(),
                    u.lastSeen().toString()));
        }
        return SafeCsv.of(
                List.of(
                        "distinct_id",
                        "email",
                        "name",
                        "account_key",
                        "events",
                        "distinct_events",
                        "active_days",
                        "first_seen",
                        "last_seen"),
                lines);
    }

    static String events(List<StoredEvent> events) {
        List<List<Object>> lines = new ArrayList<>();
        for (StoredEvent e : events) {
            lines.add(List.of(
                    e.timestamp().toString(),
                    e.event(),
                    e.distinctId(),
                    String.join(";", e.groups().values()),
                    e.uuid().toString(),
                    e.properties().toString()));
        }
        return SafeCsv.of(List.of("timestamp", "event", "distinct_id", "groups", "uuid", "properties"), lines);
    }
}
