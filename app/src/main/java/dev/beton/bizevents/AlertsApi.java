package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** In-app alerts: list, acknowledge, resolve; the rules behind them (admins change them). */
@RestController
class AlertsApi {

    /** @param fatigue alerts raised vs notified vs acknowledged over the same window */
    record Listing(List<Alert> items, Alerts.Fatigue fatigue) {}

    /** Every field optional: null keeps the current value; recipients are comma-separated. */
    record RuleChange(Boolean enabled, Double threshold, String recipients) {}

    record RuleView(
            String key,
            String tier,
            String family,
            String description,
            boolean enabled,
            Double threshold,
            List<String> recipients) {
        static RuleView of(AlertRules.Setting s) {
            return new RuleView(
                    s.key(), s.tier(), s.rule().family(), s.description(), s.enabled(), s.threshold(), s.recipients());
        }
    }

    private final Alerts alerts;
    private final AlertRules rules;
    private final Users users;
    private final java.time.Clock clock;
    private final LiveUpdates live;
    private final ExecutiveAccessLog access;

    AlertsApi(
            Alerts alerts,
            AlertRules rules,
            Users users,
            java.time.Clock clock,
            LiveUpdates live,
            ExecutiveAccessLog access) {
        this.live = live;
        this.access = access;
        this.alerts = alerts;
        this.rules = rules;
        this.users = users;
        this.clock = clock;
    }

    /**
     * @param tier critical, high or medium (default all)
     * @param status open (default: not resolved) or all
     * @param days how far back (by last occurrence), default 30
     */
    @GetMapping("/api/v1/alerts")
    Listing list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) String tier,
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(required = false) String tenant,
            @RequestParam(defaultValue = "30") int days,
            @RequestParam(defaultValue = "200") int limit) {
        if (tier != null && !List.of("critical", "high", "medium").contains(tier.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("tier must be critical, high or medium.");
        }
        if (!List.of("open", "all").contains(status)) {
            throw ProblemException.badRequest("status must be open or all.");
        }
        Instant since = clock.instant().minus(Duration.ofDays(Math.max(1, Math.min(days, 3660))));
        access.read(
                workspace,
                ExecutiveAccessLog.describe(
                        "GET /api/v1/alerts", "tier", tier, "status", status, "tenant", tenant, "days", days));
        return new Listing(
                alerts.list(
                        workspace.id(),
                        tier == null ? null : tier.toLowerCase(Locale.ROOT),
                        status.equals("open"),
                        tenant,
                        since,
                        limit),
                alerts.fatigue(workspace.id(), since));
    }

    @GetMapping("/api/v1/alerts/{id}")
    Alert one(CurrentWorkspace workspace, @PathVariable long id) {
        access.read(workspace, "GET /api/v1/alerts/" + id);
        return alerts.byId(workspace.id(), id).orElseThrow(() -> ProblemException.notFound("No alert " + id + "."));
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Alert acknowledge(CurrentWorkspace workspace, @PathVariable long id) {
        access.read(workspace, "POST /api/v1/alerts/" + id + "/acknowledge");
        Alert alert = alerts.acknowledge(workspace.id(), id, who(workspace));
        live.changed(workspace.id());
        return alert;
    }

    @PostMapping("/api/v1/alerts/{id}/resolve")
    Alert resolve(CurrentWorkspace workspace, @PathVariable long id) {
        access.read(workspace, "POST /api/v1/alerts/" + id + "/resolve");
        Alert alert = alerts.resolve(workspace.id(), id, who(workspace));
        live.changed(workspace.id());
        return alert;
    }

    @GetMapping("/api/v1/alert-rules")
    List<RuleView> rules(CurrentWorkspace workspace) {
        return rules.list(workspace.id()).stream().map(RuleView::of).toList();
    }

    @PutMapping("/api/v1/alert-rules/{key}")
    RuleView change(CurrentWorkspace workspace, @PathVariable String key, @RequestBody RuleChange change) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace change its alert rules.");
        }
        return RuleView.of(
                rules.change(workspace.id(), key, change.enabled(), change.threshold(), change.recipients()));
    }

    String who(CurrentWorkspace workspace) {
        return users.byId(workspace.userId()).map(u -> u.email()).orElse("user " + workspace.userId());
    }
}
