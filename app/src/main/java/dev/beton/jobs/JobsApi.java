package dev.beton.jobs;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Run history of the caller's workspace: {@code GET /api/v1/jobs[?type=…]} and one run by id. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobsApi {

    private final JobRuns runs;

    JobsApi(JobRuns runs) {
        this.runs = runs;
    }

    @GetMapping
    List<JobRun> list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "50") int limit) {
        return runs.recent(workspace.id(), Optional.ofNullable(type), limit);
    }

    @GetMapping("/{id}")
    JobRun one(CurrentWorkspace workspace, @PathVariable long id) {
        return runs.byId(workspace.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No job run " + id + " in this workspace."));
    }
}
