package dev.beton.emulator.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostHogCaptureTest {

    private static final String TOKEN = PostHogFixture.MAIN.apiToken();

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-01-05T12:00:00Z");
    private PostHogEmulator posthog;
    private TestHttp capture;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(clock, contract).start();
        capture = TestHttp.to(posthog.baseUrl());
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/i/v0/e/", "/i/v0/e", "/e/", "/capture/", "/track"})
    void singleEventIsStoredForTheTokensProject(String route) {
        TestHttp.Reply reply = capture.post(route, """
                {"api_key":"%s","event":"signed_up","distinct_id":"u1","properties":{"plan":"pro"}}""".formatted(TOKEN));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asString()).isEqualTo("Ok");
        assertThat(posthog.events(1)).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("signed_up");
            assertThat(e.distinctId()).isEqualTo("u1");
            assertThat(e.properties()).containsEntry("plan", "pro");
            assertThat(e.timestamp()).isEqualTo(clock.instant());
        });
        assertThat(posthog.events(2)).isEmpty();
    }

    @Test
    void batchStoresEveryEventWithItsOwnTimestamp() {
        TestHttp.Reply reply = capture.post("/batch/", """
                {"api_key":"%s","batch":[
                  {"event":"a","distinct_id":"u1","timestamp":"2026-01-01T10:00:00Z"},
                  {"event":"b","distinct_id":42,"timestamp":"2026-01-02T10:00:00+02:00"}]}""".formatted(TOKEN));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(posthog.events(1))
                .extracting(CapturedEvent::event, CapturedEvent::distinctId, CapturedEvent::timestamp)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "u1", Instant.parse("2026-01-01T10:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("b", "42", Instant.parse("2026-01-02T08:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"api_key\":\"phx_personal\",\"event\":\"e\",\"distinct_id\":\"u\"} | 401 | API key is not valid: personal_api_key",
                "{\"event\":\"e\",\"distinct_id\":\"u\"}                              | 401 | event submitted without an api_key",
                "{\"api_key\":\"\",\"event\":\"e\",\"distinct_id\":\"u\"}             | 401 | API key is not valid: empty",
                "{\"api_key\":\"phc_main_token_1234567890\",\"event\":\"\",\"distinct_id\":\"u\"} | 400 | event submitted with an empty event name",
                "{\"api_key\":\"phc_main_token_1234567890\",\"event\":\"e\"}          | 400 | event submitted without a distinct_id",
                "{\"api_key\":\"phc_main_token_1234567890\",\"event\":\"e\",\"distinct_id\":\"u\",\"uuid\":\"nope\"} | 400 | failed to parse request",
                "[]                                                                   | 400 | request holds no event",
            })
    void badEventsAreRefusedInPlainText(String body, int status, String message) {
        TestHttp.Reply reply = capture.post("/i/v0/e/", body);

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(reply.body()).startsWith(message);
        assertThat(posthog.events(1)).isEmpty();
    }

    @Test
    void oneBadEventRejectsTheWholeBatch() {
        TestHttp.Reply reply = capture.post("/batch/", """
                {"api_key":"%s","batch":[{"event":"ok","distinct_id":"u"},{"event":"no_id"}]}""".formatted(TOKEN));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(posthog.events(1)).isEmpty();
    }

    @Test
    void sizeLimitsAreOneMegabytePerEventAndTwoPerEventRoute() {
        String big = "x".repeat(900_000);
        String event = "{\"event\":\"e\",\"distinct_id\":\"u\",\"properties\":{\"blob\":\"%s\"}}";

        TestHttp.Reply oversizedEvent = capture.post("/i/v0/e/", """
                {"api_key":"%s","event":"e","distinct_id":"u","properties":{"blob":"%s"}}""".formatted(TOKEN, "x".repeat(1_100_000)));
        assertThat(oversizedEvent.status()).isEqualTo(413);
        assertThat(oversizedEvent.body()).isEqualTo("maximum event size exceeded");

        String threeEvents = "{\"api_key\":\"" + TOKEN + "\",\"batch\":["
                + String.join(",", java.util.Collections.nCopies(3, event.formatted(big))) + "]}";
        assertThat(capture.post("/i/v0/e/", threeEvents).status()).isEqualTo(413);
        assertThat(capture.post("/batch/", threeEvents).status()).isEqualTo(200);
        assertThat(posthog.events(1)).hasSize(3);
    }

    @Test
    void inconsistentTokensInOneRequestAreRefused() {
        TestHttp.Reply reply = capture.post("/batch/", """
                [{"api_key":"%s","event":"a","distinct_id":"u"},{"api_key":"phc_other","event":"b","distinct_id":"u"}]""".formatted(TOKEN));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("batch submitted with inconsistent api_key values");
    }

    @Test
    void unknownProjectTokenIsAcceptedAndDropped() {
        TestHttp.Reply reply =
                capture.post("/i/v0/e/", "{\"api_key\":\"phc_unknown\",\"event\":\"e\",\"distinct_id\":\"u\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(posthog.events(1)).isEmpty();
        assertThat(posthog.events(2)).isEmpty();
    }

    @Test
    void groupIdentifyUpsertsTheGroupAndMergesProperties() {
        capture.post("/i/v0/e/", identify("{\"name\":\"Acme\",\"plan\":\"free\"}"));
        clock.advance(java.time.Duration.ofHours(1));
        capture.post("/i/v0/e/", identify("{\"plan\":\"pro\"}"));

        assertThat(posthog.groups(1)).singleElement().satisfies(g -> {
            assertThat(g.groupType()).isEqualTo("company");
            assertThat(g.groupTypeIndex()).isZero();
            assertThat(g.properties()).isEqualTo(Map.of("name", "Acme", "plan", "pro"));
            assertThat(g.createdAt()).isEqualTo(Instant.parse("2026-01-05T12:00:00Z"));
        });
    }

    @Test
    void nonObjectGroupSetIsDiscardedButTheEventIsKept() {
        capture.post("/i/v0/e/", identify("\"not an object\""));

        assertThat(posthog.groups(1)).isEmpty();
        assertThat(posthog.events(1)).hasSize(1);
    }

    @Test
    void groupsPropertyFillsGroupColumnsByTypeIndex() {
        capture.post("/i/v0/e/", identify("{}"));
        capture.post("/i/v0/e/", """
                {"api_key":"%s","event":"report_created","distinct_id":"u",
                 "properties":{"$groups":{"workspace":"w9","company":"acme"}}}""".formatted(TOKEN));

        assertThat(posthog.events(1).getLast().groupKeys()).isEqualTo(Map.of(0, "acme", 1, "w9"));
    }

    @Test
    void identifySetsPersonPropertiesAndSetOnceKeepsTheFirstValue() {
        capture.post("/i/v0/e/", """
                {"api_key":"%s","event":"$identify","distinct_id":"ada@acme.com",
                 "properties":{"$set":{"plan":"free"},"$set_once":{"first_seen":"mon"}}}""".formatted(TOKEN));
        capture.post("/i/v0/e/", """
                {"api_key":"%s","event":"upgraded","distinct_id":"ada@acme.com",
                 "$set":{"plan":"pro"},"$set_once":{"first_seen":"tue"}}""".formatted(TOKEN));

        assertThat(posthog.persons(1)).singleElement().satisfies(p -> {
            assertThat(p.distinctIds()).containsExactly("ada@acme.com");
            assertThat(p.properties()).isEqualTo(Map.of("plan", "pro", "first_seen", "mon"));
        });
    }

    @Test
    void systemEventsCanSkipPersonProcessing() {
        capture.post("/i/v0/e/", """
                {"api_key":"%s","event":"beton_signal_fired","distinct_id":"beton:acme",
                 "properties":{"$process_person_profile":false}}""".formatted(TOKEN));

        assertThat(posthog.persons(1)).isEmpty();
        assertThat(posthog.events(1)).hasSize(1);
    }

    @Test
    void aliasJoinsTwoDistinctIdsIntoOnePerson() {
        capture.post(
                "/i/v0/e/",
                "{\"api_key\":\"%s\",\"event\":\"e\",\"distinct_id\":\"anon-1\",\"$set\":{\"a\":1}}".formatted(TOKEN));
        capture.post(
                "/i/v0/e/",
                "{\"api_key\":\"%s\",\"event\":\"$create_alias\",\"distinct_id\":\"ada\",\"properties\":{\"alias\":\"anon-1\"}}"
                        .formatted(TOKEN));

        assertThat(posthog.persons(1)).singleElement().satisfies(p -> {
            assertThat(p.distinctIds()).containsExactlyInAnyOrder("ada", "anon-1");
            assertThat(p.properties()).containsEntry("a", 1);
        });
    }

    @Test
    void aProjectHasAtMostFiveGroupTypes() {
        for (String type : new String[] {"t0", "t1", "t2", "t3", "t4", "t5"}) {
            capture.post("/i/v0/e/", """
                    {"api_key":"%s","event":"e","distinct_id":"u","properties":{"$groups":{"%s":"k"}}}""".formatted(TOKEN, type));
        }

        assertThat(posthog.events(1).getLast().groupKeys()).isEmpty();
        assertThat(posthog.events(1).get(4).groupKeys()).isEqualTo(Map.of(4, "k"));
    }

    private static String identify(String groupSet) {
        return """
                {"api_key":"%s","event":"$groupidentify","distinct_id":"beton:company:acme",
                 "properties":{"$group_type":"company","$group_key":"acme","$group_set":%s}}""".formatted(TOKEN, groupSet);
    }
}
