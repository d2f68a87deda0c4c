package dev.beton.backtest;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lead sources compared from the CRM mirror of the caller's workspace. */
@RestController
class PqlPerformanceApi {

    private final CrmMirror crm;

    PqlPerformanceApi(CrmMirror crm) {
        this.crm = crm;
    }

    /** @param sqlStages comma-separated CRM stages that count as SQL (won always does) */
    @GetMapping("/api/v1/pql-performance")
    PqlPerformance performance(CurrentWorkspace workspace, @RequestParam(required = false) String sqlStages) {
        return PqlPerformance.of(crm.deals(workspace.id()), stages(sqlStages));
    }

    static Set<String> stages(String text) {
        if (text == null) {
            return PqlPerformance.DEFAULT_SQL_STAGES;
        }
        Set<String> stages = Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (stages.isEmpty() || stages.stream().anyMatch(s -> s.length() > 64)) {
            throw ProblemException.badRequest(
                    "sqlStages must be a comma-separated list of CRM stages, e.g. won,lost,qualified.");
        }
        return stages;
    }
}
