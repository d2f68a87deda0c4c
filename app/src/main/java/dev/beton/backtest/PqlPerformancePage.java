package dev.beton.backtest;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** PQL vs the other lead sources, from the CRM mirror: table, funnel, win rate by quarter, lift. */
@Controller
@Page
class PqlPerformancePage {

    private final CrmMirror crm;

    PqlPerformancePage(CrmMirror crm) {
        this.crm = crm;
    }

    @GetMapping("/pql-performance")
    String page(CurrentWorkspace current, @RequestParam(required = false) String sqlStages, Model model) {
        PqlPerformance performance = PqlPerformance.of(crm.deals(current.id()), PqlPerformanceApi.stages(sqlStages));
        model.addAttribute("current", current);
        model.addAttribute("performance", performance);
        List<PqlPerformance.Source> sources = performance.sources();
        model.addAttribute(
                "sourceNames",
                sources.stream().map(PqlPerformance.Source::source).toList());
        model.addAttribute(
                "leads", sources.stream().map(s -> String.valueOf(s.leads())).toList());
        model.addAttribute(
                "sqls", sources.stream().map(s -> String.valueOf(s.sql())).toList());
        model.addAttribute(
                "wons", sources.stream().map(s -> String.valueOf(s.won())).toList());
        List<String> trends = new ArrayList<>();
        for (PqlPerformance.Source source : sources) {
            trends.add(String.join(
                    ",",
                    source.winRateByQuarter().stream()
                            .map(v -> v == null ? "" : String.format(Locale.ROOT, "%.1f", v * 100))
                            .toList()));
        }
        model.addAttribute("trends", trends);
        model.addAttribute("hasDeals", sources.stream().anyMatch(s -> s.leads() > 0));
        return "pql-performance";
    }

    @GetMapping(value = "/api/v1/pql-performance/sources.csv", produces = "text/csv")
    ResponseEntity<String> csv(CurrentWorkspace current, @RequestParam(required = false) String sqlStages) {
        PqlPerformance performance = PqlPerformance.of(crm.deals(current.id()), PqlPerformanceApi.stages(sqlStages));
        StringBuilder csv = new StringBuilder(
                "source,leads,sql,won,win_rate,average_cycle_days,average_deal,pipeline,won_revenue\n");
        for (PqlPerformance.Source s : performance.sources()) {
            csv.append(String.join(
                            ",",
                            s.source(),
                            String.valueOf(s.leads()),
                            String.valueOf(s.sql()),
                            String.valueOf(s.won()),
                            BacktestCsv.number(s.winRate().value()),
                            BacktestCsv.number(s.averageCycleDays()),
                            s.averageDeal() == null ? "" : s.averageDeal().toPlainString(),
                            s.pipeline().toPlainString(),
                            s.wonRevenue().toPlainString()))
                    .append('\n');
        }
        return BacktestApi.csv("pql-performance.csv", csv.toString());
    }

    @Bean
    static NavItem pqlPerformanceNav() {
        return new NavItem("pql-performance", "PQL performance", "/pql-performance", 56).in(NavItem.INSPECTOR);
    }
}
