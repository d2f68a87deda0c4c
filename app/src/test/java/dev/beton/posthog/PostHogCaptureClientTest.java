package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Exchange;
import dev.beton.emulator.posthog.CapturedEvent;
import dev.beton.emulator.posthog.CapturedGroup;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The capture client against the emulator's {@code /batch/}, every exchange contract-validated. */
class PostHogCaptureClientTest {

    private static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000c1"), "Acme", "acme");
    private static final PostHogProject MAIN =
            new PostHogProject(401, ORG.id(), "Main", "phc_captureClientToken0123456789abcdefghij");
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private final ContractValidator contract = ContractValidator.posthog();
    private final List<Exchange> batches = Collections.synchronizedList(new ArrayList<>());
    private PostHogEmulator emulator;
    private PostHogCaptures captures;

    @BeforeEach
    void start() {
        emulator = PostHogEmulator.builder()
                .organization(ORG)
                .project(MAIN)
                .observer(contract)
                .observer(e -> {
                    if (e.path().startsWith("/batch")) {
                        batches.add(e);
                    }
                })
                .start();
        captures = new PostHogCaptures(
                new PostHogProperties(
                        URI.create("https://us.posthog.com"),
                        URI.create("https://eu.posthog.com"),
                        Duration.ofSeconds(5)),
                JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void sendsEventsGzippedWithTheirUuidsGroupsAndTimestamps() {
        UUID uuid = UUID.nameUUIDFromBytes("signal-1".getBytes());
        PostHogCaptureResult result = captures.forApiHost(emulator.baseUrl())
                .send(
                        MAIN.apiToken(),
                        List.of(new PostHogCaptureEvent(
                                uuid,
                                "beton_signal_fired",
                                "beton-signals",
                                AT,
                                Map.of("$groups", Map.of("company", "acme"), "$process_person_profile", false))));

        assertThat(result).isEqualTo(new PostHogCaptureResult(1, 1, List.of()));
        assertThat(emulator.events(MAIN.id())).singleElement().satisfies(e -> {
            assertThat(e.uuid()).isEqualTo(uuid);
            assertThat(e.event()).isEqualTo("beton_signal_fired");
            assertThat(e.timestamp()).isEqualTo(AT);
            assertThat(e.groupKeys()).containsEntry(0, "acme");
        });
        assertThat(emulator.persons(MAIN.id())).isEmpty();
        assertThat(batches).singleElement().satisfies(e -> assertThat(e.requestHeader("content-encoding"))
                .contains("gzip"));
        contract.assertNoViolations();
    }

    @Test
    void aGroupIdentifySetsTheCompanysProperties() {
        captures.forApiHost(emulator.baseUrl())
                .send(
                        MAIN.apiToken(),
                        List.of(new PostHogCaptureEvent(
                                UUID.randomUUID(),
                                "$groupidentify",
                                "beton-scores",
                                AT,
                                Map.of(
                                        "$group_type",
                                        "company",
                                        "$group_key",
                                        "acme",
                                        "$group_set",
                                        Map.of("beton_pql_score", 80)))));

        assertThat(emulator.groups(MAIN.id()))
                .singleElement()
                .extracting(CapturedGroup::properties)
                .satisfies(p -> assertThat(p).containsEntry("beton_pql_score", 80));
        contract.assertNoViolations();
    }

    @Test
    void splitsBatchesUnderTheBodyLimitAndLeavesOutOnlyTheOversizedEvent() {
        PostHogCapture small = captures.withLimits(emulator.baseUrl(), 2_000, 600);
        List<PostHogCaptureEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event(i, "x".repeat(100)));
        }
        PostHogCaptureEvent huge = event(99, "y".repeat(700));
        events.add(7, huge);

        PostHogCaptureResult result = small.send(MAIN.apiToken(), events);

        assertThat(result.accepted()).isEqualTo(20);
        assertThat(result.requests()).isGreaterThan(1).isEqualTo(batches.size());
        assertThat(result.refused()).singleElement().satisfies(r -> {
            assertThat(r.uuid()).isEqualTo(huge.uuid());
            assertThat(r.reason()).contains("bytes");
        });
        assertThat(batches).allSatisfy(e -> assertThat(e.requestBody().length()).isLessThanOrEqualTo(2_000));
        assertThat(emulator.events(MAIN.id()))
                .extracting(CapturedEvent::uuid)
                .hasSize(20)
                .doesNotContain(huge.uuid());
        contract.assertNoViolations();
    }

    @Test
    void aPersonalKeyIsNeverSentToCapture() {
        String personal = "phx_personalKeyThatMustNotTravel0123456789abcd";

        assertThatThrownBy(() -> captures.forApiHost(emulator.baseUrl()).send(personal, List.of(event(1, ""))))
                .isInstanceOf(PostHogCaptureException.TokenRefused.class)
                .hasMessageContaining("personal API key")
                .hasMessageNotContaining(personal);
        assertThat(batches).isEmpty();
    }

    @Test
    void aRefusedBatchIsATypedNonRetryableFailure() {
        assertThatThrownBy(() ->
                        captures.forApiHost(emulator.baseUrl()).send("phc_" + "t".repeat(80), List.of(event(1, ""))))
                .isInstanceOfSatisfying(PostHogCaptureException.TokenRefused.class, e -> assertThat(e.retryable())
                        .isFalse())
                .hasMessageContaining("too_long");
        contract.assertNoViolations();
    }

    @Test
    void captureDownIsRetryable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PostHogCapture down = captures.forApiHost(URI.create("http://127.0.0.1:" + closed));

        assertThatThrownBy(() -> down.send(MAIN.apiToken(), List.of(event(1, ""))))
                .isInstanceOfSatisfying(PostHogCaptureException.Unavailable.class, e -> assertThat(e.retryable())
                        .isTrue());
    }

    @Test
    void cloudApiHostsIngestOnTheirIngestionHosts() {
        assertThat(PostHogCapture.ingestionHostOf(URI.create("https://us.posthog.com")))
                .isEqualTo(URI.create("https://us.i.posthog.com"));
        assertThat(PostHogCapture.ingestionHostOf(URI.create("https://eu.posthog.com")))
                .isEqualTo(URI.create("https://eu.i.posthog.com"));
        assertThat(PostHogCapture.ingestionHostOf(URI.create("https://posthog.example.com")))
                .isEqualTo(URI.create("https://posthog.example.com"));
    }

    private static PostHogCaptureEvent event(int i, String padding) {
        return new PostHogCaptureEvent(
                UUID.nameUUIDFromBytes(("event-" + i).getBytes()),
                "report_viewed",
                "user-" + i,
                AT.plusSeconds(i),
                Map.of("padding", padding));
    }
}
