package dev.beton.posthog;

import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.workspace.credentials.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostHog's private API on one host, called with a personal API key ({@code Authorization:
 * Bearer phx_…}). Credential check and project discovery for now; later issues add queries,
 * dashboards and capture. Every failure is a {@link PostHogException} subtype.
 */
public final class PostHogClient {

    private final URI baseUrl;
    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;

    PostHogClient(URI baseUrl, HttpClient http, JsonMapper json, Duration timeout) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code GET /api/users/@me/}: a 200 means the key is valid on this host. */
    public PostHogUser me(Secret key) {
        JsonNode me = send(key, get("/api/users/@me/"));
        JsonNode organization = me.path("organization");
        JsonNode listed =
                organization.path("teams").isArray() ? organization.path("teams") : organization.path("projects");
        List<PostHogProjectRef> projects = new ArrayList<>();
        for (JsonNode project : listed.values()) {
            projects.add(new PostHogProjectRef(
                    project.path("id").asLong(0), project.path("name").asString("")));
        }
        JsonNode team = me.path("team");
        Optional<Long> current = team.isObject() ? Optional.of(team.path("id").asLong(0)) : Optional.empty();
        return new PostHogUser(
                me.path("email").asString(""), organization.path("name").asString(""), current, List.copyOf(projects));
    }

    /** {@code GET /api/projects/{id}/}: the project's name and its capture token. */
    public PostHogProject project(Secret key, long projectId) {
        JsonNode project = send(key, get("/api/projects/" + projectId + "/"));
        return new PostHogProject(
                project.path("id").asLong(projectId),
                project.path("name").asString(""),
                project.path("api_token").asString(""));
    }

    /** Number of events the project received in the last {@code days} days (HogQL count). */
    public long countRecentEvents(Secret key, long projectId, int days) {
        Map<String, Object> body = Map.of(
                "query",
                Map.of(
                        "kind",
                        "HogQLQuery",
                        "query",
                        "SELECT count() FROM events WHERE timestamp > now() - INTERVAL " + days + " DAY",
                        "name",
                        "beton_connection_check"),
                "name",
                "beton_connection_check");
        HttpRequest.Builder post = request("/api/projects/" + projectId + "/query/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        JsonNode rows = send(key, post).path("results");
        return rows.path(0).path(0).asLong(0);
    }

    /**
     * The {@code group_type_index} PostHog gave {@code groupType} in this project, from
     * {@code /groups_types/}. Indexes follow first use, so the company type is not necessarily 0.
     *
     * @throws PostHogException.NotFound when the project has no such group type yet
     */
    public int groupTypeIndex(Secret key, long projectId, String groupType) {
        JsonNode types = send(key, get("/api/projects/" + projectId + "/groups_types/"));
        for (JsonNode type : types.values()) {
            if (groupType.equals(type.path("group_type").asString(""))) {
                return type.path("group_type_index").asInt();
            }
        }
        throw new PostHogException.NotFound("PostHog project " + projectId + " has no group type \"" + groupType
                + "\" yet: send an event with $groups: {\"" + groupType + "\": …} or a $groupidentify first.");
    }

    /**
     * {@code POST /api/projects/{id}/query/} with a {@code HogQLQuery} and its bound {@code values}.
     * A 400 (syntax or query error) arrives as {@link PostHogException.ApiError} carrying PostHog's
     * message. Synchronous answers only: a 202 (async) answer is not polled yet.
     *
     * @param refresh PostHog's refresh mode; detection uses {@code force_blocking}
     */
    public ResultRows query(Secret key, long projectId, RenderedQuery query, String refresh) {
        if (query.dialect() != Dialect.HOGQL) {
            throw new IllegalArgumentException("PostHog runs HogQL only, not " + query.dialect());
        }
        Map<String, Object> hogql = new LinkedHashMap<>();
        hogql.put("kind", "HogQLQuery");
        hogql.put("query", query.sql());
        hogql.put("values", query.namedValues());
        Map<String, Object> body = Map.of("query", hogql, "refresh", refresh, "name", "beton");
        HttpRequest.Builder post = request("/api/projects/" + projectId + "/query/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        JsonNode answer = send(key, post);
        if (!answer.path("results").isArray()) {
            throw new PostHogException.ApiError(
                    200,
                    "PostHog at " + baseUrl + " answered the query without results (async answers are not polled).");
        }
        List<String> columns = new ArrayList<>();
        answer.path("columns").values().forEach(c -> columns.add(c.asString("")));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("results").values()) {
            List<Object> values = new ArrayList<>();
            row.values().forEach(v -> values.add(scalar(v)));
            rows.add(values);
        }
        return new ResultRows(columns, rows);
    }

    // HogQL answers carry numbers, strings (timestamps included) and nulls; ResultRows reads those.
    private static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "Beton");
    }

    private URI resolve(String path) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + path);
    }

    private JsonNode send(Secret key, HttpRequest.Builder builder) {
        HttpRequest request =
                builder.header("Authorization", "Bearer " + key.reveal()).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PostHogException.Unreachable(
                    "PostHog at " + baseUrl + " did not answer (" + e.getClass().getSimpleName() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostHogException.Unreachable("Interrupted while waiting for PostHog at " + baseUrl + ".", e);
        }
        return PostHogResponses.read(response, json, baseUrl);
    }
}
