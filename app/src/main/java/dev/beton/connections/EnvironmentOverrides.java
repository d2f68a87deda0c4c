package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seed 000 Appendix C: {@code POSTHOG_API_KEY}, {@code POSTHOG_PROJECT_ID}, {@code POSTHOG_HOST}
 * and {@code ATTIO_API_KEY} override what is stored, for every workspace of the instance. Read
 * through Spring's environment, so tests can set them as properties.
 */
@Component
class EnvironmentOverrides {

    static final String POSTHOG_API_KEY = "POSTHOG_API_KEY";
    static final String POSTHOG_PROJECT_ID = "POSTHOG_PROJECT_ID";
    static final String POSTHOG_HOST = "POSTHOG_HOST";
    static final String ATTIO_API_KEY = "ATTIO_API_KEY";

    private final Environment environment;

    EnvironmentOverrides(Environment environment) {
        this.environment = environment;
    }

    Optional<Secret> posthogKey() {
        return value(POSTHOG_API_KEY).map(Secret::of);
    }

    Optional<String> posthogProjectId() {
        return value(POSTHOG_PROJECT_ID);
    }

    /** {@code POSTHOG_HOST} is where {@code POSTHOG_API_KEY} goes; without that key it applies to nothing. */
    Optional<String> posthogHost() {
        return value(POSTHOG_API_KEY).isPresent() ? value(POSTHOG_HOST) : Optional.empty();
    }

    Optional<Secret> attioKey() {
        return value(ATTIO_API_KEY).map(Secret::of);
    }

    Optional<Secret> keyFor(Integration integration) {
        return switch (integration) {
            case POSTHOG -> posthogKey();
            case ATTIO -> attioKey();
            case CLICKHOUSE -> Optional.empty();
        };
    }

    /** The variable names that are set for an integration, for the page's "overridden by" note. */
    java.util.List<String> setFor(Integration integration) {
        java.util.List<String> names =
                switch (integration) {
                    case POSTHOG -> java.util.List.of(POSTHOG_API_KEY, POSTHOG_PROJECT_ID, POSTHOG_HOST);
                    case ATTIO -> java.util.List.of(ATTIO_API_KEY);
                    case CLICKHOUSE -> java.util.List.<String>of();
                };
        return names.stream()
                .filter(n -> n.equals(POSTHOG_HOST) ? posthogHost().isPresent() : value(n).isPresent())
                .toList();
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(environment.getProperty(name))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
