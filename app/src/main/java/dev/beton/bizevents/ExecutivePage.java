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

    ExecutivePage(
            ExecutiveSummaries summaries,
            Alerts alerts,
            AlertRules rules,
            EventIssues issues,
            AlertsApi api,
            Clock clock,
            LiveUpdates live) {
        this.live = live;
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
        return live.subscribe(current.id());
    }

    @PostMapping(PATH + "/alerts/{id}/{action}")
    String act(
            CurrentWorkspace current, @PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        try {
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

    @Bean
    static NavItem executiveNav() {
        return new NavItem("executive", "Executive", PATH, 40);
    }
}
