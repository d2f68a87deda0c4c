package dev.beton.explorer;

import dev.beton.detection.AccountScore;
import dev.beton.detection.SignalHistory;
import dev.beton.enrichment.AccountEnrichment;
import dev.beton.enrichment.Firmographics;
import dev.beton.events.AccountActivity;
import dev.beton.events.AccountSort;
import dev.beton.events.WorkspaceOverview;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The rows of the explorer's account and user tables, as of now: the accounts list's activity and
 * score (the same {@code WorkspaceOverview} and {@code SignalHistory} the Accounts page reads)
 * with firmographics added, and each user's activity.
 */
@Component
class ExplorerTables {

    /**
     * One account row.
     *
     * @param enrichment firmographics with their source, when the account has any
     */
    record AccountRow(
            String key,
            String name,
            int score,
            boolean hot,
            long events,
            long activeUsers,
            Optional<Instant> lastSeen,
            Optional<Firmographics> enrichment) {

        String industry() {
            return enrichment.flatMap(Firmographics::industry).orElse("");
        }

        long arrUsd() {
            return enrichment.flatMap(Firmographics::arrUsd).orElse(0L);
        }
    }

    /** Account filters: a piece of name or key, and an industry (exact, any case). */
    record AccountFilter(String q, String industry) implements Predicate<AccountRow> {
        @Override
        public boolean test(AccountRow row) {
            return (q.isBlank() || contains(row.key(), q) || contains(row.name(), q))
                    && (industry.isBlank() || row.industry().equalsIgnoreCase(industry.strip()));
        }
    }

    /** User filters: a piece of distinct id, e-mail or name, and an account key (exact). */
    record UserFilter(String q, String account) implements Predicate<ExplorerStore.UserActivity> {
        @Override
        public boolean test(ExplorerStore.UserActivity u) {
            return (q.isBlank()
                            || contains(u.distinctId(), q)
                            || contains(u.email().orElse(""), q)
                            || contains(u.name().orElse(""), q))
                    && (account.isBlank() || u.account().orElse("").equals(account.strip()));
        }
    }

    static final Map<String, Comparator<AccountRow>> ACCOUNT_SORTS = new LinkedHashMap<>();
    static final Map<String, Comparator<ExplorerStore.UserActivity>> USER_SORTS = new LinkedHashMap<>();

    static {
        Comparator<AccountRow> byKey = Comparator.comparing(AccountRow::key);
        ACCOUNT_SORTS.put(
                "name",
                Comparator.comparing((AccountRow r) -> r.name().toLowerCase(Locale.ROOT))
                        .thenComparing(byKey));
        ACCOUNT_SORTS.put("score", Comparator.comparingInt(AccountRow::score).thenComparing(byKey));
        ACCOUNT_SORTS.put("events", Comparator.comparingLong(AccountRow::events).thenComparing(byKey));
        ACCOUNT_SORTS.put(
                "active_users",
                Comparator.comparingLong(AccountRow::activeUsers).thenComparing(byKey));
        ACCOUNT_SORTS.put(
                "last_seen",
                Comparator.comparing((AccountRow r) -> r.lastSeen().orElse(Instant.EPOCH))
                        .thenComparing(byKey));
        ACCOUNT_SORTS.put("industry", Comparator.comparing(AccountRow::industry).thenComparing(byKey));
        ACCOUNT_SORTS.put("arr", Comparator.comparingLong(AccountRow::arrUsd).thenComparing(byKey));
        Comparator<ExplorerStore.UserActivity> byId = Comparator.comparing(ExplorerStore.UserActivity::distinctId);
        USER_SORTS.put("user", byId);
        USER_SORTS.put(
                "account",
                Comparator.comparing(
                                (ExplorerStore.UserActivity u) -> u.account().orElse(""))
                        .thenComparing(byId));
        USER_SORTS.put(
                "events",
                Comparator.comparingLong(ExplorerStore.UserActivity::events).thenComparing(byId));
        USER_SORTS.put(
                "distinct_events",
                Comparator.comparingLong(ExplorerStore.UserActivity::distinctEvents)
                        .thenComparing(byId));
        USER_SORTS.put(
                "active_days",
                Comparator.comparingLong(ExplorerStore.UserActivity::activeDays).thenComparing(byId));
        USER_SORTS.put(
                "first_seen",
                Comparator.comparing(ExplorerStore.UserActivity::firstSeen).thenComparing(byId));
        USER_SORTS.put(
                "last_seen",
                Comparator.comparing(ExplorerStore.UserActivity::lastSeen).thenComparing(byId));
    }

    private final WorkspaceOverview overview;
    private final SignalHistory history;
    private final AccountEnrichment enrichment;
    private final ExplorerStore store;
    private final Clock clock;

    ExplorerTables(
            WorkspaceOverview overview,
            SignalHistory history,
            AccountEnrichment enrichment,
            ExplorerStore store,
            Clock clock) {
        this.overview = overview;
        this.history = history;
        this.enrichment = enrichment;
        this.store = store;
        this.clock = clock;
    }

    List<AccountRow> accounts(long workspaceId) {
        Map<String, AccountScore> scores = new LinkedHashMap<>();
        history.accounts(workspaceId).forEach(s -> scores.put(s.accountKey(), s));
        Map<String, Firmographics> firmographics = enrichment.all(workspaceId);
        return overview.accounts(workspaceId, AccountSort.KEY, false, clock.instant()).stream()
                .map(a -> row(a, Optional.ofNullable(scores.get(a.key())), firmographics))
                .toList();
    }

    List<ExplorerStore.UserActivity> users(long workspaceId) {
        return store.users(workspaceId, clock.instant());
    }

    private static AccountRow row(
            AccountActivity a, Optional<AccountScore> score, Map<String, Firmographics> firmographics) {
        return new AccountRow(
                a.key(),
                a.name().filter(n -> !n.isBlank()).orElse(a.key()),
                score.map(AccountScore::score).orElse(0),
                score.map(AccountScore::hot).orElse(false),
                a.events(),
                a.activeUsers(),
                a.lastSeen(),
                Optional.ofNullable(firmographics.get(a.key())));
    }

    private static boolean contains(String text, String piece) {
        return text.toLowerCase(Locale.ROOT).contains(piece.strip().toLowerCase(Locale.ROOT));
    }
}
