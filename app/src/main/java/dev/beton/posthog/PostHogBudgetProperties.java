package dev.beton.posthog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Beton's own request budget per PostHog project ({@code beton.posthog.budget.*}), kept below
 * PostHog's published limits so Beton is refused by itself, with a time to retry, before PostHog
 * answers 429. Every window is a clock window (the hour from :00 to :59), so "used this hour"
 * means what it says.
 *
 * @param queriesPerHour {@code /query/} calls per project and clock hour (PostHog allows 2,400)
 * @param analyticsPerMinute {@code /insights/} calls per minute (PostHog: 240)
 * @param analyticsPerHour {@code /insights/} calls per hour (PostHog: 1,200)
 * @param crudPerMinute other private calls per minute (PostHog: 480)
 * @param crudPerHour other private calls per hour (PostHog: 4,800)
 * @param warnAt share of an hourly budget at which a warning is logged and shown, 0..1
 */
@ConfigurationProperties("beton.posthog.budget")
public record PostHogBudgetProperties(
        @DefaultValue("2000") int queriesPerHour,
        @DefaultValue("240") int analyticsPerMinute,
        @DefaultValue("1200") int analyticsPerHour,
        @DefaultValue("480") int crudPerMinute,
        @DefaultValue("4800") int crudPerHour,
        @DefaultValue("0.8") double warnAt) {

    public PostHogBudgetProperties {
        if (queriesPerHour < 1
                || analyticsPerMinute < 1
                || analyticsPerHour < 1
                || crudPerMinute < 1
                || crudPerHour < 1) {
            throw new IllegalArgumentException("beton.posthog.budget.* limits must be at least 1");
        }
        if (!(warnAt > 0 && warnAt <= 1)) {
            throw new IllegalArgumentException("beton.posthog.budget.warn-at must be in (0, 1], got " + warnAt);
        }
    }

    /** The defaults, for code that builds a gateway without Spring (benchmarks, tests). */
    public static PostHogBudgetProperties defaults() {
        return PropertyDefaults.of("beton.posthog.budget", PostHogBudgetProperties.class);
    }

    int perHour(BudgetClass budgetClass) {
        return switch (budgetClass) {
            case QUERY -> queriesPerHour;
            case ANALYTICS -> analyticsPerHour;
            case CRUD -> crudPerHour;
        };
    }
}
