package dev.beton.bizevents;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The executive page: business health, key metrics, critical alerts (acknowledge / resolve),
 * recommended actions, trends, tenants, the seed's two query tiles, the alert rules, and business
 * events capture stored although they break their schema.
 */
@Controller
@Page
class ExecutivePage {

    static final String PATH = "/executive";

    private final ExecutiveSummaries summaries;
    private final Alerts alerts;
    private final AlertRules rules;
    private final EventIssues issues;
    private final AlertsApi api;
    private final Clock clock;
    private final LiveUpdates live;
    private final ExecutiveAccessLog access;
    private final ExecutiveAccessLogApi accessLogApi;
    private final BusinessEventRetention retention;

    ExecutivePage(
            BusinessEventRetention retention,
            ExecutiveAccessLog access,
            ExecutiveAccessLogApi accessLogApi,
            ExecutiveSummaries summaries,
            Alerts alerts,
            AlertRules rules,
            EventIssues issues,
            AlertsApi api,
            Clock clock,
            LiveUpdates live) {
        this.live = live;
        this.access = access;
        this.accessLogApi = accessLogApi;
        this.retention = retention;
        this.summaries = summaries;
        this.alerts = alerts;
        this.rules = rules;
        this.issues = issues;
        this.api = api;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String page(
            CurrentWorkspace current,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) Integer days,
            Model model) {
        int window = days == null ? 30 : days;
        Period period = Period.of(null, null, window, clock);
        String only = tenant == null || tenant.isBlank() ? null : tenant;
        access.read(
                current,
                ExecutiveAccessLog.describe("page " + PATH, "from", period.from(), "to", period.to(), "tenant", only));
        model.addAttribute("current", current);
        model.addAttribute("days", window);
        model.addAttribute("tenant", only);
        model.addAttribute("summary", summaries.summary(current.id(), period.from(), period.to(), only));
        model.addAttribute("highAlerts", alerts.list(current.id(), "high", true, only, period.from(), 50));
        model.addAttribute(
                "rules",
                rules.list(current.id()).stream().map(AlertsApi.RuleView::of).toList());
        model.addAttribute("issues", issues.recent(current.id(), 20));
        return "executive";
    }

    /** Server-Sent Events: {@code update} whenever business events or alerts arrive. */
    @GetMapping(path = PATH + "/stream", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(CurrentWorkspace current) {
        access.read(current, "page " + PATH + "/stream (live updates)");
        return live.subscribe(current.id());
    }

    /** Admins: the retention of business events, with a dry run of a setting before saving it. */
    @GetMapping(PATH + "/retention")
    String retention(CurrentWorkspace current, @RequestParam(required = false) String days, Model model) {
        RetentionApi.adminOnly(current);
        int kept = retention.days(current.id());
        int shown = kept;
        if (days != null && !days.isBlank()) {
            try {
                shown = Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                model.addAttribute("error", "Retention is a whole number of days, not \"" + days.strip() + "\".");
            }
            if (shown < 1 || shown > BusinessEventRetention.MAX_DAYS) {
                model.addAttribute(
                        "error",
                        "Retention is from 1 to " + BusinessEventRetention.MAX_DAYS + " days, not " + shown + ".");
                shown = kept;
            }
        }
        model.addAttribute("current", current);
        model.addAttribute("days", kept);
        model.addAttribute("isDefault", retention.isDefault(current.id()));
        model.addAttribute("preview", retention.preview(current.id(), shown, clock.instant()));
        return "executive-retention";
    }

    @PostMapping(PATH + "/retention")
    String changeRetention(CurrentWorkspace current, @RequestParam String days, RedirectAttributes redirect) {
        redirect.addAttribute("workspace", current.workspace().slug());
        try {
            RetentionApi.adminOnly(current);
            Integer value;
            try {
                value = Integer.valueOf(days.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Retention is a whole number of days, not \"" + days.strip() + "\".");
            }
            retention.change(current.id(), value, api.who(current));
            redirect.addFlashAttribute(
                    "message", "Business events are kept " + value + " days; the daily job deletes older ones.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + PATH + "/retention";
    }

    /** Admins: who read executive data, what and when. */
    @GetMapping(PATH + "/access-log")
    String accessLog(CurrentWorkspace current, @RequestParam(defaultValue = "30") int days, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("days", days);
        model.addAttribute("entries", accessLogApi.entries(current, days, 1000, clock));
        return "executive-access-log";
    }

    @PostMapping(PATH + "/alerts/{id}/{action}")
    String act(
            CurrentWorkspace current, @PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        try {
            access.read(current, "POST " + PATH + "/alerts/" + id + "/" + action);
            Alert alert =
                    switch (action) {
                        case "acknowledge" -> alerts.acknowledge(current.id(), id, api.who(current));
                        case "resolve" -> alerts.resolve(current.id(), id, api.who(current));
                        default -> throw ProblemException.notFound("No action " + action + ".");
                    };
            redirect.addFlashAttribute("message", "Alert \"" + alert.title() + "\" is " + alert.status() + ".");
            live.changed(current.id());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    /**
     * An admin's change of one rule from its row: on/off, threshold, recipients. A wrong value is
     * refused with a sentence and nothing is changed.
     */
    @PostMapping(PATH + "/rules/{key}")
    String changeRule(
            CurrentWorkspace current,
            @PathVariable String key,
            @RequestParam(required = false) String enabled,
            @RequestParam(required = false) String threshold,
            @RequestParam(defaultValue = "") String recipients,
            RedirectAttributes redirect) {
        redirect.addAttribute("workspace", current.workspace().slug());
        try {
            if (!current.isAdmin()) {
                throw ProblemException.forbidden("Only admins of this workspace change its alert rules.");
            }
            AlertRules.Setting changed =
                    rules.change(current.id(), key, enabled != null, thresholdOf(key, threshold), recipients);
            redirect.addFlashAttribute(
                    "message",
                    "Rule \"" + changed.description() + "\" is " + (changed.enabled() ? "on" : "off") + ", alerting "
                            + (changed.recipients().isEmpty() ? "the admins" : String.join(", ", changed.recipients()))
                            + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + PATH + "#rules";
    }

    /** Null when the form has no threshold field (a rule without one); an empty field is refused. */
    private static Double thresholdOf(String key, String text) {
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            throw ProblemException.badRequest("Give the threshold of " + key + " a number.");
        }
        try {
            return Double.valueOf(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("The threshold of " + key + " must be a number, e.g. 10000 or 0.15; \""
                    + text.strip() + "\" is not one.");
        }
    }

    @Bean
    static NavItem executiveNav() {
        return new NavItem("executive", "Executive", PATH, 40);
    }
}
