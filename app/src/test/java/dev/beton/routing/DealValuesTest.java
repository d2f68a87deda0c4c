package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DealValuesTest {

    @Test
    void theKeyNamesTheInstallTheWorkspaceTheAccountAndTheEpisode() {
        assertThat(DealValues.betonKey("3f9a1c0d2b7e", 7, "acme.io", 2)).isEqualTo("beton:3f9a1c0d2b7e:w7:acme.io:2");
        assertThat(DealValues.legacyKey(7, "acme.io")).isEqualTo("beton:w7:acme.io:1");
    }

    @Test
    void theEpisodeIsTheLastSegmentEvenWhenTheAccountKeyHasColons() {
        assertThat(DealValues.episodeOf(DealValues.betonKey("ab", 1, "attio:company:42", 3)))
                .isEqualTo(3);
        assertThat(DealValues.episodeOf(DealValues.legacyKey(1, "a:b"))).isEqualTo(1);
        assertThat(DealValues.episodeOf("not a key")).isEqualTo(1);
    }
}
