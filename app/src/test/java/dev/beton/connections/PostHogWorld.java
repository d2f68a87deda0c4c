package dev.beton.connections;

import dev.beton.contract.ContractValidator;
import dev.beton.emulator.posthog.PersonalApiKey;
import dev.beton.emulator.posthog.PostHogEmulator;
import dev.beton.emulator.posthog.PostHogOrganization;
import dev.beton.emulator.posthog.PostHogProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

/**
 * Two PostHog clouds for connection tests: "US" with an organization of two projects, "EU" with
 * one. Keys are long enough to pass Beton's format check; each cloud knows only its own keys.
 */
final class PostHogWorld implements AutoCloseable {

    static final String US_KEY = "phx_usCloudPersonalKey0123456789abcdefghijklmnopq";
    static final String EU_KEY = "phx_euCloudPersonalKey0123456789abcdefghijklmnopq";
    static final String NO_QUERY_KEY = "phx_usKeyWithoutQueryScope0123456789abcdefghijkl";
    static final String UNKNOWN_KEY = "phx_unknownKeyNobodyIssued0123456789abcdefghijkl";
    static final String LEGACY_KEY = "legacyPersonalKeyWithoutPrefix0123456789abcdef";

    static final PostHogOrganization ACME =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000a1"), "Acme Analytics", "acme");
    static final PostHogOrganization GLOBEX =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-0000000000e1"), "Globex EU", "globex");
    static final PostHogProject MAIN =
            new PostHogProject(101, ACME.id(), "Main app", "phc_mainProjectToken0123456789abcdefghijklmno");
    static final PostHogProject STAGING =
            new PostHogProject(102, ACME.id(), "Staging", "phc_stagingProjectToken0123456789abcdefghijkl");
    static final PostHogProject EU_APP =
            new PostHogProject(201, GLOBEX.id(), "EU app", "phc_euProjectToken0123456789abcdefghijklmnopq");

    final PostHogEmulator us;
    final PostHogEmulator eu;

    PostHogWorld(ContractValidator contract) {
        us = PostHogEmulator.builder()
                .organization(ACME)
                .project(MAIN)
                .project(STAGING)
                .personalKey(PersonalApiKey.withScopes(US_KEY, "*"))
                .personalKey(PersonalApiKey.withScopes(LEGACY_KEY, "*"))
                .personalKey(PersonalApiKey.withScopes(NO_QUERY_KEY, "user:read", "project:read"))
                .observer(contract)
                .start();
        eu = PostHogEmulator.builder()
                .organization(GLOBEX)
                .project(EU_APP)
                .personalKey(PersonalApiKey.withScopes(EU_KEY, "*"))
                .observer(contract)
                .start();
        capture(us.baseUrl(), MAIN.apiToken(), 3);
    }

    /** Sends events through the emulator's public capture route, as an SDK would. */
    private static void capture(URI base, String projectToken, int count) {
        StringBuilder batch = new StringBuilder("{\"api_key\":\"" + projectToken + "\",\"batch\":[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event\":\"report_created\",\"distinct_id\":\"user-")
                    .append(i)
                    .append("\",\"timestamp\":\"")
                    .append(Instant.now().minusSeconds(3600))
                    .append("\",\"properties\":{}}");
        }
        batch.append("]}");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/batch/"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("capture answered " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        us.close();
        eu.close();
    }
}
