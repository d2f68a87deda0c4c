package dev.beton.detection;

import dev.beton.signals.SignalType;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stored signals and detection runs of the caller's workspace, and the manual trigger. */
@RestController
@RequestMapping("/api/v1/signals")
class SignalsApi {

    private final SignalHistory history;
    private final Detector detector;
    private final Clock clock;

    SignalsApi(SignalHistory history, Detector detector, Clock clock) {
        this.history = history;
        this.detector = detector;
        this.clock = clock;
    }

    /** A manual run; {@code asOf} (ISO-8601 instant) defaults to now when absent. */
    record RunRequest(String asOf) {}

    @GetMapping
    SignalPage list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        SignalFilter filter = new SignalFilter(
                Optional.ofNullable(type).map(SignalsApi::type),
                Optional.ofNullable(account),
                Optional.ofNullable(since).map(s -> instant("since", s)),
                Optional.ofNullable(status).map(SignalsApi::status));
        return history.signals(workspace.id(), filter, page, size);
    }

    @GetMapping("/runs")
    List<DetectionRun> runs(CurrentWorkspace workspace, @RequestParam(defaultValue = "50") int limit) {
        return history.runs(workspace.id(), limit);
    }

    @GetMapping("/runs/{id}")
    DetectionRun run(CurrentWorkspace workspace, @PathVariable long id) {
        return history.run(workspace.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No detection run " + id + " in this workspace."));
    }

    /** The SQL (embedded store) or HogQL (PostHog) the run sent, with the bound values. */
    @GetMapping("/runs/{id}/queries")
    List<SentQuery> runQueries(CurrentWorkspace workspace, @PathVariable long id) {
        return history.queries(workspace.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No detection run " + id + " in this workspace."));
    }

    @PostMapping("/runs")
    ResponseEntity<DetectionRun> start(
            CurrentWorkspace workspace,
            @RequestParam(name = "asOf", required = false) String asOfParam,
            @RequestBody(required = false) RunRequest body) {
        Optional<String> requested = Optional.ofNullable(asOfParam)
                .or(() -> Optional.ofNullable(body).map(RunRequest::asOf));
        Instant asOf = requested.map(s -> instant("asOf", s)).orElseGet(() -> Detector.now(clock));
        if (asOf.isAfter(clock.instant())) {
            throw ProblemException.badRequest("asOf " + asOf + " is in the future; detection looks at the past only.");
        }
        DetectionRun run = detector.detect(workspace.id(), asOf, Trigger.MANUAL, DetectionProgress.NONE)
                .run();
        return ResponseEntity.created(URI.create("/api/v1/signals/runs/" + run.id()))
                .body(run);
    }

    static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    name + " must be an ISO-8601 instant such as 2025-12-01T06:00:00Z, got '" + text + "'.");
        }
    }

    private static SignalType type(String key) {
        try {
            return SignalType.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown signal type '" + key + "'. Known: "
                    + SignalType.builtIns().stream().map(SignalType::key).toList()
                    + ".");
        }
    }

    private static String status(String status) {
        if (!status.equals(SignalStore.FIRED) && !status.equals(SignalStore.SUPPRESSED)) {
            throw ProblemException.badRequest("status must be fired or suppressed, got '" + status + "'.");
        }
        return status;
    }
}
