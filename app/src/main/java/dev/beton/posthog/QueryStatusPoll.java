package dev.beton.posthog;

import dev.beton.workspace.credentials.Secret;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Waits for an asynchronous query (reference §2): {@code GET /query/{id}/} answers 202 while it
 * runs, 200 with {@code query_status.results} (a whole {@code HogQLQueryResponse}) once complete,
 * 400 with {@code error_message} when the query failed in a way the user can fix. Past the wait
 * the query is cancelled, so it does not hold one of the project's three concurrent slots.
 */
final class QueryStatusPoll {

    // Query ids go into a URL path; PostHog makes them from hex digits, client ids from [\w-].
    private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final PostHogClient client;
    private final Secret key;
    private final long projectId;
    private final QueryPolling polling;

    QueryStatusPoll(PostHogClient client, Secret key, long projectId, QueryPolling polling) {
        this.client = client;
        this.key = key;
        this.projectId = projectId;
        this.polling = polling;
    }

    /** @param answer the POST's answer, carrying {@code query_status} instead of rows */
    PostHogQueryPage await(JsonNode answer) {
        JsonNode status = answer.path("query_status");
        String id = status.path("id").asString("");
        if (!status.isObject() || !QUERY_ID.matcher(id).matches()) {
            throw new PostHogException.ApiError(
                    200, "PostHog at " + client.baseUrl() + " answered the query with neither results nor a query id.");
        }
        Instant deadline = polling.deadline();
        for (int attempt = 0; ; attempt++) {
            if (status.path("complete").asBoolean(false)) {
                return completed(id, status);
            }
            if (polling.expired(deadline)) {
                throw timedOut(id);
            }
            pause(polling.delay(attempt, deadline));
            status = poll(id);
        }
    }

    private PostHogQueryPage completed(String id, JsonNode status) {
        if (status.path("error").asBoolean(false)) {
            throw failed(400, status);
        }
        JsonNode results = status.path("results");
        if (!QueryAnswers.hasRows(results)) {
            throw new PostHogException.ApiError(
                    200, "PostHog at " + client.baseUrl() + " completed query " + id + " without results.");
        }
        return QueryAnswers.page(results);
    }

    private JsonNode poll(String id) {
        HttpResponse<byte[]> response = client.exchange(key, client.get(path(id)));
        if (response.statusCode() == 400) {
            JsonNode status = statusOf(response);
            if (status.path("error_message").isString()) {
                throw failed(400, status);
            }
        }
        return client.read(response).path("query_status");
    }

    private JsonNode statusOf(HttpResponse<byte[]> response) {
        try {
            return client.json().readTree(response.body()).path("query_status");
        } catch (JacksonException e) {
            return client.json().missingNode();
        }
    }

    private PostHogException.ApiError failed(int status, JsonNode queryStatus) {
        String message = queryStatus.path("error_message").asString("");
        return new PostHogException.ApiError(
                status,
                "PostHog at " + client.baseUrl() + " answered " + status
                        + (message.isBlank() ? ": the query failed." : ": " + message));
    }

    private PostHogException.Unreachable timedOut(String id) {
        cancel(id);
        return new PostHogException.Unreachable(
                "PostHog at " + client.baseUrl() + " did not finish query " + id + " within "
                        + polling.maxWait().toSeconds() + " s (beton.posthog.query-wait); it was cancelled.",
                new TimeoutException("query " + id + " still running"));
    }

    /** Best effort: a failed cancel must not hide the time-out the caller needs to hear about. */
    private void cancel(String id) {
        try {
            client.send(key, client.delete(path(id)));
        } catch (PostHogException ignored) {
            // The query expires on PostHog's side anyway; the time-out is what matters here.
        }
    }

    private void pause(Duration delay) {
        try {
            polling.pause().pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostHogException.Unreachable(
                    "Interrupted while waiting for a query on PostHog at " + client.baseUrl() + ".", e);
        }
    }

    private String path(String id) {
        return "/api/projects/" + projectId + "/query/" + id + "/";
    }
}
