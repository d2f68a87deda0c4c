package dev.beton.bizevents;

import dev.beton.bizevents.AlertRules.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Evaluates the workspace's rules against one business event as it arrives (not in a batch job):
 * critical alerts are notified at once, unless their rule already notified its hourly limit, so
 * one noisy tenant cannot flood anyone; high alerts go to the executive page; medium ones wait for
 * the weekly digest.
 */
@Service
class AlertEvaluator {

    private final AlertRules rules;
    private final Alerts alerts;
    private final AlertNotifier notifier;
    private final AlertWebhooks webhooks;
    private final AlertWebhookSender webhookSender;
    private final int perRulePerHour;

    AlertEvaluator(
            AlertRules rules,
            Alerts alerts,
            AlertNotifier notifier,
            AlertWebhooks webhooks,
            AlertWebhookSender webhookSender,
            @Value("${beton.business-events.alerts.notifications-per-rule-per-hour:10}") int perRulePerHour) {
        this.rules = rules;
        this.alerts = alerts;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.webhookSender = webhookSender;
        this.perRulePerHour = perRulePerHour;
    }

    List<Alerts.Raised> evaluate(long workspaceId, String eventUuid, String eventName, BusinessEvent event) {
        Map<AlertRule, Setting> settings = rules.byRule(workspaceId);
        Set<String> familiesDone = new HashSet<>();
        List<Alerts.Raised> raised = new ArrayList<>();
        for (AlertRule rule : AlertRule.values()) { // declared critical → high → medium
            Setting setting = settings.get(rule);
            if (familiesDone.contains(rule.family()) || !setting.enabled()) {
                continue;
            }
            var why = rule.match(event, setting.threshold());
            if (why.isEmpty()) {
                continue;
            }
            familiesDone.add(rule.family());
            alerts.raise(
                            workspaceId,
                            rule,
                            event.tenantId(),
                            eventName,
                            eventUuid,
                            rule.describe(setting.threshold()) + " — " + event.tenantId(),
                            why.get(),
                            () -> notification(workspaceId, rule))
                    .ifPresent(alert -> {
                        raised.add(alert);
                        if (alert.fresh()) {
                            notifyAtOnce(workspaceId, alert.alert(), setting);
                        }
                    });
        }
        return raised;
    }

    /** A fresh critical alert within the rate limit: mailed, and posted to the webhook if there is one. */
    private void notifyAtOnce(long workspaceId, Alert alert, Setting setting) {
        if ("pending".equals(alert.notification())) {
            notifier.send(workspaceId, alert, setting.recipients());
        }
        boolean due = alert.tier().equals("critical") && !"rate_limited".equals(alert.notification());
        if (due && webhooks.configured(workspaceId)) {
            webhookSender.send(workspaceId, alert);
        }
    }

    /** The e-mail outcome of a fresh alert; the webhook keeps its own (see {@link #notifyAtOnce}). */
    private String notification(long workspaceId, AlertRule rule) {
        return switch (rule.tier()) {
            case CRITICAL -> {
                boolean mail = notifier.hasChannel();
                if (!mail && !webhooks.configured(workspaceId)) {
                    yield "no_channel";
                }
                if (alerts.notifiedWithin(workspaceId, rule, Duration.ofHours(1)) >= perRulePerHour) {
                    yield "rate_limited";
                }
                yield mail ? "pending" : "no_channel";
            }
            case HIGH -> "dashboard";
            case MEDIUM -> "weekly_digest";
        };
    }
}
