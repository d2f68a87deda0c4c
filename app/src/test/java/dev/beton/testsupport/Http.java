package dev.beton.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests against a running Beton. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public Http(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String adminBasic() {
        return basic(TestStores.ADMIN_EMAIL, TestStores.ADMIN_PASSWORD);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public Response get(String path, String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Response postJson(String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Response putJson(String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** Connects Attio with this token as an admin; fails the test unless Attio took it. */
    public void connectAttio(String workspaceSlug, String token) {
        Response connected = postJson(
                "/api/v1/attio/validate?workspace=" + workspaceSlug, adminBasic(), "{\"api_key\": \"" + token + "\"}");
        if (connected.status() != 200) {
            throw new AssertionError("Attio not connected: " + connected.status() + " " + connected.body());
        }
    }

    /** Connects the workspace to a PostHog project (an emulator's) as an admin; asserts it was accepted. */
    public void connectPostHog(String workspaceSlug, String personalKey, URI host, long projectId) {
        Response connected = postJson(
                "/api/v1/settings/integrations/posthog?workspace=" + workspaceSlug,
                adminBasic(),
                "{\"api_key\": \"" + personalKey + "\", \"region\": \"custom\", \"host\": \"" + host
                        + "\", \"project_id\": " + projectId + "}");
        if (connected.status() != 200) {
            throw new AssertionError("PostHog not connected: " + connected.status() + " " + connected.body());
        }
    }

    /** Chooses the workspace's event source ({@code embedded}, {@code posthog}, {@code clickhouse}) as an admin. */
    public Response eventSource(String workspaceSlug, String source) {
        return putJson(
                "/api/v1/settings/event-source?workspace=" + workspaceSlug,
                adminBasic(),
                "{\"source\": \"" + source + "\"}");
    }

    public Response delete(String path, String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
