package dev.beton.plays;

import dev.beton.enrichment.Firmographics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of a {@link PlayFacts}, numbered F1, F2 … in a fixed order (score, signals, usage,
 * champions, firmographics, deal), each findable by what it is about so a writer can cite it.
 */
final class FactSheet {

    private final List<Fact> facts = new ArrayList<>();
    private final Map<String, Fact> byTopic = new LinkedHashMap<>();

    static FactSheet of(PlayFacts p) {
        FactSheet sheet = new FactSheet();
        p.score()
                .ifPresent(s -> sheet.add(
                        "score",
                        "score",
                        "PQL score " + s.value() + "/100 as of " + minute(s.scoredAsOf())
                                + (s.hot() ? ", in the hot queue." : ".")));
        for (PlayFacts.Signal s : p.signals()) {
            sheet.add(
                    "signal:" + s.type().key(),
                    "signal",
                    "Signal " + s.type().key() + " (" + (s.fired() ? "fired" : "still holding, in cooldown") + ", +"
                            + s.points() + " points): " + s.evidence());
        }
        sheet.add(
                "usage",
                "usage",
                counted(p.eventsLast7(), "event") + " in the 7 days before " + minute(p.asOf()) + ", "
                        + p.eventsPrev7() + " in the 7 days before that"
                        + p.usageChange()
                                .map(c -> " (" + (c >= 0 ? "+" : "") + c + " %).")
                                .orElse("."));
        for (PlayFacts.Champion c : p.champions()) {
            sheet.add(
                    "champion:" + c.distinctId(),
                    "champion",
                    c.label() + ": " + counted(c.events(), "event") + " on " + counted(c.activeDays(), "active day")
                            + " in the last 30 days.");
        }
        p.firmographics().ifPresent(f -> sheet.add("firmographics", "firmographics", firmographics(f)));
        sheet.add(
                "deal",
                "deal",
                p.deal()
                        .map(d -> "Beton's deal in Attio: stage " + d.stage().orElse("not read yet")
                                + d.ownerShown().map(o -> ", owner " + o).orElse("")
                                + (d.closed() ? ", closed." : ", open."))
                        .orElse("No deal from Beton in the CRM for this account."));
        return sheet;
    }

    /** An instant to the minute, in UTC ("2026-12-01T06:00Z"): what a reader checks, without nanoseconds. */
    static String minute(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
    }

    static String counted(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }

    private static String firmographics(Firmographics f) {
        List<String> parts = new ArrayList<>();
        f.industry().ifPresent(parts::add);
        f.employeeRange().ifPresent(r -> parts.add(r + " employees"));
        f.arrUsd().ifPresent(a -> parts.add("ARR " + f.arrText()));
        f.location().ifPresent(parts::add);
        f.owner().ifPresent(o -> parts.add("owner " + o));
        return String.join(", ", parts) + " ("
                + (f.simulated() ? "simulated for the demo, not real data" : "from Attio") + ").";
    }

    private void add(String topic, String kind, String text) {
        Fact fact = new Fact("F" + (facts.size() + 1), kind, text);
        facts.add(fact);
        byTopic.put(topic, fact);
    }

    List<Fact> all() {
        return List.copyOf(facts);
    }

    /** The id of the fact about {@code topic} ("score", "signal:pricing_intent", "champion:ann", …). */
    Optional<String> id(String topic) {
        return Optional.ofNullable(byTopic.get(topic)).map(Fact::id);
    }

    List<String> ids(String... topics) {
        List<String> ids = new ArrayList<>();
        for (String topic : topics) {
            id(topic).ifPresent(ids::add);
        }
        return ids;
    }
}
