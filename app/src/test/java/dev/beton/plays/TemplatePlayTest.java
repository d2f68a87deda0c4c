package dev.beton.plays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.crm.DealStatusLookup.DealStatus;
import dev.beton.signals.SignalType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplatePlayTest {

    @Test
    void theSameFactsGiveTheSamePlay() {
        assertThat(TemplatePlay.write(PlayFixtures.hotAccount(Optional.empty())))
                .isEqualTo(TemplatePlay.write(PlayFixtures.hotAccount(Optional.empty())));
    }

    @Test
    void everySectionIsThereAndEveryPointCitesAKnownFact() {
        SalesPlay play = TemplatePlay.write(PlayFixtures.hotAccount(Optional.empty()));
        assertThat(play.sections()).extracting(SalesPlay.Section::title).isEqualTo(SalesPlay.TITLES);
        List<String> ids = play.facts().stream().map(Fact::id).toList();
        play.sections().forEach(s -> {
            assertThat(s.points()).as(s.title()).isNotEmpty();
            s.points().forEach(p -> assertThat(ids).containsAll(p.facts()));
        });
        assertThat(play.facts()).extracting(Fact::id).startsWith("F1", "F2", "F3");
    }

    @Test
    void whyNowComesFromTheScoreSignalsAndUsageTrend() {
        SalesPlay play = TemplatePlay.write(PlayFixtures.hotAccount(Optional.empty()));
        assertThat(texts(play, "Why now"))
                .containsExactly(
                        "Scored 70/100 and in the hot queue: buying signals are fresh.",
                        "4 pricing visits in 7 days",
                        "3 new users in 7 days",
                        "Usage is up 100 % week over week.");
        assertThat(texts(play, "Who to contact").getFirst()).startsWith("Champion: ann (ann@acme.com)");
        assertThat(texts(play, "Talking points")).contains(TemplatePlay.talkingPoint(SignalType.PRICING_INTENT));
        assertThat(texts(play, "Next steps")).contains("Create the deal in the CRM once the champion replies.");
        assertThat(texts(play, "Risks"))
                .containsExactly("The firmographics are simulated for the demo: verify them before using them.");
    }

    @Test
    void anOpenDealIsToBeAdvancedWithItsOwner() {
        DealStatus deal = new DealStatus(
                "acme.com",
                "d1",
                Optional.empty(),
                Optional.of("Lead"),
                Optional.of("rep-1"),
                Optional.of("Riley Rep"),
                Optional.empty(),
                1,
                false);
        SalesPlay play = TemplatePlay.write(PlayFixtures.hotAccount(Optional.of(deal)));
        assertThat(texts(play, "Next steps")).contains("Move the open deal past stage Lead.");
        assertThat(texts(play, "Who to contact"))
                .contains("Coordinate with the deal owner (Riley Rep) before reaching out.");
    }

    @ParameterizedTest
    @MethodSource("dev.beton.signals.SignalType#builtIns")
    void everySignalTypeHasATalkingPoint(SignalType type) {
        assertThat(TemplatePlay.talkingPoint(type)).isNotBlank();
    }

    @Test
    void markdownListsTheCitedFactsUnderTheTextAndSaysSimulated() {
        String md = PlayMarkdown.of(TemplatePlay.write(PlayFixtures.hotAccount(Optional.empty())));
        assertThat(md).startsWith("# Sales play: Acme Inc (acme.com)");
        assertThat(md).contains("## Why now", "## Who to contact", "## Talking points", "## Next steps", "## Risks");
        assertThat(md.substring(md.indexOf("## Facts cited")))
                .contains("**F1** PQL score 70/100", "simulated for the demo");
    }

    @Test
    void markdownKeepsEventTextFromBecomingLinks() {
        assertThat(PlayMarkdown.escape("[click](http://evil) <b>")).isEqualTo("\\[click\\](http://evil) &lt;b>");
    }

    private static List<String> texts(SalesPlay play, String title) {
        return play.sections().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow().points().stream()
                .map(SalesPlay.Point::text)
                .toList();
    }
}
