package dev.beton.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signal that fired for an account does not fire again for that account until its type's
 * cooldown has passed: {@code asOf < lastFired + cooldown} means suppressed. Only firings before
 * {@code asOf} count: running the same {@code asOf} again reproduces the same outcomes, and a
 * backtest replaying an earlier day is not silenced by firings from its own future.
 */
public final class CooldownPolicy {

    private final Map<SignalType, Duration> cooldowns;

    private CooldownPolicy(Map<SignalType, Duration> cooldowns) {
        this.cooldowns = cooldowns;
    }

    public static CooldownPolicy from(SignalSettings settings) {
        Map<SignalType, Duration> cooldowns = new TreeMap<>();
        for (SignalType type : SignalType.builtIns()) {
            cooldowns.put(type, settings.validated().tuning(type).cooldown());
        }
        return new CooldownPolicy(cooldowns);
    }

    /** The same policy with the cooldowns of custom types, which the settings do not tune. */
    public CooldownPolicy with(Map<SignalType, Duration> custom) {
        Map<SignalType, Duration> all = new TreeMap<>(cooldowns);
        all.putAll(custom);
        return new CooldownPolicy(all);
    }

    public Duration cooldown(SignalType type) {
        return cooldowns.get(type);
    }

    /**
     * @param lastFired the last instant each (account, type) fired, not counting suppressions
     * @return one outcome per detected signal, sorted by account key then type
     */
    public List<SignalOutcome> apply(List<DetectedSignal> detected, Map<CooldownKey, Instant> lastFired) {
        return detected.stream()
                .sorted(Comparator.comparing(DetectedSignal::accountKey).thenComparing(DetectedSignal::type))
                .map(signal -> outcome(signal, lastFired.get(new CooldownKey(signal.accountKey(), signal.type()))))
                .toList();
    }

    SignalOutcome outcome(DetectedSignal signal, Instant lastFired) {
        if (lastFired == null || !lastFired.isBefore(signal.asOf())) {
            return new SignalOutcome.Fired(signal);
        }
        Instant cooldownEndsAt = lastFired.plus(cooldowns.get(signal.type()));
        return signal.asOf().isBefore(cooldownEndsAt)
                ? new SignalOutcome.Suppressed(signal, lastFired, cooldownEndsAt)
                : new SignalOutcome.Fired(signal);
    }
}
