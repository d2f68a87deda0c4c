package dev.beton.signals;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.toNumber;
import static dev.beton.query.Expressions.within;
import static dev.beton.signals.AccountQueries.ACCOUNT;
import static dev.beton.signals.AccountQueries.account;
import static dev.beton.signals.AccountQueries.accountItem;
import static dev.beton.signals.AccountQueries.event;
import static dev.beton.signals.AccountQueries.hasAccount;
import static dev.beton.signals.AccountQueries.number;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Expr;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plan usage against plan limit for recently active accounts, as recorded by {@code
 * $groupidentify} before {@code asOf}, else from the current company group properties.
 */
final class LimitApproaching implements SignalDefinition {

    private static final String USAGE = "plan_usage";
    private static final String LIMIT = "plan_limit";

    private static List<RecordedGroupProperties.Property> recorded(EventMapping events) {
        return List.of(
                new RecordedGroupProperties.Property(USAGE, events.planUsageProperty(), true),
                new RecordedGroupProperties.Property(LIMIT, events.planLimitProperty(), true));
    }

    @Override
    public SignalType type() {
        return SignalType.LIMIT_APPROACHING;
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public String description() {
        return "Per account with events in the activity window: plan usage and plan limit as last set by"
                + " $groupidentify before asOf, and (used by a live run only where nothing was recorded) as the company group properties hold them now.";
    }

    static TimeWindow activity(SignalSettings settings) {
        return TimeWindow.lastDays(settings.baselines().limitActivityDays());
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(activity(settings));
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        EventMapping events = settings.events();
        Query.Builder active = Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(count(), "active_events"),
                        SelectItem.of(
                                max(toNumber(groupProperty(companyGroupIndex, events.planUsageProperty()))),
                                "current_plan_usage"),
                        SelectItem.of(
                                max(toNumber(groupProperty(companyGroupIndex, events.planLimitProperty()))),
                                "current_plan_limit"))
                .where(within(timestamp(), activity(settings)))
                .where(hasAccount(companyGroupIndex));
        // v3: Beton's own events (beton_signal_fired) and identify calls are not activity.
        List<String> ignored = settings.events().usageIgnoredEvents();
        if (!ignored.isEmpty()) {
            active.where(not(in(event(), params("ignored_event", ignored))));
        }
        Query activity = active.groupBy(account(companyGroupIndex)).build();
        List<RecordedGroupProperties.Property> recorded = recorded(events);
        List<SelectItem> items = new ArrayList<>(List.of(
                SelectItem.of(column("a", ACCOUNT), ACCOUNT),
                SelectItem.of(column("a", "active_events"), "active_events"),
                SelectItem.of(column("a", "current_plan_usage"), "current_plan_usage"),
                SelectItem.of(column("a", "current_plan_limit"), "current_plan_limit")));
        recorded.forEach(p -> items.addAll(RecordedGroupProperties.selectedFrom("r", p)));
        return Query.select(items.toArray(SelectItem[]::new))
                .with("activity", activity)
                .with(RecordedGroupProperties.CTE, RecordedGroupProperties.latestBeforeAsOf(recorded))
                .from(Query.Source.cte("activity", "a"))
                .join(
                        Query.JoinKind.LEFT,
                        new Query.Source.CteRef(RecordedGroupProperties.CTE, "r"),
                        eq(column("r", ACCOUNT), column("a", ACCOUNT)))
                .orderBy(Expr.OrderItem.asc(column("a", ACCOUNT)))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        return candidates(rows, asOf, settings, false);
    }

    /**
     * v4: usage and limit as of {@code asOf} (a recorded null, "" or non-number is not replaced by
     * an older value); the current group properties only when {@code presentDayValues}.
     */
    @Override
    public List<Candidate> candidates(
            ResultRows rows, Instant asOf, SignalSettings settings, boolean presentDayValues) {
        List<RecordedGroupProperties.Property> properties = recorded(settings.events());
        List<Candidate> candidates = new ArrayList<>();
        for (ResultRows.Row row : rows.list()) {
            RecordedGroupProperties.Reading usageReading = RecordedGroupProperties.read(
                    row, properties.get(0), row.text("current_plan_usage"), presentDayValues);
            RecordedGroupProperties.Reading limitReading = RecordedGroupProperties.read(
                    row, properties.get(1), row.text("current_plan_limit"), presentDayValues);
            Optional<Double> usage = usageReading.number();
            Optional<Double> limit = limitReading.number();
            if (usage.isEmpty() || limit.isEmpty() || limit.get() <= 0) {
                continue;
            }
            double percent = usage.get() * 100 / limit.get();
            candidates.add(new Candidate(row.requiredText(ACCOUNT), percent, () -> {
                String summary = RecordedGroupProperties.marked(
                        "plan usage " + number(usage.get()) + " of " + number(limit.get()) + " (" + number(percent)
                                + " %)",
                        usageReading,
                        limitReading);
                return new Evidence(summary, List.of())
                        .with("plan_usage", number(usage.get()))
                        .with("plan_usage_source", usageReading.source())
                        .with("plan_limit", number(limit.get()))
                        .with("plan_limit_source", limitReading.source())
                        .with("usage_percent", number(percent));
            }));
        }
        return candidates;
    }
}
