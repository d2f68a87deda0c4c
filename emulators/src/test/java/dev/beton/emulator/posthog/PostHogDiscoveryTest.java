package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class PostHogDiscoveryTest {

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(MutableClock.at("2026-01-05T12:00:00Z"), contract)
                .start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void meShowsTheCurrentTeamWithItsProjectTokenAndAllOrganizations() {
        JsonNode me = http.get("/api/users/@me/").json();

        assertThat(me.path("team").path("id").asLong()).isEqualTo(1);
        assertThat(me.path("team").path("api_token").asString()).isEqualTo("phc_main_token_1234567890");
        assertThat(me.path("organization").path("slug").asString()).isEqualTo("acme");
        assertThat(me.path("organization").path("teams").size()).isEqualTo(3);
        assertThat(me.path("organizations").values())
                .extracting(o -> o.path("name").asString())
                .containsExactly("Acme", "Globex");
    }

    @Test
    void projectsListPaginatesWithNextAndPreviousLinks() {
        JsonNode first = http.get("/api/projects/?limit=2").json();

        assertThat(first.path("count").asInt()).isEqualTo(3);
        assertThat(first.path("results").values())
                .extracting(p -> p.path("name").asString())
                .containsExactly("Main", "Staging");
        assertThat(first.path("previous").isNull()).isTrue();
        String next = first.path("next").asString();
        assertThat(next)
                .startsWith(posthog.baseUrl().toString())
                .contains("limit=2")
                .contains("offset=2");

        JsonNode second =
                http.get(next.substring(posthog.baseUrl().toString().length())).json();
        assertThat(second.path("results").values())
                .extracting(p -> p.path("name").asString())
                .containsExactly("Sandbox");
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(second.path("previous").asString()).contains("limit=2").doesNotContain("offset");
    }

    @Test
    void followingNextVisitsEveryProjectOnce() {
        List<String> names = new ArrayList<>();
        String path = "/api/projects/?limit=1";
        while (path != null) {
            JsonNode page = http.get(path).json();
            page.path("results").values().forEach(p -> names.add(p.path("name").asString()));
            path = page.path("next").isNull()
                    ? null
                    : page.path("next")
                            .asString()
                            .substring(posthog.baseUrl().toString().length());
        }

        assertThat(names).containsExactly("Main", "Staging", "Sandbox");
    }

    @Test
    void projectDetailCarriesApiTokenAndAnswersUnderTheEnvironmentsAlias() {
        JsonNode project = http.get("/api/projects/2/").json();
        JsonNode alias = http.get("/api/environments/2/").json();

        assertThat(project.path("api_token").asString()).isEqualTo("phc_staging_token_123456");
        assertThat(project.path("organization").asString())
                .isEqualTo(PostHogFixture.ORG.id().toString());
        assertThat(alias.path("id").asLong()).isEqualTo(2);
        assertThat(http.get("/api/projects/@current/").json().path("id").asLong())
                .isEqualTo(1);
    }

    @Test
    void organizationProjectsAreListedPerOrganization() {
        JsonNode foreign = http.get("/api/organizations/" + PostHogFixture.OTHER_ORG.id() + "/projects/")
                .json();

        assertThat(foreign.path("results").values())
                .extracting(p -> p.path("name").asString())
                .containsExactly("Foreign");
    }

    @Test
    void groupTypesAppearInOrderOfFirstUse() {
        TestHttp capture = TestHttp.to(posthog.baseUrl());
        capture.post("/i/v0/e/", groupIdentify("workspace", "w1"));
        capture.post("/i/v0/e/", groupIdentify("company", "acme"));
        capture.post("/i/v0/e/", groupIdentify("workspace", "w2"));

        JsonNode types = http.get("/api/projects/1/groups_types/").json();

        assertThat(types.values())
                .extracting(t -> t.path("group_type").asString() + "="
                        + t.path("group_type_index").asInt())
                .containsExactly("workspace=0", "company=1");
        assertThat(http.get("/api/projects/2/groups_types/").json().size()).isZero();
    }

    private static String groupIdentify(String type, String key) {
        return """
                {"api_key":"phc_main_token_1234567890","event":"$groupidentify","distinct_id":"d",
                 "properties":{"$group_type":"%s","$group_key":"%s","$group_set":{"name":"%s"}}}""".formatted(type, key, key);
    }
}
