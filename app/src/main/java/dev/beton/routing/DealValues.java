package dev.beton.routing;

import dev.beton.signals.ScoreReceipt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes Beton writes on a deal, and the note with the score receipt in words. The
 * custom attributes are created on first apply ({@link AttioSchema}).
 */
final class DealValues {

    static final String BETON_KEY = "beton_key";
    static final String LEAD_SOURCE = "lead_source";
    static final String PQL = "pql";
    static final String PQL_SCORE = "pql_score";
    static final String PQL_SIGNALS = "pql_signals";
    static final String HEALTH = "beton_health_score";
    static final String LINK = "beton_url";

    /** What an update may change; name, stage, owner and company are a person's once the deal exists. */
    static final List<String> UPDATED = List.of(PQL_SCORE, PQL_SIGNALS, HEALTH, LINK);

    private DealValues() {}

    /**
     * The routing episode's key, unique on the deal: a retry or a second Beton instance finds the
     * deal by it instead of creating another. The install id keeps two Beton installs writing to
     * one Attio workspace apart (both have a workspace 1); the episode makes a new deal possible
     * once the account's previous one ended (docs/ROUTING.md, "Routing episodes").
     */
    static String betonKey(String installId, long workspaceId, String accountKey, int episode) {
        return "beton:" + installId + ":w" + workspaceId + ":" + accountKey + ":" + episode;
    }

    /**
     * The key's form before install ids (episode 1 only): deals created then keep it, and a create
     * looks it up too, so a deal an older Beton made is found, not made again.
     */
    static String legacyKey(long workspaceId, String accountKey) {
        return "beton:w" + workspaceId + ":" + accountKey + ":1";
    }

    /** The episode a key names: its last segment (account keys may hold colons, episodes do not). */
    static int episodeOf(String betonKey) {
        try {
            return Integer.parseInt(betonKey.substring(betonKey.lastIndexOf(':') + 1));
        } catch (NumberFormatException notAKey) {
            return 1;
        }
    }

    static String link(RoutingProperties properties, String workspaceSlug, String accountKey) {
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        return base + "/accounts/"
                + URLEncoder.encode(accountKey, StandardCharsets.UTF_8).replace("+", "%20") + "?workspace="
                + workspaceSlug;
    }

    static String signals(ScoreReceipt receipt) {
        return String.join(
                ", ",
                receipt.lines().stream()
                        .map(l -> l.type().key())
                        .distinct()
                        .sorted()
                        .toList());
    }

    /** The values an update writes, as text (how they are compared with Attio's). */
    static Map<String, String> updatable(ScoreReceipt receipt, Optional<Integer> health, String link) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PQL_SCORE, String.valueOf(receipt.score()));
        values.put(PQL_SIGNALS, signals(receipt));
        health.ifPresent(h -> values.put(HEALTH, String.valueOf(h)));
        values.put(LINK, link);
        return values;
    }

    /** Text values to Attio's write shapes: numbers as numbers. */
    static Map<String, Object> writable(Map<String, String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        texts.forEach((slug, text) ->
                values.put(slug, slug.equals(PQL_SCORE) || slug.equals(HEALTH) ? (Object) Long.parseLong(text) : text));
        return values;
    }

    static String noteTitle(ScoreReceipt receipt) {
        return "Beton PQL score " + receipt.score() + " as of " + receipt.asOf();
    }

    /** The score receipt in words: signals with evidence and points, caps, definitions, as-of, and the link. */
    static String note(ScoreReceipt receipt, Optional<Integer> health, String link) {
        StringBuilder text = new StringBuilder();
        text.append("## PQL score ").append(receipt.score()).append(" of 100\n");
        text.append("As of ")
                .append(receipt.asOf())
                .append(". Routed because the score is at or above ")
                .append(receipt.routingThreshold())
                .append(".\n\n");
        text.append("### Signals\n");
        for (ScoreReceipt.Line line : receipt.lines()) {
            text.append("- ")
                    .append(line.type().key())
                    .append(": +")
                    .append(line.points())
                    .append(" points");
            if (line.status() == ScoreReceipt.Status.SUPPRESSED) {
                text.append(" (fired earlier, still holding)");
            }
            text.append(". ")
                    .append(line.evidence())
                    .append(" (definition ")
                    .append(line.definition())
                    .append(")\n");
        }
        text.append("\n### How the score adds up\n");
        text.append("- Signal points: ").append(receipt.signalSum());
        if (receipt.signalCapApplied()) {
            text.append(", capped at ").append(receipt.signalPoints());
        }
        text.append("\n- Diversity bonus: ")
                .append(receipt.distinctTypes())
                .append(" signal types = ")
                .append(receipt.diversityBonus())
                .append(" points");
        if (receipt.diversityCapApplied()) {
            text.append(" (capped)");
        }
        text.append("\n- Score: ").append(receipt.score()).append("\n");
        health.ifPresent(h -> text.append("- Account health score: ").append(h).append(" of 100\n"));
        text.append("\n[Open the account in Beton](").append(link).append(")\n");
        return text.toString();
    }
}
