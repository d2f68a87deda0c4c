package dev.beton.signals;

import static dev.beton.query.Expr.count;
import static dev.beton.query.Expr.groupProperty;
import static dev.beton.query.Expr.max;
import static dev.beton.query.Expr.toNumber;
import static dev.beton.query.Expr.within;
import static dev.beton.signals.AccountQueries.ACCOUNT;
import static dev.beton.signals.AccountQueries.account;
import static dev.beton.signals.AccountQueries.accountItem;
import static dev.beton.signals.AccountQueries.hasAccount;
import static dev.beton.signals.AccountQueries.number;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.List;

/** Plan usage against plan limit, from the company group's properties, for recently active accounts. */
final class LimitApproaching implements SignalDefinition {

    @Override
    public SignalType type() {
        return SignalType.LIMIT_APPROACHING;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Per account with events in the activity window: the plan usage and plan limit group properties,"
                + " read as numbers.";
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
        return Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(
                                max(toNumber(groupProperty(companyGroupIndex, events.planUsageProperty()))),
                                "plan_usage"),
                        SelectItem.of(
                                max(toNumber(groupProperty(companyGroupIndex, events.planLimitProperty()))),
                                "plan_limit"),
                        SelectItem.of(count(), "active_events"))
                .where(within(timestamp(), activity(settings)))
                .where(hasAccount(companyGroupIndex))
                .groupBy(account(companyGroupIndex))
                .orderBy(AccountQueries.byAccount())
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        return rows.list().stream()
                .filter(row -> row.number("plan_usage").isPresent()
                        && row.number("plan_limit").filter(limit -> limit > 0).isPresent())
                .map(row -> {
                    double usage = row.number("plan_usage").orElseThrow();
                    double limit = row.number("plan_limit").orElseThrow();
                    double percent = usage * 100 / limit;
                    String summary =
                            "plan usage " + number(usage) + " of " + number(limit) + " (" + number(percent) + " %)";
                    Evidence evidence = new Evidence(summary, List.of())
                            .with("plan_usage", number(usage))
                            .with("plan_limit", number(limit))
                            .with("usage_percent", number(percent));
                    return new Candidate(row.requiredText(ACCOUNT), percent, evidence);
                })
                .toList();
    }
}
