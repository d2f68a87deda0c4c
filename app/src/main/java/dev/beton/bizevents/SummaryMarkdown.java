package dev.beton.bizevents;

import java.util.Locale;

/** The executive summary as Markdown, for a board pack (prints well, pastes into any doc tool). */
final class SummaryMarkdown {

    private SummaryMarkdown() {}

    static String of(ExecutiveSummary s, String workspaceName) {
        StringBuilder md = new StringBuilder();
        md.append("# Executive summary — ").append(workspaceName);
        if (s.tenantId() != null) {
            md.append(" — tenant ").append(s.tenantId());
        }
        md.append("\n\nPeriod: ")
                .append(s.from())
                .append(" to ")
                .append(s.to())
                .append(" (")
                .append(s.businessEvents())
                .append(" business events)\n\n");
        md.append("## Overall business health: ")
                .append(s.overallBusinessHealth())
                .append(" / 100\n\n");
        md.append("| Component | Score | Weight | Basis |\n|---|---:|---:|---|\n");
        s.healthComponents().forEach(c -> md.append("| ")
                .append(c.name())
                .append(" | ")
                .append(num(c.score()))
                .append(" | ")
                .append(num(c.weight()))
                .append(" | ")
                .append(c.basis())
                .append(" |\n"));
        if (s.criticalAlertPenalty() > 0) {
            md.append("| open critical alerts | −")
                    .append(s.criticalAlertPenalty())
                    .append(" | | 10 per alert, at most 30 |\n");
        }
        var k = s.keyMetrics();
        md.append("\n## Key metrics\n\n| Metric | Value |\n|---|---:|\n");
        md.append("| Monthly revenue protection | ")
                .append(AlertRule.money(k.monthlyRevenueProtection()))
                .append(" |\n");
        md.append("| Cost optimization savings (realized) | ")
                .append(AlertRule.money(k.costOptimizationSavings()))
                .append(" |\n");
        md.append("| Projected savings | ")
                .append(AlertRule.money(k.projectedSavings()))
                .append(" |\n");
        md.append("| Operational efficiency score | ")
                .append(k.operationalEfficiencyScore() == null ? "—" : num(k.operationalEfficiencyScore()))
                .append(" |\n");
        md.append("| Strategic decisions tracked | ")
                .append(k.strategicDecisionsTracked())
                .append(" |\n");
        md.append("| Revenue at risk (negative impact) | ")
                .append(AlertRule.money(k.negativeRevenueImpact()))
                .append(" |\n");
        md.append("\n## Critical alerts\n\n");
        if (s.criticalAlerts().isEmpty()) {
            md.append("None open.\n");
        }
        s.criticalAlerts().forEach(a -> md.append("- **")
                .append(a.title())
                .append("** — ")
                .append(a.detail())
                .append(" (")
                .append(a.occurrences())
                .append("×, since ")
                .append(a.firstSeenAt())
                .append(", ")
                .append(a.status())
                .append(")\n"));
        md.append("\n## Recommended actions\n\n");
        if (s.recommendedActions().isEmpty()) {
            md.append("None recorded.\n");
        }
        for (int i = 0; i < s.recommendedActions().size(); i++) {
            md.append(i + 1).append(". ").append(s.recommendedActions().get(i)).append("\n");
        }
        var t = s.trendAnalysis();
        md.append("\n## Trends\n\n| Area | Trend |\n|---|---|\n");
        md.append("| Revenue | ").append(t.revenueTrend()).append(" |\n");
        md.append("| Cost | ").append(t.costTrend()).append(" |\n");
        md.append("| Efficiency | ").append(t.efficiencyTrend()).append(" |\n\n");
        md.append("_").append(t.rule()).append("_\n");
        if (!s.tenants().isEmpty()) {
            md.append("\n## Tenants\n\n| Tenant | Health | Events | Open critical alerts |\n|---|---:|---:|---:|\n");
            s.tenants().forEach(x -> md.append("| ")
                    .append(x.tenantId())
                    .append(" | ")
                    .append(x.health())
                    .append(" | ")
                    .append(x.events())
                    .append(" | ")
                    .append(x.openCriticalAlerts())
                    .append(" |\n"));
        }
        var pql = s.productSignals();
        md.append("\n## Product signals\n\nPipeline created ")
                .append(AlertRule.money(pql.pipeline()))
                .append(", of it from PQL deals ")
                .append(AlertRule.money(pql.pqlPipeline()))
                .append(" (")
                .append(pql.pqlDealsCreated())
                .append(" deals); won ")
                .append(AlertRule.money(pql.won()))
                .append(", of it from PQL deals ")
                .append(AlertRule.money(pql.pqlWon()))
                .append(" (")
                .append(pql.pqlDealsWon())
                .append(" deals). ")
                .append(pql.basis())
                .append("\n");
        var f = s.alertFatigue();
        md.append("\n## Alerts sent vs acknowledged\n\nRaised ")
                .append(f.raised())
                .append(", sent ")
                .append(f.sent())
                .append(" (mailed at once ")
                .append(f.notified())
                .append(", to the webhook ")
                .append(f.webhooked())
                .append(", in the weekly digest ")
                .append(f.digested())
                .append("), acknowledged ")
                .append(f.acknowledged())
                .append(", resolved ")
                .append(f.resolved())
                .append(", held back by the rate limit ")
                .append(f.rateLimited())
                .append("; ")
                .append(f.acknowledgedPercent())
                .append(" % of raised alerts acknowledged.\n");
        return md.toString();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
