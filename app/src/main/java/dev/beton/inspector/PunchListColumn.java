package dev.beton.inspector;

import dev.beton.inspector.InspectionRule.Level;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of a punch list, in seed 003's order for each level. The same list drives the page's
 * table, its sorting, and the CSV export, so they cannot drift apart.
 */
public enum PunchListColumn {
    SCORE("score", "Score", null, false, Finding::score),
    USER_ID("user_id", "User ID", Level.USER, true, Finding::userId),
    EMAIL("email", "Email", Level.USER, true, Finding::email),
    ACCOUNT_ID("account_id", "Account ID", Level.ACCOUNT, true, Finding::accountId),
    NAME("name", "Name", null, true, Finding::name),
    DOMAIN("domain", "Domain", Level.ACCOUNT, true, Finding::domain),
    SEGMENT("segment", "Segment", Level.ACCOUNT, true, Finding::segment),
    ARR("arr", "ARR", Level.ACCOUNT, false, Finding::arr),
    EVENT_COUNT("event_count", "Event count", null, false, Finding::eventCount),
    DISTINCT_EVENTS("distinct_events", "Distinct events", Level.USER, false, Finding::distinctEvents),
    ACTIVE_USERS("active_users", "Active users", Level.ACCOUNT, false, Finding::activeUsers),
    ACTIVE_DAYS("active_days", "Active days", null, false, Finding::activeDays),
    DAYS_SINCE_LAST_EVENT("days_since_last_event", "Days since last event", null, false, Finding::daysSinceLastEvent),
    LAST_SEEN("last_seen", "Last seen", null, false, Finding::lastSeen);

    private final String key;
    private final String header;
    private final Level only;
    private final boolean text;
    private final Function<Finding, Object> value;

    PunchListColumn(String key, String header, Level only, boolean text, Function<Finding, Object> value) {
        this.key = key;
        this.header = header;
        this.only = only;
        this.text = text;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String header() {
        return header;
    }

    /** Whether the value comes from event or group data as text (and so may carry a formula). */
    public boolean text() {
        return text;
    }

    public Object valueOf(Finding finding) {
        return value.apply(finding);
    }

    /** The value as shown on the page and in the CSV: numbers plainly, scores with two decimals. */
    public String format(Finding finding) {
        Object v = valueOf(finding);
        return switch (v) {
            case null -> "";
            case Double d when this == SCORE -> String.format(Locale.ROOT, "%.2f", d);
            case Double d when d == Math.rint(d) -> Long.toString(d.longValue());
            default -> v.toString();
        };
    }

    public static List<PunchListColumn> of(Level level) {
        return Arrays.stream(values())
                .filter(c -> c.only == null || c.only == level)
                .toList();
    }

    public static Optional<PunchListColumn> byKey(String key) {
        return Arrays.stream(values())
                .filter(c -> c.key.equalsIgnoreCase(key == null ? "" : key.strip()))
                .findFirst();
    }

    /** Nulls last in either direction; ties keep the rank order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<Finding> order(boolean descending) {
        Comparator<Comparable> natural = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Finding> byValue = Comparator.comparing(f -> (Comparable) valueOf(f), Comparator.nullsLast(natural));
        return byValue.thenComparingInt(Finding::rank);
    }
}
