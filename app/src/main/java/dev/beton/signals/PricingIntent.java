package dev.beton.signals;

import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.like;
import static dev.beton.query.Expressions.or;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.toText;
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
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Page views of pricing pages in the last 7 days, per account and URL. */
final class PricingIntent implements SignalDefinition {

    private static final TimeWindow LAST_7 = TimeWindow.lastDays(7);
    private static final Expr URL = toText(eventProperty("$current_url"));

    @Override
    public SignalType type() {
        return SignalType.PRICING_INTENT;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "Per account and URL: page views in the last 7 days whose $current_url matches one of the"
                + " workspace's pricing page patterns.";
    }

    @Override
    public List<TimeWindow> windows(SignalSettings settings) {
        return List.of(LAST_7);
    }

    @Override
    public Query query(SignalSettings settings, int companyGroupIndex) {
        List<Expr> patterns = params("pricing_url", settings.events().pricingUrlPatterns()).stream()
                .map(pattern -> like(URL, pattern))
                .toList();
        return Query.select(accountItem(companyGroupIndex), SelectItem.of(URL, "url"), SelectItem.of(count(), "visits"))
                .where(within(timestamp(), LAST_7))
                .where(hasAccount(companyGroupIndex))
                .where(eq(event(), param("pageview_event", settings.events().pageviewEvent())))
                .where(or(patterns))
                .groupBy(account(companyGroupIndex), URL)
                .orderBy(AccountQueries.byAccount(), Expr.OrderItem.asc(Expressions.column("url")))
                .limit(AccountQueries.ROW_LIMIT)
                .build();
    }

    @Override
    public List<Candidate> candidates(ResultRows rows, Instant asOf, SignalSettings settings) {
        Map<String, Map<String, Long>> visitsByAccount = new TreeMap<>();
        // The same URLs recur across accounts: each is parsed once per evaluation.
        Map<String, String> paths = new HashMap<>();
        for (ResultRows.Row row : rows.list()) {
            visitsByAccount
                    .computeIfAbsent(row.requiredText(ACCOUNT), a -> new TreeMap<>())
                    .merge(
                            paths.computeIfAbsent(row.text("url").orElse(""), PricingIntent::path),
                            row.count("visits"),
                            Long::sum);
        }
        List<Candidate> candidates = new ArrayList<>();
        visitsByAccount.forEach((account, byPath) -> {
            long visits = byPath.values().stream().mapToLong(Long::longValue).sum();
            candidates.add(new Candidate(account, visits, () -> {
                String summary = AccountQueries.counted(visits, "pricing visit", "pricing visits") + " in 7 days: "
                        + AccountQueries.breakdown(byPath);
                return new Evidence(summary, List.of()).with("visits", visits);
            }));
        });
        return candidates;
    }

    /** The path of a URL, so that analysts see "/pricing" whatever the host or query string. */
    static String path(String url) {
        try {
            String path = URI.create(url.strip()).getPath();
            return path == null || path.isEmpty() ? url : path;
        } catch (IllegalArgumentException notAUri) {
            return url;
        }
    }
}
