package dev.beton.emulator.posthog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a HogQL {@code SELECT} over one project's captured events. This is the seam for growing
 * the emulator's SQL: the query route only knows this interface, so a richer evaluator replaces
 * {@link HogQLQueryEvaluator} without touching HTTP code.
 */
interface HogQLEvaluator {

    /**
     * @param query the HogQL text as sent
     * @param values constants for {@code {placeholder}}s, from {@code query.values}
     * @param tables the project's data as HogQL tables see it
     * @param now "now()" for the query, from the emulator's clock
     * @throws HogQLError when the query is malformed or asks for something unsupported
     */
    Result evaluate(String query, Map<String, Object> values, Tables tables, Instant now);

    /**
     * A consistent snapshot of one project's data.
     *
     * @param events captured events, in capture order ({@code events})
     * @param groupTypes group type names by index ({@code $group_N}, {@code group_N})
     * @param groups identified groups ({@code groups})
     * @param persons persons ({@code persons}, {@code person.properties})
     * @param groupTypesCreatedAt creation time of each group type, by index
     * @param definitions the project's property definitions (typed property access)
     * @param timezone the project's time zone, in which HogQL shows and counts times
     */
    record Tables(
            List<CapturedEvent> events,
            List<String> groupTypes,
            List<CapturedGroup> groups,
            List<CapturedPerson> persons,
            List<Instant> groupTypesCreatedAt,
            PropertyDefinitions definitions,
            java.time.ZoneId timezone) {

        public Tables {
            events = List.copyOf(events);
            groupTypes = List.copyOf(groupTypes);
            groups = List.copyOf(groups);
            persons = List.copyOf(persons);
            // null = creation time unknown (List.copyOf refuses nulls)
            groupTypesCreatedAt =
                    java.util.Collections.unmodifiableList(new java.util.ArrayList<>(groupTypesCreatedAt));
        }

        Tables(
                List<CapturedEvent> events,
                List<String> groupTypes,
                List<CapturedGroup> groups,
                List<CapturedPerson> persons) {
            this(events, groupTypes, groups, persons, List.of(), new PropertyDefinitions(), java.time.ZoneOffset.UTC);
        }

        static Tables of(List<CapturedEvent> events) {
            return new Tables(events, List.of(), List.of(), List.of());
        }
    }

    /**
     * A result table.
     *
     * @param columns column names
     * @param types ClickHouse type per column, e.g. {@code UInt64}
     * @param rows rows aligned with {@code columns}
     * @param limit the explicit {@code LIMIT}, or -1 when the query had none (the route then
     *     applies the default page of 100 and reports {@code hasMore})
     */
    record Result(List<String> columns, List<String> types, List<List<Object>> rows, int limit) {

        public Result {
            columns = List.copyOf(columns);
            types = List.copyOf(types);
            rows = List.copyOf(rows);
        }
    }
}
