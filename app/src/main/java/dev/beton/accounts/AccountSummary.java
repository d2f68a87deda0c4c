package dev.beton.accounts;

import dev.beton.detection.StoredSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one line at the top of an account page, in words: what its signals of the latest detection
 * measured ("3 new users, 4 new features and 6 pricing-page visits this week").
 */
final class AccountSummary {

    private AccountSummary() {}

    static String of(List<StoredSignal> history, Instant latestAsOf) {
        List<String> thisWeek = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (StoredSignal s : history) {
            if (s.asOf().equals(latestAsOf)) {
                weekly(s).ifPresentOrElse(thisWeek::add, () -> other.add(state(s)));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!thisWeek.isEmpty()) {
            parts.add(join(thisWeek) + " this week");
        }
        parts.addAll(other);
        if (parts.isEmpty()) {
            return "No signal in the latest detection.";
        }
        String text = parts.size() == 1 ? parts.getFirst() : String.join("; ", parts);
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + ".";
    }

    /** What a signal counted over the last 7 days, in words; empty for a state (limit, trial, growth). */
    private static java.util.Optional<String> weekly(StoredSignal s) {
        long n = Math.round(s.measure());
        return java.util.Optional.ofNullable(
                switch (s.type().key()) {
                    case "pricing_intent" -> counted(n, "pricing-page visit");
                    case "feature_adoption" -> counted(n, "new feature");
                    case "team_growth" -> counted(n, "new user");
                    case "support_engagement" ->
                        counted(n, "support conversation or message", "support conversations or messages");
                    case "billing_intent" -> counted(n, "checkout or upgrade", "checkouts or upgrades");
                    default -> null;
                });
    }

    private static String state(StoredSignal s) {
        long n = Math.round(s.measure());
        return switch (s.type().key()) {
            case "usage_spike" -> "usage up " + n + " % on the week before";
            case "limit_approaching" -> n + " % of the plan limit used";
            case "trial_expiring" -> "trial ends in " + counted(n, "day");
            default -> s.type().key();
        };
    }

    private static String counted(long n, String one) {
        return counted(n, one, one + "s");
    }

    private static String counted(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String join(List<String> parts) {
        return parts.size() == 1
                ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }
}
