package dev.beton.posthog;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The defaults of a {@code @ConfigurationProperties} record, for code built without Spring
 * (benchmarks, tests). Bound from an empty configuration, so the {@code @DefaultValue}s on the
 * record are the only place a default is written: a second list of them drifted before.
 */
final class PropertyDefaults {

    private PropertyDefaults() {}

    static <T> T of(String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, Bindable.of(type));
    }
}
