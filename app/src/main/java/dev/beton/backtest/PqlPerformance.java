package dev.beton.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lead sources compared from the CRM mirror, for every deal whoever created it: leads → SQL → won
 * per source, win rate, average cycle and deal, open pipeline, win rate by quarter and PQL's lift
 * over the other sources. Pure; see docs/BACKTESTING.md §6 for the definitions.
 *
 * @param sqlStages stages that count as "SQL" besides won (default: {@code won}, {@code lost} and
 *     {@code qualified}, i.e. a deal that reached a decision or was qualified)
 */
public record PqlPerformance(
        Set<String> sqlStages, List<Source> sources, List<String> quarters, Double baselineWinRate, Double pqlLift) {

    public static final List<String> SOURCES = List.of("pql", "inbound", "outbound", "partner", "other");
    public static final Set<String> DEFAULT_SQL_STAGES = Set.of("won", "lost", "qualified");

    /**
     * @param winRate won / leads
     * @param winRateByQuarter won / leads of the deals created in each quarter of {@link #quarters}
     *     (null where the source had no lead that quarter)
     */
    public record Source(
            String source,
            long leads,
            long sql,
            long won,
            Ratio sqlRate,
            Ratio winRate,
            Double averageCycleDays,
            BigDecimal averageDeal,
            BigDecimal pipeline,
            BigDecimal wonRevenue,
            List<Double> winRateByQuarter) {}

    static String sourceOf(Deal deal) {
        String source =
                deal.leadSource() == null ? "" : deal.leadSource().strip().toLowerCase(Locale.ROOT);
        return SOURCES.contains(source) ? source : "other";
    }

    static String quarterOf(Deal deal) {
        ZonedDateTime created = deal.createdAt().atZone(ZoneOffset.UTC);
        return created.getYear() + "-Q" + ((created.getMonthValue() - 1) / 3 + 1);
    }

    public static PqlPerformance of(List<Deal> deals, Set<String> sqlStages) {
        Set<String> stages = new TreeSet<>(sqlStages);
        stages.add("won");
        List<String> quarters = deals.stream()
                .map(PqlPerformance::quarterOf)
                .distinct()
                .sorted()
                .toList();
        List<Source> sources = new ArrayList<>();
        for (String source : SOURCES) {
            List<Deal> of =
                    deals.stream().filter(d -> sourceOf(d).equals(source)).toList();
            long leads = of.size();
            long sql = of.stream().filter(d -> stages.contains(d.stage())).count();
            List<Deal> won = of.stream().filter(Deal::won).toList();
            Double cycle = won.isEmpty()
                    ? null
                    : won.stream()
                            .mapToDouble(d ->
                                    Duration.between(d.createdAt(), d.closedAt().orElseThrow())
                                                    .toMinutes()
                                            / (24.0 * 60))
                            .average()
                            .orElseThrow();
            BigDecimal wonRevenue = won.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal averageDeal =
                    won.isEmpty() ? null : wonRevenue.divide(BigDecimal.valueOf(won.size()), 2, RoundingMode.HALF_UP);
            BigDecimal pipeline = of.stream()
                    .filter(d -> "open".equals(d.stage()))
                    .map(Deal::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, long[]> byQuarter = new TreeMap<>();
            for (Deal deal : of) {
                long[] counts = byQuarter.computeIfAbsent(quarterOf(deal), q -> new long[2]);
                counts[0]++;
                counts[1] += deal.won() ? 1 : 0;
            }
            List<Double> trend = quarters.stream()
                    .map(q -> byQuarter.containsKey(q)
                            ? (double) byQuarter.get(q)[1] / byQuarter.get(q)[0]
                            : null)
                    .toList();
            sources.add(new Source(
                    source,
                    leads,
                    sql,
                    won.size(),
                    Ratio.of(sql, leads),
                    Ratio.of(won.size(), leads),
                    cycle,
                    averageDeal,
                    pipeline,
                    wonRevenue,
                    trend));
        }
        long otherLeads = sources.stream()
                .filter(s -> !s.source().equals("pql"))
                .mapToLong(Source::leads)
                .sum();
        long otherWon = sources.stream()
                .filter(s -> !s.source().equals("pql"))
                .mapToLong(Source::won)
                .sum();
        Double baseline = Ratio.of(otherWon, otherLeads).value();
        Double pqlWinRate = sources.getFirst().winRate().value();
        Double lift = baseline == null || pqlWinRate == null || baseline == 0 ? null : pqlWinRate / baseline;
        return new PqlPerformance(stages, sources, quarters, baseline, lift);
    }
}
