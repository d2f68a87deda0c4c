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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostHog's private API on one host, called with a personal API key ({@code Authorization:
 * Bearer phx_…}): credential check, project discovery, group types, the HogQL Query API (with
 * asynchronous answers polled) and, through {@link #dashboards()} and {@link #insights()}, dashboards
 * and insights. Every failure is a {@link PostHogException} subtype; no message contains the key.
 */
public final class PostHogClient {

    /** The largest {@code LIMIT} PostHog honours; larger ones are silently cut to it. */
    public static final int MAX_LIMIT = 50_000;

    /** PostHog's {@code RefreshType} values (reference §2); anything else it answers with a 400. */
    static final List<String> REFRESH_MODES = List.of(
            "blocking",
            "async",
            "lazy_async",
            "async_except_on_cache_miss",
            "force_blocking",
            "force_async",
            "force_cache");

    private static final Logger LOG = LoggerFactory.getLogger(PostHogClient.class);

    private final URI baseUrl;
    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final QueryPolling polling;

    PostHogClient(URI baseUrl, HttpClient http, JsonMapper json, Duration timeout, QueryPolling polling) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
        this.polling = polling;
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
                project.path("api_token").asString(""),
                project.path("timezone").asString("UTC"));
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
        JsonNode rows =
                send(key, post("/api/projects/" + projectId + "/query/", body)).path("results");
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
     * message. An asynchronous answer (202 with {@code query_status}) is polled until it completes,
     * for at most {@code beton.posthog.query-wait}. When PostHog held rows back ({@code hasMore}, a
     * query without {@code LIMIT}) the rows it sent are returned and a warning is logged; use
     * {@link #queryPage} to see it.
     *
     * @param refresh PostHog's refresh mode; detection uses {@code force_blocking}
     */
    public ResultRows query(Secret key, long projectId, RenderedQuery query, String refresh) {
        PostHogQueryPage page = queryPage(key, projectId, query, refresh);
        if (page.hasMore()) {
            // The caller gets what PostHog sent; the log says it is not everything.
            LOG.warn(
                    "PostHog at {} returned the first {} rows of a query without LIMIT in project {}; more rows exist",
                    baseUrl,
                    page.rows().rows().size(),
                    projectId);
        }
        return page.rows();
    }

    /**
     * As {@link #query}, with PostHog's {@code hasMore}: a query without {@code LIMIT} returns at
     * most 100 rows. For more, use an explicit {@code LIMIT} (at most {@value #MAX_LIMIT}) and
     * {@link PostHogKeysetPager}; PostHog refuses {@code OFFSET} for personal API keys.
     *
     * @throws PostHogException.Unreachable when an asynchronous query did not finish in time (it
     *     is then cancelled on PostHog)
     */
    public PostHogQueryPage queryPage(Secret key, long projectId, RenderedQuery query, String refresh) {
        if (query.dialect() != Dialect.HOGQL) {
            throw new IllegalArgumentException("PostHog runs HogQL only, not " + query.dialect());
        }
        if (!REFRESH_MODES.contains(refresh)) {
            throw new IllegalArgumentException(
                    "PostHog has no refresh mode \"" + refresh + "\"; use one of " + REFRESH_MODES);
        }
        Map<String, Object> hogql = new LinkedHashMap<>();
        hogql.put("kind", "HogQLQuery");
        hogql.put("query", query.sql());
        hogql.put("values", query.namedValues());
        Map<String, Object> body = Map.of("query", hogql, "refresh", refresh, "name", "beton");
        JsonNode answer = send(key, post("/api/projects/" + projectId + "/query/", body));
        if (QueryAnswers.hasRows(answer)) {
            return QueryAnswers.page(answer);
        }
        return new QueryStatusPoll(this, key, projectId, polling).await(answer);
    }

    /** Dashboards of this host's projects. */
    public PostHogDashboards dashboards() {
        return new PostHogDashboards(this);
    }

    /** Insights of this host's projects. */
    public PostHogInsights insights() {
        return new PostHogInsights(this);
    }

    /** Data warehouse tables uploaded as files (deals of the CRM sync). */
    public PostHogWarehouseTables warehouseTables() {
        return new PostHogWarehouseTables(this);
    }

    JsonMapper json() {
        return json;
    }

    HttpRequest.Builder post(String path, Object body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }

    /** A {@code multipart/form-data} POST of an already encoded body. */
    HttpRequest.Builder post(String path, byte[] multipart, String boundary) {
        return request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart));
    }

    HttpRequest.Builder patch(String path, Object body) {
        return request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }

    HttpRequest.Builder delete(String path) {
        return request(path).DELETE();
    }

    /**
     * A {@code next} link of a paginated list. The key goes only to this client's own host: a
     * link naming another host is refused rather than followed, and the link's path and query are
     * requested with this client's scheme (a self-hosted PostHog behind a TLS proxy writes
     * {@code http://} links).
     */
    HttpRequest.Builder next(String link) {
        URI given = URI.create(link);
        URI base = resolve("/");
        if (!base.getHost().equalsIgnoreCase(String.valueOf(given.getHost()))) {
            throw new PostHogException.ApiError(
                    200, "PostHog at " + baseUrl + " gave a next page on another host; it was not followed.");
        }
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + given.getRawPath()
                + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
        return request(uri).GET();
    }

    HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        return request(resolve(path));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "Beton");
    }

    private URI resolve(String path) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + path);
    }

    JsonNode send(Secret key, HttpRequest.Builder builder) {
        return read(exchange(key, builder));
    }

    JsonNode read(HttpResponse<byte[]> response) {
        return PostHogResponses.read(response, json, baseUrl, polling.clock().instant());
    }

    /** The raw answer, for callers that read a status PostHogResponses would treat as a failure. */
    HttpResponse<byte[]> exchange(Secret key, HttpRequest.Builder builder) {
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
        return response;
    }
}
