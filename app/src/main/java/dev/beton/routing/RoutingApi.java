package dev.beton.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.Users;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000's signal pipeline routes ({@code POST /api/v1/attio/sync/signals}, {@code GET …/sync/status})
 * plus stored plans, routing settings, company overrides and the audit log.
 */
@RestController
@RequestMapping("/api/v1/attio")
class RoutingApi {

    private final Routing routing;
    private final RoutingSettingsStore settings;
    private final CompanyLinks companies;
    private final AuditLog audit;
    private final Users users;
    private final AttioDealReader mirror;
    private final FollowUps followUps;
    private final ObjectProvider<CrmSyncStatus> crmSync;

    RoutingApi(
            Routing routing,
            RoutingSettingsStore settings,
            CompanyLinks companies,
            AuditLog audit,
            Users users,
            AttioDealReader mirror,
            FollowUps followUps,
            ObjectProvider<CrmSyncStatus> crmSync) {
        this.crmSync = crmSync;
        this.mirror = mirror;
        this.followUps = followUps;
        this.routing = routing;
        this.settings = settings;
        this.companies = companies;
        this.audit = audit;
        this.users = users;
    }

    record SyncRequest(@JsonProperty("dry_run") Boolean dryRun) {}

    record Counts(int create, int update, int skip) {}

    record PlanAnswer(
            @JsonProperty("plan_id") long planId,
            @JsonProperty("dry_run") boolean dryRun,
            String status,
            @JsonProperty("as_of") Object asOf,
            int threshold,
            Counts counts,
            List<String> warnings,
            List<Plan.Item> items) {

        static PlanAnswer of(Routing.PlanView view, boolean dryRun) {
            Plan p = view.plan();
            return new PlanAnswer(
                    p.id(),
                    dryRun,
                    p.status(),
                    p.asOf().orElse(null),
                    p.threshold(),
                    new Counts(p.creates(), p.updates(), p.skips()),
                    p.warnings(),
                    view.items());
        }
    }

    /** Makes a plan; {@code {"dry_run": false}} (the default) also applies it. */
    @PostMapping("/sync/signals")
    PlanAnswer sync(CurrentWorkspace current, @RequestBody(required = false) SyncRequest request) {
        boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
        if (!dryRun) {
            requireAdmin(current);
        }
        return PlanAnswer.of(routing.sync(current.id(), dryRun, actor(current), "api"), dryRun);
    }

    @GetMapping("/plans/{id}")
    PlanAnswer plan(CurrentWorkspace current, @PathVariable long id) {
        return routing.view(current.id(), id)
                .map(v -> PlanAnswer.of(v, v.plan().status().equals("planned")))
                .orElseThrow(() -> ProblemException.notFound("No routing plan " + id + " in this workspace."));
    }

    @PostMapping("/plans/{id}/apply")
    PlanAnswer apply(CurrentWorkspace current, @PathVariable long id) {
        requireAdmin(current);
        return PlanAnswer.of(routing.apply(current.id(), id, actor(current)), false);
    }

    record Mirrored(int deals) {}

    /** Reads every Attio deal back into the CRM mirror now (it also happens every 15 minutes). */
    @PostMapping("/sync/deals")
    Mirrored mirror(CurrentWorkspace current) {
        return new Mirrored(mirror.refresh(current.id()));
    }

    record FollowUpBody(String outcome, String reason, String note) {}

    record FollowUpAnswer(String message) {}

    /** Done / Disqualify: the account leaves the hot queue, a cooldown starts, the label is kept. */
    @PostMapping("/follow-ups/{account}")
    FollowUpAnswer followUp(CurrentWorkspace current, @PathVariable String account, @RequestBody FollowUpBody body) {
        return new FollowUpAnswer(
                followUps.mark(current.id(), account, body.outcome(), body.reason(), body.note(), actor(current)));
    }

    record StatusAnswer(
            @JsonProperty("last_runs") List<Plan> lastRuns,
            Map<String, Long> outbox,
            @JsonProperty("last_error") String lastError,
            String problem,
            // The CRM → analytics sync's counts per object (synced, skipped with reason, failed).
            Object cdp) {}

    @GetMapping("/sync/status")
    StatusAnswer status(CurrentWorkspace current) {
        Routing.Status status = routing.status(current.id());
        return new StatusAnswer(
                status.plans(),
                status.outbox(),
                status.lastError().orElse(null),
                status.problem().orElse(null),
                crmSync.stream().findFirst().map(c -> c.status(current.id())).orElse(null));
    }

    record SettingsBody(
            String unresolved,
            @JsonProperty("auto_apply") Boolean autoApply,
            @JsonProperty("initial_stage") String initialStage,
            @JsonProperty("default_owner") String defaultOwner,
            @JsonProperty("won_stages") List<String> wonStages,
            @JsonProperty("lost_stages") List<String> lostStages) {

        static SettingsBody of(RoutingSettings s) {
            return new SettingsBody(
                    s.unresolved().name().toLowerCase(Locale.ROOT),
                    s.autoApply(),
                    s.initialStage(),
                    s.defaultOwner().orElse(null),
                    s.wonStages(),
                    s.lostStages());
        }
    }

    @GetMapping("/routing-settings")
    SettingsBody settings(CurrentWorkspace current) {
        return SettingsBody.of(settings.current(current.id()));
    }

    /** Changes the fields given; the others keep their values. */
    @PutMapping("/routing-settings")
    SettingsBody saveSettings(CurrentWorkspace current, @RequestBody SettingsBody body) {
        requireAdmin(current);
        RoutingSettings now = settings.current(current.id());
        RoutingSettings.Unresolved unresolved = now.unresolved();
        if (body.unresolved() != null) {
            try {
                unresolved = RoutingSettings.Unresolved.valueOf(
                        body.unresolved().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "unresolved must be 'skip' or 'create', not '" + body.unresolved() + "'.");
            }
        }
        if (body.initialStage() != null && body.initialStage().isBlank()) {
            throw ProblemException.badRequest("initial_stage must name a deal stage, e.g. 'Lead'.");
        }
        RoutingSettings saved = new RoutingSettings(
                unresolved,
                Optional.ofNullable(body.autoApply()).orElse(now.autoApply()),
                Optional.ofNullable(body.initialStage()).map(String::strip).orElse(now.initialStage()),
                body.defaultOwner() == null
                        ? now.defaultOwner()
                        : Optional.of(body.defaultOwner().strip()).filter(s -> !s.isEmpty()),
                Optional.ofNullable(body.wonStages()).orElse(now.wonStages()),
                Optional.ofNullable(body.lostStages()).orElse(now.lostStages()));
        settings.save(current.id(), saved);
        return SettingsBody.of(saved);
    }

    record Overrides(Map<String, String> overrides) {}

    @GetMapping("/company-overrides")
    Overrides overrides(CurrentWorkspace current) {
        return new Overrides(companies.overrides(current.id()));
    }

    /** Adds or replaces overrides: account key → Attio company record id. */
    @PutMapping("/company-overrides")
    Overrides saveOverrides(CurrentWorkspace current, @RequestBody Overrides body) {
        requireAdmin(current);
        if (body == null || body.overrides() == null) {
            throw ProblemException.badRequest(
                    "Send {\"overrides\": {\"<account key>\": \"<Attio company record id>\"}}.");
        }
        body.overrides().forEach((account, record) -> {
            if (account == null
                    || account.isBlank()
                    || record == null
                    || !record.strip().matches("[0-9a-fA-F-]{36}")) {
                throw ProblemException.badRequest("Override for '" + account
                        + "' needs an Attio company record id (a UUID from the company's URL in Attio).");
            }
        });
        body.overrides()
                .forEach((account, record) ->
                        companies.save(current.id(), account.strip(), record.strip(), CompanyLinks.Source.OVERRIDE));
        return new Overrides(companies.overrides(current.id()));
    }

    /**
     * The same from a file ({@code text/csv}: {@code account_key,attio_record_id} a line), taken
     * whole or refused whole.
     */
    @PutMapping(value = "/company-overrides", consumes = "text/csv")
    Overrides uploadOverrides(CurrentWorkspace current, @RequestBody(required = false) String body) {
        requireAdmin(current);
        try {
            companies.saveOverrides(
                    current.id(), OverridesCsv.read(new java.io.StringReader(body == null ? "" : body)));
        } catch (OverridesCsv.Refused e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return new Overrides(companies.overrides(current.id()));
    }

    /** Every override as a file the upload takes back (edit it in a spreadsheet, upload it again). */
    @GetMapping(value = "/company-overrides.csv", produces = "text/csv")
    org.springframework.http.ResponseEntity<String> overridesFile(CurrentWorkspace current) {
        return org.springframework.http.ResponseEntity.ok()
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"company-overrides-"
                                + current.workspace().slug() + ".csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(OverridesCsv.write(companies.overrides(current.id())));
    }

    @DeleteMapping("/company-overrides/{account}")
    Overrides removeOverride(CurrentWorkspace current, @PathVariable String account) {
        requireAdmin(current);
        companies.removeOverride(current.id(), account);
        return new Overrides(companies.overrides(current.id()));
    }

    /** Every write Beton sent to Attio for this workspace, oldest first. */
    @GetMapping("/audit.csv")
    void auditCsv(CurrentWorkspace current, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"attio-audit.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        audit.csv(current.id(), response.getWriter());
    }

    private String actor(CurrentWorkspace current) {
        return users.byId(current.userId()).map(u -> u.email()).orElse("user " + current.userId());
    }

    static void requireAdmin(CurrentWorkspace current) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can send deals to Attio.");
        }
    }
}
