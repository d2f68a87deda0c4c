package dev.beton.signals;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.ge;
import static dev.beton.query.Expressions.hasPersonProfile;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.min;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.windowStart;
import static dev.beton.query.Expressions.within;
import static dev.beton.signals.AccountQueries.ACCOUNT;
import static dev.beton.signals.AccountQueries.account;
import static dev.beton.signals.AccountQueries.accountItem;
import static dev.beton.signals.AccountQueries.event;
import static dev.beton.signals.AccountQueries.hasAccount;
import static dev.beton.signals.AccountQueries.timestamp;

import dev.beton.query.Expr;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Persons whose first event in the account (within the lookback) is in the last 7 days. */
final class TeamGrowth implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);
    private static final int NAMES_SHOWN = 10;

    @Override
    public SignalType type() {
        return SignalType.TEAM_GROWTH;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public String description() {
        return "Per account and person: first event within the lookback, kept when it falls in the last 7 days, i.e."
                + " users the account had not seen in the lookback days before this week.";
    }

    static TimeWindow history(SignalSettings settings) {
        return TimeWindow.lastDays("user_history", settings.baselines().newUserLookbackDays() + 7);
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7, history(settings));
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        Expr person = column("person_id");
        Query.Builder query = Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(person, "person"),
                        SelectItem.of(min(column("distinct_id")), "first_distinct_id"),
                        SelectItem.of(min(timestamp()), "first_seen"))
                .where(within(timestamp(), history(settings)))
                .where(hasAccount(companyGroupIndex))
                .where(hasPersonProfile());
        // v2: Beton's own beton_signal_fired events (distinct id beton-signals) are nobody joining the team.
        List<String> ignored = settings.events().usageIgnoredEvents();
        if (!ignored.isEmpty()) {
            query.where(not(in(event(), params("ignored_event", ignored))));
        }
        return query.groupBy(account(companyGroupIndex), person)
                .having(ge(min(timestamp()), windowStart(LAST_7)))
                .orderBy(AccountQueries.byAccount(), Expr.OrderItem.asc(column("first_distinct_id")))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        Map<String, List<String>> usersByAccount = new TreeMap<>();
        for (ResultRows.Row row : rows.list()) {
            usersByAccount
                    .computeIfAbsent(row.requiredText(ACCOUNT), a -> new ArrayList<>())
                    .add(row.text("first_distinct_id").orElse(row.requiredText("person")));
        }
        List<Candidate> candidates = new ArrayList<>();
        usersByAccount.forEach((account, users) -> candidates.add(new Candidate(account, users.size(), () -> {
            List<String> sorted = users.stream().sorted().toList();
            String names = String.join(", ", sorted.subList(0, Math.min(NAMES_SHOWN, sorted.size())))
                    + (sorted.size() > NAMES_SHOWN ? " and " + (sorted.size() - NAMES_SHOWN) + " more" : "");
            return new Evidence(
                            AccountQueries.counted(sorted.size(), "new user", "new users") + " in 7 days: " + names,
                            List.of())
                    .with("new_users", sorted.size())
                    .with("lookback_days", settings.baselines().newUserLookbackDays());
        })));
        return candidates;
    }
}
