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
    private final BusinessEventTable table;
    private final Alerts alerts;
    private final dev.beton.backtest.CrmMirror crm;

    ExecutiveSummaries(
            BusinessEventReader reader, BusinessEventTable table, Alerts alerts, dev.beton.backtest.CrmMirror crm) {
        this.reader = reader;
        this.table = table;
        this.alerts = alerts;
        this.crm = crm;
    }

    /**
     * The summary, aggregated by DuckDB over the typed table of business events: only per-tenant,
     * per-half totals, cost rows and the top actions leave the event store, and no JSON is parsed.
     */
    ExecutiveSummary summary(long workspaceId, Instant from, Instant to, String tenantId) {
        table.ready(workspaceId);
        return summary(workspaceId, from, to, tenantId, reader.aggregates(workspaceId, from, to, tenantId, 10));
    }

    /**
     * The same summary aggregated from the events' JSON properties, as before the typed table:
     * what the typed path is tested against (ExecutiveSummaryParityTest), not served.
     */
    ExecutiveSummary summaryFromJson(long workspaceId, Instant from, Instant to, String tenantId) {
        return summary(workspaceId, from, to, tenantId, reader.aggregatesFromJson(workspaceId, from, to, tenantId, 10));
    }

    private ExecutiveSummary summary(
            long workspaceId, Instant from, Instant to, String tenantId, BusinessEventReader.Aggregates aggregates) {
        List<Alert> critical = criticalAlerts(workspaceId, from, to, tenantId);
        SummaryTotals first = SummaryTotals.NONE;
        SummaryTotals second = SummaryTotals.NONE;
        Map<String, SummaryTotals> byTenant = new java.util.TreeMap<>();
        for (Map.Entry<String, SummaryTotals[]> tenant : aggregates.totals().entrySet()) {
            first = first.plus(tenant.getValue()[0]);
            second = second.plus(tenant.getValue()[1]);
            byTenant.put(tenant.getKey(), tenant.getValue()[0].plus(tenant.getValue()[1]));
        }
        SummaryTotals all = first.plus(second);
        SummaryCalculator.Health health = SummaryCalculator.health(all, critical.size());
        List<ExecutiveSummary.TenantHealth> tenants = new ArrayList<>();
        if (tenantId == null) {
            byTenant.forEach((tenant, totals) -> {
                long open = critical.stream()
                        .filter(a -> a.tenantId().equals(tenant))
                        .count();
                tenants.add(new ExecutiveSummary.TenantHealth(
                        tenant, SummaryCalculator.health(totals, open).score(), totals.events(), open));
            });
            tenants.sort(java.util.Comparator.comparingInt(ExecutiveSummary.TenantHealth::health));
        }
        return new ExecutiveSummary(
                from,
                to,
                tenantId,
                health.score(),
                health.components(),
                health.penalty(),
                SummaryCalculator.keyMetrics(all, from, to),
                critical,
                aggregates.actions(),
                SummaryCalculator.trends(first, second),
                all.events(),
                tenants,
                SummaryCalculator.performance(byTenant),
                SummaryCalculator.sortedCosts(aggregates.costs()),
                alerts.fatigue(workspaceId, from),
                PqlAttribution.of(crm.deals(workspaceId), from, to));
    }

    private List<Alert> criticalAlerts(long workspaceId, Instant from, Instant to, String tenantId) {
        return alerts.list(workspaceId, "critical", true, tenantId, from, 100).stream()
                .filter(a -> !a.lastSeenAt().isAfter(to))
                .toList();
    }

    /**
     * The same summary computed in Java over every typed event of the period: the executable
     * specification the SQL aggregation is tested against (ExecutiveSummaryParityTest), not served.
     */
    ExecutiveSummary summaryInJava(long workspaceId, Instant from, Instant to, String tenantId) {
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
