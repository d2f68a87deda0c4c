package dev.beton.explorer;

import dev.beton.cdp.FeatureAdoption;
import dev.beton.enrichment.AccountEnrichment;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The explorer's pages: the three tables, a person, the views of a period and the preset. */
@Controller
@Page
class ExplorerPage {

    static final int PAGE_SIZE = 25;

    /** A column of a table: its sort key ("" when it cannot be sorted by) and heading. */
    record Column(String sort, String label) {}

    static final List<Column> ACCOUNT_COLUMNS = List.of(
            new Column("name", "Account"),
            new Column("score", "Score"),
            new Column("events", "Events"),
            new Column("active_users", "Active users (30 d)"),
            new Column("last_seen", "Last seen"),
            new Column("industry", "Industry"),
            new Column("", "Size"),
            new Column("arr", "ARR"),
            new Column("", "Location"),
            new Column("", "Owner"));

    static final List<Column> USER_COLUMNS = List.of(
            new Column("user", "User"),
            new Column("account", "Account"),
            new Column("events", "Events"),
            new Column("distinct_events", "Distinct events"),
            new Column("active_days", "Active days"),
            new Column("first_seen", "First seen"),
            new Column("last_seen", "Last seen"));

    private final Explorer explorer;
    private final AccountEnrichment enrichment;
    private final FeatureAdoption adoption;
    private final Clock clock;

    ExplorerPage(Explorer explorer, AccountEnrichment enrichment, FeatureAdoption adoption, Clock clock) {
        this.explorer = explorer;
        this.enrichment = enrichment;
        this.adoption = adoption;
        this.clock = clock;
    }

    @GetMapping("/explorer")
    String accounts(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String industry,
            @RequestParam(defaultValue = "score") String sort,
            @RequestParam(defaultValue = "desc") String order,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute(
                "table",
                explorer.accounts(
                        current.id(),
                        new ExplorerTables.AccountFilter(q, industry),
                        sort,
                        ExplorerApi.descending(order),
                        page,
                        PAGE_SIZE));
        model.addAttribute("industry", industry);
        model.addAttribute("columns", ACCOUNT_COLUMNS);
        model.addAttribute("simulated", enrichment.simulatedCount(current.id()));
        return table(current, "accounts", q, model);
    }

    @GetMapping("/explorer/users")
    String users(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "events") String sort,
            @RequestParam(defaultValue = "desc") String order,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute(
                "table",
                explorer.users(
                        current.id(),
                        new ExplorerTables.UserFilter(q, account),
                        sort,
                        ExplorerApi.descending(order),
                        page,
                        PAGE_SIZE));
        model.addAttribute("account", account);
        model.addAttribute("columns", USER_COLUMNS);
        return table(current, "users", q, model);
    }

    @GetMapping("/explorer/events")
    String events(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "") String event,
            @RequestParam(name = "distinct_id", defaultValue = "") String distinctId,
            @RequestParam(defaultValue = "") String account,
            @RequestParam Optional<String> cursor,
            Model model) {
        Explorer.EventQuery query = new Explorer.EventQuery(event, distinctId, account, Optional.empty());
        model.addAttribute("events", explorer.events(current.id(), query, PAGE_SIZE, cursor));
        model.addAttribute("event", event);
        model.addAttribute("distinctId", distinctId);
        model.addAttribute("account", account);
        model.addAttribute("first", cursor.filter(c -> !c.isBlank()).isEmpty());
        return table(current, "events", "", model);
    }

    @GetMapping("/explorer/people/{distinctId}")
    String person(CurrentWorkspace current, @PathVariable String distinctId, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("person", explorer.person(current.id(), distinctId));
        return "explorer-person";
    }

    @GetMapping("/explorer/views")
    String views(
            CurrentWorkspace current,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            Model model) {
        Explorer.Views views = explorer.views(current.id(), Period.of(from, to, clock));
        model.addAttribute("current", current);
        model.addAttribute("tab", "views");
        model.addAttribute("views", views);
        model.addAttribute(
                "volumeDays",
                views.volume().stream().map(d -> d.day().toString()).toList());
        model.addAttribute(
                "volumeCounts",
                views.volume().stream().map(ExplorerStore.DayCount::count).toList());
        return "explorer-views";
    }

    @GetMapping("/explorer/presets/big-deal-adoption")
    String bigDealAdoption(
            CurrentWorkspace current,
            @RequestParam(name = "min_deal_value", defaultValue = "100000") double minDealValue,
            @RequestParam(defaultValue = "30") int days,
            Model model) {
        FeatureAdoption.Answer answer =
                adoption.run(current.id(), ExplorerApi.checkedValue(minDealValue), ExplorerApi.checkedDays(days), null);
        model.addAttribute("current", current);
        model.addAttribute("tab", "preset");
        model.addAttribute("answer", answer);
        model.addAttribute("minDealValue", Math.round(minDealValue));
        model.addAttribute("days", days);
        model.addAttribute(
                "features",
                answer.rows().stream().map(FeatureAdoption.Row::feature).toList());
        model.addAttribute(
                "shares",
                answer.rows().stream().map(r -> Math.round(r.share() * 100)).toList());
        return "explorer-preset";
    }

    /** The demo's one click: simulated firmographics for every account, labelled as such everywhere. */
    @PostMapping("/explorer/enrichment/simulate")
    String simulate(CurrentWorkspace current, RedirectAttributes redirect) {
        int accounts = enrichment.simulate(current.id());
        redirect.addFlashAttribute(
                "notice", "Simulated firmographics for " + accounts + (accounts == 1 ? " account." : " accounts."));
        return "redirect:/explorer?workspace=" + current.workspace().slug();
    }

    @PostMapping("/explorer/enrichment/clear")
    String clear(CurrentWorkspace current, RedirectAttributes redirect) {
        enrichment.clearSimulated(current.id());
        redirect.addFlashAttribute("notice", "Simulated firmographics removed.");
        return "redirect:/explorer?workspace=" + current.workspace().slug();
    }

    private static String table(CurrentWorkspace current, String tab, String q, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("tab", tab);
        model.addAttribute("q", q);
        return "explorer";
    }

    @Bean
    static NavItem explorerNav() {
        return new NavItem("explorer", "Data explorer", "/explorer", 50).in(NavItem.INSPECTOR);
    }
}
