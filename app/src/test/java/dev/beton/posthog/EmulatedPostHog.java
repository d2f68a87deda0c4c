package dev.beton.posthog;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.Exchange;
import dev.beton.emulator.MutableClock;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import dev.beton.workspace.credentials.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PostHog emulator on a fake clock, with every exchange contract-validated and recorded, and
 * a client whose polling pauses move that clock instead of sleeping.
 */
final class EmulatedPostHog implements AutoCloseable {

    static final String KEY_TEXT = "phx_clientTestKey0123456789abcdefghijklmnopqr";
    static final Secret KEY = Secret.of(KEY_TEXT);
    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000c1"), "Acme", "acme");
    static final PostHogProject MAIN =
            new PostHogProject(401, ORG.id(), "Main", "phc_clientTestProjectToken0123456789abcdef");
    static final long PROJECT = MAIN.id();

    final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    final ContractValidator contract = ContractValidator.posthog();
    final List<Exchange> exchanges = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Duration> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
    final PostHogEmulator emulator;
    final PostHogClient client;

    EmulatedPostHog(UnaryOperator<PostHogEmulator.Builder> setup, Duration queryWait) {
        emulator = setup.apply(PostHogEmulator.builder()
                        .clock(clock)
                        .organization(ORG)
                        .project(MAIN)
                        .personalKey(PersonalApiKey.withScopes(KEY_TEXT, "*"))
                        .observer(contract)
                        .observer(exchanges::add))
                .start();
        PostHogProperties properties = new PostHogProperties(
                URI.create("https://us.posthog.com"),
                URI.create("https://eu.posthog.com"),
                Duration.ofSeconds(5),
                queryWait);
        client = new PostHogClients(properties, JsonMapper.builder().build(), clock, d -> {
                    pauses.add(d);
                    clock.advance(d);
                })
                .forHost(emulator.baseUrl());
    }

    static EmulatedPostHog start() {
        return new EmulatedPostHog(b -> b, PostHogProperties.DEFAULT_QUERY_WAIT);
    }

    /** Exchanges whose path ends with {@code suffix}, e.g. {@code "/query/"}. */
    List<Exchange> sent(String method, String suffix) {
        synchronized (exchanges) {
            return exchanges.stream()
                    .filter(e -> e.method().equals(method) && e.path().endsWith(suffix))
                    .toList();
        }
    }

    /**
     * Captures {@code count} events named {@code event} from {@code users} distinct ids, going
     * back from an hour ago with two events a second.
     */
    void capture(String event, int count, int users) throws Exception {
        Instant start = clock.instant().minus(Duration.ofHours(1));
        for (int from = 0; from < count; from += 5_000) {
            StringBuilder batch = new StringBuilder();
            for (int i = from; i < Math.min(count, from + 5_000); i++) {
                batch.append(i == from ? "" : ",")
                        .append("{\"event\":\"")
                        .append(event)
                        .append("\",\"distinct_id\":\"user-")
                        .append(i % users)
                        .append("\",\"uuid\":\"")
                        .append(UUID.nameUUIDFromBytes((event + i).getBytes(StandardCharsets.UTF_8)))
                        .append("\",\"timestamp\":\"")
                        // Pairs of events share a second, so a key on timestamp alone would not be unique.
                        .append(start.minusSeconds(i / 2))
                        .append("\",\"properties\":{}}");
            }
            EmulatorBatches.post(emulator, MAIN.apiToken(), batch.toString());
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
