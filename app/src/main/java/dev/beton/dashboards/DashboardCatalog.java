package dev.beton.dashboards;

import static dev.beton.dashboards.DataNeed.BACKTEST;
import static dev.beton.dashboards.DataNeed.COMPANY_GROUPS;
import static dev.beton.dashboards.DataNeed.DEALS;
import static dev.beton.dashboards.DataNeed.PRODUCT_EVENTS;
import static dev.beton.dashboards.DataNeed.SIGNALS;

import dev.beton.dashboards.TileDefinition.Source;
import dev.beton.dashboards.TileDefinition.TileQuery;
import dev.beton.posthog.QueryCategory;
import dev.beton.query.Query;
import dev.beton.query.QueryDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The four RevOps dashboards (seeds 000 and 001, union of their tiles), as code. Ids are part of
 * Beton's API and of the PostHog tags: never rename one, add a new dashboard instead.
 */
public final class DashboardCatalog {

    public static final String SIGNAL_OVERVIEW = "signal-overview";
    public static final String ACCOUNT_HEALTH = "account-health";
    public static final String PQL_PERFORMANCE = "pql-performance";
    public static final String BACKTESTING = "backtesting";

    private static final List<DashboardDefinition> ALL =
            List.of(signalOverview(), accountHealth(), pqlPerformance(), backtesting());

    private DashboardCatalog() {}

    public static List<DashboardDefinition> all() {
        return ALL;
    }

    public static Optional<DashboardDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Every tile query of every dashboard, for the query library and golden files. */
    public static List<QueryDefinition> libraryQueries(int companyGroupIndex) {
        return ALL.stream()
                .flatMap(d -> d.tiles().stream()
                        .filter(t -> t.query().isPresent())
                        .map(t -> t.query().get().build(companyGroupIndex, d.defaultPeriodDays())))
                .toList();
    }

    private static DashboardDefinition signalOverview() {
        String d = SIGNAL_OVERVIEW;
        Set<DataNeed> needs = Set.of(SIGNALS);
        return new DashboardDefinition(
                d,
                1,
                "Signal Overview",
                "What fired, where and how hot: the signals of the period and the accounts behind them.",
                Duration.ofMinutes(15),
                QueryCategory.OVERVIEW,
                30,
                List.of(
                        tile(
                                d,
                                "signals_fired",
                                1,
                                "Signals fired",
                                "Number of signals fired in the period.",
                                Visualisation.NUMBER,
                                needs,
                                TileQueries::signalsFired,
                                null,
                                List.of("signals"),
                                null),
                        tile(
                                d,
                                "signals_by_type",
                                1,
                                "Signals by type",
                                "Signals fired in the period, by signal type.",
                                Visualisation.PIE,
                                needs,
                                TileQueries::signalsByType,
                                "signal_type",
                                List.of("signals"),
                                null),
                        tile(
                                d,
                                "signal_trend",
                                1,
                                "Signal trend",
                                "Signals fired and accounts signalling, per week" + " (weeks start on Monday).",
                                Visualisation.LINE,
                                needs,
                                TileQueries::signalsTrend,
                                "week",
                                List.of("signals", "accounts"),
                                null),
                        tile(
                                d,
                                "hot_queue",
                                1,
                                "Hot queue",
                                "Accounts whose latest signal score is above " + TileQueries.HOT_SCORE
                                        + ", most recent signal first.",
                                Visualisation.TABLE,
                                Set.of(SIGNALS, COMPANY_GROUPS),
                                TileQueries::hotQueue,
                                "account",
                                List.of("score", "signals", "last_signal"),
                                "account"),
                        tile(
                                d,
                                "score_distribution",
                                1,
                                "Score distribution",
                                "Accounts by their latest signal" + " score in the period, in buckets of 20.",
                                Visualisation.HISTOGRAM,
                                Set.of(SIGNALS, COMPANY_GROUPS),
                                TileQueries::scoreDistribution,
                                null,
                                List.of("score_0_19", "score_20_39", "score_40_59", "score_60_79", "score_80_100"),
                                null),
                        tile(
                                d,
                                "top_accounts",
                                1,
                                "Top 10 accounts by signal volume",
                                "The ten accounts with the" + " most signals in the period.",
                                Visualisation.BAR,
                                Set.of(SIGNALS, COMPANY_GROUPS),
                                TileQueries::topAccounts,
                                "account",
                                List.of("signals"),
                                "account"),
                        tile(
                                d,
                                "signals_by_source",
                                1,
                                "Signals by source",
                                "Signals from product usage, billing"
                                        + " (Stripe, pricing pages) and support (Intercom, Zendesk).",
                                Visualisation.BAR,
                                needs,
                                TileQueries::signalsBySource,
                                null,
                                List.of("product_usage", "billing", "support"),
                                null)));
    }

    private static DashboardDefinition accountHealth() {
        String d = ACCOUNT_HEALTH;
        Set<DataNeed> needs = Set.of(PRODUCT_EVENTS, COMPANY_GROUPS);
        return new DashboardDefinition(
                d,
                1,
                "Account Health",
                "Who uses the product, who grows and who slips: activity per account and the 0–100 health score.",
                Duration.ofHours(1),
                QueryCategory.OVERVIEW,
                30,
                List.of(
                        tile(
                                d,
                                "active_accounts",
                                1,
                                "Active accounts and users",
                                "Accounts and users with" + " product events in the period (MAU for 30 days).",
                                Visualisation.NUMBER,
                                needs,
                                TileQueries::activeAccounts,
                                null,
                                List.of("active_accounts", "active_users"),
                                null),
                        tile(
                                d,
                                "usage_trend",
                                1,
                                "Usage trend",
                                "Product events, active accounts and users per week.",
                                Visualisation.LINE,
                                needs,
                                TileQueries::usageTrend,
                                "week",
                                List.of("events", "accounts", "users"),
                                null),
                        tile(
                                d,
                                "growth_leaders",
                                1,
                                "Growth leaders",
                                "Accounts with the biggest gain in events," + " this week against the week before.",
                                Visualisation.BAR,
                                needs,
                                (g, days) -> TileQueries.weekOverWeek(g, true),
                                "account",
                                List.of("this_week", "last_week", "change"),
                                "account"),
                        tile(
                                d,
                                "at_risk",
                                1,
                                "At-risk accounts",
                                "Accounts with the biggest drop in events, this week"
                                        + " against the week before, and their trend.",
                                Visualisation.BAR,
                                needs,
                                (g, days) -> TileQueries.weekOverWeek(g, false),
                                "account",
                                List.of("this_week", "last_week", "change"),
                                "account"),
                        tile(
                                d,
                                "feature_adoption",
                                1,
                                "Feature adoption",
                                "Accounts using each product event" + " (feature) in the period.",
                                Visualisation.BAR,
                                needs,
                                TileQueries::featureAdoption,
                                "feature",
                                List.of("accounts", "uses"),
                                null),
                        tile(
                                d,
                                "health_distribution",
                                1,
                                "Health score distribution",
                                "Accounts active in the last"
                                        + " 30 days by health score (0–100: usage trend, active users, recency,"
                                        + " feature breadth). PostHog shows the per-account inputs.",
                                Visualisation.HISTOGRAM,
                                needs,
                                (g, days) -> TileQueries.healthInputs(g),
                                null,
                                AccountHealth.BUCKETS,
                                null)));
    }

    private static DashboardDefinition pqlPerformance() {
        String d = PQL_PERFORMANCE;
        return new DashboardDefinition(
                d,
                1,
                "PQL Performance",
                "Do product-qualified leads win more? Every CRM deal by lead source, and the PQLs Beton surfaced.",
                Duration.ofDays(1),
                QueryCategory.PQL_PERFORMANCE,
                90,
                List.of(
                        native_(
                                d,
                                "win_rate_by_source",
                                "Win rate by source",
                                "Won / leads per lead source (%).",
                                Visualisation.BAR,
                                DEALS,
                                Source.PQL_PERFORMANCE,
                                "source",
                                List.of("win_rate_percent")),
                        native_(
                                d,
                                "cycle_by_source",
                                "Sales cycle by source",
                                "Average days from deal creation to" + " win, per lead source.",
                                Visualisation.BAR,
                                DEALS,
                                Source.PQL_PERFORMANCE,
                                "source",
                                List.of("average_cycle_days")),
                        native_(
                                d,
                                "pipeline_by_source",
                                "Pipeline by source",
                                "Open pipeline and won revenue per" + " lead source.",
                                Visualisation.BAR,
                                DEALS,
                                Source.PQL_PERFORMANCE,
                                "source",
                                List.of("open_pipeline", "won_revenue")),
                        native_(
                                d,
                                "pql_funnel",
                                "PQL funnel",
                                "PQL leads → SQL → won.",
                                Visualisation.FUNNEL,
                                DEALS,
                                Source.PQL_PERFORMANCE,
                                "stage",
                                List.of("deals")),
                        tile(
                                d,
                                "pqls_surfaced",
                                1,
                                "PQLs surfaced",
                                "Accounts per week whose signal score went above " + TileQueries.HOT_SCORE + ".",
                                Visualisation.LINE,
                                Set.of(SIGNALS, COMPANY_GROUPS),
                                TileQueries::pqlsSurfaced,
                                "week",
                                List.of("hot_accounts"),
                                null)));
    }

    private static DashboardDefinition backtesting() {
        String d = BACKTESTING;
        return new DashboardDefinition(
                d,
                1,
                "Backtesting",
                "How well the signals predicted won deals, from the latest finished backtest.",
                Duration.ofDays(1),
                QueryCategory.BACKTESTING,
                90,
                List.of(
                        native_(
                                d,
                                "accuracy",
                                "Precision and recall",
                                "Precision, recall and F1 of all signals (%).",
                                Visualisation.NUMBER,
                                BACKTEST,
                                Source.BACKTEST,
                                null,
                                List.of("precision_percent", "recall_percent", "f1_percent")),
                        native_(
                                d,
                                "accuracy_by_type",
                                "Accuracy by signal type",
                                "Precision and recall per signal" + " type (%).",
                                Visualisation.BAR,
                                BACKTEST,
                                Source.BACKTEST,
                                "signal_type",
                                List.of("precision_percent", "recall_percent")),
                        native_(
                                d,
                                "conversion_by_score",
                                "Conversion by score",
                                "Accounts and their win rate by peak" + " score bucket.",
                                Visualisation.BAR,
                                BACKTEST,
                                Source.BACKTEST,
                                "bucket",
                                List.of("accounts", "won", "conversion_percent")),
                        native_(
                                d,
                                "roi",
                                "ROI at the routing threshold",
                                "Accounts routed, won revenue of the"
                                        + " recalled accounts and lift at the routing threshold.",
                                Visualisation.NUMBER,
                                BACKTEST,
                                Source.BACKTEST,
                                null,
                                List.of("routed_accounts", "won_revenue", "lift")),
                        native_(
                                d,
                                "time_to_close",
                                "Time to close",
                                "Average days from deal creation to win: accounts"
                                        + " Beton surfaced first vs the rest.",
                                Visualisation.BAR,
                                BACKTEST,
                                Source.BACKTEST,
                                "group",
                                List.of("average_days", "deals")),
                        tile(
                                d,
                                "signal_scores",
                                1,
                                "Signals fired and their scores",
                                "Signals fired per type and" + " their average score at firing, in the period.",
                                Visualisation.TABLE,
                                Set.of(SIGNALS),
                                TileQueries::signalScoresAtFiring,
                                "signal_type",
                                List.of("fired", "average_score"),
                                null)));
    }

    private static TileDefinition tile(
            String dashboard,
            String id,
            int version,
            String title,
            String description,
            Visualisation visualisation,
            Set<DataNeed> needs,
            BiFunction<Integer, Integer, Query> query,
            String x,
            List<String> y,
            String accountColumn) {
        String queryId = TileDefinition.queryId(dashboard, id);
        TileQuery build = (g, days) -> new QueryDefinition(queryId, version, description, query.apply(g, days));
        return new TileDefinition(
                id,
                version,
                title,
                description,
                visualisation,
                needs,
                Source.QUERY,
                Optional.of(build),
                Optional.ofNullable(x),
                y,
                Optional.ofNullable(accountColumn));
    }

    private static TileDefinition native_(
            String dashboard,
            String id,
            String title,
            String description,
            Visualisation visualisation,
            DataNeed need,
            Source source,
            String x,
            List<String> y) {
        return new TileDefinition(
                id,
                1,
                title,
                description,
                visualisation,
                Set.of(need),
                source,
                Optional.empty(),
                Optional.ofNullable(x),
                y,
                Optional.empty());
    }
}
