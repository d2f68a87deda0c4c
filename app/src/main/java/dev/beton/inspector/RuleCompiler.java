package dev.beton.inspector;

import static dev.beton.query.Expressions.and;
import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.dateDiffDays;
import static dev.beton.query.Expressions.distinctCount;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.ge;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.le;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.ne;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.personProperty;
import static dev.beton.query.Expressions.within;

import dev.beton.query.Expr;
import dev.beton.query.Expr.OrderItem;
import dev.beton.query.PropertyName;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a rule to Beton's query model, so that every dialect (DuckDB, HogQL, and any dialect
 * added later) renders the same rule: one aggregate per entity over the rule's window, the
 * conditions on aggregates in HAVING. The score is not part of the query: {@code ln} is not a node
 * of the model, and computing it in Java keeps it identical on every source.
 *
 * <p>Active days are the distinct whole-day distances of events from the as-of instant, which is
 * the number of distinct UTC calendar days with an event, expressed with nodes every dialect has.
 */
public final class RuleCompiler {

    /** Findings a run reads at most; HogQL would otherwise stop at its default of 100 rows. */
    public static final int MAX_FINDINGS = 10_000;

    static final String ENTITY = "entity_id";
    static final String EMAIL = "email";
    static final String NAME = "name";
    static final String DOMAIN = "domain";
    static final String SEGMENT = "segment";
    static final String PLAN = "plan";
    static final String ARR = "arr";
    static final String MRR = "mrr";
    static final String EVENT_COUNT = "event_count";
    static final String DISTINCT_EVENTS = "distinct_events";
    static final String ACTIVE_DAYS = "active_days";
    static final String ACTIVE_USERS = "active_users";
    static final String LAST_SEEN = "last_seen";
    static final String DAYS_SINCE_LAST_EVENT = "days_since_last_event";

    /** Group identification is bookkeeping, not activity; a rule that names it still counts it. */
    static final String GROUP_IDENTIFY = "$groupidentify";

    private RuleCompiler() {}

    /**
     * @param companyIndex the company group type's index on the source (account-level rules only)
     */
    public static Query compile(InspectionRule rule, int companyIndex) {
        InspectionRule.Conditions conditions = rule.conditions();
        boolean accounts = rule.level() == InspectionRule.Level.ACCOUNT;
        Expr timestamp = column("timestamp");
        Expr entity = accounts ? groupKey(companyIndex) : column("distinct_id");

        Expr eventCount = count();
        Expr distinctEvents = distinctCount(column("event"));
        Expr activeDays = distinctCount(dateDiffDays(timestamp, asOf()));
        Expr lastSeen = max(timestamp);
        Expr daysSince = dateDiffDays(max(timestamp), asOf());
        Expr activeUsers = distinctCount(column("distinct_id"));

        List<SelectItem> items = new ArrayList<>();
        items.add(SelectItem.of(entity, ENTITY));
        if (accounts) {
            items.add(SelectItem.of(max(groupProperty(companyIndex, "name")), NAME));
            items.add(SelectItem.of(max(groupProperty(companyIndex, "domain")), DOMAIN));
            items.add(SelectItem.of(max(groupProperty(companyIndex, "segment")), SEGMENT));
            items.add(SelectItem.of(max(groupProperty(companyIndex, "plan")), PLAN));
            items.add(SelectItem.of(max(groupProperty(companyIndex, "arr")), ARR));
            items.add(SelectItem.of(max(groupProperty(companyIndex, "mrr")), MRR));
        } else {
            items.add(SelectItem.of(max(personProperty("email")), EMAIL));
            items.add(SelectItem.of(max(personProperty("name")), NAME));
        }
        items.add(SelectItem.of(eventCount, EVENT_COUNT));
        items.add(SelectItem.of(distinctEvents, DISTINCT_EVENTS));
        items.add(SelectItem.of(activeDays, ACTIVE_DAYS));
        if (accounts) {
            items.add(SelectItem.of(activeUsers, ACTIVE_USERS));
        }
        items.add(SelectItem.of(lastSeen, LAST_SEEN));
        items.add(SelectItem.of(daysSince, DAYS_SINCE_LAST_EVENT));

        TimeWindow window = TimeWindow.lastDays("rule_window", rule.timeWindowDays());
        Query.Builder query = Query.select(items.toArray(SelectItem[]::new)).where(within(timestamp, window));
        if (accounts) {
            query.where(notBlank(entity));
        }
        List<String> events = conditions.events();
        if (events.isEmpty()) {
            query.where(ne(column("event"), param("group_identify", GROUP_IDENTIFY)));
        } else {
            query.where(in(column("event"), params("event_name", events)));
        }
        int filter = 0;
        for (Map.Entry<String, Object> entry : conditions.filters().entrySet()) {
            Expr property = new Expr.ToText(new Expr.EventProperty(List.of(PropertyName.of(entry.getKey()))));
            query.where(eq(property, param("property_value_" + filter++, text(entry.getValue()))));
        }
        query.groupBy(entity);

        List<Expr> having = new ArrayList<>();
        atLeast(having, eventCount, "min_event_count", conditions.minEventCount());
        atLeast(having, distinctEvents, "min_distinct_events", conditions.minDistinctEvents());
        atLeast(having, activeDays, "min_active_days", conditions.minActiveDays());
        if (conditions.maxDaysSinceLastEvent() != null) {
            having.add(le(daysSince, param("max_days_since_last_event", conditions.maxDaysSinceLastEvent())));
        }
        if (accounts) {
            atLeast(having, activeUsers, "min_active_users", conditions.minActiveUsers());
            atLeast(having, eventCount, "min_account_events", conditions.minAccountEvents());
        }
        if (!having.isEmpty()) {
            query.having(and(having));
        }
        return query.orderBy(OrderItem.desc(eventCount), OrderItem.asc(entity))
                .limit(MAX_FINDINGS)
                .build();
    }

    private static void atLeast(List<Expr> having, Expr aggregate, String parameter, Integer minimum) {
        if (minimum != null) {
            having.add(ge(aggregate, param(parameter, minimum)));
        }
    }

    /** Property filters compare text: numbers as written ({@code 5}, {@code 2.5}), booleans as {@code true}. */
    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }
}
