package dev.beton.inspector;

import dev.beton.query.TimeWindow;
import dev.beton.signals.CustomSignal;
import dev.beton.signals.Evidence;
import dev.beton.signals.PromotedSignals;
import dev.beton.signals.SignalType;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Promotes inspection rules to custom signal types (issue 17, "Beyond the seed") and hands the
 * enabled ones to detection and backtests. Only account-level rules qualify: a signal, its score
 * and its deal belong to an account, and a user-level finding is a person. A promotion is off
 * until enabled, so promoting alone changes no score; the eight PRD signals stay the defaults.
 *
 * <p>A promoted rule runs in its current version: editing the rule changes the signal from the
 * next run on, and receipts name the version ({@code rule:<id>@<version>}).
 */
@Service
public class CustomSignals implements PromotedSignals {

    static final int MIN_BASE_SCORE = 1;
    static final int MAX_BASE_SCORE = 50;

    private final CustomSignalStore store;
    private final RuleStore rules;
    private final Clock clock;

    CustomSignals(CustomSignalStore store, RuleStore rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /** Every promotion of the workspace, enabled or not, by signal key. */
    public List<Promotion> list(long workspaceId) {
        List<Promotion> promotions = new ArrayList<>();
        for (CustomSignalStore.Row row : store.all(workspaceId)) {
            rules.byId(workspaceId, row.ruleId()).ifPresent(rule -> promotions.add(promotion(row, rule)));
        }
        return promotions;
    }

    public Optional<Promotion> of(long workspaceId, long ruleId) {
        return store.byRule(workspaceId, ruleId)
                .flatMap(row -> rules.byId(workspaceId, ruleId).map(rule -> promotion(row, rule)));
    }

    /**
     * Promotes the rule, or changes the base score and switch of its promotion.
     *
     * @param enabled null means off: promoting alone changes nothing in scores
     * @param promotedBy who asked, kept from the first promotion
     * @return empty when the workspace has no such rule
     * @throws PromotionRefused for a user-level rule or a base score outside 1–50
     */
    public Optional<Promotion> promote(
            long workspaceId, long ruleId, Integer baseScore, Boolean enabled, Optional<String> promotedBy) {
        Optional<StoredRule> found = rules.byId(workspaceId, ruleId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredRule rule = found.get();
        if (rule.rule().level() != InspectionRule.Level.ACCOUNT) {
            throw new PromotionRefused("Only account-level rules can be promoted to a signal: \""
                    + rule.rule().name() + "\" finds users, and a signal, its score and its deal belong to an"
                    + " account.");
        }
        if (baseScore == null || baseScore < MIN_BASE_SCORE || baseScore > MAX_BASE_SCORE) {
            throw new PromotionRefused("baseScore: a number from " + MIN_BASE_SCORE + " to " + MAX_BASE_SCORE
                    + (baseScore == null ? " is needed." : ", not " + baseScore + "."));
        }
        Optional<CustomSignalStore.Row> current = store.byRule(workspaceId, ruleId);
        CustomSignalStore.Row row = new CustomSignalStore.Row(
                ruleId,
                SignalType.customKey(ruleId),
                baseScore,
                Boolean.TRUE.equals(enabled),
                current.map(CustomSignalStore.Row::cooldownDays).orElse(SignalType.DEFAULT_CUSTOM_COOLDOWN_DAYS),
                current.map(CustomSignalStore.Row::promotedAt)
                        .orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                current.map(CustomSignalStore.Row::promotedBy).orElse(promotedBy));
        return Optional.of(promotion(store.save(workspaceId, row), rule));
    }

    /** Removes the promotion: the signal is gone from the next run on. False when there was none. */
    public boolean demote(long workspaceId, long ruleId) {
        return store.delete(workspaceId, ruleId);
    }

    /** Signal key → label (the rule's name) of every promotion, for pages that list signals. */
    public Map<String, String> labels(long workspaceId) {
        Map<String, String> labels = new LinkedHashMap<>();
        list(workspaceId).forEach(p -> labels.put(p.signalKey(), p.label()));
        return labels;
    }

    /**
     * The enabled promotions as the catalog runs them. A rule changed to user level after its
     * promotion is left out (it names no accounts); its promotion stays, shown on the rule's page.
     */
    @Override
    public List<CustomSignal> enabled(long workspaceId) {
        List<CustomSignal> signals = new ArrayList<>();
        for (CustomSignalStore.Row row : store.all(workspaceId)) {
            if (!row.enabled()) {
                continue;
            }
            rules.byId(workspaceId, row.ruleId())
                    .filter(rule -> rule.rule().level() == InspectionRule.Level.ACCOUNT)
                    .ifPresent(rule -> signals.add(signal(row, rule)));
        }
        return signals;
    }

    private static CustomSignal signal(CustomSignalStore.Row row, StoredRule stored) {
        InspectionRule rule = stored.rule();
        SignalType type = SignalType.custom(row.signalKey(), rule.name(), row.baseScore());
        String prefix = "matches rule '" + rule.name() + "' v" + stored.version();
        return new CustomSignal(
                type,
                stored.id(),
                stored.version(),
                "Accounts on the punch list of inspection rule '" + rule.name() + "' v" + stored.version()
                        + (rule.description().isBlank() ? "." : ": " + rule.description()),
                row.baseScore(),
                Duration.ofDays(row.cooldownDays()),
                List.of(TimeWindow.lastDays("rule_window", rule.timeWindowDays())),
                companyIndex -> RuleCompiler.compile(rule, companyIndex),
                (resultRow, asOf) -> reading(Finding.of(resultRow, rule), prefix));
    }

    private static Optional<CustomSignal.Reading> reading(Finding finding, String prefix) {
        if (finding.accountId() == null || finding.accountId().isBlank()) {
            return Optional.empty();
        }
        String summary = prefix + ": " + finding.eventCount() + (finding.eventCount() == 1 ? " event" : " events")
                + ", " + finding.activeDays() + (finding.activeDays() == 1 ? " active day" : " active days")
                + ", last event " + ago(finding.daysSinceLastEvent());
        List<Evidence.Fact> facts = new ArrayList<>();
        facts.add(new Evidence.Fact("rule_score", String.valueOf(finding.score())));
        facts.add(new Evidence.Fact("event_count", String.valueOf(finding.eventCount())));
        facts.add(new Evidence.Fact("active_days", String.valueOf(finding.activeDays())));
        if (finding.activeUsers() != null) {
            facts.add(new Evidence.Fact("active_users", String.valueOf(finding.activeUsers())));
        }
        facts.add(new Evidence.Fact("days_since_last_event", String.valueOf(finding.daysSinceLastEvent())));
        return Optional.of(
                new CustomSignal.Reading(finding.accountId(), finding.score(), new Evidence(summary, facts)));
    }

    private static String ago(long days) {
        if (days <= 0) {
            return "today";
        }
        return days + (days == 1 ? " day ago" : " days ago");
    }

    private static Promotion promotion(CustomSignalStore.Row row, StoredRule rule) {
        return new Promotion(
                row.ruleId(),
                row.signalKey(),
                rule.rule().name(),
                rule.version(),
                row.baseScore(),
                row.enabled(),
                row.cooldownDays(),
                row.promotedAt(),
                row.promotedBy().orElse(null),
                "rule:" + rule.id() + "@" + rule.version());
    }
}
