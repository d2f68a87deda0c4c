package dev.beton.detection;

import dev.beton.connections.DetectionWarnings;
import java.util.List;
import org.springframework.stereotype.Component;

/** The "Warning: …" lines of the newest detection run, if it read PostHog. */
@Component
class NewestRunWarnings implements DetectionWarnings {

    private final SignalHistory history;

    NewestRunWarnings(SignalHistory history) {
        this.history = history;
    }

    @Override
    public List<String> ofNewestPostHogRun(long workspaceId) {
        return history.runs(workspaceId, 1).stream()
                .filter(run -> "posthog".equals(run.eventSource()))
                .flatMap(run -> run.errors().stream())
                .filter(line -> line.startsWith("Warning:"))
                .toList();
    }
}
