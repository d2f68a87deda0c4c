package dev.beton.crm;

import dev.beton.http.FailedAnswer;
import dev.beton.http.RetryAfter;
import dev.beton.workspace.credentials.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attio's REST API v2 with a workspace's access token ({@code Authorization: Bearer}). Token
 * introspection and object discovery for now; deals and notes come with the deal pipeline.
 */
@Component
public class AttioClient {

    private final AttioProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    AttioClient(AttioProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /**
     * {@code GET /v2/self}: the token's workspace and scopes.
     *
     * @throws AttioException.Unauthorized on 401 or {@code active: false}
     */
    public AttioToken self(Secret token) {
        JsonNode self = send(token, "/v2/self");
        if (!self.path("active").asBoolean(false)) {
            throw new AttioException.Unauthorized("Attio says this token is not active.");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : self.path("scope").asString("").split("\\s+")) {
            if (!scope.isBlank()) {
                scopes.add(scope);
            }
        }
        return new AttioToken(
                self.path("workspace_id").asString(""),
                self.path("workspace_name").asString(""),
                self.path("workspace_slug").asString(""),
                Set.copyOf(scopes));
    }

    /** {@code GET /v2/objects}: the workspace's objects; needs {@code object_configuration:read}. */
    public List<AttioObject> objects(Secret token) {
        List<AttioObject> objects = new ArrayList<>();
        for (JsonNode object : send(token, "/v2/objects").path("data").values()) {
            objects.add(new AttioObject(
                    object.path("api_slug").asString(""),
                    object.path("singular_noun").asString(""),
                    object.path("plural_noun").asString("")));
        }
        return List.copyOf(objects);
    }

    private JsonNode send(Secret token, String path) {
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(properties.timeout())
                .header("Accept", "application/json")
                .header("User-Agent", "Beton")
                .header("Authorization", "Bearer " + token.reveal())
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AttioException.Unreachable(
                    "Attio at " + base + " did not answer (" + e.getClass().getSimpleName() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttioException.Unreachable("Interrupted while waiting for Attio.", e);
        }
        return read(response);
    }

    private JsonNode read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300 && body != null) {
            return body;
        }
        String message = body == null ? "" : body.path("message").asString("");
        throw switch (FailedAnswer.of(status)) {
            case UNAUTHORIZED -> new AttioException.Unauthorized(orDefault(message, "The token was refused."));
            case FORBIDDEN -> new AttioException.Forbidden(orDefault(message, "The token is not allowed to do this."));
            case NOT_FOUND -> new AttioException.NotFound(orDefault(message, "Not found."));
            case RATE_LIMITED ->
                new AttioException.RateLimited(
                        orDefault(message, "Attio's rate limit was reached."),
                        RetryAfter.of(response, clock.instant()).orElse(null));
            case API_ERROR ->
                new AttioException.ApiError(
                        status, "Attio answered " + status + (message.isEmpty() ? "." : ": " + message));
        };
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String orDefault(String message, String fallback) {
        return message.isBlank() ? fallback : message;
    }
}
