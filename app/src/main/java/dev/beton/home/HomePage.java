package dev.beton.home;

import dev.beton.events.AccountActivity;
import dev.beton.events.AccountSort;
import dev.beton.events.DailyCount;
import dev.beton.events.WorkspaceOverview;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
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

    HomePage(WorkspaceOverview overview, Clock clock) {
        this.overview = overview;
        this.clock = clock;
    }

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
        model.addAttribute("totalEvents", overview.totalEvents(workspace.id()));
        model.addAttribute("sort", order.param());
        model.addAttribute("descending", descending);
        model.addAttribute(
                "chartDays", perDay.stream().map(d -> d.day().toString()).toList());
        model.addAttribute(
                "chartCounts", perDay.stream().map(DailyCount::events).toList());
        return "home";
    }

    @Bean
    static NavItem homeNav() {
        return new NavItem("home", "Accounts", "/", 0);
    }
}
