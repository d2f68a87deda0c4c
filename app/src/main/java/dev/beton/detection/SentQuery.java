package dev.beton.detection;

import java.util.Map;

/**
 * A query exactly as a detection run sent it to its event source.
 *
 * @param label the library reference ({@code signal.pricing_intent@1}) or {@code accounts_seen}
 * @param dialect {@code DUCKDB} on the embedded store, {@code HOGQL} on PostHog
 * @param parameters the bound values, by name
 */
public record SentQuery(String label, String dialect, String sql, Map<String, Object> parameters) {}
