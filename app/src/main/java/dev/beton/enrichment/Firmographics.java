package dev.beton.enrichment;

import java.util.Optional;

/**
 * What is known about an account's company. Every field may be missing (Attio records are often
 * sparse); {@code source} says where the values came from and must be shown with them.
 *
 * @param arrUsd annual recurring revenue in US dollars, as the CRM or the simulation estimates it
 * @param owner the account owner (an Attio workspace member id, or a simulated name)
 */
public record Firmographics(
        String accountKey,
        Source source,
        Optional<String> industry,
        Optional<String> employeeRange,
        Optional<Long> arrUsd,
        Optional<String> location,
        Optional<String> owner) {

    /** Where firmographics come from; the label is what pages, CSV and plays print next to them. */
    public enum Source {
        ATTIO("Attio"),
        SIMULATED("simulated");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean simulated() {
        return source == Source.SIMULATED;
    }

    /** The ARR as "$120,000", or empty. */
    public String arrText() {
        return arrUsd.map(a -> String.format(java.util.Locale.ROOT, "$%,d", a)).orElse("");
    }
}
