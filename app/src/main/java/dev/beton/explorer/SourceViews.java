package dev.beton.explorer;

import static dev.beton.query.Expressions.and;
import static dev.beton.query.Expressions.asOf;
import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.dateDiffDays;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.in;
import static dev.beton.query.Expressions.not;
import static dev.beton.query.Expressions.notBlank;
import static dev.beton.query.Expressions.params;
import static dev.beton.query.Expressions.within;

import dev.beton.detection.QuerySources;
import dev.beton.query.EventQuerySource;
import dev.beton.query.Expr;
import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.query.TimeWindow;
import dev.beton.web.ProblemException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The exploratory views answered by the workspace's chosen event source (embedded store, PostHog
 * through the gateway's budget, or ClickHouse), written once in the query model: four queries per
 * view, each rendered in the source's dialect.
 */
@Component
class SourceViews {

    /** Beton's own and identity bookkeeping events are not product activity. */
    static final List<String> NOT_ACTIVITY =
            List.of("beton_signal_fired", "$identify", "$groupidentify", "$set", "$create_alias");

    private final QuerySources sources;

    SourceViews(QuerySources sources) {
        this.sources = sources;
    }

    /** The views of {@code period}, and which source answered them. */
    Explorer.Views views(long workspaceId, Period period, int top) {
        EventQuerySource source;
        try {
            source = sources.of(workspaceId);
        } catch (RuntimeException e) {
            throw sourceFailed("The workspace's event source cannot answer: " + e.getMessage());
        }
        TimeWindow window = new TimeWindow("period", Duration.between(period.start(), period.end()), Duration.ZERO);
        try {
            List<ExplorerStore.DayCount> volume = volume(source, period, window);
            OptionalInt account = source.accountGroupIndex();
            return new Explorer.Views(
                    period,
                    volume,
                    volume.stream().mapToLong(ExplorerStore.DayCount::count).sum(),
                    top(source, period, window, column("event"), top),
                    top(source, period, window, column("distinct_id"), top),
                    account.isEmpty() ? List.of() : top(source, period, window, groupKey(account.getAsInt()), top),
                    source.description());
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw sourceFailed(
                    "The exploratory views could not be read from " + source.description() + ": " + e.getMessage());
        }
    }

    private static List<ExplorerStore.DayCount> volume(EventQuerySource source, Period period, TimeWindow window) {
        // Whole UTC days before the period's end, which every dialect counts the same way; the end
        // is midnight after the last day, or now when the period runs to today.
        // Grouped by the alias: the as-of instant is a bound parameter, and DuckDB does not see two
        // placeholders as the same expression.
        Query query = Query.select(
                        SelectItem.of(dateDiffDays(column("timestamp"), asOf()), "days_before"),
                        SelectItem.of(count(), "events"))
                .where(activity(window))
                .groupBy(column("days_before"))
                .orderBy(OrderItem.asc(column("days_before")))
                .build();
        LocalDate endDay = LocalDate.ofInstant(period.end(), ZoneOffset.UTC);
        Map<LocalDate, Long> counts = new HashMap<>();
        for (ResultRows.Row row : source.run(query, period.end()).list()) {
            counts.merge(endDay.minusDays(row.count("days_before")), row.count("events"), Long::sum);
        }
        List<ExplorerStore.DayCount> days = new ArrayList<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.add(new ExplorerStore.DayCount(d, counts.getOrDefault(d, 0L)));
        }
        return days;
    }

    private static List<ExplorerStore.NameCount> top(
            EventQuerySource source, Period period, TimeWindow window, Expr key, int limit) {
        Query query = Query.select(SelectItem.of(key, "name"), SelectItem.of(count(), "events"))
                .where(activity(window))
                .where(notBlank(key))
                .groupBy(key)
                .orderBy(OrderItem.desc(count()), OrderItem.asc(key))
                .limit(limit)
                .build();
        return source.run(query, period.end()).list().stream()
                .map(row -> new ExplorerStore.NameCount(row.requiredText("name"), row.count("events")))
                .toList();
    }

    private static Expr activity(TimeWindow window) {
        return and(within(column("timestamp"), window), not(in(column("event"), params("not_activity", NOT_ACTIVITY))));
    }

    private static ProblemException sourceFailed(String detail) {
        return new ProblemException(HttpStatus.BAD_GATEWAY, "event-source-failed", "Event source failed", detail);
    }
}
