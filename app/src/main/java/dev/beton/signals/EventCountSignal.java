package dev.beton.signals;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.params;
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
import java.util.function.Function;

/**
 * Signals that count a configured set of events in the last 7 days: support engagement (Intercom)
 * and billing intent (Stripe). They differ only in which events and how the evidence reads.
 */
final class EventCountSignal implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);

    private final SignalType type;
    private final String parameterName;
    private final String singular;
    private final String plural;
    private final String description;
    private final Function<EventMapping, List<String>> events;

    private EventCountSignal(
            SignalType type,
            String parameterName,
            String singular,
            String plural,
            String description,
            Function<EventMapping, List<String>> events) {
        this.type = type;
        this.parameterName = parameterName;
        this.singular = singular;
        this.plural = plural;
        this.description = description;
        this.events = events;
    }

    static EventCountSignal supportEngagement() {
        return new EventCountSignal(
                SignalType.SUPPORT_ENGAGEMENT,
                "support_event",
                "support interaction",
                "support interactions",
                "Per account and event: support interaction events (e.g. Intercom) in the last 7 days.",
                EventMapping::supportEvents);
    }

    static EventCountSignal billingIntent() {
        return new EventCountSignal(
                SignalType.BILLING_INTENT,
                "billing_event",
                "checkout/upgrade event",
                "checkout/upgrade events",
                "Per account and event: checkout and upgrade events (e.g. Stripe) in the last 7 days.",
                EventMapping::billingEvents);
    }

    @Override
    public SignalType type() {
        return type;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7);
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        return Query.select(
                        accountItem(companyGroupIndex),
                        SelectItem.of(event(), "event_name"),
                        SelectItem.of(count(), "occurrences"))
                .where(within(timestamp(), LAST_7))
                .where(hasAccount(companyGroupIndex))
                .where(in(event(), params(parameterName, events.apply(settings.events()))))
                .groupBy(account(companyGroupIndex), event())
                .orderBy(AccountQueries.byAccount(), Expr.OrderItem.asc(column("event_name")))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        Map<String, Map<String, Long>> byAccount = new TreeMap<>();
        for (ResultRows.Row row : rows.list()) {
            byAccount
                    .computeIfAbsent(row.requiredText(ACCOUNT), a -> new TreeMap<>())
                    .merge(row.requiredText("event_name"), row.count("occurrences"), Long::sum);
        }
        List<Candidate> candidates = new ArrayList<>();
        byAccount.forEach((account, byEvent) -> {
            long total = byEvent.values().stream().mapToLong(Long::longValue).sum();
            candidates.add(new Candidate(account, total, () -> {
                String summary = AccountQueries.counted(total, singular, plural) + " in 7 days: "
                        + AccountQueries.breakdown(byEvent);
                return new Evidence(summary, List.of()).with("events", total);
            }));
        });
        return candidates;
    }
}
