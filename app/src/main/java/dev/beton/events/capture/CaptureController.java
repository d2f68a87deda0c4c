package dev.beton.events.capture;

import dev.beton.events.WarehouseException;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.EventRejected;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.workspace.PublicEndpoints;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostHog-compatible capture: any PostHog SDK pointed at Beton with a workspace's project token
 * sends here. Answers with PostHog's statuses and plain-text sentences; 200 only once the events
 * are committed.
 */
@RestController
@CrossOrigin(originPatterns = "*", allowCredentials = "true", maxAge = 86400)
class CaptureController {

    static final int SINGLE_LIMIT = 2 * 1024 * 1024;
    static final int BATCH_LIMIT = 20 * 1024 * 1024;
    static final int EVENT_LIMIT = 1_000_000;
    static final String UNKNOWN_TOKEN =
            "Project API key invalid. You can find your project API key in PostHog project settings.";
    private static final Logger log = LoggerFactory.getLogger(CaptureController.class);

    private final EventIngestion ingestion;
    private final Workspaces workspaces;
    private final JsonMapper json;

    CaptureController(EventIngestion ingestion, Workspaces workspaces, JsonMapper json) {
        this.ingestion = ingestion;
        this.workspaces = workspaces;
        this.json = json;
    }

    @PostMapping({"/i/v0/e", "/i/v0/e/", "/e", "/e/", "/capture", "/capture/", "/track", "/track/"})
    ResponseEntity<String> single(HttpServletRequest request) {
        return capture(request, SINGLE_LIMIT);
    }

    @PostMapping({"/batch", "/batch/"})
    ResponseEntity<String> batch(HttpServletRequest request) {
        return capture(request, BATCH_LIMIT);
    }

    private ResponseEntity<String> capture(HttpServletRequest request, int limit) {
        Instant receivedAt = ingestion.clock().instant();
        try {
            Map<String, String> query = ServletUriComponentsBuilder.fromRequest(request)
                    .build()
                    .getQueryParams()
                    .toSingleValueMap();
            byte[] body = CaptureBody.read(request, query, limit);
            CaptureRequest parsed = CaptureRequest.of(tree(body), sentAtOf(query));
            Workspace workspace = workspaces
                    .byProjectToken(parsed.token())
                    .orElseThrow(() -> EventRejected.unauthorized(UNKNOWN_TOKEN));
            List<IncomingEvent> events = validated(parsed, receivedAt, body.length > EVENT_LIMIT);
            EventIngestion.await(ingestion.submit(workspace.id(), events));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"Ok\"}");
        } catch (EventRejected rejected) {
            return text(rejected.status(), rejected.getMessage());
        } catch (WarehouseException e) {
            log.warn("Capture could not store a request: {}", e.getMessage());
            return text(503, "transient error, please retry");
        }
    }

    private JsonNode tree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw EventRejected.parseError(firstLine(e.getOriginalMessage()));
        }
    }

    /** One bad event rejects the whole request: everything is checked before anything is stored. */
    private List<IncomingEvent> validated(CaptureRequest request, Instant receivedAt, boolean mayHoldLargeEvent) {
        List<IncomingEvent> events = new ArrayList<>(request.events().size());
        for (JsonNode raw : request.events()) {
            if (mayHoldLargeEvent && json.writeValueAsBytes(raw).length > EVENT_LIMIT) {
                throw EventRejected.tooLarge();
            }
            events.add(ingestion.parser().parse(raw, receivedAt, request.sentAt(), EventParser.Source.CAPTURE));
        }
        return events;
    }

    /**
     * posthog-js sends its send time as {@code ?_=<epoch millis>}. Not a number: ignored, as
     * before; a number outside the years Beton stores: refused (it would skew every timestamp of
     * the request out of range).
     */
    private static Optional<Instant> sentAtOf(Map<String, String> query) {
        long millis;
        try {
            millis = Long.parseLong(query.getOrDefault("_", ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(EventParser.epochMillis(millis, "`_` (sent_at)"));
    }

    private static ResponseEntity<String> text(int status, String sentence) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(sentence);
    }

    private static String firstLine(String message) {
        String text = message == null ? "invalid JSON" : message;
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Bean
    static PublicEndpoints captureEndpoints() {
        return PublicEndpoints.of(
                "/i/v0/e",
                "/i/v0/e/",
                "/e",
                "/e/",
                "/capture",
                "/capture/",
                "/track",
                "/track/",
                "/batch",
                "/batch/",
                "/flags",
                "/flags/",
                "/decide",
                "/decide/",
                "/array/*/config",
                "/array/*/config/",
                "/array/*/config.js");
    }
}
