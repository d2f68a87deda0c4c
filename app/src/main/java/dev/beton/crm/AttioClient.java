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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attio's REST API v2 with a workspace's access token ({@code Authorization: Bearer}): token
 * introspection, objects and attributes, records (query, get, create, assert, update) and notes.
 * It holds no budget, retry or breaker: the deal pipeline ({@code dev.beton.routing}) wraps it.
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
                Set.copyOf(scopes),
                self.path("authorized_by_workspace_member_id").asString(""));
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

    /** {@code GET /v2/workspace_members}: every member, suspended ones too; needs {@code user_management:read}. */
    public List<AttioMember> workspaceMembers(Secret token) {
        List<AttioMember> members = new ArrayList<>();
        for (JsonNode member : send(token, "/v2/workspace_members").path("data").values()) {
            members.add(new AttioMember(
                    member.path("id").path("workspace_member_id").asString(""),
                    member.path("first_name").asString(""),
                    member.path("last_name").asString(""),
                    member.path("email_address").asString("")));
        }
        return List.copyOf(members);
    }

    // ---- records, attributes and notes (the deal pipeline) ----

    /** {@code POST /v2/objects/{object}/records/query} with a filter (Attio's JSON), at most {@code limit}. */
    public List<AttioRecord> query(Secret token, String object, Map<String, Object> filter, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter);
        body.put("limit", limit);
        return records(send(token, "POST", "/v2/objects/" + object + "/records/query", body));
    }

    /**
     * One page of every record of an object, oldest first ({@code created_at} ascending, as
     * offset paging is only stable in a fixed order). A page shorter than {@code limit} is the last.
     */
    public List<AttioRecord> page(Secret token, String object, int limit, int offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sorts", List.of(Map.of("attribute", "created_at", "direction", "asc")));
        body.put("limit", limit);
        body.put("offset", offset);
        return records(send(token, "POST", "/v2/objects/" + object + "/records/query", body));
    }

    /**
     * {@code POST /v2/webhooks}: subscribes {@code targetUrl} (https only) to record events.
     *
     * @return the webhook's signing secret, which Attio shows only now
     */
    public String createWebhook(Secret token, String targetUrl, List<String> eventTypes) {
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (String type : eventTypes) {
            Map<String, Object> subscription = new LinkedHashMap<>();
            subscription.put("event_type", type);
            subscription.put("filter", null);
            subscriptions.add(subscription);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target_url", targetUrl);
        data.put("subscriptions", subscriptions);
        return send(token, "POST", "/v2/webhooks", Map.of("data", data))
                .path("data")
                .path("secret")
                .asString("");
    }

    /** {@code GET /v2/objects/{object}/records/{id}}. @throws AttioException.NotFound when it is gone */
    public AttioRecord record(Secret token, String object, String recordId) {
        return AttioRecord.of(send(token, "GET", "/v2/objects/" + object + "/records/" + recordId, null)
                .path("data"));
    }

    /** {@code POST /v2/objects/{object}/records}: throws on a clash of a unique attribute (400 uniqueness_conflict). */
    public AttioRecord create(Secret token, String object, Map<String, Object> values) {
        return AttioRecord.of(
                send(token, "POST", "/v2/objects/" + object + "/records", Map.of("data", Map.of("values", values)))
                        .path("data"));
    }

    /** {@code PUT /v2/objects/{object}/records?matching_attribute=}: finds by a unique attribute or creates. */
    public AttioRecord assertRecord(Secret token, String object, String matchingAttribute, Map<String, Object> values) {
        return AttioRecord.of(send(
                        token,
                        "PUT",
                        "/v2/objects/" + object + "/records?matching_attribute=" + matchingAttribute,
                        Map.of("data", Map.of("values", values)))
                .path("data"));
    }

    /** {@code PATCH /v2/objects/{object}/records/{id}}: only the values given change. */
    public AttioRecord update(Secret token, String object, String recordId, Map<String, Object> values) {
        return AttioRecord.of(send(
                        token,
                        "PATCH",
                        "/v2/objects/" + object + "/records/" + recordId,
                        Map.of("data", Map.of("values", values)))
                .path("data"));
    }

    /** {@code GET /v2/objects/{object}/attributes}: slugs, types and flags. */
    public List<AttioAttribute> attributes(Secret token, String object) {
        List<AttioAttribute> attributes = new ArrayList<>();
        for (JsonNode a : send(token, "GET", "/v2/objects/" + object + "/attributes", null)
                .path("data")
                .values()) {
            attributes.add(new AttioAttribute(
                    a.path("api_slug").asString(""),
                    a.path("type").asString(""),
                    a.path("is_unique").asBoolean(false),
                    a.path("is_multiselect").asBoolean(false)));
        }
        return List.copyOf(attributes);
    }

    /** {@code POST /v2/objects/{object}/attributes}; 409 {@code slug_conflict} when the slug is taken. */
    public void createAttribute(
            Secret token, String object, String slug, String title, String type, boolean unique, String description) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("description", description);
        data.put("api_slug", slug);
        data.put("type", type);
        data.put("is_required", false);
        data.put("is_unique", unique);
        data.put("is_multiselect", false);
        data.put("config", Map.of());
        send(token, "POST", "/v2/objects/" + object + "/attributes", Map.of("data", data));
    }

    /** Titles of a select attribute's options. */
    public List<String> options(Secret token, String object, String attribute) {
        List<String> titles = new ArrayList<>();
        send(token, "GET", "/v2/objects/" + object + "/attributes/" + attribute + "/options", null)
                .path("data")
                .values()
                .forEach(o -> titles.add(o.path("title").asString("")));
        return List.copyOf(titles);
    }

    /** Adds a select option; 409 {@code slug_conflict} when the title exists. */
    public void createOption(Secret token, String object, String attribute, String title) {
        send(
                token,
                "POST",
                "/v2/objects/" + object + "/attributes/" + attribute + "/options",
                Map.of("data", Map.of("title", title)));
    }

    /** {@code POST /v2/notes} in markdown; Attio has no idempotency key for notes. */
    public String createNote(Secret token, String parentObject, String parentRecordId, String title, String markdown) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parent_object", parentObject);
        data.put("parent_record_id", parentRecordId);
        data.put("title", title);
        data.put("format", "markdown");
        data.put("content", markdown);
        return send(token, "POST", "/v2/notes", Map.of("data", data))
                .path("data")
                .path("id")
                .path("note_id")
                .asString("");
    }

    /** Titles of a record's notes, every page (Attio caps a page at 50). */
    public List<String> noteTitles(Secret token, String parentObject, String parentRecordId) {
        List<String> titles = new ArrayList<>();
        int limit = 50;
        for (int offset = 0; ; offset += limit) {
            List<JsonNode> page = send(
                            token,
                            "GET",
                            "/v2/notes?parent_object=" + parentObject + "&parent_record_id=" + parentRecordId
                                    + "&limit=" + limit + "&offset=" + offset,
                            null)
                    .path("data")
                    .values()
                    .stream()
                    .toList();
            page.forEach(n -> titles.add(n.path("title").asString("")));
            if (page.size() < limit) {
                return List.copyOf(titles);
            }
        }
    }

    private static List<AttioRecord> records(JsonNode answer) {
        List<AttioRecord> records = new ArrayList<>();
        answer.path("data").values().forEach(r -> records.add(AttioRecord.of(r)));
        return List.copyOf(records);
    }

    private JsonNode send(Secret token, String path) {
        return send(token, "GET", path, null);
    }

    private JsonNode send(Secret token, String method, String path, Object body) {
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(properties.timeout())
                .header("Accept", "application/json")
                .header("User-Agent", "Beton")
                .header("Authorization", "Bearer " + token.reveal());
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        HttpRequest request = builder.build();
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
                        status,
                        body == null ? "" : body.path("code").asString(""),
                        "Attio answered " + status + (message.isEmpty() ? "." : ": " + message));
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
