package dev.beton.backtest;

import dev.beton.connections.PostHogNotConnected;
import dev.beton.jobs.JobRun;
import dev.beton.jobs.JobRuns;
import dev.beton.posthog.PostHogException;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Load data from PostHog" for backtests: what a copy would spend, start, stop and resume one, and
 * read copies with their job run (status, progress, error).
 */
@RestController
@RequestMapping("/api/v1/posthog-copies")
class PostHogCopyApi {

    private final PostHogCopies copies;
    private final JobRuns jobs;

    PostHogCopyApi(PostHogCopies copies, JobRuns jobs) {
        this.copies = copies;
        this.jobs = jobs;
    }

    /** @param days the last N days to copy (1–180, default 180) @param rowLimit at most this many events */
    record StartRequest(Integer days, Long rowLimit) {

        PostHogCopies.Request request() {
            return new PostHogCopies.Request(
                    days == null ? PostHogCopies.MAX_DAYS : days,
                    rowLimit == null ? PostHogCopies.DEFAULT_ROW_LIMIT : rowLimit);
        }
    }

    /** A copy with its job run: status, progress (events copied of those to copy) and error. */
    record View(PostHogCopy copy, Optional<JobRun> run) {}

    /** What a copy of the last {@code days} days would read and spend (two counting queries, cached 2 minutes). */
    @GetMapping("/estimate")
    PostHogCopies.Estimate estimate(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "180") int days,
            @RequestParam(defaultValue = "" + PostHogCopies.DEFAULT_ROW_LIMIT) long rowLimit) {
        PostHogCopies.Request request = valid(new PostHogCopies.Request(days, rowLimit));
        try {
            return copies.estimate(workspace.id(), request);
        } catch (PostHogNotConnected e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (PostHogException e) {
            throw ProblemException.conflict("PostHog could not count the events: " + e.getMessage());
        }
    }

    @PostMapping
    ResponseEntity<View> start(CurrentWorkspace workspace, @RequestBody(required = false) StartRequest body) {
        admin(workspace);
        PostHogCopies.Request request = valid((body == null ? new StartRequest(null, null) : body).request());
        PostHogCopy copy;
        try {
            copy = copies.start(workspace.id(), request);
        } catch (PostHogNotConnected e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/posthog-copies/" + copy.id()))
                .body(view(workspace, copy));
    }

    @GetMapping
    List<View> list(CurrentWorkspace workspace, @RequestParam(defaultValue = "20") int limit) {
        return copies.recent(workspace.id(), Math.max(1, Math.min(limit, 100))).stream()
                .map(c -> view(workspace, c))
                .toList();
    }

    @GetMapping("/{id}")
    View one(CurrentWorkspace workspace, @PathVariable long id) {
        return view(workspace, find(workspace, id));
    }

    /** Stops a running copy after its current page; resume it later. */
    @PostMapping("/{id}/stop")
    View stop(CurrentWorkspace workspace, @PathVariable long id) {
        admin(workspace);
        PostHogCopy copy = find(workspace, id);
        if (!copies.stop(workspace.id(), id)) {
            throw ProblemException.conflict("Copy " + id + " has finished; there is nothing to stop.");
        }
        return view(workspace, copy);
    }

    /** Continues a copy that stopped (by request, a failure, or the hour's budget) after its last stored page. */
    @PostMapping("/{id}/resume")
    ResponseEntity<View> resume(CurrentWorkspace workspace, @PathVariable long id) {
        admin(workspace);
        PostHogCopy copy = find(workspace, id);
        if (copy.complete()) {
            throw ProblemException.conflict("Copy " + id + " has finished; start a new copy to load newer events.");
        }
        if (view(workspace, copy)
                .run()
                .map(r -> r.status() == dev.beton.jobs.JobStatus.RUNNING)
                .orElse(false)) {
            throw ProblemException.conflict("Copy " + id + " is running.");
        }
        try {
            PostHogCopy resumed = copies.resume(workspace.id(), id).orElseThrow();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(workspace, resumed));
        } catch (PostHogNotConnected e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    private PostHogCopy find(CurrentWorkspace workspace, long id) {
        return copies.find(workspace.id(), id)
                .orElseThrow(() -> ProblemException.notFound("There is no copy " + id + " in this workspace."));
    }

    private View view(CurrentWorkspace workspace, PostHogCopy copy) {
        return new View(copy, jobs.byId(workspace.id(), copy.jobRunId()));
    }

    private static PostHogCopies.Request valid(PostHogCopies.Request request) {
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(String.join("; ", errors) + ".");
        }
        return request;
    }

    private static void admin(CurrentWorkspace workspace) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins load data from PostHog.");
        }
    }
}
