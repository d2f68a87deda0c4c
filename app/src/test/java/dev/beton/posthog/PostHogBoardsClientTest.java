package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dashboards and insights through the client, against the emulator with the contract checked. */
class PostHogBoardsClientTest {

    private static final Map<String, Object> ACTIVE_COMPANIES = Map.of(
            "kind",
            "DataVisualizationNode",
            "source",
            Map.of("kind", "HogQLQuery", "query", "SELECT uniq($group_0) AS companies FROM events"),
            "display",
            "BoldNumber");

    private EmulatedPostHog posthog;

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void createsReadsUpdatesAndListsDashboardsByTag() {
        posthog = EmulatedPostHog.start();
        PostHogDashboards dashboards = posthog.client.dashboards();

        PostHogDashboard made = dashboards.create(key(), project(), draft("Beton · Overview", " Beton ", "PQL"));
        dashboards.create(key(), project(), draft("Marketing", "marketing"));
        PostHogDashboard renamed = dashboards.update(
                key(),
                project(),
                made.id(),
                new PostHogDashboardDraft("Beton · PQL", "by Beton", List.of("beton"), true));

        assertThat(made.tags()).containsExactly("beton", "pql");
        assertThat(renamed.name()).isEqualTo("Beton · PQL");
        assertThat(renamed.pinned()).isTrue();
        assertThat(renamed.tags()).containsExactly("beton");
        assertThat(dashboards.get(key(), project(), made.id()).description()).isEqualTo("by Beton");
        assertThat(dashboards.list(key(), project(), List.of("beton")))
                .extracting(PostHogDashboard::id)
                .containsExactly(made.id());
        assertThat(dashboards.list(key(), project(), List.of("beton", "marketing")))
                .hasSize(2);
        assertThat(dashboards.list(key(), project(), List.of())).hasSize(2);
        // Both values travel as a repeated parameter, the dashboard list's documented form.
        assertThat(posthog.sent("GET", "/dashboards/"))
                .anySatisfy(e -> assertThat(e.query()).isEqualTo("tags=beton&tags=marketing"));
        posthog.contract.assertNoViolations();
    }

    @Test
    void listsFollowNextPagesPastOneHundred() {
        posthog = EmulatedPostHog.start();
        for (int i = 0; i < 105; i++) {
            posthog.client.dashboards().create(key(), project(), draft("Board " + i, "beton"));
        }

        List<PostHogDashboard> all = posthog.client.dashboards().list(key(), project(), List.of("beton"));

        assertThat(all).hasSize(105);
        assertThat(all.stream().map(PostHogDashboard::id).distinct()).hasSize(105);
        assertThat(posthog.sent("GET", "/dashboards/")).hasSize(2);
        posthog.contract.assertNoViolations();
    }

    @Test
    void softDeleteHidesTheDashboardAndNeverSendsDelete() {
        posthog = EmulatedPostHog.start();
        PostHogDashboard made = posthog.client.dashboards().create(key(), project(), draft("Gone soon", "beton"));

        posthog.client.dashboards().softDelete(key(), project(), made.id());

        assertThat(posthog.client.dashboards().list(key(), project(), List.of()))
                .isEmpty();
        assertThatThrownBy(() -> posthog.client.dashboards().get(key(), project(), made.id()))
                .isInstanceOf(PostHogException.NotFound.class);
        assertThat(posthog.sent("PATCH", "/dashboards/" + made.id() + "/"))
                .singleElement()
                .satisfies(e -> assertThat(e.requestBody()).isEqualTo("{\"deleted\":true}"));
        assertThat(posthog.exchanges).noneMatch(e -> e.method().equals("DELETE"));
        posthog.contract.assertNoViolations();
    }

    @Test
    void insightsBecomeTilesOfTheDashboardsTheyAreOn() {
        posthog = EmulatedPostHog.start();
        PostHogDashboard first = posthog.client.dashboards().create(key(), project(), draft("First", "beton"));
        PostHogDashboard second = posthog.client.dashboards().create(key(), project(), draft("Second", "beton"));
        PostHogInsights insights = posthog.client.insights();

        PostHogInsight insight = insights.create(
                key(),
                project(),
                new PostHogInsightDraft(
                        "Beton · Active companies", "", List.of("Beton"), ACTIVE_COMPANIES, List.of(first.id())));

        assertThat(insight.dashboards()).containsExactly(first.id());
        assertThat(insight.query()).containsEntry("kind", "DataVisualizationNode");
        assertThat(posthog.client.dashboards().get(key(), project(), first.id()).tiles())
                .extracting(PostHogTile::insightId)
                .containsExactly(OptionalLong.of(insight.id()));

        PostHogInsight moved = insights.placeOn(key(), project(), insight.id(), List.of(second.id()));

        assertThat(moved.dashboards()).containsExactly(second.id());
        assertThat(posthog.client.dashboards().get(key(), project(), first.id()).tiles())
                .isEmpty();
        assertThat(posthog.client
                        .dashboards()
                        .get(key(), project(), second.id())
                        .tiles())
                .hasSize(1);
        posthog.contract.assertNoViolations();
    }

    @Test
    void insightsAreListedByJsonTagsUpdatedAndSoftDeleted() {
        posthog = EmulatedPostHog.start();
        PostHogInsights insights = posthog.client.insights();
        PostHogInsight ours = insights.create(key(), project(), insightDraft("Beton · Ours", "beton"));
        insights.create(key(), project(), insightDraft("Theirs", "growth"));

        assertThat(insights.list(key(), project(), List.of("beton")))
                .extracting(PostHogInsight::id)
                .containsExactly(ours.id());
        assertThat(posthog.sent("GET", "/insights/"))
                .anySatisfy(e -> assertThat(e.query()).contains("tags=%5B%22beton%22%5D"));
        // Filters are normalised as PostHog stores tags, since it matches tag names exactly.
        insights.list(key(), project(), List.of(" BETON "));
        assertThat(posthog.sent("GET", "/insights/").getLast().query()).contains("tags=%5B%22beton%22%5D");
        posthog.client.dashboards().list(key(), project(), List.of("Beton", "beton", " "));
        assertThat(posthog.sent("GET", "/dashboards/").getLast().query()).isEqualTo("tags=beton");

        PostHogInsight renamed = insights.update(key(), project(), ours.id(), insightDraft("Beton · Renamed", "beton"));
        assertThat(renamed.name()).isEqualTo("Beton · Renamed");
        assertThat(insights.get(key(), project(), ours.id()).name()).isEqualTo("Beton · Renamed");

        insights.softDelete(key(), project(), ours.id());
        assertThat(insights.list(key(), project(), List.of()))
                .extracting(PostHogInsight::name)
                .containsExactly("Theirs");
        assertThatThrownBy(() -> insights.get(key(), project(), ours.id()))
                .isInstanceOf(PostHogException.NotFound.class);
        posthog.contract.assertNoViolations();
    }

    @Test
    void findOrCreateTwiceMakesOneDashboardAndOneInsight() {
        posthog = EmulatedPostHog.start();
        // With tags kept, finding the existing object takes the tagged list alone.
        findOrCreateTwiceMakesOneOfEach(1);
    }

    @Test
    void findOrCreateTwiceMakesOneOfEachWhenTheServerDropsTags() {
        posthog = new EmulatedPostHog(b -> b.withoutTagging(), Duration.ofSeconds(60));
        // The tagged list comes back empty, so the marker is looked for in a second request.
        findOrCreateTwiceMakesOneOfEach(2);
        assertThat(posthog.client.dashboards().list(key(), project(), List.of()))
                .singleElement()
                .satisfies(d -> assertThat(d.tags()).isEmpty());
    }

    @Test
    void findOrCreateLeavesAUsersLookalikeAloneAndKeepsKeysApart() {
        posthog = new EmulatedPostHog(b -> b.withoutTagging(), Duration.ofSeconds(60));
        PostHogDashboards dashboards = posthog.client.dashboards();
        PostHogDashboard users = dashboards.create(key(), project(), draft("Beton · Overview", "beton"));

        PostHogDashboard overview =
                dashboards.findOrCreate(key(), project(), "overview", draft("Beton · Overview", "beton"));
        PostHogDashboard overviewPlus =
                dashboards.findOrCreate(key(), project(), "overview2", draft("Beton · Overview 2", "beton"));

        assertThat(overview.id()).isNotEqualTo(users.id());
        assertThat(overviewPlus.id()).isNotIn(users.id(), overview.id());
        assertThat(dashboards
                        .findOrCreate(key(), project(), "overview", draft("Beton · Overview", "beton"))
                        .id())
                .isEqualTo(overview.id());
        assertThat(dashboards.list(key(), project(), List.of())).hasSize(3);
        posthog.contract.assertNoViolations();
    }

    @Test
    void refusesToFollowANextLinkToAnotherHost() {
        posthog = EmulatedPostHog.start();

        assertThatThrownBy(() -> posthog.client.next("https://elsewhere.example/api/projects/1/dashboards/?offset=100"))
                .isInstanceOf(PostHogException.ApiError.class)
                .hasMessageContaining("another host");
        // Behind a TLS proxy PostHog may write http:// links; they are requested at the client's own base.
        assertThat(posthog.client
                        .next("https://127.0.0.1:1/api/projects/1/dashboards/?limit=100&offset=100")
                        .build()
                        .uri())
                .isEqualTo(posthog.emulator.baseUrl().resolve("/api/projects/1/dashboards/?limit=100&offset=100"));
        assertThatThrownBy(() -> posthog.client.dashboards().findOrCreate(key(), project(), "Not A Key!", draft("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stable key");
    }

    private void findOrCreateTwiceMakesOneOfEach(int lookupsToFindAgain) {
        PostHogDashboards dashboards = posthog.client.dashboards();
        PostHogInsights insights = posthog.client.insights();

        PostHogDashboard board =
                dashboards.findOrCreate(key(), project(), "pql_overview", draft("Beton · PQL", "beton"));
        int before = posthog.exchanges.size();
        PostHogDashboard again =
                dashboards.findOrCreate(key(), project(), "pql_overview", draft("Beton · PQL", "beton"));
        assertThat(posthog.exchanges.size() - before).isEqualTo(lookupsToFindAgain);
        PostHogInsightDraft tile = new PostHogInsightDraft(
                "Beton · Active companies",
                "Companies seen this week.",
                List.of("beton"),
                ACTIVE_COMPANIES,
                List.of(board.id()));
        PostHogInsight insight = insights.findOrCreate(key(), project(), "active_companies_7d", tile);
        before = posthog.exchanges.size();
        PostHogInsight insightAgain = insights.findOrCreate(key(), project(), "active_companies_7d", tile);
        assertThat(posthog.exchanges.size() - before).isEqualTo(lookupsToFindAgain);

        assertThat(again.id()).isEqualTo(board.id());
        assertThat(insightAgain.id()).isEqualTo(insight.id());
        assertThat(board.description()).contains("managed-by:beton key=pql_overview");
        assertThat(insight.description())
                .startsWith("Companies seen this week.")
                .endsWith("managed-by:beton key=active_companies_7d");
        assertThat(dashboards.list(key(), project(), List.of())).hasSize(1);
        assertThat(insights.list(key(), project(), List.of())).hasSize(1);
        assertThat(posthog.sent("POST", "/dashboards/")).hasSize(1);
        assertThat(posthog.sent("POST", "/insights/")).hasSize(1);
        assertThat(dashboards.get(key(), project(), board.id()).tiles()).hasSize(1);
        posthog.contract.assertNoViolations();
    }

    private static PostHogDashboardDraft draft(String name, String... tags) {
        return new PostHogDashboardDraft(name, "", List.of(tags), false);
    }

    private static PostHogInsightDraft insightDraft(String name, String... tags) {
        return new PostHogInsightDraft(name, "", List.of(tags), ACTIVE_COMPANIES, List.of());
    }

    private static dev.beton.workspace.credentials.Secret key() {
        return EmulatedPostHog.KEY;
    }

    private static long project() {
        return EmulatedPostHog.PROJECT;
    }
}
