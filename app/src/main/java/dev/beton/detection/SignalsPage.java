package dev.beton.detection;

import dev.beton.crm.DealStatusLookup;
import dev.beton.signals.SignalType;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Signals this week: count, distribution by type, daily trend, the hot queue and the latest signals. */
@Controller
@Page
class SignalsPage {

    private static final int TREND_DAYS = 30;

    private final SignalHistory history;
    private final SignalSettingsStore settings;
    private final Clock clock;
    private final ObjectProvider<AccountFollowUp> followUp;
    private final ObjectProvider<DealStatusLookup> deals;
    private final ObjectProvider<ReplayedSignals> replays;
    private final SignalHealthCheck health;

    SignalsPage(
            SignalHistory history,
            SignalSettingsStore settings,
            Clock clock,
            ObjectProvider<AccountFollowUp> followUp,
            ObjectProvider<DealStatusLookup> deals,
            ObjectProvider<ReplayedSignals> replays,
            SignalHealthCheck health) {
        this.followUp = followUp;
        this.deals = deals;
        this.replays = replays;
        this.health = health;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/signals")
    String page(CurrentWorkspace current, Model model) {
        Instant now = clock.instant();
        model.addAttribute("current", current);
        addDistribution(current.id(), now.minus(Duration.ofDays(7)), model);
        addTrend(current.id(), now, model);
        AccountFollowUp crm = followUp.getIfAvailable();
        java.util.Set<String> parked = crm == null ? java.util.Set.of() : crm.parked(current.id());
        List<AccountScore> hot = history.accounts(current.id()).stream()
                .filter(AccountScore::hot)
                .filter(a -> !parked.contains(a.accountKey()))
                .sorted(Comparator.comparing(
                                (AccountScore a) -> a.lastSignalAt().orElse(Instant.EPOCH))
                        .reversed())
                .limit(50)
                .toList();
        model.addAttribute("hot", hot);
        model.addAttribute("dealLinks", crm == null ? Map.of() : crm.dealLinks(current.id()));
        DealStatusLookup lookup = deals.getIfAvailable();
        // a local read of what Beton last saw in Attio: no Attio call per row
        model.addAttribute("dealStatuses", lookup == null ? Map.of() : lookup.statuses(current.id()));
        model.addAttribute("followUpReasons", AccountFollowUp.REASONS);
        model.addAttribute("hotThreshold", settings.current(current.id()).hotThreshold());
        model.addAttribute(
                "latest",
                history.signals(current.id(), SignalFilter.all(), 0, 20).items());
        model.addAttribute("lastRun", history.lastDetection(current.id()));
        model.addAttribute("health", health.of(current.id(), now));
        return "signals";
    }

    private void addDistribution(long workspaceId, Instant since, Model model) {
        Map<SignalType, Long> byType = history.firedByType(workspaceId, since);
        List<Map.Entry<SignalType, Long>> present =
                byType.entrySet().stream().filter(e -> e.getValue() > 0).toList();
        model.addAttribute(
                "weekCount", byType.values().stream().mapToLong(Long::longValue).sum());
        long total = present.stream().mapToLong(Map.Entry::getValue).sum();
        model.addAttribute(
                "byType",
                present.stream()
                        .map(e -> new TypeShare(e.getKey().key(), e.getValue(), total))
                        .toList());
        model.addAttribute(
                "pieNames", present.stream().map(e -> e.getKey().key()).toList());
        model.addAttribute(
                "pieValues", present.stream().map(Map.Entry::getValue).toList());
    }

    private void addTrend(long workspaceId, Instant now, Model model) {
        Map<LocalDate, Long> perDay = history.firedPerDay(workspaceId, TREND_DAYS, now);
        List<String> days = perDay.keySet().stream().map(LocalDate::toString).toList();
        model.addAttribute("trendDays", days);
        model.addAttribute("trendCounts", List.copyOf(perDay.values()));
        // Detection runs once a day, so a new install has one point; a replay of the live settings
        // shows what the same signals would have said on the days before, marked as replay.
        ReplayedSignals source = replays.getIfAvailable();
        if (source == null) {
            return;
        }
        Instant from = perDay.keySet()
                .iterator()
                .next()
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        source.firedPerDay(workspaceId, from, now)
                .filter(r -> !r.perDay().isEmpty())
                .ifPresent(r -> {
                    model.addAttribute("replayLabel", r.label());
                    model.addAttribute(
                            "replayCounts",
                            perDay.keySet().stream()
                                    .map(d -> r.perDay().containsKey(d)
                                            ? String.valueOf(r.perDay().get(d))
                                            : "")
                                    .toList());
                });
    }

    /** One slice of the pie, with its share in whole percent, for the table next to the chart. */
    record TypeShare(String type, long count, long total) {
        public long percent() {
            return total == 0 ? 0 : Math.round(count * 100.0 / total);
        }
    }

    @Bean
    static NavItem signalsNav() {
        return new NavItem("signals", "Signals", "/signals", 20);
    }
}
