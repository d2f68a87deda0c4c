package dev.beton.events.browse;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading back the caller's workspace's events: {@code GET /api/v1/events} and {@code /stats}. */
@RestController
@RequestMapping("/api/v1/events")
class EventsApi {

    private final EventLog log;

    EventsApi(EventLog log) {
        this.log = log;
    }

    /**
     * Newest first, keyset-paginated: pass {@code next} of a page as {@code cursor} for the next.
     * {@code after} (inclusive) and {@code before} (exclusive) are ISO 8601 instants.
     */
    @GetMapping
    EventPage list(
            CurrentWorkspace workspace,
            @RequestParam Optional<String> event,
            @RequestParam("distinct_id") Optional<String> distinctId,
            @RequestParam Optional<String> group,
            @RequestParam Optional<String> after,
            @RequestParam Optional<String> before,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam Optional<String> cursor) {
        try {
            EventFilter filter = new EventFilter(
                    event.filter(s -> !s.isBlank()),
                    distinctId.filter(s -> !s.isBlank()),
                    group.filter(s -> !s.isBlank()),
                    after.map(value -> instant("after", value)),
                    before.map(value -> instant("before", value)),
                    limit,
                    cursor.filter(s -> !s.isBlank()).map(EventCursor::decode));
            return log.page(workspace.id(), filter);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    @GetMapping("/stats")
    EventStats stats(CurrentWorkspace workspace) {
        return log.stats(workspace.id());
    }

    // The years the event store holds (as capture accepts them); beyond, DuckDB's timestamp overflows.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static Instant instant(String name, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + name + "' must be an ISO 8601 instant such as 2026-01-31T00:00:00Z, not '" + value + "'.");
        }
        // Instant reaches year 1,000,000,000; the event store's timestamps do not (year 300000 was a 500).
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(
                    "'" + name + "' must lie between the years 1 and 9999, not '" + value + "'.");
        }
        return instant;
    }
}
