package dev.beton.dashboards;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Dashboards section: the index with the Provision button, and one page per dashboard. */
@Controller
@Page
class DashboardsPage {

    private static final int MAX_SERIES = 5;

    private final Dashboards dashboards;
    private final Provisioner provisioner;
    private final Clock clock;

    DashboardsPage(Dashboards dashboards, Provisioner provisioner, Clock clock) {
        this.dashboards = dashboards;
        this.provisioner = provisioner;
        this.clock = clock;
    }

    @GetMapping("/dashboards")
    String index(CurrentWorkspace current, Model model) {
        return index(current, model, null);
    }

    @PostMapping("/dashboards/provision")
    String provision(CurrentWorkspace current, Model model) {
        DashboardApi.requireAdmin(current);
        return index(current, model, provisioner.provision(current.id()));
    }

    private String index(CurrentWorkspace current, Model model, ProvisionResult result) {
        model.addAttribute("current", current);
        model.addAttribute("definitions", DashboardCatalog.all());
        model.addAttribute("registry", provisioner.registry(current.id()));
        model.addAttribute("result", result);
        return "dashboards";
    }

    /** One tile, shaped for the template: chart attributes, the number cards, the table. */
    record Card(
            TileView tile,
            String chart,
            String seriesType,
            String x,
            String labels,
            List<String> ys,
            String ariaLabel,
            String refreshed,
            String drill,
            String elementDrill) {

        /** Whether the table's cell in this column opens the accounts behind it. */
        public boolean drillsInto(String column) {
            return elementDrill != null && tile.x().map(column::equals).orElse(true);
        }

        /** The drill-down page for a cell: the x value in its row, or (one-row tiles) its column. */
        public String drillHref(String column, Object value) {
            String element = tile.x().isPresent() ? String.valueOf(value) : column;
            return elementDrill + "&value="
                    + java.net.URLEncoder.encode(element, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/dashboards/{id}")
    String dashboard(
            CurrentWorkspace current,
            @PathVariable String id,
            @RequestParam(required = false) Integer period,
            @RequestParam(defaultValue = "false") boolean refresh,
            Model model) {
        DashboardView view = dashboards.view(current.id(), id, Optional.ofNullable(period), refresh);
        List<Card> cards = new ArrayList<>();
        for (TileView tile : view.tiles()) {
            cards.add(card(tile, current, view.id(), view.periodDays()));
        }
        model.addAttribute("current", current);
        model.addAttribute("view", view);
        model.addAttribute("cards", cards);
        model.addAttribute("periods", Dashboards.PERIODS);
        model.addAttribute("definitions", DashboardCatalog.all());
        return "dashboard";
    }

    private Card card(TileView tile, CurrentWorkspace current, String dashboardId, int periodDays) {
        String refreshed = ago(Duration.between(tile.refreshedAt(), clock.instant()));
        // A chart naming accounts opens the account; a chart of types, weeks or buckets opens the
        // accounts behind the clicked element (TileDrills).
        String elementDrill = TileDrills.has(tile.id())
                ? "/dashboards/" + dashboardId + "/tiles/" + tile.id() + "/accounts?workspace="
                        + current.workspace().slug() + "&period=" + periodDays
                : null;
        String drill = tile.accountColumn()
                .map(c -> "/accounts/{name}?workspace=" + current.workspace().slug())
                .orElse(elementDrill == null ? null : elementDrill + "&value={name}");
        if (!tile.ok()
                || tile.visualisation().equals("table")
                || tile.visualisation().equals("number")) {
            return new Card(tile, null, null, null, null, List.of(), null, refreshed, drill, elementDrill);
        }
        List<String> ys = new ArrayList<>();
        String x;
        String labels;
        if (tile.x().isPresent()) {
            int xi = tile.columns().indexOf(tile.x().get());
            x = join(tile.rows().stream().map(r -> r.get(xi)).toList());
            List<String> shown = tile.y().stream()
                    .filter(tile.columns()::contains)
                    .limit(MAX_SERIES)
                    .toList();
            labels = String.join(",", shown);
            for (String column : shown) {
                int yi = tile.columns().indexOf(column);
                ys.add(join(tile.rows().stream().map(r -> r.get(yi)).toList()));
            }
        } else {
            // One row whose columns are the categories (distributions, by-source counts).
            x = String.join(",", tile.columns());
            labels = tile.title().replace(",", " ");
            ys.add(tile.rows().isEmpty() ? "" : join(tile.rows().getFirst()));
        }
        while (ys.size() < MAX_SERIES) {
            ys.add("");
        }
        String kind = tile.visualisation().equals("pie") ? "pie" : "lines";
        String seriesType = tile.visualisation().equals("line") ? "line" : "bar";
        return new Card(
                tile,
                kind,
                seriesType,
                x,
                labels,
                ys,
                tile.title() + ": " + tile.description(),
                refreshed,
                drill,
                elementDrill);
    }

    /** The accounts behind one element of a chart tile: the page a chart's click or a table cell opens. */
    @GetMapping("/dashboards/{id}/tiles/{tile}/accounts")
    String drill(
            CurrentWorkspace current,
            @PathVariable String id,
            @PathVariable String tile,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) Integer period,
            Model model) {
        DrillView view = dashboards.drill(current.id(), id, tile, value, Optional.ofNullable(period));
        model.addAttribute("current", current);
        model.addAttribute("view", view);
        model.addAttribute("accountColumn", view.columns().indexOf("account"));
        return "dashboard-drill";
    }

    private static String join(List<Object> values) {
        return String.join(
                ",",
                values.stream()
                        .map(v -> v == null ? "" : String.valueOf(v).replace(",", " "))
                        .toList());
    }

    static String ago(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes == 0) {
            return "refreshed just now";
        }
        return minutes == 1 ? "refreshed 1 min ago" : "refreshed " + minutes + " min ago";
    }

    @Bean
    static NavItem dashboardsNav() {
        return new NavItem("dashboards", "Dashboards", "/dashboards", 54);
    }
}
