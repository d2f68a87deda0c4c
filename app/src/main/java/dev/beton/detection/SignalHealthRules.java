package dev.beton.detection;

import dev.beton.detection.SignalHealthCheck.WarehouseFacts;
import dev.beton.signals.EventMapping;
import dev.beton.signals.SignalType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why a signal type cannot fire, from what the warehouse holds: the sentence names what is
 * missing and, where the workspace has a likely candidate under another name, suggests mapping it
 * ("no events named intercom_* …; your events include support_message_sent — map it?").
 */
final class SignalHealthRules {

    private static final String WINDOW = "in the last 30 days";

    private SignalHealthRules() {}

    static Optional<String> problem(SignalType type, EventMapping mapping, WarehouseFacts facts) {
        long total =
                facts.eventCounts().values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Optional.of("No events arrived " + WINDOW + ", so no signal can fire.");
        }
        if (!facts.hasCompanyGroup()) {
            return Optional.of("No event carries a company group ($groups.company), so events belong to no account.");
        }
        return switch (type.key()) {
            case "usage_spike", "team_growth" -> Optional.empty();
            case "pricing_intent" ->
                facts.pricingViews() > 0
                        ? Optional.empty()
                        : Optional.of("No " + mapping.pageviewEvent() + " " + WINDOW + " has a $current_url matching "
                                + String.join(" or ", mapping.pricingUrlPatterns())
                                + suggestion(facts, "pricing", "plans"));
            case "feature_adoption" -> events("feature", mapping.featureEvents(), facts, "feature");
            case "support_engagement" ->
                events("support", mapping.supportEvents(), facts, "support", "intercom", "ticket", "conversation");
            case "billing_intent" ->
                events("billing", mapping.billingEvents(), facts, "checkout", "upgrade", "subscription", "billing");
            case "limit_approaching" ->
                groupProperties(facts, mapping.planUsageProperty(), mapping.planLimitProperty());
            case "trial_expiring" -> groupProperties(facts, mapping.trialEndProperty());
            // A custom type's rule has its own conditions: the inspector shows why it finds nobody.
            default -> Optional.empty();
        };
    }

    private static Optional<String> events(String what, List<String> names, WarehouseFacts facts, String... hints) {
        boolean present = names.stream().anyMatch(n -> facts.eventCounts().getOrDefault(n, 0L) > 0);
        if (present) {
            return Optional.empty();
        }
        return Optional.of("No events named " + String.join(", ", names) + " " + WINDOW + suggestion(facts, hints));
    }

    private static Optional<String> groupProperties(WarehouseFacts facts, String... properties) {
        for (String property : properties) {
            if (facts.groupPropertyCounts().getOrDefault(property, 0L) == 0) {
                return Optional.of("No company group has the property " + property
                        + "; set it with $groupidentify or map the property your groups use.");
            }
        }
        return Optional.empty();
    }

    /** "; your events include X — map it?" for the most frequent event whose name has a hint, else ".". */
    private static String suggestion(WarehouseFacts facts, String... hints) {
        return facts.eventCounts().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("$") || e.getKey().equals("$pageview"))
                .filter(e -> {
                    String name = e.getKey().toLowerCase(Locale.ROOT);
                    for (String hint : hints) {
                        if (name.contains(hint)) {
                            return true;
                        }
                    }
                    return false;
                })
                .max(Comparator.comparingLong(Map.Entry::getValue))
                .map(e -> "; your events include " + e.getKey() + " — map it?")
                .orElse(".");
    }
}
