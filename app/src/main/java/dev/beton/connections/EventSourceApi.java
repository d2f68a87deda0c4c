package dev.beton.connections;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads and sets where the workspace's detection reads events: {@code embedded} (default),
 * {@code posthog} or {@code clickhouse} (rules and explorer only). Choosing PostHog or ClickHouse
 * without a usable connection is a 409 problem saying why.
 */
@RestController
@RequestMapping("/api/v1/settings/event-source")
class EventSourceApi extends ConnectionProblems {

    private final EventSources sources;
    private final PostHogLinks links;

    EventSourceApi(EventSources sources, PostHogLinks links) {
        this.sources = sources;
        this.links = links;
    }

    record EventSourceRequest(String source) {}

    /**
     * @param posthogProblem why PostHog cannot be the source right now, or null when it can
     */
    record EventSourceView(String source, List<String> choices, boolean posthogUsable, String posthogProblem) {}

    @GetMapping
    EventSourceView get(CurrentWorkspace current) {
        return view(current.id());
    }

    @PutMapping
    EventSourceView set(CurrentWorkspace current, @RequestBody(required = false) EventSourceRequest request) {
        Admins.require(current);
        String asked = request == null ? null : request.source();
        EventSource source = EventSource.parse(asked)
                .orElseThrow(() -> ProblemException.badRequest("'source' must be one of "
                        + String.join(", ", choices())
                        + (asked == null ? "; it is missing." : ", not '" + asked + "'.")));
        try {
            sources.choose(current.id(), source);
        } catch (PostHogNotConnected e) {
            throw ProblemException.conflict("PostHog cannot be the event source: " + e.getMessage());
        } catch (ClickHouseNotConnected e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return view(current.id());
    }

    private EventSourceView view(long workspaceId) {
        Optional<String> problem = links.problem(workspaceId);
        return new EventSourceView(sources.of(workspaceId).id(), choices(), problem.isEmpty(), problem.orElse(null));
    }

    private static List<String> choices() {
        return Arrays.stream(EventSource.values()).map(EventSource::id).toList();
    }
}
