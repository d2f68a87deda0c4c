package dev.beton.posthog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostHog's public capture ({@code POST /batch/}) for one ingestion host, sent with a project
 * token ({@code phc_…}). Bodies are gzipped and split so that every request stays under capture's
 * 20 MB limit; an event over the 1 MB event limit is left out and reported, never sinking the
 * rest. A personal key is refused before anything is sent: it must never reach capture.
 */
public final class PostHogCapture {

    /** capture-rs's body limit of {@code /batch}, checked on the uncompressed body to be safe. */
    static final int BATCH_LIMIT = 20 * 1024 * 1024;
    /** Kafka's default {@code message.max.bytes}: PostHog discards larger events. */
    static final int EVENT_LIMIT = 1_000_000;
    // Room for the envelope around the events: {"api_key":"<≤64 chars>","historical_migration":false,"batch":[]}
    private static final int ENVELOPE = 256;

    private final URI host;
    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final int batchLimit;
    private final int eventLimit;

    PostHogCapture(URI host, HttpClient http, JsonMapper json, Duration timeout, int batchLimit, int eventLimit) {
        this.host = host;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
        this.batchLimit = batchLimit;
        this.eventLimit = eventLimit;
    }

    public URI host() {
        return host;
    }

    /**
     * The host that takes events for a private-API host: PostHog's clouds ingest on
     * {@code *.i.posthog.com}; a self-hosted PostHog (or an emulator) ingests where it serves.
     */
    public static URI ingestionHostOf(URI privateApi) {
        String h = privateApi.getHost() == null ? "" : privateApi.getHost();
        return switch (h) {
            case "us.posthog.com", "app.posthog.com" -> URI.create("https://us.i.posthog.com");
            case "eu.posthog.com" -> URI.create("https://eu.i.posthog.com");
            default -> privateApi;
        };
    }

    /**
     * Sends the events in as few {@code /batch/} requests as the limits allow.
     *
     * @throws PostHogCaptureException.TokenRefused for a blank token or a {@code phx_} personal key
     * @throws PostHogCaptureException when capture refuses a request or cannot be reached; the
     *     requests before it were accepted, and their events carry uuids so a resend collapses
     */
    public PostHogCaptureResult send(String projectToken, List<PostHogCaptureEvent> events) {
        checkToken(projectToken);
        List<PostHogCaptureResult.Refused> refused = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>();
        int chunkBytes = 0;
        int accepted = 0;
        int requests = 0;
        for (PostHogCaptureEvent event : events) {
            byte[] encoded = json.writeValueAsBytes(wire(event));
            if (encoded.length >= eventLimit) {
                refused.add(new PostHogCaptureResult.Refused(
                        event.uuid(),
                        event.event(),
                        "the event is " + encoded.length + " bytes; PostHog discards events of " + eventLimit
                                + " bytes or more"));
                continue;
            }
            if (!chunk.isEmpty() && chunkBytes + encoded.length + 1 > batchLimit - ENVELOPE) {
                post(projectToken, chunk);
                accepted += chunk.size();
                requests++;
                chunk.clear();
                chunkBytes = 0;
            }
            chunk.add(encoded);
            chunkBytes += encoded.length + 1;
        }
        if (!chunk.isEmpty()) {
            post(projectToken, chunk);
            accepted += chunk.size();
            requests++;
        }
        return new PostHogCaptureResult(accepted, requests, refused);
    }

    private static void checkToken(String token) {
        if (token == null || token.isBlank()) {
            throw new PostHogCaptureException.TokenRefused(
                    "No PostHog project token is known for this connection; test the PostHog connection again"
                            + " so Beton reads it from the project.");
        }
        if (token.startsWith("phx_")) {
            // Say what it is, never what it is: the message must not carry the key.
            throw new PostHogCaptureException.TokenRefused(
                    "A personal API key (phx_…) was given where the project token (phc_…) belongs; Beton never"
                            + " sends personal keys to PostHog's capture.");
        }
    }

    private static Map<String, Object> wire(PostHogCaptureEvent event) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("event", event.event());
        wire.put("distinct_id", event.distinctId());
        wire.put("uuid", event.uuid().toString());
        wire.put("timestamp", event.timestamp().toString());
        wire.put("properties", event.properties());
        return wire;
    }

    private void post(String token, List<byte[]> events) {
        byte[] body = gzip(envelope(token, events));
        HttpRequest request = HttpRequest.newBuilder(resolve("/batch/"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("User-Agent", "Beton")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PostHogCaptureException.Unavailable(
                    "PostHog capture at " + host + " did not answer ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostHogCaptureException.Unavailable(
                    "Interrupted while sending events to PostHog capture at " + host + ".", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String said = response.body() == null ? "" : response.body().strip();
        String detail = said.isEmpty() ? "." : ": " + clip(said);
        throw switch (status) {
            case 401 ->
                new PostHogCaptureException.TokenRefused(
                        "PostHog capture at " + host + " refused the project token" + detail);
            case 400, 413 ->
                new PostHogCaptureException.Rejected(
                        status, "PostHog capture at " + host + " refused the events (" + status + ")" + detail);
            default ->
                new PostHogCaptureException.Unavailable(
                        "PostHog capture at " + host + " answered " + status + detail, null);
        };
    }

    private byte[] envelope(String token, List<byte[]> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ("{\"api_key\":" + json.writeValueAsString(token) + ",\"historical_migration\":false," + "\"batch\":[")
                        .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }

    private URI resolve(String path) {
        return URI.create(host.toString().replaceAll("/+$", "") + path);
    }
}
