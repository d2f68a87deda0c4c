package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inspection rules of the caller's workspace. Rules travel in seed 003's JSON ({@link
 * InspectionRule}); a run answers the SQL it sent, summary metrics and the ranked findings.
 */
@RestController
@RequestMapping("/api/v1/inspection-rules")
class InspectorApi {

    private final Inspections inspections;

    InspectorApi(Inspections inspections) {
        this.inspections = inspections;
    }

    @GetMapping
    List<StoredRule> list(CurrentWorkspace workspace) {
        return inspections.rules(workspace.id());
    }

    /** Creates a rule from seed 003's JSON (also how a rule is imported); 201 with its Location. */
    @PostMapping
    ResponseEntity<StoredRule> create(CurrentWorkspace workspace, @RequestBody(required = false) String body) {
        StoredRule created;
        try {
            created = inspections.create(workspace.id(), RuleJson.parse(body));
        } catch (InvalidRule e) {
            throw RuleProblems.invalid(e);
        } catch (RuleNameTaken e) {
            throw RuleProblems.nameTaken(e);
        }
        return ResponseEntity.created(URI.create("/api/v1/inspection-rules/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    StoredRule one(CurrentWorkspace workspace, @PathVariable long id) {
        return find(workspace, id);
    }

    /** The rule alone, in seed 003's JSON: what {@code POST} imports. */
    @GetMapping(value = "/{id}/rule.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> export(CurrentWorkspace workspace, @PathVariable long id) {
        StoredRule rule = find(workspace, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"inspection-rule-" + id + ".json\"")
                .body(RuleJson.write(rule.rule()));
    }

    /** Saves a new version (the same version when nothing changed). */
    @PutMapping("/{id}")
    StoredRule update(CurrentWorkspace workspace, @PathVariable long id, @RequestBody(required = false) String body) {
        find(workspace, id);
        try {
            return inspections
                    .update(workspace.id(), id, RuleJson.parse(body))
                    .orElseThrow(() -> RuleProblems.notFound(id));
        } catch (InvalidRule e) {
            throw RuleProblems.invalid(e);
        } catch (RuleNameTaken e) {
            throw RuleProblems.nameTaken(e);
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentWorkspace workspace, @PathVariable long id) {
        if (!inspections.delete(workspace.id(), id)) {
            throw RuleProblems.notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * @param asOf evaluate as of this instant (default now)
     * @param filter show findings whose text columns contain this
     * @param sort a column key ({@code score}, {@code event_count}, …), default {@code score}
     * @param order {@code desc} (default) or {@code asc}
     */
    record RunRequest(@JsonProperty("as_of") String asOf, String filter, String sort, String order) {}

    /** Runs the rule on the workspace's event source: {@code sql}, {@code summary}, ranked {@code findings}. */
    @PostMapping("/{id}/run")
    PunchList run(CurrentWorkspace workspace, @PathVariable long id, @RequestBody(required = false) RunRequest body) {
        RunRequest request = Optional.ofNullable(body).orElse(new RunRequest(null, null, null, null));
        return view(run(workspace, id, request.asOf()), request.filter(), request.sort(), request.order());
    }

    /** The current version next to the previous one: who enters and who leaves the punch list. */
    @PostMapping("/{id}/shadow")
    ShadowRun shadow(
            CurrentWorkspace workspace, @PathVariable long id, @RequestBody(required = false) RunRequest body) {
        StoredRule rule = find(workspace, id);
        Instant asOf = asOf(Optional.ofNullable(body).map(RunRequest::asOf).orElse(null));
        try {
            return inspections
                    .shadow(workspace.id(), rule, asOf)
                    .orElseThrow(() -> ProblemException.conflict(
                            "Rule " + id + " has one version only: a shadow run compares it with the previous one."));
        } catch (InspectionFailed e) {
            throw RuleProblems.failed(e);
        }
    }

    @GetMapping(value = "/{id}/findings.csv", produces = "text/csv")
    ResponseEntity<String> csv(
            CurrentWorkspace workspace,
            @PathVariable long id,
            @RequestParam(name = "as_of", required = false) String asOf,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order) {
        PunchList list = view(run(workspace, id, asOf), filter, sort, order);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"inspection-rule-" + id + "-findings.csv\"")
                .body(PunchListCsv.of(list));
    }

    private PunchList run(CurrentWorkspace workspace, long id, String asOf) {
        StoredRule rule = find(workspace, id);
        try {
            return inspections.run(workspace.id(), rule, asOf(asOf));
        } catch (InspectionFailed e) {
            throw RuleProblems.failed(e);
        }
    }

    static PunchList view(PunchList list, String filter, String sort, String order) {
        PunchListColumn column = sort == null || sort.isBlank()
                ? PunchListColumn.SCORE
                : PunchListColumn.byKey(sort)
                        .filter(c -> PunchListColumn.of(list.level()).contains(c))
                        .orElseThrow(() -> ProblemException.badRequest("sort: no column '" + sort + "' in a "
                                + list.level().key() + "-level punch list; use one of "
                                + PunchListColumn.of(list.level()).stream()
                                        .map(PunchListColumn::key)
                                        .toList()
                                + "."));
        boolean descending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("desc")) {
            descending = true;
        } else if (order.equalsIgnoreCase("asc")) {
            descending = false;
        } else {
            throw ProblemException.badRequest("order: 'asc' or 'desc', not '" + order + "'.");
        }
        return list.view(filter, column, descending);
    }

    private Instant asOf(String text) {
        if (text == null || text.isBlank()) {
            return inspections.now();
        }
        try {
            return Instant.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "as_of: an ISO-8601 instant such as 2026-12-01T06:00:00Z, not '" + text + "'.");
        }
    }

    private StoredRule find(CurrentWorkspace workspace, long id) {
        return inspections.rule(workspace.id(), id).orElseThrow(() -> RuleProblems.notFound(id));
    }
}
