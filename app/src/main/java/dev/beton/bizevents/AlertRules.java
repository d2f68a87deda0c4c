package dev.beton.bizevents;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A workspace's settings of the built-in rules: the default unless an admin changed it. */
@Repository
class AlertRules {

    /**
     * @param recipients e-mail addresses for immediate (critical) notification; empty = the
     *     workspace's admins
     */
    record Setting(AlertRule rule, boolean enabled, Double threshold, List<String> recipients) {

        String key() {
            return rule.key();
        }

        String tier() {
            return rule.tier().column();
        }

        String description() {
            return rule.describe(threshold);
        }

        boolean changeable() {
            return rule.defaultThreshold().isPresent();
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

    private final JdbcClient jdbc;
    private final Clock clock;

    AlertRules(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Setting> list(long workspaceId) {
        Map<String, Setting> changed = jdbc
                .sql("SELECT * FROM business_alert_rules WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, n) -> {
                    String key = rs.getString("rule_key");
                    boolean enabled = rs.getBoolean("enabled");
                    Double threshold = rs.getObject("threshold") == null ? null : rs.getDouble("threshold");
                    List<String> recipients = recipients(rs.getString("recipients"));
                    return AlertRule.byKey(key)
                            .map(rule -> new Setting(rule, enabled, threshold, recipients))
                            .orElse(null);
                })
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toMap(Setting::key, Function.identity()));
        return Arrays.stream(AlertRule.values())
                .map(rule -> changed.getOrDefault(rule.key(), defaults(rule)))
                .toList();
    }

    /**
     * Cached: alerts are evaluated for every business event on arrival, and settings change
     * rarely. A change on this node evicts; another node of a cluster sees it within a minute.
     */
    Map<AlertRule, Setting> byRule(long workspaceId) {
        Cached cached = cache.get(workspaceId);
        if (cached != null && cached.at() > System.nanoTime() - CACHE_NANOS) {
            return cached.settings();
        }
        Map<AlertRule, Setting> fresh =
                list(workspaceId).stream().collect(Collectors.toMap(Setting::rule, Function.identity()));
        cache.put(workspaceId, new Cached(fresh, System.nanoTime()));
        return fresh;
    }

    private record Cached(Map<AlertRule, Setting> settings, long at) {}

    private static final long CACHE_NANOS = java.time.Duration.ofMinutes(1).toNanos();
    private final Map<Long, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    static Setting defaults(AlertRule rule) {
        return new Setting(rule, true, rule.defaultThreshold().orElse(null), List.of());
    }

    /** Stores an admin's change; a null argument keeps the current value. */
    Setting change(long workspaceId, String key, Boolean enabled, Double threshold, String recipients) {
        AlertRule rule =
                AlertRule.byKey(key).orElseThrow(() -> ProblemException.notFound("No alert rule " + key + "."));
        Setting current = byRule(workspaceId).get(rule);
        if (threshold != null && !rule.defaultThreshold().isPresent()) {
            throw ProblemException.badRequest("The rule " + key + " has no threshold.");
        }
        if (threshold != null) {
            rule.refusal(threshold).ifPresent(sentence -> {
                throw ProblemException.badRequest(sentence);
            });
        }
        List<String> addresses = recipients == null ? current.recipients() : validRecipients(recipients);
        Setting next = new Setting(
                rule,
                enabled == null ? current.enabled() : enabled,
                threshold == null ? current.threshold() : threshold,
                addresses);
        jdbc.sql("DELETE FROM business_alert_rules WHERE workspace_id = ? AND rule_key = ?")
                .params(workspaceId, key)
                .update();
        jdbc.sql("INSERT INTO business_alert_rules (workspace_id, rule_key, enabled, threshold, recipients, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        workspaceId,
                        key,
                        next.enabled(),
                        next.threshold(),
                        String.join(",", next.recipients()),
                        Timestamps.of(clock.instant()))
                .update();
        cache.remove(workspaceId);
        return next;
    }

    /** Every comma-separated entry must be an address: a typo is refused, not silently dropped. */
    static List<String> validRecipients(String text) {
        List<String> wrong = Arrays.stream(text.split("[,;\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !EMAIL.matcher(s).matches())
                .toList();
        if (!wrong.isEmpty()) {
            throw ProblemException.badRequest("Recipients must be e-mail addresses separated by commas; \""
                    + String.join("\", \"", wrong) + "\" is not one.");
        }
        return recipients(text);
    }

    private static List<String> recipients(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+"))
                .map(String::strip)
                .filter(s -> EMAIL.matcher(s).matches())
                .distinct()
                .toList();
    }
}
