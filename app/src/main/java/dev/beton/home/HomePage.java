package dev.beton.home;

import dev.beton.connections.AttioLinks;
import dev.beton.connections.PostHogLinks;
import dev.beton.dashboards.DashboardCatalog;
import dev.beton.dashboards.Provisioner;
import dev.beton.detection.SignalHistory;
import dev.beton.events.AccountActivity;
import dev.beton.events.AccountSort;
import dev.beton.events.DailyCount;
import dev.beton.events.WorkspaceOverview;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The workspace home (its own feature, so the web kernel imports no domain): accounts with activity, and events per day. */
@Controller
@Page
class HomePage {

    static final int CHART_DAYS = 90;

    private final WorkspaceOverview overview;
    private final Clock clock;
    private final PostHogLinks posthog;
    private final AttioLinks attio;
    private final SignalHistory history;
    private final Provisioner dashboards;

    HomePage(
            WorkspaceOverview overview,
            Clock clock,
            PostHogLinks posthog,
            AttioLinks attio,
            SignalHistory history,
            Provisioner dashboards) {
        this.dashboards = dashboards;
        this.overview = overview;
        this.clock = clock;
        this.posthog = posthog;
        this.attio = attio;
        this.history = history;
    }

    /** One step of the first-run checklist; {@code path} is where the user does it. */
    record Step(String id, String text, String path, boolean done) {}

    @GetMapping("/")
    String home(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "last_seen") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            Model model) {
        Instant now = clock.instant();
        AccountSort order = AccountSort.fromParam(sort);
        boolean descending = !"asc".equalsIgnoreCase(dir);
        List<AccountActivity> accounts = overview.accounts(workspace.id(), order, descending, now);
        List<DailyCount> perDay = overview.eventsPerDay(workspace.id(), CHART_DAYS, now);
        model.addAttribute("current", workspace);
        model.addAttribute(
                "baseUrl",
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
        model.addAttribute("accounts", accounts);
        long totalEvents = overview.totalEvents(workspace.id());
        model.addAttribute("totalEvents", totalEvents);
        List<Step> steps = checklist(workspace.id(), totalEvents);
        model.addAttribute("steps", steps);
        model.addAttribute("stepsDone", steps.stream().filter(Step::done).count());
        model.addAttribute("sort", order.param());
        model.addAttribute("descending", descending);
        model.addAttribute(
                "chartDays", perDay.stream().map(d -> d.day().toString()).toList());
        model.addAttribute(
                "chartCounts", perDay.stream().map(DailyCount::events).toList());
        return "home";
    }

    /**
     * What a new workspace needs before Beton is useful, each step ticked from the state it
     * produces (not from a click), so the list stays true after a restore or an API-only setup.
     */
    private List<Step> checklist(long workspaceId, long totalEvents) {
        boolean events = totalEvents > 0 || posthog.find(workspaceId).isPresent();
        return List.of(
                new Step("events", "Send events to Beton or connect PostHog", "/connections", events),
                new Step(
                        "attio",
                        "Connect Attio, where hot accounts become deals",
                        "/connections",
                        attio.connected(workspaceId)),
                new Step(
                        "detect",
                        "Run detection (it also runs every day)",
                        "/signals/runs",
                        !history.runs(workspaceId, 1).isEmpty()),
                new Step(
                        "dashboards",
                        "Provision the four RevOps dashboards into PostHog",
                        "/dashboards",
                        dashboards.provisionedCount(workspaceId)
                                >= DashboardCatalog.all().size()));
    }
}
