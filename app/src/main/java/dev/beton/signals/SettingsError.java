package dev.beton.signals;

/**
 * One problem with a {@link SignalSettings} value.
 *
 * @param field the path of the offending field, e.g. {@code signals.pricing_intent.threshold} or
 *     {@code events.pricingUrlPatterns[1]}
 * @param message what is wrong and what would be accepted
 */
public record SettingsError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
