package dev.beton.bizevents;

import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The weekly summary digest of medium alerts: one mail per workspace with every medium alert
 * raised since the last digest, grouped by tenant, to the medium rules' recipients (else the
 * admins). An alert carried by a digest is marked {@code digest_sent}, so a rerun (or a second
 * node) never mails it twice; without SMTP the alerts wait for the next run.
 */
@Service
class AlertDigest {

    private static final Logger log = LoggerFactory.getLogger(AlertDigest.class);

    private final Alerts alerts;
    private final AlertRules rules;
    private final AlertNotifier notifier;
    private final Workspaces workspaces;

    AlertDigest(Alerts alerts, AlertRules rules, AlertNotifier notifier, Workspaces workspaces) {
        this.alerts = alerts;
        this.rules = rules;
        this.notifier = notifier;
        this.workspaces = workspaces;
    }

    void sendAll(Instant asOf) {
        for (Workspace workspace : workspaces.all()) {
            int sent = send(workspace.id(), workspace.name(), asOf);
            if (sent > 0) {
                log.info("Weekly alert digest of workspace {}: {} medium alerts", workspace.slug(), sent);
            }
        }
    }

    /** @return how many alerts the mail carried (0 when there were none or it could not be sent) */
    int send(long workspaceId, String workspaceName, Instant asOf) {
        List<Alert> due = alerts.awaitingDigest(workspaceId, asOf);
        if (due.isEmpty()) {
            return 0;
        }
        Set<String> configured = new LinkedHashSet<>();
        rules.list(workspaceId).stream()
                .filter(s -> s.rule().tier() == AlertRule.Tier.MEDIUM && s.enabled())
                .forEach(s -> configured.addAll(s.recipients()));
        List<String> to = notifier.recipients(workspaceId, List.copyOf(configured));
        String subject = "[Beton] Weekly digest: " + due.size() + " medium alert" + (due.size() == 1 ? "" : "s")
                + " in " + workspaceName;
        if (!notifier.mailNow(to, subject, text(due, asOf))) {
            return 0;
        }
        for (Alert alert : due) {
            alerts.notified(alert.id(), "digest_sent");
        }
        return due.size();
    }

    static String text(List<Alert> due, Instant asOf) {
        Map<String, List<Alert>> byTenant =
                due.stream().collect(Collectors.groupingBy(Alert::tenantId, TreeMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder(
                "Medium alerts raised up to " + asOf + " (each once, however often it" + " recurred):\n");
        byTenant.forEach((tenant, list) -> {
            text.append("\n").append(tenant).append("\n");
            for (Alert alert : list) {
                text.append("  - ")
                        .append(alert.title())
                        .append(": ")
                        .append(alert.detail())
                        .append(alert.occurrences() > 1 ? " (" + alert.occurrences() + "×)" : "")
                        .append(", first seen ")
                        .append(alert.firstSeenAt())
                        .append("\n");
            }
        });
        return text.append("\nAcknowledge or resolve them on the Executive page of Beton.\n")
                .toString();
    }
}
