package dev.beton.plays;

import dev.beton.crm.DealStatusLookup.DealStatus;
import dev.beton.enrichment.Firmographics;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Beton knows about an account that a play may use, as of an instant, and nothing
 * else: a play (template or LLM) never sees more than this.
 *
 * @param score the latest score, empty when no detection scored the account
 * @param signals the signals of the latest scoring run, strongest first
 * @param eventsLast7 the account's events in the 7 days before {@code asOf}
 * @param eventsPrev7 its events in the 7 days before those
 * @param champions the most active users of the last 30 days, most active first
 */
record PlayFacts(
        String accountKey,
        String companyName,
        Instant asOf,
        Optional<Score> score,
        List<Signal> signals,
        long eventsLast7,
        long eventsPrev7,
        List<Champion> champions,
        Optional<Firmographics> firmographics,
        Optional<DealStatus> deal) {

    PlayFacts {
        signals = List.copyOf(signals);
        champions = List.copyOf(champions);
    }

    record Score(int value, boolean hot, Instant scoredAsOf, List<String> explanation) {}

    record Signal(SignalType type, boolean fired, int points, String evidence) {}

    record Champion(String distinctId, Optional<String> email, long events, long activeDays) {

        String label() {
            return email.filter(e -> !e.equals(distinctId))
                    .map(e -> distinctId + " (" + e + ")")
                    .orElse(distinctId);
        }
    }

    /** Week-over-week change of events in percent; empty when the week before had none. */
    Optional<Long> usageChange() {
        return eventsPrev7 == 0
                ? Optional.empty()
                : Optional.of(Math.round((eventsLast7 - eventsPrev7) * 100.0 / eventsPrev7));
    }
}
