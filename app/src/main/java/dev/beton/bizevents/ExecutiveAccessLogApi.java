package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/executive-access-log}: who read executive data, what and when (admins; JSON or CSV). */
@RestController
class ExecutiveAccessLogApi {

    private final ExecutiveAccessLog log;
    private final Clock clock;

    ExecutiveAccessLogApi(ExecutiveAccessLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @GetMapping("/api/v1/executive-access-log")
    ResponseEntity<?> list(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "30") int days,
            @RequestParam(defaultValue = "1000") int limit,
            @RequestParam(defaultValue = "json") String format) {
        List<ExecutiveAccessLog.Entry> entries = entries(workspace, days, limit, clock);
        if ("csv".equals(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"executive-access-log.csv\"")
                    .body(csv(entries));
        }
        return ResponseEntity.ok(entries);
    }

    List<ExecutiveAccessLog.Entry> entries(CurrentWorkspace workspace, int days, int limit, Clock clock) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace read its executive access log.");
        }
        Instant since = clock.instant().minus(Duration.ofDays(Math.max(1, Math.min(days, 3660))));
        return log.since(workspace.id(), since, limit);
    }

    static String csv(List<ExecutiveAccessLog.Entry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader("at", "who", "role", "what")
                        .get())) {
            for (ExecutiveAccessLog.Entry e : entries) {
                printer.printRecord(e.at(), e.who(), e.role(), e.what());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
