package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.posthog.PostHogProjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostHogKeyFormatTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                   | Paste a PostHog personal API key",
                "phc_projectTokenPastedByMistake0123456789abcdefghij  | This is a project token (phc_…)",
                "phs_projectSecretKey0123456789abcdefghijklmnopqrstu  | project secret key or an OAuth token",
                "pha_oauthAccessToken0123456789abcdefghijklmnopqrstu  | project secret key or an OAuth token",
                "phx_with space0123456789abcdefghijklmnopqrstuvwxyz  | spaces or line breaks",
                "phx_tooShort0123                                     | too short"
            })
    void refusesWhatIsNotAPersonalKeyWithASentenceSayingWhy(String key, String sentence) {
        assertThatThrownBy(() -> PostHogKeyFormat.check(key)).isInstanceOfSatisfying(ConnectionFailure.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_FORMAT);
            assertThat(e.getMessage()).contains(sentence).doesNotContain(key.isBlank() ? "\u0000" : key);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "phx_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "  phx_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\n",
                "legacyKeyWithoutPrefix0123456789abcdefghijklm"
            })
    void acceptsPersonalKeysAndLegacyKeysTrimmed(String key) {
        assertThat(PostHogKeyFormat.check(key).reveal()).isEqualTo(key.strip());
    }

    @Test
    void projectChoicesRoundTripThroughTheirSetting() {
        List<PostHogProjectRef> projects =
                List.of(new PostHogProjectRef(101, "Main app"), new PostHogProjectRef(102, "Staging\nEU"));

        assertThat(ProjectChoices.decode(ProjectChoices.encode(projects)))
                .containsExactly(new PostHogProjectRef(101, "Main app"), new PostHogProjectRef(102, "Staging EU"));
        assertThat(ProjectChoices.decode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"posthog.example.com", "ftp://posthog.example.com", "https://", "not a url"})
    void selfHostedAddressesMustBeHttpUrls(String host) {
        assertThatThrownBy(() -> PostHogHosts.customHost(host))
                .isInstanceOfSatisfying(
                        ConnectionFailure.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_FORMAT));
    }
}
