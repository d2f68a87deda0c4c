package dev.beton.detection;

import dev.beton.query.Dialect;
import dev.beton.query.Expressions;
import dev.beton.query.Query;
import dev.beton.query.QueryDefinition;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether the oldest events a signal looks back on carry the company key. PostHog answers {@code
 * ''} for {@code $group_N} on events older than the group type (see docs/POSTHOG-SOURCE.md), and
 * events imported without {@code $groups} have none either: team growth and feature adoption then
 * count those weeks as if nothing happened. One query per run: per "has a company key", the first
 * event in the look-back.
 */
final class GroupKeyCoverage {

    static final String DEFINITION = "beton.group_key_coverage";

    /** Grouped events starting later than this after the look-back's start are worth a warning. */
    private static final Duration SLACK = Duration.ofDays(1);

    private GroupKeyCoverage() {}

    /** The longest look-back of the run's signal queries: the earliest {@code *_start} value. */
    static Optional<Instant> lookBackStart(List<RenderedQuery> queries) {
        return queries.stream()
                .flatMap(q -> q.parameters().stream())
                .filter(p -> p.name().endsWith("_start"))
                .map(p -> switch (p.value()) {
                    case Instant i -> Optional.of(i);
                    case LocalDateTime t -> Optional.of(t.toInstant(ZoneOffset.UTC));
                    case String s -> ResultRows.parseInstant(s);
                    default -> Optional.<Instant>empty();
                })
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /** A sentence for the run when events before the first company-keyed one have no key. */
    static Optional<String> check(
            QueryRunner runner, Dialect dialect, int companyIndex, Instant asOf, Instant lookBackStart) {
        long days = Math.max(1, Duration.between(lookBackStart, asOf).toDays());
        TimeWindow window = TimeWindow.lastDays("look_back", (int) Math.min(days, Integer.MAX_VALUE));
        var keyed = Expressions.notBlank(Expressions.groupKey(companyIndex));
        Query query = Query.select(
                        Query.SelectItem.of(keyed, "keyed"),
                        Query.SelectItem.of(Expressions.min(Expressions.column("timestamp")), "first_event"))
                .where(Expressions.within(Expressions.column("timestamp"), window))
                .groupBy(keyed)
                .build();
        QueryDefinition definition = new QueryDefinition(
                DEFINITION, 1, "Per has-a-company-key: the first event in the longest signal look-back.", query);
        ResultRows rows = runner.run(definition.render(dialect, asOf));
        Optional<Instant> firstKeyed = first(rows, true);
        Optional<Instant> firstUnkeyed = first(rows, false);
        Instant start = window.resolve(asOf).start();
        if (firstKeyed.isEmpty()
                || firstUnkeyed.isEmpty()
                || !firstKeyed.get().isAfter(start.plus(SLACK))
                || !firstUnkeyed.get().isBefore(firstKeyed.get())) {
            return Optional.empty();
        }
        return Optional.of("Warning: events before " + firstKeyed.get() + " have no company key, but signals look back"
                + " to " + start + " (" + days + " days): team growth and feature adoption do not see them. On PostHog"
                + " this happens when the company group type is younger than the events (e.g. after a historical"
                + " import); see docs/POSTHOG-SOURCE.md for the workaround.");
    }

    private static Optional<Instant> first(ResultRows rows, boolean keyed) {
        return rows.list().stream()
                .filter(r -> r.value("keyed").map(v -> truth(v) == keyed).orElse(false))
                .findFirst()
                .flatMap(r -> r.instant("first_event"));
    }

    private static boolean truth(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.intValue() != 0;
            default -> Boolean.parseBoolean(value.toString());
        };
    }
}
