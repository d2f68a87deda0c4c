package dev.beton.signals;

import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.ge;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.min;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.toText;
import static dev.beton.query.Expressions.windowStart;
import static dev.beton.query.Expressions.within;
import static dev.beton.signals.AccountQueries.ACCOUNT;
import static dev.beton.signals.AccountQueries.account;
import static dev.beton.signals.AccountQueries.accountItem;
import static dev.beton.signals.AccountQueries.event;
import static dev.beton.signals.AccountQueries.hasAccount;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Expr;
import dev.beton.query.Expressions;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Features an account used for the first time (within the lookback) in the last 7 days. */
final class FeatureAdoption implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);

    @Override
    public SignalType type() {
        return SignalType.FEATURE_ADOPTION;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Per account and feature: first use within the lookback, kept when it falls in the last 7 days, i.e."
                + " features the account had not used in the lookback days before this week.";
    }

    static TimeWindow history(SignalSettings settings) {
        return TimeWindow.lastDays("feature_history", settings.baselines().newFeatureLookbackDays() + 7);
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7, history(settings));
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        // toText: PostHog types a property with numeric values as Numeric (feature ids).
        Expr feature = toText(eventProperty(settings.events().featureProperty()));
        return Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(feature, "feature"),
                        SelectItem.of(min(timestamp()), "first_used"),
                        SelectItem.of(count(), "uses"))
                .where(within(timestamp(), history(settings)))
                .where(hasAccount(companyGroupIndex))
                .where(in(event(), params("feature_event", settings.events().featureEvents())))
                .where(notBlank(feature))
                .groupBy(account(companyGroupIndex), feature)
                .having(ge(min(timestamp()), windowStart(LAST_7)))
                .orderBy(AccountQueries.byAccount(), Expr.OrderItem.asc(Expressions.column("feature")))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        Map<String, List<String>> featuresByAccount = new TreeMap<>();
        for (ResultRows.Row row : rows.list()) {
            featuresByAccount
                    .computeIfAbsent(row.requiredText(ACCOUNT), a -> new ArrayList<>())
                    .add(row.requiredText("feature"));
        }
        List<Candidate> candidates = new ArrayList<>();
        featuresByAccount.forEach((account, features) -> candidates.add(new Candidate(account, features.size(), () -> {
            List<String> sorted = features.stream().sorted().toList();
            String summary = AccountQueries.counted(sorted.size(), "new feature", "new features") + " in 7 days: "
                    + String.join(", ", sorted);
            return new Evidence(summary, List.of())
                    .with("new_features", sorted.size())
                    .with("lookback_days", settings.baselines().newFeatureLookbackDays());
        })));
        return candidates;
    }
}
