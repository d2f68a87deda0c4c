package dev.beton.connections;

import java.util.Locale;
import java.util.Optional;

/** Where a workspace's detection reads its product events. */
public enum EventSource {
    /** Beton's own per-workspace store, fed by capture and imports. The default. */
    EMBEDDED,
    /** The connected PostHog project, queried with HogQL through the Query API. */
    POSTHOG,
    /** The connected ClickHouse server with PostHog-style tables (schema mapping per workspace). */
    CLICKHOUSE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code embedded}, {@code posthog} or {@code clickhouse}, any case; empty for anything else. */
    public static Optional<EventSource> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (EventSource source : values()) {
            if (source.id().equalsIgnoreCase(value.strip())) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
