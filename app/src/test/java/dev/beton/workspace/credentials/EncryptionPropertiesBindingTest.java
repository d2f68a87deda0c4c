package dev.beton.workspace.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The documented variable names reach the properties record. */
class EncryptionPropertiesBindingTest {

    @Test
    void environmentVariablesBindToTheKeyAndThePreviousKeys() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "env",
                        Map.of("BETON_ENCRYPTION_KEY", "current", "BETON_ENCRYPTION_PREVIOUS_KEYS", "old1,old2")));

        EncryptionProperties bound = Binder.get(environment)
                .bind("beton.encryption", EncryptionProperties.class)
                .get();

        assertThat(bound.key()).isEqualTo("current");
        assertThat(bound.previousKeys()).containsExactly("old1", "old2");
        assertThat(bound.toString()).doesNotContain("current").doesNotContain("old1");
        assertThat(ConfigurationPropertySources.get(environment)).isNotNull();
    }
}
