package dev.beton.accounts;

import dev.beton.backtest.CrmMirror;
import dev.beton.backtest.Deal;
import dev.beton.detection.AccountScore;
import dev.beton.detection.SignalHistory;
import dev.beton.events.AccountActivity;
import dev.beton.events.AccountSort;
import dev.beton.events.WorkspaceOverview;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every account of the workspace: company name (the group's {@code name}, else its key), current
 * score, the signal types behind it, the last signal and the last activity; highest score first,
 * searchable by name or key, a page at a time.
 */
@Controller
@Page
class AccountsPage {

    static final int PAGE_SIZE = 25;

    private final WorkspaceOverview overview;
    private final SignalHistory history;
    private final Clock clock;
    private final CrmMirror crm;

    AccountsPage(WorkspaceOverview overview, SignalHistory history, Clock clock, CrmMirror crm) {
        this.overview = overview;
        this.history = history;
        this.clock = clock;
        this.crm = crm;
    }

    /** One row of the list. */
    record Row(
            String key,
            String name,
            int score,
            boolean hot,
            List<String> signalTypes,
            Optional<Instant> lastSignal,
            Optional<Instant> lastSeen,
            long events) {

        boolean matches(String query) {
            return query.isEmpty()
                    || key.toLowerCase(Locale.ROOT).contains(query)
                    || name.toLowerCase(Locale.ROOT).contains(query);
        }
    }

    @GetMapping("/accounts")
    String page(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String query = q.trim().toLowerCase(Locale.ROOT);
        List<Row> matching =
                rows(current.id()).stream().filter(r -> r.matches(query)).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.max(0, Math.min(page, pages - 1));
        model.addAttribute("current", current);
        model.addAttribute("deals", latestDeals(current.id()));
        model.addAttribute("q", q.trim());
        model.addAttribute("total", matching.size());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute(
                "rows", matching.subList(shown * PAGE_SIZE, Math.min(matching.size(), (shown + 1) * PAGE_SIZE)));
        return "accounts";
    }

    /** The newest deal per account in the CRM mirror (Attio's deals as last read), by account key. */
    private Map<String, Deal> latestDeals(long workspaceId) {
        Map<String, Deal> latest = new LinkedHashMap<>();
        for (Deal deal : crm.deals(workspaceId)) {
            latest.merge(deal.accountKey(), deal, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
        }
        return latest;
    }

    private List<Row> rows(long workspaceId) {
        Map<String, AccountScore> scores = new LinkedHashMap<>();
        history.accounts(workspaceId).forEach(s -> scores.put(s.accountKey(), s));
        Map<String, Row> rows = new LinkedHashMap<>();
        for (AccountActivity a : overview.accounts(workspaceId, AccountSort.LAST_SEEN, true, clock.instant())) {
            Optional<AccountScore> score = Optional.ofNullable(scores.get(a.key()));
            rows.put(a.key(), row(a.key(), a.name(), score, a.lastSeen(), a.events()));
        }
        // accounts with signals but no events left in the warehouse (e.g. read from PostHog)
        scores.forEach((key, score) ->
                rows.computeIfAbsent(key, k -> row(k, Optional.empty(), Optional.of(score), Optional.empty(), 0)));
        return rows.values().stream()
                .sorted(Comparator.comparingInt(Row::score)
                        .reversed()
                        .thenComparing(r -> r.lastSignal().orElse(Instant.EPOCH), Comparator.reverseOrder())
                        .thenComparing(r -> r.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static Row row(
            String key, Optional<String> name, Optional<AccountScore> score, Optional<Instant> lastSeen, long events) {
        return new Row(
                key,
                name.filter(n -> !n.isBlank()).orElse(key),
                score.map(AccountScore::score).orElse(0),
                score.map(AccountScore::hot).orElse(false),
                score.map(AccountScore::signalTypes).orElse(List.of()),
                score.flatMap(AccountScore::lastSignalAt),
                lastSeen,
                events);
    }

    @Bean
    static NavItem accountsNav() {
        return new NavItem("accounts", "Accounts", "/accounts", 30);
    }
}
