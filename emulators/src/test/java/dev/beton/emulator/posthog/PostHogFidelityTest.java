package dev.beton.emulator.posthog;

import static dev.beton.emulator.posthog.PostHogFixture.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Json;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.TestHttp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What real PostHog does to a query's meaning (issue 15): typed property definitions, the
 * project's time zone, and group keys blanked before the group type existed.
 */
class PostHogFidelityTest {

    private static final String QUERY = "/api/projects/1/query/";

    @RegisterExtension
    static final ContractValidator contract = ContractValidator.posthog();

    private final MutableClock clock = MutableClock.at("2026-01-10T00:00:00Z");
    private PostHogEmulator posthog;
    private TestHttp http;

    @BeforeEach
    void start() {
        posthog = PostHogFixture.builder(clock, contract).start();
        http = TestHttp.to(posthog.baseUrl()).bearer(ALL);
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void detectsPropertyTypesFromTheFirstValueAndListsThem() {
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-09T00:00:00Z","properties":{
                 "seats":12,"trial_ends_at":"2026-02-01T00:00:00Z","beta":"true","name":"acme",
                 "utm_source":"2026-01-01","signup_time":1767225600,"$groups":{"company":"acme"}},
                 "$set":{"age":41}}""");
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-09T01:00:00Z","properties":{"seats":"many"}}""");

        assertThat(posthog.eventPropertyType(1, "seats")).contains(PostHogPropertyType.NUMERIC);
        assertThat(posthog.eventPropertyType(1, "trial_ends_at")).contains(PostHogPropertyType.DATETIME);
        assertThat(posthog.eventPropertyType(1, "beta")).contains(PostHogPropertyType.BOOLEAN);
        assertThat(posthog.eventPropertyType(1, "name")).contains(PostHogPropertyType.STRING);
        assertThat(posthog.eventPropertyType(1, "utm_source")).contains(PostHogPropertyType.STRING);
        assertThat(posthog.eventPropertyType(1, "signup_time")).contains(PostHogPropertyType.DATETIME);
        assertThat(posthog.eventPropertyType(1, "$groups")).isEmpty();

        JsonNode list =
                http.get("/api/projects/1/property_definitions/?type=event").json();
        assertThat(list.path("results").values()).anySatisfy(d -> {
            assertThat(d.path("name").asString()).isEqualTo("seats");
            assertThat(d.path("property_type").asString()).isEqualTo("Numeric");
            assertThat(d.path("is_numerical").asBoolean()).isTrue();
        });
        JsonNode persons =
                http.get("/api/projects/1/property_definitions/?type=person").json();
        assertThat(persons.path("results").get(0).path("name").asString()).isEqualTo("age");
    }

    @Test
    void readsTypedPropertiesThroughTheirCastAndRefusesMixedTypes() {
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-09T00:00:00Z","properties":{"seats":12}}""");
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-09T01:00:00Z","properties":{"seats":"many"}}""");

        JsonNode typed = query("SELECT properties.seats AS s FROM events ORDER BY timestamp LIMIT 10")
                .json();
        assertThat(typed.path("types").get(0).get(1).asString()).isEqualTo("Nullable(Float64)");
        assertThat(typed.path("results").get(0).get(0).asDouble()).isEqualTo(12.0);
        assertThat(typed.path("results").get(1).get(0).isNull())
                .as("text that is no number")
                .isTrue();

        assertThat(query("SELECT coalesce(properties.seats, '') AS s FROM events LIMIT 10")
                        .status())
                .isEqualTo(400);
        assertThat(query("SELECT count() AS c FROM events WHERE properties.seats LIKE '1%' LIMIT 1")
                        .status())
                .isEqualTo(400);
        JsonNode text = query(
                        "SELECT coalesce(toString(properties.seats), '') AS s FROM events ORDER BY timestamp LIMIT 10")
                .json();
        assertThat(text.path("results").get(0).get(0).asString()).isEqualTo("12");
        assertThat(text.path("results").get(1).get(0).asString()).isEmpty();

        posthog.propertyType(1, "event", 0, "seats", PostHogPropertyType.STRING);
        assertThat(query("SELECT coalesce(properties.seats, '') AS s FROM events LIMIT 10")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void countsDaysInTheProjectsZoneUnlessMovedToUtc() {
        posthog.timezone(1, ZoneId.of("America/Chicago"));
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-09T05:30:00Z"}""");

        JsonNode answer = query("""
                SELECT timestamp AS t, toStartOfDay(timestamp) AS d, toDate(timestamp) AS day,
                 dateDiff('day', timestamp, toDateTime('2026-01-09T06:30:00Z')) AS local_days,
                 dateDiff('day', toTimeZone(timestamp, 'UTC'), toTimeZone(toDateTime('2026-01-09T06:30:00Z'), 'UTC')) AS utc_days,
                 toDateTime('2026-01-09 00:00:00') AS naive
                FROM events LIMIT 1""").json();

        assertThat(answer.path("timezone").asString()).isEqualTo("America/Chicago");
        JsonNode row = answer.path("results").get(0);
        assertThat(row.get(0).asString()).isEqualTo("2026-01-08T23:30-06:00");
        assertThat(Instant.parse("2026-01-09T05:30:00Z"))
                .isEqualTo(java.time.OffsetDateTime.parse(row.get(0).asString()).toInstant());
        assertThat(java.time.OffsetDateTime.parse(row.get(1).asString()).toInstant())
                .isEqualTo(Instant.parse("2026-01-08T06:00:00Z"));
        assertThat(row.get(2).asString()).isEqualTo("2026-01-08");
        assertThat(row.get(3).asLong()).isEqualTo(1);
        assertThat(row.get(4).asLong()).isZero();
        assertThat(java.time.OffsetDateTime.parse(row.get(5).asString()).toInstant())
                .as("text without an offset is read in the project's zone")
                .isEqualTo(Instant.parse("2026-01-09T06:00:00Z"));
    }

    @Test
    void blanksGroupKeysOfEventsOlderThanTheGroupType() {
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2026-01-01T00:00:00Z","properties":{"$groups":{"company":"acme"}}}""");
        capture("""
                {"event":"e","distinct_id":"u","timestamp":"2025-12-01T00:00:00Z","properties":{"$groups":{"company":"acme"}}}""");
        String keyed = "SELECT countIf($group_0 != '') AS keyed, count() AS total FROM events LIMIT 1";

        assertThat(query(keyed).json().path("results").get(0).get(0).asLong())
                .as("without a creation time the type is older than every event")
                .isEqualTo(2);

        // As PostHog since PR #64265 stamps it: the first event's time; the older one captured later is blanked.
        posthog.groupTypeCreatedAt(1, "company", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(query(keyed).json().path("results").get(0).get(0).asLong()).isEqualTo(1);

        posthog.groupTypeCreatedAt(1, "company", Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(query(keyed).json().path("results").get(0).get(0).asLong()).isZero();
    }

    private TestHttp.Reply query(String sql) {
        return http.post(
                QUERY,
                Json.write(Map.of("query", Map.of("kind", "HogQLQuery", "query", sql), "refresh", "force_blocking")));
    }

    private void capture(String event) {
        String body = "{\"api_key\":\"" + PostHogFixture.MAIN.apiToken() + "\","
                + event.strip().substring(1);
        TestHttp.Reply reply = TestHttp.to(posthog.baseUrl()).post("/i/v0/e/", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
