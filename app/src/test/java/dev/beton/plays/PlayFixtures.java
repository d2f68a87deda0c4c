package dev.beton.plays;

import dev.beton.crm.DealStatusLookup.DealStatus;
import dev.beton.enrichment.Firmographics;
import dev.beton.signals.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Facts of a hot account for play tests. */
final class PlayFixtures {

    static final Instant AS_OF = Instant.parse("2026-12-01T06:00:00Z");

    private PlayFixtures() {}

    static PlayFacts hotAccount(Optional<DealStatus> deal) {
        return new PlayFacts(
                "acme.com",
                "Acme Inc",
                AS_OF,
                Optional.of(new PlayFacts.Score(70, true, AS_OF, List.of("pricing_intent +30"))),
                List.of(
                        new PlayFacts.Signal(SignalType.PRICING_INTENT, true, 30, "4 pricing visits in 7 days"),
                        new PlayFacts.Signal(SignalType.TEAM_GROWTH, true, 25, "3 new users in 7 days")),
                120,
                60,
                List.of(
                        new PlayFacts.Champion("ann", Optional.of("ann@acme.com"), 80, 9),
                        new PlayFacts.Champion("bob", Optional.empty(), 30, 4)),
                Optional.of(new Firmographics(
                        "acme.com",
                        Firmographics.Source.SIMULATED,
                        Optional.of("Fintech"),
                        Optional.of("51-200"),
                        Optional.of(450_000L),
                        Optional.of("Berlin, DE"),
                        Optional.of("Sam Rivera"))),
                deal);
    }
}
