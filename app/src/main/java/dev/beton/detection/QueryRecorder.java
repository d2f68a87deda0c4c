package dev.beton.detection;

import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Passes queries to a runner and remembers each one as sent, failed ones included: what a run
 * shows as its queries is what reached the source, not a second rendering of the definitions.
 */
final class QueryRecorder implements QueryRunner {

    private final QueryRunner runner;
    private final Function<RenderedQuery, String> labels;
    private final List<SentQuery> sent = Collections.synchronizedList(new ArrayList<>());

    QueryRecorder(QueryRunner runner, Function<RenderedQuery, String> labels) {
        this.runner = runner;
        this.labels = labels;
    }

    @Override
    public ResultRows run(RenderedQuery query) {
        sent.add(new SentQuery(labels.apply(query), query.dialect().name(), query.sql(), plain(query.namedValues())));
        return runner.run(query);
    }

    List<SentQuery> sent() {
        return List.copyOf(sent);
    }

    // Stored as JSON: instants and dates as their ISO text, the way PostHog receives them.
    private static Map<String, Object> plain(Map<String, Object> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        values.forEach((k, v) -> plain.put(k, v instanceof Temporal ? v.toString() : v));
        return plain;
    }
}
