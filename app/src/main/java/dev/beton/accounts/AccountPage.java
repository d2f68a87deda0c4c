package dev.beton.accounts;

import dev.beton.detection.AccountFollowUp;
import dev.beton.detection.AccountScore;
import dev.beton.detection.AccountSignals;
import dev.beton.detection.ReplayedSignals;
import dev.beton.detection.SignalHistory;
import dev.beton.enrichment.AccountEnrichment;
import dev.beton.events.DailyCount;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** One account: score and receipt, signal history with evidence, suppressed signals, usage. */
@Controller
@Page
class AccountPage {

    private static final int USAGE_DAYS = 30;

    private final SignalHistory history;
    private final AccountUsage usage;
    private final Clock clock;
    private final ObjectProvider<AccountFollowUp> followUp;
    private final AccountEnrichment enrichment;
    private final ObjectProvider<ReplayedSignals> replays;

    AccountPage(
            SignalHistory history,
            AccountUsage usage,
            Clock clock,
            ObjectProvider<AccountFollowUp> followUp,
            AccountEnrichment enrichment,
            ObjectProvider<ReplayedSignals> replays) {
        this.followUp = followUp;
        this.enrichment = enrichment;
        this.replays = replays;
        this.history = history;
        this.usage = usage;
        this.clock = clock;
    }

    private static AccountSignals withoutSignals(String key) {
        return new AccountSignals(
                new AccountScore(key, 0, false, List.of(), Optional.empty(), Optional.empty()),
                Optional.empty(),
                List.of(),
                List.of());
    }

    @GetMapping("/accounts/{key}")
    String page(CurrentWorkspace current, @PathVariable String key, Model model) {
        // An account with events but no signal yet has a page too: the accounts list links every account.
        AccountSignals account = history.account(current.id(), key)
                .or(() -> usage.exists(current.id(), key) ? Optional.of(withoutSignals(key)) : Optional.empty())
                .orElseThrow(() -> ProblemException.notFound("There is no account '" + key + "' in this workspace."));
        List<DailyCount> perDay = usage.perDay(current.id(), key, USAGE_DAYS, clock.instant());
        model.addAttribute("current", current);
        model.addAttribute("account", account);
        model.addAttribute("companyName", usage.name(current.id(), key).orElse(key));
        model.addAttribute("episodes", HistoryEpisode.of(account.history()));
        model.addAttribute(
                "summary",
                account.score()
                        .scoredAsOf()
                        .map(asOf -> AccountSummary.of(account.history(), asOf))
                        .orElse("No detection has scored this account yet."));
        AccountFollowUp crm = followUp.getIfAvailable();
        model.addAttribute(
                "deal", crm == null ? null : crm.deal(current.id(), key).orElse(null));
        model.addAttribute(
                "routingSkip",
                crm == null ? null : crm.lastSkip(current.id(), key).orElse(null));
        model.addAttribute("firmographics", enrichment.of(current.id(), key).orElse(null));
        model.addAttribute("followUpReasons", AccountFollowUp.REASONS);
        model.addAttribute("parked", crm != null && crm.parked(current.id()).contains(key));
        model.addAttribute(
                "usageDays", perDay.stream().map(d -> d.day().toString()).toList());
        model.addAttribute(
                "usageCounts", perDay.stream().map(DailyCount::events).toList());
        ReplayedSignals replayed = replays.getIfAvailable();
        Optional<ReplayedSignals.AccountReplay> replay = replayed == null
                ? Optional.empty()
                : replayed.accountDays(current.id(), key).filter(r -> !r.days().isEmpty());
        model.addAttribute("replay", replay.orElse(null));
        replay.ifPresent(r -> {
            model.addAttribute(
                    "replayDays",
                    r.days().stream()
                            .map(d -> d.asOf()
                                    .atZone(java.time.ZoneOffset.UTC)
                                    .toLocalDate()
                                    .toString())
                            .toList());
            model.addAttribute(
                    "replayScores",
                    r.days().stream().map(ReplayedSignals.AccountDay::score).toList());
            model.addAttribute(
                    "replayFired",
                    r.days().stream().map(d -> d.firedTypes().size()).toList());
        });
        return "account";
    }
}
