package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code beton.posthog.*} binds through the canonical constructor, with defaults and checks. */
class PostHogPropertiesTest {

    @Test
    void theQueryWaitDefaultsToOneMinuteAndCanBeSet() {
        assertThat(bind(Map.of()).queryWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bind(Map.of("beton.posthog.query-wait", "5s")).queryWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bind(Map.of()).timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aZeroQueryWaitIsRefusedWithThePropertyName() {
        assertThatThrownBy(() -> bind(Map.of("beton.posthog.query-wait", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("beton.posthog.query-wait must be positive");
    }

    private static PostHogProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("beton.posthog", Bindable.of(PostHogProperties.class));
    }
}
