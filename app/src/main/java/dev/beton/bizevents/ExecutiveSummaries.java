package dev.beton.bizevents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Builds the executive summary of a workspace (all tenants or one) over a period. */
@Service
class ExecutiveSummaries {

    private final BusinessEventReader reader;
    private final Alerts alerts;
    private final dev.beton.backtest.CrmMirror crm;

    ExecutiveSummaries(BusinessEventReader reader, Alerts alerts, dev.beton.backtest.CrmMirror crm) {
        this.reader = reader;
        this.alerts = alerts;
        this.crm = crm;
    }

    ExecutiveSummary summary(long workspaceId, Instant from, Instant to, String tenantId) {
        List<DatedEvent> events = reader.read(workspaceId, from, to, tenantId);
        List<Alert> critical = alerts.list(workspaceId, "critical", true, tenantId, from, 100).stream()
                .filter(a -> !a.lastSeenAt().isAfter(to))
                .toList();
        SummaryCalculator.Health health = SummaryCalculator.health(events, critical.size());
        List<ExecutiveSummary.TenantHealth> tenants = new ArrayList<>();
        if (tenantId == null) {
            for (Map.Entry<String, List<DatedEvent>> tenant :
                    SummaryCalculator.byTenant(events).entrySet()) {
                long open = critical.stream()
                        .filter(a -> a.tenantId().equals(tenant.getKey()))
                        .count();
                tenants.add(new ExecutiveSummary.TenantHealth(
                        tenant.getKey(),
                        SummaryCalculator.health(tenant.getValue(), open).score(),
                        tenant.getValue().size(),
                        open));
            }
            tenants.sort(java.util.Comparator.comparingInt(ExecutiveSummary.TenantHealth::health));
        }
        return new ExecutiveSummary(
                from,
                to,
                tenantId,
                health.score(),
                health.components(),
                health.penalty(),
                SummaryCalculator.keyMetrics(events, from, to),
                critical,
                SummaryCalculator.recommendedActions(events, 10),
                SummaryCalculator.trends(events, from, to),
                events.size(),
                tenants,
                SummaryCalculator.performance(events),
                SummaryCalculator.costOptimization(events),
                alerts.fatigue(workspaceId, from),
                PqlAttribution.of(crm.deals(workspaceId), from, to));
    }
}
