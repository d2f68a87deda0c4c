package dev.beton.signals;

import static dev.beton.query.Expressions.countIf;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.within;
import static dev.beton.signals.AccountQueries.ACCOUNT;
import static dev.beton.signals.AccountQueries.account;
import static dev.beton.signals.AccountQueries.accountItem;
import static dev.beton.signals.AccountQueries.event;
import static dev.beton.signals.AccountQueries.hasAccount;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.List;

/** Events of the last 7 days against the 7 days before, per account. */
final class UsageSpike implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);
    private static final TimeWindow PREVIOUS_7 = TimeWindow.previousDays(7);
    private static final TimeWindow LAST_14 = TimeWindow.lastDays(14);

    @Override
    public SignalType type() {
        return SignalType.USAGE_SPIKE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Per account: product events in the last 7 days and in the 7 days before, excluding events that are"
                + " not usage (Beton's own, identify calls).";
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7, PREVIOUS_7);
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        Query.Builder query = Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(countIf(within(timestamp(), LAST_7)), "current_events"),
                        SelectItem.of(countIf(within(timestamp(), PREVIOUS_7)), "previous_events"))
                .where(within(timestamp(), LAST_14))
                .where(hasAccount(companyGroupIndex));
        List<String> ignored = settings.events().usageIgnoredEvents();
        if (!ignored.isEmpty()) {
            query.where(not(in(event(), params("ignored_event", ignored))));
        }
        return query.groupBy(account(companyGroupIndex))
                .orderBy(AccountQueries.byAccount())
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        int minimumPrevious = settings.baselines().usageSpikeMinimumPreviousEvents();
        return rows.list().stream()
                .filter(row -> row.count("previous_events") >= minimumPrevious)
                .map(row -> {
                    long current = row.count("current_events");
                    long previous = row.count("previous_events");
                    double growth = (current - previous) * 100.0 / previous;
                    return new Candidate(row.requiredText(ACCOUNT), growth, () -> {
                        String summary = "usage " + current + " vs " + previous + " events, " + (growth >= 0 ? "+" : "")
                                + Math.round(growth) + " %";
                        return new Evidence(summary, List.of())
                                .with("current_events", current)
                                .with("previous_events", previous)
                                .with("growth_percent", AccountQueries.number(growth));
                    });
                })
                .toList();
    }
}
