package dev.beton.connections;

import java.util.Locale;
import java.util.Optional;

/**
 * The services a workspace connects to. ClickHouse, SMTP and Slack join this list later; each
 * gets its row in {@code integration_connections} and its secrets in {@code sealed_secrets}.
 */
public enum Integration {
    POSTHOG("PostHog"),
    ATTIO("Attio"),
    /** ClickHouse holding PostHog-style data; its secret is the password (see {@link #secretName()}). */
    CLICKHOUSE("ClickHouse");

    private final String label;

    Integration(String label) {
        this.label = label;
    }

    /** The name in URLs and database rows: {@code posthog}, {@code attio}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of the integration's secret in {@code sealed_secrets}. */
    public String secretName() {
        return this == CLICKHOUSE ? "password" : "api_key";
    }

    public String label() {
        return label;
    }

    public static Optional<Integration> byId(String id) {
        for (Integration integration : values()) {
            if (integration.id().equals(id)) {
                return Optional.of(integration);
            }
        }
        return Optional.empty();
    }
}
