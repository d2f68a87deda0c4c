package dev.beton.query;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named, versioned query of the library. The version is bumped whenever the definition changes
 * what it returns; golden files are named by id and version so a change without a bump fails the
 * build.
 *
 * @param id stable dotted name, e.g. {@code signal.pricing_intent}
 * @param version 1 or more
 * @param description what the query answers, in words an analyst can check
 * @param query the definition, already specialised to a workspace's configuration
 */
public record QueryDefinition(String id, int version, String description, Query query) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public QueryDefinition {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Query id must be dotted lower-case snake_case, got " + id);
        }
        if (version < 1) {
            throw new IllegalArgumentException("Query " + id + " needs a version >= 1");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("Query " + id + " needs a description");
        }
        Objects.requireNonNull(query, "query");
    }

    public RenderedQuery render(Dialect dialect, Instant asOf) {
        return dialect.render(query, asOf).from(this);
    }

    /** {@code id@version}, how receipts and logs refer to a definition. */
    public String reference() {
        return id + "@" + version;
    }
}
