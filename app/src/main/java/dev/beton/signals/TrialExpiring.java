package dev.beton.signals;

import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.dateDiffDays;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.params;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trial end of accounts active in the last 7 days, as recorded by {@code $groupidentify} before
 * {@code asOf}, else from the current company group properties.
 */
final class TrialExpiring implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final String TRIAL_END = "trial_ends_at";

    @Override
    public SignalType type() {
        return SignalType.TRIAL_EXPIRING;
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public String description() {
        return "Per account with events in the last 7 days: the number of events, the days since the last one, and"
                + " the trial end as last set by $groupidentify before asOf and (used by a live run only where nothing was recorded) as the company group holds it now.";
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7);
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        String trialEndProperty = settings.events().trialEndProperty();
        Query.Builder active = Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(count(), "events_7d"),
                        SelectItem.of(dateDiffDays(max(timestamp()), asOf()), "days_since_last_event"),
                        SelectItem.of(max(groupProperty(companyGroupIndex, trialEndProperty)), "current_trial_ends_at"))
                .where(within(timestamp(), LAST_7))
                .where(hasAccount(companyGroupIndex));
        // v3: Beton's own events (beton_signal_fired) and identify calls are not activity.
        List<String> ignored = settings.events().usageIgnoredEvents();
        if (!ignored.isEmpty()) {
            active.where(not(in(event(), params("ignored_event", ignored))));
        }
        Query activity = active.groupBy(account(companyGroupIndex)).build();
        RecordedGroupProperties.Property recorded = recorded(settings);
        List<SelectItem> items = new ArrayList<>(List.of(
                SelectItem.of(column("a", ACCOUNT), ACCOUNT),
                SelectItem.of(column("a", "events_7d"), "events_7d"),
                SelectItem.of(column("a", "days_since_last_event"), "days_since_last_event"),
                SelectItem.of(column("a", "current_trial_ends_at"), "current_trial_ends_at")));
        items.addAll(RecordedGroupProperties.selectedFrom("r", recorded));
        return Query.select(items.toArray(SelectItem[]::new))
                .with("activity", activity)
                .with(RecordedGroupProperties.CTE, RecordedGroupProperties.latestBeforeAsOf(List.of(recorded)))
                .from(Query.Source.cte("activity", "a"))
                .join(
                        Query.JoinKind.LEFT,
                        new Query.Source.CteRef(RecordedGroupProperties.CTE, "r"),
                        eq(column("r", ACCOUNT), column("a", ACCOUNT)))
                .orderBy(Expr.OrderItem.asc(column("a", ACCOUNT)))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    private static RecordedGroupProperties.Property recorded(SignalSettings settings) {
        return new RecordedGroupProperties.Property(TRIAL_END, settings.events().trialEndProperty(), false);
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        return candidates(rows, asOf, settings, false);
    }

    /**
     * Accounts still in trial (end after asOf) with active usage; the measure is days left. v4: the
     * trial end as of {@code asOf} (a recorded null or "" means no trial, not an older end); the
     * current group property only when {@code presentDayValues}.
     */
    @Override
    public List<Candidate> candidates(
            ResultRows rows, Instant asOf, SignalSettings settings, boolean presentDayValues) {
        RecordedGroupProperties.Property property = recorded(settings);
        int minimumEvents = settings.baselines().trialMinimumActiveEvents();
        List<Candidate> candidates = new ArrayList<>();
        for (ResultRows.Row row : rows.list()) {
            RecordedGroupProperties.Reading reading =
                    RecordedGroupProperties.read(row, property, row.text("current_trial_ends_at"), presentDayValues);
            Optional<Instant> trialEnd = reading.value().flatMap(ResultRows::parseInstant);
            long events = row.count("events_7d");
            if (trialEnd.isEmpty() || !trialEnd.get().isAfter(asOf) || events < minimumEvents) {
                continue;
            }
            Duration left = Duration.between(asOf, trialEnd.get());
            double daysLeft = left.toSeconds() / SECONDS_PER_DAY;
            // Read now, not in the evidence: a column that is not a number fails the signal either way.
            long sinceLastEvent = row.count("days_since_last_event");
            candidates.add(new Candidate(row.requiredText(ACCOUNT), daysLeft, () -> {
                String summary = "trial ends " + trialEnd.get() + " (" + left.toDays() + " d " + left.toHoursPart()
                        + " h left), " + AccountQueries.counted(events, "event", "events") + " in the last 7 days";
                return new Evidence(RecordedGroupProperties.marked(summary, reading), List.of())
                        .with("trial_ends_at", trialEnd.get())
                        .with("trial_ends_at_source", reading.source())
                        .with("days_left", number(daysLeft))
                        .with("events_7d", events)
                        .with("days_since_last_event", sinceLastEvent);
            }));
        }
        return candidates;
    }
}
