package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLScope.Relation;
import dev.beton.emulator.posthog.HogQLSyntax.Select;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulator's HogQL: parses the query into its own tree ({@link HogQLParser}) and interprets
 * it over the project's captured events in plain Java ({@link HogQLSelect}). What it cannot
 * evaluate it refuses with PostHog's 400 errors; it never guesses. docs/EMULATORS.md lists the
 * subset.
 */
final class HogQLQueryEvaluator implements HogQLEvaluator {

    static final int MAX_LIMIT = 50_000;

    static final String OFFSET_BANNED = "OFFSET is not supported on queries made with a personal API key. "
            + "For pagination, use keyset pagination on the `timestamp` column, e.g. "
            + "`WHERE timestamp > :last_seen_timestamp ORDER BY timestamp LIMIT N`.";

    @Override
    public Result evaluate(String query, Map<String, Object> values, Tables tables, Instant now) {
        if (HogQLTokens.of(query).containsAhead("OFFSET")) {
            throw HogQLError.query(OFFSET_BANNED);
        }
        Select select = HogQLParser.parse(query);
        HogQLInterpreter interpreter = new HogQLInterpreter(values, now, tables.timezone());
        Relation relation =
                new HogQLSelect(new EventsTable(tables), tables.events(), interpreter).run(select, Map.of());
        // With a LIMIT, PostHog clamps it and does not paginate; without one the route pages by 100.
        int limit = select.limit().isPresent() ? MAX_LIMIT : -1;
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row :
                relation.rows().subList(0, Math.min(relation.rows().size(), MAX_LIMIT))) {
            rows.add(row.stream()
                    .map(v -> HogQLValues.toJson(v, tables.timezone()))
                    .toList());
        }
        return new Result(
                relation.columns(),
                relation.types().stream().map(HogQLType::name).toList(),
                rows,
                limit);
    }
}
