package dev.beton.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A workspace's signal configuration: which events and properties mean what ({@link EventMapping}),
 * how each signal is tuned ({@link SignalTuning}), the baselines that define "new" and "active"
 * ({@link Baselines}), and the score thresholds for routing to the CRM and for the hot queue.
 *
 * <p>The record holds any candidate value, so that a settings form can show every problem at
 * once: {@link #errors()} lists them per field, {@link #validated()} throws them all together.
 * {@link #defaults()} is the configuration of the PRD.
 */
public record SignalSettings(
        EventMapping events,
        Map<SignalType, SignalTuning> signals,
        Baselines baselines,
        int routingThreshold,
        int hotThreshold) {

    public static final int DEFAULT_ROUTING_THRESHOLD = 60;
    public static final int DEFAULT_HOT_THRESHOLD = 70;

    public SignalSettings {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(baselines, "baselines");
        Objects.requireNonNull(signals, "signals");
        Map<SignalType, SignalTuning> copy = new TreeMap<>();
        copy.putAll(signals);
        signals = Collections.unmodifiableMap(copy);
    }

    /** The PRD's configuration: base scores 25, 30, 20, 35, 30, 25, 15, 40; routing at 60; hot at 70. */
    public static SignalSettings defaults() {
        Map<SignalType, SignalTuning> signals = new TreeMap<>();
        for (SignalType type : SignalType.builtIns()) {
            signals.put(type, SignalTuning.defaultsFor(type));
        }
        return new SignalSettings(
                EventMapping.defaults(),
                signals,
                Baselines.defaults(),
                DEFAULT_ROUTING_THRESHOLD,
                DEFAULT_HOT_THRESHOLD);
    }

    public SignalTuning tuning(SignalType type) {
        SignalTuning tuning = signals.get(type);
        if (tuning == null) {
            throw new IllegalStateException("No tuning for " + type.key() + "; validate settings first");
        }
        return tuning;
    }

    public SignalSettings withTuning(SignalType type, SignalTuning tuning) {
        Map<SignalType, SignalTuning> copy = new TreeMap<>();
        copy.putAll(signals);
        copy.put(type, tuning);
        return new SignalSettings(events, copy, baselines, routingThreshold, hotThreshold);
    }

    public SignalSettings withEvents(EventMapping events) {
        return new SignalSettings(events, signals, baselines, routingThreshold, hotThreshold);
    }

    public SignalSettings withBaselines(Baselines baselines) {
        return new SignalSettings(events, signals, baselines, routingThreshold, hotThreshold);
    }

    public SignalSettings withThresholds(int routingThreshold, int hotThreshold) {
        return new SignalSettings(events, signals, baselines, routingThreshold, hotThreshold);
    }

    /** Every problem, one per offending field, in a stable order; empty when the settings are usable. */
    public List<SettingsError> errors() {
        List<SettingsError> errors = new ArrayList<>();
        events.collectErrors(errors);
        for (SignalType type : SignalType.builtIns()) {
            SignalTuning tuning = signals.get(type);
            if (tuning == null) {
                errors.add(new SettingsError("signals." + type.key(), "missing; every signal type needs a tuning"));
            } else {
                tuning.collectErrors(type, errors);
            }
        }
        baselines.collectErrors(errors);
        SettingsChecks.range(errors, "routingThreshold", routingThreshold, 0, 100);
        SettingsChecks.range(errors, "hotThreshold", hotThreshold, 0, 100);
        return List.copyOf(errors);
    }

    /** This value when {@link #errors()} is empty; otherwise an {@link InvalidSignalSettings} naming all of them. */
    public SignalSettings validated() {
        List<SettingsError> errors = errors();
        if (!errors.isEmpty()) {
            throw new InvalidSignalSettings(errors);
        }
        return this;
    }

    /**
     * How one signal is tuned.
     *
     * @param enabled a disabled signal is neither queried nor scored
     * @param baseScore points the signal contributes before caps, 0–100
     * @param threshold in the unit of {@link SignalType#thresholdMeaning()}
     * @param cooldown how long after firing for an account the signal stays quiet for that account
     *     (recorded as suppressed), 0–365 days
     */
    public record SignalTuning(boolean enabled, int baseScore, int threshold, Duration cooldown) {

        public SignalTuning {
            Objects.requireNonNull(cooldown, "cooldown");
        }

        public static SignalTuning defaultsFor(SignalType type) {
            return new SignalTuning(true, type.defaultBaseScore(), type.defaultThreshold(), type.defaultCooldown());
        }

        public SignalTuning withThreshold(int threshold) {
            return new SignalTuning(enabled, baseScore, threshold, cooldown);
        }

        public SignalTuning withBaseScore(int baseScore) {
            return new SignalTuning(enabled, baseScore, threshold, cooldown);
        }

        public SignalTuning withCooldown(Duration cooldown) {
            return new SignalTuning(enabled, baseScore, threshold, cooldown);
        }

        public SignalTuning disabled() {
            return new SignalTuning(false, baseScore, threshold, cooldown);
        }

        void collectErrors(SignalType type, List<SettingsError> errors) {
            String prefix = "signals." + type.key() + ".";
            SettingsChecks.range(errors, prefix + "baseScore", baseScore, 0, 100);
            SettingsChecks.range(errors, prefix + "threshold", threshold, type.minThreshold(), type.maxThreshold());
            if (cooldown.isNegative() || cooldown.compareTo(Duration.ofDays(365)) > 0) {
                errors.add(new SettingsError(prefix + "cooldown", "must be between 0 and 365 days, got " + cooldown));
            }
        }
    }

    /**
     * What "new" and "active" mean, in days or events.
     *
     * @param usageSpikeMinimumPreviousEvents a usage spike needs at least this many events in the
     *     previous 7 days, so that 1 → 2 events is not "+100 %"
     * @param newFeatureLookbackDays a feature is new when the account did not use it in this many
     *     days before the last 7
     * @param newUserLookbackDays a user is new when the account did not see them in this many days
     *     before the last 7
     * @param trialMinimumActiveEvents "active usage" for an expiring trial: events in the last 7 days
     * @param limitActivityDays only accounts with an event in this many days are checked for limits
     */
    public record Baselines(
            int usageSpikeMinimumPreviousEvents,
            int newFeatureLookbackDays,
            int newUserLookbackDays,
            int trialMinimumActiveEvents,
            int limitActivityDays) {

        public static Baselines defaults() {
            return new Baselines(10, 90, 180, 3, 30);
        }

        void collectErrors(List<SettingsError> errors) {
            SettingsChecks.range(
                    errors, "baselines.usageSpikeMinimumPreviousEvents", usageSpikeMinimumPreviousEvents, 1, 1_000_000);
            SettingsChecks.range(errors, "baselines.newFeatureLookbackDays", newFeatureLookbackDays, 1, 365);
            SettingsChecks.range(errors, "baselines.newUserLookbackDays", newUserLookbackDays, 1, 365);
            SettingsChecks.range(errors, "baselines.trialMinimumActiveEvents", trialMinimumActiveEvents, 0, 1_000_000);
            SettingsChecks.range(errors, "baselines.limitActivityDays", limitActivityDays, 1, 365);
        }
    }
}
