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
        List<String> parts = new ArrayList<>();
        for (StoredSignal s : history) {
            if (s.asOf().equals(latestAsOf)) {
                parts.add(phrase(s));
            }
        }
        if (parts.isEmpty()) {
            return "No signal in the latest detection.";
        }
        return join(parts) + ".";
    }

    private static String phrase(StoredSignal s) {
        long n = Math.round(s.measure());
        return switch (s.type()) {
            case USAGE_SPIKE -> "usage up " + n + " % on last week";
            case PRICING_INTENT -> counted(n, "pricing-page visit") + " this week";
            case FEATURE_ADOPTION -> counted(n, "new feature") + " this week";
            case LIMIT_APPROACHING -> n + " % of the plan limit used";
            case TRIAL_EXPIRING -> "trial ends in " + counted(n, "day");
            case TEAM_GROWTH -> counted(n, "new user") + " this week";
            case SUPPORT_ENGAGEMENT ->
                counted(n, "support conversation or message", "support conversations or messages") + " this week";
            case BILLING_INTENT -> counted(n, "checkout or upgrade", "checkouts or upgrades") + " this week";
        };
    }

    private static String counted(long n, String one) {
        return counted(n, one, one + "s");
    }

    private static String counted(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String join(List<String> parts) {
        String text = parts.size() == 1
                ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
