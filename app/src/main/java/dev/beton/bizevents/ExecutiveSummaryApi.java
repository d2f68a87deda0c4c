package dev.beton.bizevents;

import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/executive-summary}: JSON, or Markdown with {@code format=markdown}. */
@RestController
class ExecutiveSummaryApi {

    private final ExecutiveSummaries summaries;
    private final ExecutiveAccessLog access;
    private final Clock clock;

    ExecutiveSummaryApi(ExecutiveSummaries summaries, ExecutiveAccessLog access, Clock clock) {
        this.summaries = summaries;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/api/v1/executive-summary")
    ResponseEntity<?> summary(
            CurrentWorkspace workspace,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer days,
            @RequestParam(defaultValue = "json") String format) {
        Period period = Period.of(from, to, days, clock);
        access.read(
                workspace,
                ExecutiveAccessLog.describe(
                        "GET /api/v1/executive-summary",
                        "from",
                        period.from(),
                        "to",
                        period.to(),
                        "tenant",
                        tenant,
                        "format",
                        format));
        ExecutiveSummary summary = summaries.summary(
                workspace.id(), period.from(), period.to(), tenant == null || tenant.isBlank() ? null : tenant);
        if ("markdown".equals(format) || "md".equals(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"executive-summary.md\"")
                    .body(SummaryMarkdown.of(summary, workspace.workspace().name()));
        }
        return ResponseEntity.ok(summary);
    }
}
