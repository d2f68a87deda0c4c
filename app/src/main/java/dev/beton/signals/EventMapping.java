package dev.beton.signals;

import dev.beton.query.PropertyName;
import java.util.List;
import java.util.Objects;

/**
 * Which of a workspace's events and properties feed the signals. Event names are bound as query
 * parameters; property names are written into SQL and so must pass {@link PropertyName}'s rule.
 *
 * @param pageviewEvent the page view event, {@code $pageview} in PostHog
 * @param pricingUrlPatterns SQL LIKE patterns on {@code $current_url} ({@code %} = any run of
 *     characters), e.g. {@code %/pricing%}
 * @param featureEvents events that mean "a feature was used"
 * @param featureProperty the event property that names the feature
 * @param planUsageProperty the company group property with current plan usage (a number)
 * @param planLimitProperty the company group property with the plan limit (a number)
 * @param trialEndProperty the company group property with the trial end (ISO-8601 date or time)
 * @param supportEvents support interactions, e.g. from Intercom
 * @param billingEvents checkout and upgrade intent, e.g. from Stripe
 * @param usageIgnoredEvents events that are not product usage (Beton's own, identify calls)
 */
public record EventMapping(
        String pageviewEvent,
        List<String> pricingUrlPatterns,
        List<String> featureEvents,
        String featureProperty,
        String planUsageProperty,
        String planLimitProperty,
        String trialEndProperty,
        List<String> supportEvents,
        List<String> billingEvents,
        List<String> usageIgnoredEvents) {

    private static final int MAX_NAME_LENGTH = 200;

    public EventMapping {
        pricingUrlPatterns = List.copyOf(pricingUrlPatterns);
        featureEvents = List.copyOf(featureEvents);
        supportEvents = List.copyOf(supportEvents);
        billingEvents = List.copyOf(billingEvents);
        usageIgnoredEvents = List.copyOf(usageIgnoredEvents);
    }

    public static EventMapping defaults() {
        return new EventMapping(
                "$pageview",
                List.of("%/pricing%", "%/plans%"),
                List.of("feature_used"),
                "feature",
                "plan_usage",
                "plan_limit",
                "trial_ends_at",
                // Intercom's names as a forwarding integration sends them, then the neutral names
                // apps send themselves (the demo world's): a fresh workspace fires on either.
                List.of(
                        "intercom_conversation_started",
                        "intercom_message_sent",
                        "support_conversation_started",
                        "support_message_sent"),
                List.of("checkout_started", "upgrade_started", "stripe_checkout_session_created"),
                List.of("beton_signal_fired", "$identify", "$groupidentify", "$set"));
    }

    void collectErrors(List<SettingsError> errors) {
        eventName(errors, "events.pageviewEvent", pageviewEvent);
        nonEmptyList(errors, "events.pricingUrlPatterns", pricingUrlPatterns, "pattern");
        for (int i = 0; i < pricingUrlPatterns.size(); i++) {
            String pattern = pricingUrlPatterns.get(i);
            // $current_url is the full URL, so a bare path would never match: say so instead of firing nothing.
            if (pattern != null && pattern.startsWith("/")) {
                errors.add(new SettingsError(
                        "events.pricingUrlPatterns[" + i + "]",
                        "'" + pattern + "' is matched against the full URL; start it with % to match a path, e.g. %"
                                + pattern + "%"));
            }
        }
        nonEmptyList(errors, "events.featureEvents", featureEvents, "event name");
        property(errors, "events.featureProperty", featureProperty);
        property(errors, "events.planUsageProperty", planUsageProperty);
        property(errors, "events.planLimitProperty", planLimitProperty);
        property(errors, "events.trialEndProperty", trialEndProperty);
        nonEmptyList(errors, "events.supportEvents", supportEvents, "event name");
        nonEmptyList(errors, "events.billingEvents", billingEvents, "event name");
        for (int i = 0; i < usageIgnoredEvents.size(); i++) {
            eventName(errors, "events.usageIgnoredEvents[" + i + "]", usageIgnoredEvents.get(i));
        }
    }

    private static void nonEmptyList(List<SettingsError> errors, String field, List<String> values, String what) {
        if (values.isEmpty()) {
            errors.add(new SettingsError(field, "needs at least one " + what));
        }
        for (int i = 0; i < values.size(); i++) {
            eventName(errors, field + "[" + i + "]", values.get(i));
        }
    }

    private static void eventName(List<SettingsError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new SettingsError(field, "must not be blank"));
        } else if (value.length() > MAX_NAME_LENGTH) {
            errors.add(new SettingsError(field, "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new SettingsError(field, "must not contain control characters"));
        }
    }

    private static void property(List<SettingsError> errors, String field, String value) {
        if (!PropertyName.isValid(value)) {
            errors.add(new SettingsError(
                    field,
                    "'" + Objects.toString(value, "") + "' is not a property name: " + PropertyName.describeRule()));
        }
    }
}
